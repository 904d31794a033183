// What delivering the board pack costs, end to end through the local host, the bot and the store
// on Azurite, with 1,000 actions in the place: `board pack` in a channel (the links) and in
// personal chat (the consent cards), a download through a link (the file made as it streams),
// and an accepted consent card (the file made, then PUT to a local stand-in for OneDrive).
// Transactions from the stores' own counters (records, place settings, pack links and audit).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createAction } from '../records/action.js';
import { addDays, londonToday } from '../records/dates.js';
import { BotHarness, cardsOf, messageActivity, type Sender } from '../test/support/botHarness.js';

export interface DeliveryRow {
  operation: string;
  transactions: number;
  medianMs: number;
  note: string;
}

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel', teamsId: '29:sam' };
const ACTIONS = 1_000;
/** Each chat operation is repeated this often; each file made, FILE_REPEAT times (a file at 1,000 actions takes seconds). */
const REPEAT = 10;
const FILE_REPEAT = 3;
const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:bench@thread.tacv2;messageid=1', from: SAM };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function benchDelivery(): Promise<DeliveryRow[]> {
  const bot = await BotHarness.start({ members: [SAM] });
  let received = 0;
  const oneDrive = createServer((req, res) => {
    req.on('data', (c: Buffer) => (received += c.length));
    req.on('end', () => res.writeHead(201).end());
  });
  await new Promise<void>((r) => oneDrive.listen(0, '127.0.0.1', r));
  const uploadUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}/upload`;
  try {
    const { records, places, packs } = bot.runtime;
    await places.put({ place: 'BPL', displayName: 'Blackpool', admins: [{ id: SAM.id, name: SAM.name }] });
    const now = new Date();
    const actor = { id: SAM.id, name: SAM.name, roles: ['admin' as const] };
    for (let i = 0; i < ACTIONS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, ACTIONS - i) }, (_, j) =>
          records.create('action', 'BPL', (ref) =>
            createAction(
              {
                place: 'BPL',
                description: `Bench action ${i + j}: agree the BCF section 75 schedule`,
                owner: { id: `aad-o${j % 7}`, name: `Owner ${j % 7}` },
                dueDate: addDays(londonToday(now), (i + j) % 60),
                links: {},
              },
              ref,
              actor,
              now,
            ),
          ),
        ),
      );
    }
    const stores = [records, places, packs];
    const measure = async (
      operation: string,
      note: (i: number) => string,
      op: (i: number) => Promise<unknown>,
      times = REPEAT,
    ): Promise<DeliveryRow> => {
      const ms: number[] = [];
      stores.forEach((s) => s.metrics.reset());
      let last = '';
      for (let i = 0; i < times; i++) {
        const t = performance.now();
        await op(i);
        ms.push(performance.now() - t);
        last = note(i);
      }
      return { operation, transactions: stores.reduce((n, s) => n + s.metrics.transactions, 0) / times, medianMs: median(ms), note: last };
    };

    let linkCard: Record<string, unknown> = {};
    const rows: DeliveryRow[] = [];
    // The links go to the asker 1:1, so the secretary has talked to the bot in their personal chat first.
    await bot.post(messageActivity(bot.serviceUrl, 'help', { from: SAM }));
    rows.push(
      await measure(
        'board pack in a channel (6 links made, sent to the asker 1:1)',
        () => '6 link rows inserted',
        async () => {
          const before = bot.replies.length;
          await bot.post(messageActivity(bot.serviceUrl, 'board pack Blackpool', CHANNEL));
          // The links go to the asker's personal chat; the channel is told only that they were sent.
          linkCard = bot.replies
            .slice(before)
            .flatMap((r) => cardsOf(r.activity))
            .find((c) => JSON.stringify(c).includes('Action.OpenUrl'))!;
        },
      ),
    );
    rows.push(
      await measure(
        'board pack in personal chat (summary + 6 consent cards)',
        () => '7 messages',
        () => bot.post(messageActivity(bot.serviceUrl, 'board pack Blackpool', { from: SAM })),
      ),
    );
    const urls: Record<string, string> = {};
    JSON.parse(JSON.stringify(linkCard), (_k, v) => {
      if (v && typeof v === 'object' && v.type === 'Action.OpenUrl') urls[v.title] = v.url;
      return v;
    });
    for (const title of [
      'Action log (CSV)',
      'Action log (Excel workbook)',
      'Board pack (Word document)',
      'Board pack (printable web page)',
    ]) {
      let bytes = 0;
      let failed = 0;
      rows.push(
        await measure(
          `download ${title}, ${ACTIONS.toLocaleString('en-GB')} actions`,
          () => `${(bytes / 1024).toFixed(0)} KB${failed ? `; ${failed} of ${FILE_REPEAT} broke off` : ''}`,
          async () => {
            try {
              const res = await fetch(urls[title]!, { headers: { 'x-ms-client-principal-id': SAM.id } });
              bytes = (await res.arrayBuffer()).byteLength;
            } catch {
              failed++; // the file could not be made in time: the response ends short, never complete-looking
            }
          },
          FILE_REPEAT,
        ),
      );
    }
    const sent = (await packs.filesMade('BPL')).filter((e) => e.delivery === 'upload').length;
    // Teams is answered first; the file is made and uploaded after, and its file card follows.
    const answeredMs: number[] = [];
    rows.push(
      await measure(
        `consent accepted: action log (CSV) made and uploaded, ${ACTIONS.toLocaleString('en-GB')} actions (until the file card)`,
        () => `${(received / 1024).toFixed(0)} KB received in all`,
        async () => {
          const before = bot.replies.length;
          const t = performance.now();
          await bot.post({
            ...messageActivity(bot.serviceUrl, '', { from: SAM }),
            type: 'invoke',
            name: 'fileConsent/invoke',
            replyToId: 'consent-1',
            value: {
              type: 'fileUpload',
              action: 'accept',
              context: { place: 'BPL', kind: 'actionLogCsv' },
              uploadInfo: { name: 'a.csv', uploadUrl, contentUrl: 'https://x.example/a.csv' },
            },
          });
          answeredMs.push(performance.now() - t);
          while (bot.replies.length === before) await new Promise((r) => setTimeout(r, 5));
        },
        FILE_REPEAT,
      ),
    );
    const uploads = (await packs.filesMade('BPL')).filter((e) => e.delivery === 'upload').slice(sent);
    rows.at(-1)!.note +=
      `; ${uploads.filter((e) => e.outcome === 'sent').length} of ${FILE_REPEAT} sent; Teams answered in ${median(answeredMs).toFixed(1)} ms`;
    return rows;
  } finally {
    await new Promise<void>((r) => oneDrive.close(() => r()));
    await bot.stop();
  }
}

export function printDelivery(rows: DeliveryRow[]): void {
  const head = { operation: 'operation', transactions: 'Table transactions / op', medianMs: 'median ms', note: 'note' };
  const all = [
    head,
    ...rows.map((r) => ({
      operation: r.operation,
      transactions: r.transactions.toFixed(2),
      medianMs: r.medianMs.toFixed(1),
      note: r.note,
    })),
  ];
  const w = (k: keyof typeof head) => Math.max(...all.map((r) => r[k].length));
  const line = (r: typeof head) =>
    `| ${r.operation.padEnd(w('operation'))} | ${r.transactions.padStart(w('transactions'))} | ${r.medianMs.padStart(w('medianMs'))} | ${r.note.padEnd(w('note'))} |`;
  console.log(line(head));
  console.log(
    `|${'-'.repeat(w('operation') + 2)}|${'-'.repeat(w('transactions') + 2)}|${'-'.repeat(w('medianMs') + 2)}|${'-'.repeat(w('note') + 2)}|`,
  );
  for (const r of all.slice(1)) console.log(line(r));
}

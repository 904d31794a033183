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
import { createForum } from '../records/forum.js';
import { createMeeting, type AgendaItem } from '../records/meeting.js';
import type { Actor } from '../records/people.js';
import { createSignOff } from '../records/signoff.js';

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
    rows.push(...(await benchMeetingPackDelivery(bot, measure, now)));
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

type Measure = (
  operation: string,
  note: (i: number) => string,
  op: (i: number) => Promise<unknown>,
  times?: number,
) => Promise<DeliveryRow>;

/** Meetings of the place before the one whose pack is made: its forum's previous one is found among them by bounded reads. */
const HISTORY_MEETINGS = 40;

/**
 * The pack for a meeting: `board pack <meeting ref>` in a channel, and its Word pack downloaded, with
 * 1,000 actions and HISTORY_MEETINGS earlier meetings (of two forums) in the place. The reads are
 * the meeting, the place's forums, the agenda's papers and the place's latest 24 meetings.
 */
async function benchMeetingPackDelivery(bot: BotHarness, measure: Measure, now: Date): Promise<DeliveryRow[]> {
  const { records } = bot.runtime;
  const admin: Actor = { id: SAM.id, name: SAM.name, roles: ['admin'] };
  const today = londonToday(now);
  const forumOf = async (name: string) => {
    const made = await records.create('forum', 'BPL', (ref) =>
      createForum(
        {
          place: 'BPL',
          name,
          chairs: [{ id: SAM.id, name: SAM.name, title: 'Chair' }],
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '14:00',
          reportingLines: [],
        },
        ref,
        admin,
        now,
      ),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    return made.stored.record.ref;
  };
  const board = await forumOf('Blackpool Place Partnership Board');
  const group = await forumOf('Blackpool Estates Group');
  const meeting = async (forumRef: string, date: string, agenda: AgendaItem[] = []) => {
    const made = await records.create('meeting', 'BPL', (ref) =>
      createMeeting({ place: 'BPL', board: 'Blackpool Place Partnership Board', forumRef, date, agenda }, ref, admin, now),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    return made.stored.record.ref;
  };
  // The board's meetings monthly, the group's weekly (most recent first in the index): the board's last is 5 weeks back.
  for (let i = 0; i < HISTORY_MEETINGS; i++)
    await meeting(i % 8 === 7 ? board : group, addDays(today, -7 * (1 + Math.floor(i / 2)) - (i % 2)));
  const papers: string[] = [];
  for (let k = 0; k < 4; k++) {
    const made = await records.create('signoff', 'BPL', (ref) =>
      createSignOff(
        {
          place: 'BPL',
          board: 'Blackpool Place Partnership Board',
          title: `Paper ${k + 1}`,
          summary: 'For the board.',
          paperUrl: `https://example.org/papers/${k + 1}.pdf`,
          itemType: 'document',
          route: 'meeting',
          cover: { purpose: 'decision', recommendations: 'Approve the plan.', author: 'Jo Marsden' },
          approvers: [{ id: 'aad-helen', name: 'Helen Price' }],
          dueBy: addDays(today, 10),
        },
        ref,
        admin,
        now,
      ),
    );
    if (!made.ok) throw new Error(`${made.refusal.message} ${JSON.stringify(made.refusal.fieldErrors ?? {})}`);
    papers.push(made.stored.record.ref);
  }
  const next = await meeting(board, addDays(today, 7), [
    ...papers.map((ref, k) => ({ section: 'papers' as const, ref, title: `Paper ${k + 1}` })),
    { section: 'overdue' as const, ref: 'BPL-A-0001', title: 'Bench action 0' },
  ]);
  let card: Record<string, unknown> = {};
  const rows = [
    await measure(
      `board pack ${next} in a channel (the pack for a meeting; ${HISTORY_MEETINGS} earlier meetings)`,
      () => '6 link rows inserted',
      async () => {
        const before = bot.replies.length;
        await bot.post(messageActivity(bot.serviceUrl, `board pack ${next}`, CHANNEL));
        card = bot.replies
          .slice(before)
          .flatMap((r) => cardsOf(r.activity))
          .find((c) => JSON.stringify(c).includes('Action.OpenUrl'))!;
      },
    ),
  ];
  let url = '';
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.OpenUrl' && v.title === 'Board pack (Word document)') url = v.url;
    return v;
  });
  let bytes = 0;
  rows.push(
    await measure(
      `download Board pack (Word document) for ${next}, ${ACTIONS.toLocaleString('en-GB')} actions`,
      () => `${(bytes / 1024).toFixed(0)} KB`,
      async () => {
        const res = await fetch(url, { headers: { 'x-ms-client-principal-id': SAM.id } });
        bytes = (await res.arrayBuffer()).byteLength;
      },
      FILE_REPEAT,
    ),
  );
  // Each file's audit is written once it has all gone: wait for the last before the bot stops.
  const made = () => bot.runtime.packs.filesMade('BPL').then((all) => all.filter((e) => e.fileName.startsWith(next)).length);
  for (let i = 0; i < 100 && (await made()) < FILE_REPEAT; i++) await new Promise((r) => setTimeout(r, 50));
  return rows;
}

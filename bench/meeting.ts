// A board meeting's card under use, end to end through the local host, the bot and the store on
// Azurite: closing 10 actions from the meeting card, one Close at a time and with "Close agreed
// actions" in one click (one ETag-checked write and one audit event per action either way).
// Transactions come from the stores' own counters.
import { performance } from 'node:perf_hooks';
import { applyActionCommand, createAction } from '../records/action.js';
import { addDays, londonToday } from '../records/dates.js';
import { ALEX, actionData, BotHarness } from '../test/support/botHarness.js';
import { checkCard } from '../test/support/cardCheck.js';

export interface MeetingRow {
  operation: string;
  transactions: number;
  medianMs: number;
  note: string;
}

const RUNS = 7;
const ACTIONS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function benchMeeting(): Promise<MeetingRow[]> {
  // Each run is a board meeting of its own, a quarter of an hour after the last: one chair closing 140 actions
  // in a few seconds would pass the change rate (120 in 10 minutes, records/changeRate.ts), as it should.
  let at = Date.now();
  const bot = await BotHarness.start({ clock: () => new Date(at) });
  try {
    const { records, places, people, digests } = bot.runtime;
    const stores = [records, places, people, digests];
    const reset = () => stores.forEach((s) => s.metrics.reset());
    const counted = () => stores.reduce((n, s) => n + s.metrics.transactions, 0);
    await places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: ALEX.id, name: ALEX.name }],
      admins: [{ id: ALEX.id, name: ALEX.name }],
    });
    const actor = { id: ALEX.id, name: ALEX.name, roles: ['admin' as const] };
    const today = londonToday(new Date());

    /** A meeting with 10 actions proposed for closure on its agenda; its card as the chair opens it. */
    const meetingWithTen = async () => {
      for (let i = 0; i < ACTIONS; i++) {
        const created = await records.create('action', 'BPL', (ref) =>
          createAction(
            {
              place: 'BPL',
              description: `Benchmark action ${i} for the board`,
              owner: { id: ALEX.id, name: ALEX.name },
              dueDate: addDays(today, 20),
              links: {},
            },
            ref,
            actor,
            new Date(),
          ),
        );
        if (!created.ok) throw new Error(created.refusal.message);
        await records.update(
          'action',
          created.stored,
          applyActionCommand(created.stored.record, actor, { type: 'proposeClosure' }, new Date()),
        );
      }
      const [form] = await bot.say('prepare meeting Blackpool');
      const card = await bot.click('meeting.create', {
        ...actionData(form, 'meeting.create'),
        board: 'Blackpool Place Partnership Board',
        date: today,
      });
      const ref = /Meeting (BPL-M-\d{4}) prepared/.exec(JSON.stringify(card))?.[1];
      if (!ref) throw new Error('no meeting prepared');
      return { ref, card: await bot.click('meeting.view', { ref }) };
    };

    // One Close at a time: each click answers with the meeting card, whose next Close is then pressed.
    const oneMs: number[] = [];
    let oneTx = 0;
    for (let run = 0; run < RUNS; run++) {
      at += 15 * 60_000;
      let { card } = await meetingWithTen();
      reset();
      for (let i = 0; i < ACTIONS; i++) {
        const close = checkCard(card).executeActions.find((a) => a.verb === 'meeting.closeAction');
        if (!close) throw new Error('no Close on the meeting card');
        const data = close.data as Record<string, unknown>;
        const t = performance.now();
        card = await bot.click('meeting.closeAction', { ...data, [`${String(data.ref)}.decision`]: 'Agreed at the board.' });
        oneMs.push(performance.now() - t);
      }
      oneTx += counted();
    }

    // "Close agreed actions": the ten ticked, one click.
    const batchMs: number[] = [];
    let batchTx = 0;
    for (let run = 0; run < RUNS; run++) {
      at += 15 * 60_000;
      const { card } = await meetingWithTen();
      const data = actionData(card, 'meeting.closeAgreed');
      const refs = Object.keys(JSON.parse(String(data.etags)) as Record<string, string>);
      reset();
      const t = performance.now();
      const done = await bot.click('meeting.closeAgreed', { ...data, agreed: refs.join(','), batchDecision: 'Agreed at the board.' });
      batchMs.push(performance.now() - t);
      batchTx += counted();
      if (!JSON.stringify(done).includes(`${ACTIONS} of ${ACTIONS} closed`)) throw new Error('the batch did not close all ten');
    }
    return [
      {
        operation: 'close one action from the meeting card (click)',
        transactions: oneTx / RUNS / ACTIONS,
        medianMs: median(oneMs),
        note: `median of ${RUNS * ACTIONS} clicks; the answer is the redrawn meeting card`,
      },
      {
        operation: `close ${ACTIONS} actions one by one (10 clicks)`,
        transactions: oneTx / RUNS,
        medianMs: median(oneMs) * ACTIONS,
        note: '10 × the median click',
      },
      {
        operation: `close ${ACTIONS} agreed actions (one click)`,
        transactions: batchTx / RUNS,
        medianMs: median(batchMs),
        note: `median of ${RUNS}; one write and one audit event per action`,
      },
    ];
  } finally {
    await bot.stop();
  }
}

export function printMeeting(rows: MeetingRow[]): void {
  const table = [
    ['operation', 'Table transactions', 'median ms', 'note'],
    ...rows.map((r) => [r.operation, r.transactions.toFixed(2), r.medianMs.toFixed(1), r.note]),
  ];
  const w = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const [n, row] of table.entries()) {
    console.log(`| ${row.map((c, i) => (i === 1 || i === 2 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(' | ')} |`);
    if (n === 0) console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
  }
}

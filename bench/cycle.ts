// The meeting cycle's timer tick (bot/cycle/cycleRun.ts) for 4 places × 8 forums, with 1,000 and
// with 100,000 historical records: Table transactions and the entities Azure would read, on a
// quiet day (nothing due), on the day 8 forums have something due (the first tick sends), and the
// tick after (everything already sent). The cost should follow the forums with something due,
// never the history: a tick reads each place's forums, its meetings dated in a few weeks' window
// (index rows) and the markers of that window.
// As in scale.ts: 1,000 historical records are real rows in Azurite; the rest are counted from
// the row keys the store would write (Azurite takes hours to load 100,000 records).
import { TableClient, TableServiceClient, type TransactionAction } from '@azure/data-tables';
import { createForum } from '../records/forum.js';
import { createMeeting } from '../records/meeting.js';
import type { Actor } from '../records/people.js';
import { PLACE_CODES, PLACE_NAMES } from '../records/places.js';
import { RECORDS_TABLE } from '../records/store/recordStore.js';
import { DIGESTS_TABLE } from '../records/store/digestStore.js';
import { BotHarness, type Sender } from '../test/support/botHarness.js';
import { countingPolicy, historical, historicalTemplates, KeySpace, rowsOf, type Counted } from './scale.js';
import { printTable } from './table.js';

const SIZES = [1_000, 100_000] as const;
const REAL_HISTORY = 1_000;
const FORUMS_PER_PLACE = 8;
const SECRETARY: Sender = { id: 'aad-bench-sec', name: 'Sam Secretary' };
const chairOf = (place: string): Sender => ({ id: `aad-bench-chair-${place}`, name: `Chair of ${place}` });
const TICKS: Array<[string, Date]> = [
  ['quiet day: nothing due', new Date('2026-11-20T08:15:00Z')],
  ['2 forums a place due: first tick (sends)', new Date('2026-12-03T08:15:00Z')],
  ['the same day, next tick (all sent)', new Date('2026-12-03T08:30:00Z')],
];

export interface CycleRow {
  tick: string;
  forumsDue: number;
  notices: number;
  transactions: number[];
  entities: number[];
}

/** Every row of every table (the cycle reads records, place settings, people and the digest's markers). */
async function realKeys(connectionString: string): Promise<KeySpace> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const space = new KeySpace();
  for await (const t of service.listTables()) {
    const client = TableClient.fromConnectionString(connectionString, t.name!, { allowInsecureConnection: true });
    for await (const e of client.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } }))
      space.add(String(e.partitionKey), String(e.rowKey));
  }
  return space;
}

export async function benchCycle(): Promise<CycleRow[]> {
  const bot = await BotHarness.start({ clock: () => TICKS[1]![1] });
  try {
    const { runtime } = bot;
    const conn = bot.storage.connectionString;
    const raw = TableClient.fromConnectionString(conn, RECORDS_TABLE, { allowInsecureConnection: true });
    const templates = historicalTemplates();
    const byPlace = new Map<string, TransactionAction[]>();
    for (let i = 0; i < REAL_HISTORY; i++)
      for (const row of rowsOf(historical(templates, i), i)) {
        const list = byPlace.get(row.partitionKey) ?? [];
        list.push(['upsert', row, 'Replace']);
        byPlace.set(row.partitionKey, list);
      }
    for (const actions of byPlace.values())
      for (let i = 0; i < actions.length; i += 100) await raw.submitTransaction(actions.slice(i, i + 100));

    // Each place: its chair and the secretary have talked to the bot; 8 forums, of which one meets on
    // 10 December (pack and agenda due on the 3rd) and one met on 1 December without key messages.
    await bot.say('help', { from: SECRETARY });
    for (const place of PLACE_CODES) {
      const chair = chairOf(place);
      await bot.say('help', { from: chair });
      await runtime.places.put({ place, displayName: PLACE_NAMES[place], chairs: [chair], admins: [SECRETARY] });
      const admin: Actor = { ...SECRETARY, roles: ['admin'] };
      for (let i = 0; i < FORUMS_PER_PLACE; i++) {
        const dates = i === 0 ? ['2026-12-10', '2027-01-14'] : i === 1 ? ['2026-12-01', '2027-01-05'] : [`2027-02-${10 + i}`];
        const created = await runtime.records.create('forum', place, (ref) =>
          createForum(
            {
              place,
              name: `${PLACE_NAMES[place]} forum ${i + 1}`,
              chairs: [{ ...chair, title: 'Chair' }],
              secretary: SECRETARY,
              rhythm: { type: 'dates', dates },
              startTime: '14:00',
              reportingLines: [],
            },
            ref,
            admin,
            new Date('2026-11-02T10:00:00Z'),
          ),
        );
        if (!created.ok) throw new Error(created.refusal.message);
        if (i !== 1) continue;
        const held = await runtime.records.create('meeting', place, (ref) =>
          createMeeting(
            { place, forumRef: created.stored.record.ref, board: created.stored.record.name, date: '2026-12-01', agenda: [] },
            ref,
            admin,
            new Date('2026-12-01T16:00:00Z'),
          ),
        );
        if (!held.ok) throw new Error(held.refusal.message);
      }
    }

    const markers = TableClient.fromConnectionString(conn, DIGESTS_TABLE, { allowInsecureConnection: true });
    const clearMarkers = async () => {
      for await (const e of markers.listEntities({ queryOptions: { filter: "RowKey ge 'cycle|' and RowKey lt 'cycle}'" } }))
        await markers.deleteEntity(String(e.partitionKey), String(e.rowKey));
    };
    let space = new KeySpace();
    const tally: Counted = { transactions: 0, entities: 0 };
    for (const store of [runtime.records, runtime.places, runtime.people, runtime.cycleNotices])
      (store as unknown as { client: TableClient }).client.pipeline.addPolicy(
        countingPolicy(() => space, tally),
        { afterPhase: 'Retry' },
      );

    const rows: CycleRow[] = TICKS.map(([tick]) => ({ tick, forumsDue: 0, notices: 0, transactions: [], entities: [] }));
    // A warm-up pass first (connections, the place settings each process keeps), then each size afresh.
    for (const size of [0, ...SIZES]) {
      await clearMarkers();
      space = await realKeys(conn);
      if (size > REAL_HISTORY)
        for (let i = REAL_HISTORY; i < size; i++) for (const r of rowsOf(historical(templates, i), i)) space.add(r.partitionKey, r.rowKey);
      space.count('BPL', 'rec|', 'rec}'); // sorts the keys now, not inside a counted request
      // Building the key space takes a while: wake every store's connections (a reset socket's retry would count twice).
      await Promise.all([runtime.cycle.tick(TICKS[0]![1]), runtime.people.get('nobody'), runtime.cycleNotices.get('BPL', 'nothing')]);
      for (const [i, [, at]] of TICKS.entries()) {
        tally.transactions = 0;
        tally.entities = 0;
        const lines = await runtime.cycle.tick(at);
        if (!size) continue;
        rows[i]!.forumsDue = new Set(lines.map((l) => `${l.place} ${l.forum}`)).size;
        rows[i]!.notices = lines.length;
        rows[i]!.transactions.push(tally.transactions);
        rows[i]!.entities.push(tally.entities);
      }
    }
    return rows;
  } finally {
    await bot.stop();
  }
}

const ratio = (x: number, y: number) => (x === y ? '1.00' : (x / y).toFixed(2));

export function printCycle(rows: CycleRow[]): void {
  const [a, b] = SIZES.map((n) => n.toLocaleString('en-GB'));
  printTable([
    ['tick', 'forums with something due', 'notices', `transactions ${a} → ${b}`, `entities read ${a} → ${b}`, 'entities ×'],
    ...rows.map((r) => [
      r.tick,
      String(r.forumsDue),
      String(r.notices),
      `${r.transactions[0]} → ${r.transactions[1]}`,
      `${r.entities[0]} → ${r.entities[1]}`,
      ratio(r.entities[1]!, r.entities[0]!),
    ]),
  ]);
  console.log(
    '  (transactions on records, place settings, people and the cycle markers; sends go to a local connector. Target: × 1.00, and a quiet day costs the forums and window reads only.)',
  );
}

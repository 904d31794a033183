// npm run bench: Table transactions per store operation (from the store's own counter) and
// side-by-side ratios measured in this one run, against an in-process Azurite.
//
// Transactions are what Azure bills and throttles, and they are exact. Latencies are
// Azurite-on-this-machine numbers: read them as ratios, not as production figures
// (Azurite scans in memory; Azure serves a PartitionKey + RowKey range from its index).
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { performance } from 'node:perf_hooks';
import { applyActionCommand, createAction, type Action, type ActionDraft } from '../records/action.js';
import { auditEvent } from '../records/audit.js';
import type { Actor } from '../records/people.js';
import { PLACE_CODES, type PlaceCode } from '../records/places.js';
import { auditEntities } from '../records/store/entity.js';
import { RecordStore, type Stored } from '../records/store/index.js';
import { startAzurite } from '../test/support/azurite.js';
import { benchChatOperations } from './chat.js';
import { benchColdStart, printColdStart } from './coldStart.js';
import { benchDigest } from './digest.js';
import { benchCycle, printCycle } from './cycle.js';
import { benchFloor, printFloor } from './floor.js';
import { benchMeeting, printMeeting } from './meeting.js';
import { benchScale, printScale } from './scale.js';
import { benchSearch, printSearch } from './search.js';
import { benchMeetingPack, benchPackFiles, printMeetingPack, printPackFiles } from './packFiles.js';
import { benchDelivery, printDelivery } from './delivery.js';

const ACTOR: Actor = { id: 'aad-bench', name: 'Bench Mark', roles: ['admin'] };
const NOW = new Date('2026-11-23T10:00:00.000Z');
const WEEK_START = '2026-11-16T00:00:00.000Z';
const WEEK_END = '2026-11-23T00:00:00.000Z';
const HISTORY = 10_000;
const REPEAT = 30;

interface Row {
  operation: string;
  transactions: string;
  medianMs: string;
  note?: string;
}

function draft(place: PlaceCode, i: number): ActionDraft {
  return {
    place,
    description: `Benchmark action ${i}: review the Better Care Fund section 75 schedule`,
    owner: { id: `aad-owner-${i % 10}`, name: `Owner ${i % 10}` },
    dueDate: '2027-01-15',
    links: {},
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Runs `op` `times` times; transactions per run (from the counter) and median latency. */
async function measure(store: RecordStore, times: number, op: (i: number) => Promise<unknown>) {
  const ms: number[] = [];
  store.metrics.reset();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await op(i);
    ms.push(performance.now() - t);
  }
  return { tx: store.metrics.transactions / times, ms: median(ms) };
}

async function seedHistory(raw: TableClient, place: PlaceCode, count: number, before: Date) {
  const batches: TransactionAction[][] = [];
  for (let i = 0; i < count; i += 100) {
    const batch: TransactionAction[] = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      const at = new Date(before.getTime() - (j + 1) * 600_000).toISOString();
      const ev = auditEvent(
        'action',
        { ref: `${place}-A-9${String(j % 999).padStart(3, '0')}`, place },
        ACTOR,
        'addUpdate',
        at,
        { status: 'OPEN' },
        { status: 'IN_PROGRESS' },
      );
      batch.push(['create', auditEntities(ev, `seed${String(j).padStart(6, '0')}`)[0]!]);
    }
    batches.push(batch);
  }
  for (let i = 0; i < batches.length; i += 10) await Promise.all(batches.slice(i, i + 10).map((b) => raw.submitTransaction(b)));
}

/**
 * BENCH_ONLY=floor,coldstart (comma-separated) runs only those parts; unset, every part runs.
 * Parts: store, chat, digest, cycle, floor, scale, search, meeting, coldstart, packfiles, delivery.
 */
const PARTS = ['store', 'chat', 'digest', 'cycle', 'floor', 'scale', 'search', 'meeting', 'coldstart', 'packfiles', 'delivery'] as const;
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const p of only)
  if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_ONLY: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
const runs = (part: (typeof PARTS)[number]) => only.length === 0 || only.includes(part);

async function main() {
  if (runs('store')) await benchStore();
  if (runs('chat')) {
    // Per chat operation, through the local host and the bot (the Functions handlers).
    const chat = await benchChatOperations();
    console.log(
      '\nPer chat operation (HTTP through the local host, bot, store; transactions on every table: records, place settings, people, digests):',
    );
    print(chat.map((r) => ({ operation: r.operation, transactions: r.transactions.toFixed(2), medianMs: r.medianMs.toFixed(2) })));
    const submit = chat.find((r) => r.operation.startsWith('log action submit'))!;
    const help = chat.find((r) => r.operation.startsWith('help'))!;
    console.log(
      `\n  log action submit latency vs help (no storage): ${(submit.medianMs / help.medianMs).toFixed(2)}×  (Teams gives an invoke ~5 s)`,
    );
  }

  if (runs('digest')) await benchDigest();

  if (runs('cycle')) {
    console.log('\nThe meeting cycle on the digest timer, 4 places × 8 forums, with 1,000 vs 100,000 historical records:');
    printCycle(await benchCycle());
  }

  if (runs('floor')) {
    console.log(
      '\nFloor: the app vs a bare botbuilder bot doing one entity-group transaction per turn (same Azurite, same load, autocannon):',
    );
    printFloor(await benchFloor());
  }

  if (runs('scale')) {
    console.log('\nScale: each list with 1,000 vs 100,000 historical records (entities Azure would read, Table transactions):');
    printScale(await benchScale());
  }

  if (runs('search')) {
    console.log(
      '\nSearch: find with 1,000 vs 100,000 records (entities Azure would read, Table transactions), and the word index on writes:',
    );
    printSearch(await benchSearch());
  }

  if (runs('meeting')) {
    console.log('\nA board meeting: closing 10 actions from the meeting card (HTTP through the local host, bot, store):');
    printMeeting(await benchMeeting());
  }

  if (runs('coldstart')) {
    console.log('\nCold start and memory of the built app (npm run build):');
    const cold = await benchColdStart();
    if (cold) printColdStart(cold);
  }

  if (runs('packfiles')) {
    console.log('\nBoard pack files (records/pack): time and live memory to make each file from 100, 1,000 and 10,000 actions:');
    printPackFiles(benchPackFiles());
    console.log('\nThe pack for a meeting (records/pack/meetingPack.ts): time and live memory, 100 to 10,000 actions:');
    printMeetingPack(benchMeetingPack());
    console.log('\n"actions <place>" and the board pack\'s reads with 1,000 vs 100,000 historical records:');
    if (runs('scale')) console.log('  (rows "actions <place>: …" and "board pack: …" in the Scale table above)');
    else printScale(await benchScale((list) => list.startsWith('actions <place>') || list.startsWith('board pack')));
  }

  if (runs('delivery')) {
    console.log('\nBoard pack delivery (HTTP through the local host, bot, store; transactions on records, place settings and packfiles):');
    printDelivery(await benchDelivery());
  }
}

/** Table transactions per store operation, and latency ratios, straight on the store. */
async function benchStore() {
  const azurite = await startAzurite();
  try {
    const tableName = 'bench';
    const store = RecordStore.fromConnection({ connectionString: azurite.connectionString, tableName });
    await store.ensureTable();
    const raw = TableClient.fromConnectionString(azurite.connectionString, tableName, { allowInsecureConnection: true });
    const rows: Row[] = [];
    const fmt = (n: number, d = 2) => n.toFixed(d);

    // Warm up the HTTP connection and Azurite's code paths.
    for (let i = 0; i < 5; i++) await store.create('action', 'BWD', (ref) => createAction(draft('BWD', i), ref, ACTOR, NOW));

    // Create vs a bare single-entity insert, interleaved so both see the same conditions.
    const createMs: number[] = [];
    const bareMs: number[] = [];
    store.metrics.reset();
    const created: Stored<Action>[] = [];
    for (let i = 0; i < REPEAT; i++) {
      let t = performance.now();
      const r = await store.create('action', 'BPL', (ref) => createAction(draft('BPL', i), ref, ACTOR, NOW));
      createMs.push(performance.now() - t);
      if (!r.ok) throw new Error(r.refusal.message);
      created.push(r.stored);
      t = performance.now();
      await raw.createEntity({ partitionKey: 'BARE', rowKey: `bare|${i}`, description: draft('BPL', i).description });
      bareMs.push(performance.now() - t);
    }
    const createTx = store.metrics.transactions / REPEAT;
    rows.push({ operation: 'create (1 batch; counter ETag remembered)', transactions: fmt(createTx), medianMs: fmt(median(createMs)) });
    rows.push({
      operation: 'bare single-entity insert',
      transactions: fmt(1),
      medianMs: fmt(median(bareMs)),
      note: 'raw TableClient.createEntity',
    });

    const update = await measure(store, REPEAT, async (i) => {
      const cur = created[i]!;
      const next = applyActionCommand(
        cur.record,
        ACTOR,
        { type: 'addUpdate', text: `Progress note ${i}` },
        new Date(NOW.getTime() + 1000 + i),
      );
      const r = await store.update('action', cur, next);
      if (!r.ok) throw new Error(r.refusal.message);
      created[i] = r.stored;
    });
    rows.push({ operation: 'update (1 batch, ETag-checked)', transactions: fmt(update.tx), medianMs: fmt(update.ms) });

    const get = await measure(store, REPEAT, (i) => store.get('action', created[i]!.record.ref));
    rows.push({ operation: 'get by ref', transactions: fmt(get.tx), medianMs: fmt(get.ms) });

    // Spread some actions over the other places so "open by owner" is a cross-place query.
    for (const place of PLACE_CODES.filter((p) => p !== 'BPL')) {
      for (let i = 0; i < 20; i++) await store.create('action', place, (ref) => createAction(draft(place, i), ref, ACTOR, NOW));
    }
    const byOwner = await measure(store, REPEAT, () => store.listOpenActionsByOwner('aad-owner-3'));
    const found = (await store.listOpenActionsByOwner('aad-owner-3')).length;
    rows.push({
      operation: 'list open actions by owner (4 places)',
      transactions: fmt(byOwner.tx),
      medianMs: fmt(byOwner.ms),
      note: `${found} found`,
    });

    // Weekly window: the same 20 changes in a week in two places; one has 10,000 older audit events.
    for (const place of ['LAN', 'SC'] as const) {
      for (let i = 0; i < 20; i++) {
        const at = new Date(Date.parse(WEEK_START) + (i + 1) * 3_600_000 * 7);
        await store.create('action', place, (ref) => createAction({ ...draft(place, i), dueDate: '2027-02-01' }, ref, ACTOR, at));
      }
    }
    await seedHistory(raw, 'LAN', HISTORY, new Date(WEEK_START));
    const withHistory = await measure(store, REPEAT, () => store.changesBetween('LAN', WEEK_START, WEEK_END));
    const withoutHistory = await measure(store, REPEAT, () => store.changesBetween('SC', WEEK_START, WEEK_END));
    const nWith = (await store.changesBetween('LAN', WEEK_START, WEEK_END)).length;
    const nWithout = (await store.changesBetween('SC', WEEK_START, WEEK_END)).length;
    rows.push({
      operation: `weekly window, ${HISTORY.toLocaleString('en-GB')} older events`,
      transactions: fmt(withHistory.tx),
      medianMs: fmt(withHistory.ms),
      note: `${nWith} changes`,
    });
    rows.push({
      operation: 'weekly window, no older events',
      transactions: fmt(withoutHistory.tx),
      medianMs: fmt(withoutHistory.ms),
      note: `${nWithout} changes`,
    });

    // Contention: 50 creates at once in one place. One store queues its own creates per place
    // and kind; separate stores (other Function instances) race on the counter's ETag and retry.
    for (const instances of [1, 5]) {
      const stores = Array.from({ length: instances }, () =>
        RecordStore.fromConnection({ connectionString: azurite.connectionString, tableName }),
      );
      const t = performance.now();
      const burst = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stores[i % instances]!.create('action', 'BWD', (ref) => createAction(draft('BWD', i), ref, ACTOR, NOW)),
        ),
      );
      const burstMs = performance.now() - t;
      if (burst.some((r) => !r.ok)) throw new Error('a concurrent create was refused');
      const tx = stores.reduce((sum, s) => sum + s.metrics.transactions, 0);
      rows.push({
        operation: `50 concurrent creates, one place, ${instances} store${instances > 1 ? 's' : ''}`,
        transactions: fmt(tx / 50),
        medianMs: fmt(burstMs / 50),
        note: `per create; ${fmt(burstMs, 0)} ms in all`,
      });
    }

    print(rows);
    console.log('\nRatios (same run):');
    console.log(
      `  window query transactions, ${HISTORY.toLocaleString('en-GB')} older events vs none: ${fmt(withHistory.tx / withoutHistory.tx)}×  (cost follows the week's changes, not history)`,
    );
    console.log(
      `  window query latency,      ${HISTORY.toLocaleString('en-GB')} older events vs none: ${fmt(withHistory.ms / withoutHistory.ms)}×  (Azurite scans in memory; Azure uses the row-key index)`,
    );
    console.log(
      `  create latency vs bare single-entity insert: ${fmt(median(createMs) / median(bareMs))}×  (create = one transaction: counter, record, audit, index rows)`,
    );
    console.log(`  create transactions vs bare insert: ${fmt(createTx)}×`);
  } finally {
    await azurite.dispose();
  }
}

function print(rows: Row[]) {
  const head: Row = { operation: 'operation', transactions: 'Table transactions / op', medianMs: 'median ms', note: 'note' };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => (r[k] ?? '').length));
  const line = (r: Row) =>
    `| ${r.operation.padEnd(w('operation'))} | ${r.transactions.padStart(w('transactions'))} | ${r.medianMs.padStart(w('medianMs'))} | ${(r.note ?? '').padEnd(w('note'))} |`;
  console.log(line(head));
  console.log(
    `|${'-'.repeat(w('operation') + 2)}|${'-'.repeat(w('transactions') + 2)}|${'-'.repeat(w('medianMs') + 2)}|${'-'.repeat(w('note') + 2)}|`,
  );
  for (const r of rows) console.log(line(r));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

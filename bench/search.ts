// Search: what `find` costs with 1,000 and with 100,000 records, for words with the same number of
// matches at both sizes, and what the word index adds to a create and a change.
//
// Entities read are counted as in scale.ts: a point read is 1; a query reads its PartitionKey/RowKey
// range, here at most its page ($top) from where it starts. The first 1,000 records are real rows in
// Azurite; beyond that, the rows the store would write (record row and word rows) are computed with
// the store's own code and counted without being written (Azurite takes hours to load 100,000
// records). Median latency is measured at 1,000 only: Azurite examines every entity of a table for
// every query, so its timings at 100,000 would measure Azurite, not the index.
import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { performance } from 'node:perf_hooks';
import { applyActionCommand, createAction, type Action } from '../records/action.js';
import type { Actor } from '../records/people.js';
import { PLACE_CODES, type PlaceCode } from '../records/places.js';
import { formatRef } from '../records/refs.js';
import { parseQuery } from '../records/search.js';
import { actionCodec, recordColumns } from '../records/store/codecs.js';
import { toChunks } from '../records/store/entity.js';
import { RecordStore, type Stored } from '../records/store/index.js';
import { wordRows } from '../records/store/wordIndex.js';
import { startAzurite } from '../test/support/azurite.js';
import { countingPolicy, KeySpace, type Counted } from './scale.js';
import { printTable } from './table.js';

const ACTOR: Actor = { id: 'aad-bench', name: 'Bench Mark', roles: ['admin'] };
const OWNERS = ['Helen Price', 'Imran Shah', 'Ruth Ellison', 'Sam Patel', 'Jo Bloggs'].map((name, i) => ({ id: `aad-o${i}`, name }));
const SIZES = [1_000, 100_000] as const;
const REPEAT = 20;
/** Words of the background records: realistic, and none shares a prefix with the words searched for. */
const VOCABULARY = [
  'estates',
  'finance',
  'digital',
  'primary',
  'care',
  'hospice',
  'urgent',
  'response',
  'carers',
  'housing',
  'dementia',
  'frailty',
  'pharmacy',
  'dental',
  'maternity',
  'children',
  'transport',
  'stroke',
  'diabetes',
  'obesity',
  'smoking',
  'alcohol',
  'screening',
  'vaccination',
  'outpatients',
  'referral',
  'pathway',
  'audit',
  'budget',
  'contract',
  'tender',
  'governance',
  'minutes',
  'agenda',
  'report',
  'survey',
  'engagement',
  'volunteers',
  'faith',
  'libraries',
];
/** The searched-for words: in exactly MATCHES records at both sizes. */
const MATCHES = 40;
const QUERIES = [
  ['one word', 'workforce'],
  ['three words', 'workforce nursing community'],
] as const;

function background(i: number, place: PlaceCode, n: number): Action {
  const words = Array.from({ length: 6 }, (_, k) => VOCABULARY[(i * 7 + k * 13) % VOCABULARY.length]!).join(' ');
  const made = createAction(
    { place, description: `Review the ${words} plan ${i}`, owner: OWNERS[i % OWNERS.length]!, dueDate: '2027-01-15', links: {} },
    formatRef(place, 'action', n),
    ACTOR,
    new Date(Date.UTC(2024, 0, 1) + i * 60_000),
  );
  if (!made.ok) throw new Error(made.refusal.message);
  return made.record;
}

function matching(i: number, place: PlaceCode, n: number): Action {
  const made = createAction(
    {
      place,
      description: `Workforce plan for community nursing, part ${i}`,
      owner: OWNERS[i % OWNERS.length]!,
      dueDate: '2027-01-15',
      links: {},
    },
    formatRef(place, 'action', n),
    ACTOR,
    new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  );
  if (!made.ok) throw new Error(made.refusal.message);
  return made.record;
}

function rowsOf(a: Action) {
  return [{ partitionKey: a.place, rowKey: `rec|${a.ref}`, ...recordColumns(actionCodec, a), ...toChunks(a, a.ref) }, ...wordRows(a)];
}

/** Entities in each entity-group transaction the store submits (the operations in its multipart body). */
function batchPolicy(sizes: number[]): PipelinePolicy {
  return {
    name: 'countBatchEntities',
    sendRequest: (request, next) => {
      if (request.method === 'POST' && request.url.includes('$batch') && typeof request.body === 'string') {
        sizes.push((request.body.match(/^(POST|PUT|PATCH|MERGE|DELETE) http/gm) ?? []).length);
      }
      return next(request);
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface SearchBench {
  find: Array<{ query: string; found: number[]; transactions: number[]; entities: number[]; medianMs: number }>;
  writes: Array<{ operation: string; transactions: number; entities: number; wordRows: number; medianMs: number }>;
}

export async function benchSearch(): Promise<SearchBench> {
  const azurite = await startAzurite();
  try {
    const tableName = 'search';
    // A long deadline: on a loaded machine Azurite's full scans can pass the app's 1.5 s per call.
    const store = RecordStore.fromConnection({ connectionString: azurite.connectionString, tableName, deadlineMs: 30_000 });
    await store.ensureTable();
    const raw = TableClient.fromConnectionString(azurite.connectionString, tableName, { allowInsecureConnection: true });
    const client = (store as unknown as { client: TableClient }).client;

    // --- the word index on writes: creates and changes through the store, each one transaction.
    const sizes: number[] = [];
    client.pipeline.addPolicy(batchPolicy(sizes), { afterPhase: 'Retry' });
    for (let i = 0; i < 3; i++)
      await store.create('action', 'BWD', (ref) =>
        createAction(
          { place: 'BWD', description: `Warm up ${i}`, owner: OWNERS[0]!, dueDate: '2027-01-15', links: {} },
          ref,
          ACTOR,
          new Date(),
        ),
      );
    const writes: SearchBench['writes'] = [];
    const created: Stored<Action>[] = [];
    const ms: number[] = [];
    store.metrics.reset();
    sizes.length = 0;
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      const r = await store.create('action', 'BWD', (ref) =>
        createAction(
          {
            place: 'BWD',
            description: `Agree the Better Care Fund section 75 schedule with the council, draft ${i}`,
            owner: OWNERS[i % 5]!,
            dueDate: '2027-01-15',
            links: { priority: 'BCF' },
          },
          ref,
          ACTOR,
          new Date(),
        ),
      );
      ms.push(performance.now() - t);
      if (!r.ok) throw new Error(r.refusal.message);
      created.push(r.stored as Stored<Action>);
    }
    const words = created.reduce((s, c) => s + wordRows(c.record).length, 0) / REPEAT;
    writes.push({
      operation: 'create an action (with its word rows)',
      transactions: store.metrics.transactions / REPEAT,
      entities: sizes.reduce((a, b) => a + b, 0) / sizes.length,
      wordRows: words,
      medianMs: median(ms),
    });
    store.metrics.reset();
    sizes.length = 0;
    ms.length = 0;
    let changed = 0;
    for (let i = 0; i < REPEAT; i++) {
      const cur = created[i]!;
      const next = applyActionCommand(
        cur.record,
        ACTOR,
        { type: 'addUpdate', text: `Legal view from the council received; hospice and dementia leads consulted (${i})` },
        new Date(),
      );
      if (!next.ok) throw new Error(next.refusal.message);
      changed += wordRows(next.record).filter((w) => !wordRows(cur.record).some((x) => x.rowKey === w.rowKey)).length;
      const t = performance.now();
      const r = await store.update('action', cur, next);
      ms.push(performance.now() - t);
      if (!r.ok) throw new Error(r.refusal.message);
    }
    writes.push({
      operation: 'add an update with new words (change)',
      transactions: store.metrics.transactions / REPEAT,
      entities: sizes.reduce((a, b) => a + b, 0) / sizes.length,
      wordRows: changed / REPEAT,
      medianMs: median(ms),
    });

    // --- find: MATCHES records with the searched-for words, the rest background, spread over the places.
    const perPlace = new Map<PlaceCode, number>();
    const nextRef = (p: PlaceCode) => {
      const n = (perPlace.get(p) ?? 1000) + 1;
      perPlace.set(p, n);
      return n;
    };
    const byPlace = new Map<string, TransactionAction[]>();
    const real: Action[] = [];
    for (let i = 0; i < MATCHES; i++) {
      const p = PLACE_CODES[i % PLACE_CODES.length]!;
      real.push(matching(i, p, nextRef(p)));
    }
    for (let i = 0; i < SIZES[0] - MATCHES; i++) {
      const p = PLACE_CODES[i % PLACE_CODES.length]!;
      real.push(background(i, p, nextRef(p)));
    }
    for (const a of real)
      for (const row of rowsOf(a)) {
        const list = byPlace.get(row.partitionKey) ?? [];
        list.push(['upsert', row, 'Replace']);
        byPlace.set(row.partitionKey, list);
      }
    for (const actions of byPlace.values())
      for (let i = 0; i < actions.length; i += 100) await raw.submitTransaction(actions.slice(i, i + 100));

    let space = new KeySpace();
    for await (const e of raw.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } }))
      space.add(String(e.partitionKey), String(e.rowKey));
    const tally: Counted = { transactions: 0, entities: 0 };
    client.pipeline.addPolicy(
      countingPolicy(() => space, tally),
      { afterPhase: 'Retry' },
    );

    const find: SearchBench['find'] = QUERIES.map(([label, text]) => ({
      query: `${label}: find ${text}`,
      found: [],
      transactions: [],
      entities: [],
      medianMs: NaN,
    }));
    for (const size of SIZES) {
      if (size > SIZES[0]) {
        const computed = new KeySpace();
        for await (const e of raw.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } }))
          computed.add(String(e.partitionKey), String(e.rowKey));
        for (let i = SIZES[0] - MATCHES; i < size - MATCHES; i++) {
          const p = PLACE_CODES[i % PLACE_CODES.length]!;
          for (const r of rowsOf(background(i, p, nextRef(p)))) computed.add(r.partitionKey, r.rowKey);
        }
        space = computed;
      }
      for (const [i, [, text]] of QUERIES.entries()) {
        const parsed = parseQuery(text);
        if (!parsed.ok) throw new Error(parsed.problem);
        await store.search(parsed.query, PLACE_CODES, { limit: 25 }); // warm up
        tally.transactions = 0;
        tally.entities = 0;
        const result = await store.search(parsed.query, PLACE_CODES, { limit: 25 });
        find[i]!.found.push(result.found.length + result.more);
        find[i]!.transactions.push(tally.transactions);
        find[i]!.entities.push(tally.entities);
        if (size === SIZES[0]) {
          const times: number[] = [];
          for (let r = 0; r < REPEAT; r++) {
            const t = performance.now();
            await store.search(parsed.query, PLACE_CODES, { limit: 25 });
            times.push(performance.now() - t);
          }
          find[i]!.medianMs = median(times);
        }
      }
    }
    return { find, writes };
  } finally {
    await azurite.dispose();
  }
}

const ratio = (x: number, y: number) => (x === y ? '1.00' : (x / y).toFixed(2));

export function printSearch(r: SearchBench): void {
  const [a, b] = SIZES.map((n) => n.toLocaleString('en-GB'));
  printTable([
    [
      'find (4 places, 25 shown)',
      `matches ${a} / ${b}`,
      `transactions ${a} → ${b}`,
      `entities read ${a} → ${b}`,
      'entities ×',
      `median ms at ${a}`,
    ],
    ...r.find.map((f) => [
      f.query,
      f.found.join(' / '),
      `${f.transactions[0]} → ${f.transactions[1]}`,
      `${f.entities[0]} → ${f.entities[1]}`,
      ratio(f.entities[1]!, f.entities[0]!),
      f.medianMs.toFixed(1),
    ]),
  ]);
  console.log(
    `  (${MATCHES} records hold the words at both sizes; the rest are background. Entities read: a point read 1, a query its key range up to its page.`,
  );
  console.log('   Target: × ≤ 1.5. Latency only at 1,000: Azurite scans every entity of a table for every query.)');
  console.log('');
  printTable([
    ['write', 'transactions / op', 'entities in the transaction', 'of which word rows written', 'median ms'],
    ...r.writes.map((w) => [w.operation, w.transactions.toFixed(2), w.entities.toFixed(1), w.wordRows.toFixed(1), w.medianMs.toFixed(1)]),
  ]);
  console.log('  (Target: still one entity-group transaction. A change writes only the word rows that differ.)');
}

if (process.argv[1]?.endsWith('search.ts')) {
  benchSearch()
    .then(printSearch)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

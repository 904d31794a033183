// The scale comparison: what each list costs with 1,000 and with 100,000 historical (closed or
// decided) records, in Table transactions and in the entities Azure would read.
//
// Azurite examines every entity of a table for every query, so its timings say nothing about
// this. A counting layer (a pipeline policy on the store's client) records every request: a
// point read reads 1 entity; a query reads every entity in the PartitionKey/RowKey range its
// filter names (the whole table when it names no partition), counted against the rows stored.
// Historical rows: the first 1,000 are real rows in Azurite; beyond that, their row keys are
// computed with the store's own layout (record row, index rows, audit rows, history pointers)
// and counted without being written, because Azurite takes hours to load 100,000 records.
import { createForum } from '../records/forum.js';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { applyActionCommand, createAction, type ActionDraft } from '../records/action.js';
import { addDays } from '../records/dates.js';
import type { Actor } from '../records/people.js';
import { PLACE_CODES, type PlaceCode } from '../records/places.js';
import { formatRef } from '../records/refs.js';
import { KIND_LETTER } from '../records/kinds.js';
import { applyMeetingCommand, createMeeting } from '../records/meeting.js';
import { UNATTACHED } from '../records/forumScope.js';
import { gatherAgenda } from '../records/meetingSources.js';
import { createRisk } from '../records/risk.js';
import { applyRiskCommand } from '../records/riskCommands.js';
import { riskDraft } from '../test/integration/store/support.js';
import { createSignOff, type SignOffDraft } from '../records/signoff.js';
import { applySignOffCommand } from '../records/signoffCommands.js';
import { codecOf, indexEntries, recordColumns, type BaseRecord } from '../records/store/codecs.js';
import { auditEntities, ROW, toChunks, utcIso } from '../records/store/entity.js';
import { RecordStore } from '../records/store/index.js';
import type { RecordKind } from '../records/audit.js';
import { startAzurite } from '../test/support/azurite.js';
import { printTable } from './table.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const TODAY = '2026-11-23';
const LONG_AGO = new Date('2024-05-01T10:00:00.000Z');
const ME: Actor = { id: 'aad-me', name: 'Morgan Me', roles: [] };
const CHAIR: Actor = { id: 'aad-chair', name: 'Chris Chair', roles: ['chair', 'admin'] };
const OTHERS = ['aad-o1', 'aad-o2', 'aad-o3', 'aad-o4'].map((id, i) => ({ id, name: `Other ${i + 1}` }));
const REAL_HISTORY = 1_000;
const SIZES = [1_000, 100_000] as const;

/** Every key the table holds (real and computed), sorted, to count ranges. */
export class KeySpace {
  private keys: string[] = [];
  private sorted = true;
  add(pk: string, rk: string) {
    this.keys.push(`${pk}\u0000${rk}`);
    this.sorted = false;
  }
  private sort() {
    if (!this.sorted) this.keys.sort();
    this.sorted = true;
  }
  private lowerBound(k: string): number {
    this.sort();
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Entities with this PartitionKey and from ≤ RowKey < to (bounds already made half-open). */
  count(pk: string | undefined, from: string, to: string | undefined): number {
    if (pk === undefined) return this.keys.length;
    const a = this.lowerBound(`${pk}\u0000${from}`);
    const b = to === undefined ? this.lowerBound(`${pk}\u0001`) : this.lowerBound(`${pk}\u0000${to}`);
    return Math.max(0, b - a);
  }
  get size() {
    return this.keys.length;
  }
}

export interface Counted {
  transactions: number;
  entities: number;
}

/**
 * The counting layer: what each request sent by a store would make Azure read. A point read is 1;
 * a query its whole PartitionKey/RowKey range, once (its continuation pages add nothing), or, when
 * it asks for pages of at most $top, each page at most $top (the search reads the index that way).
 */
export function countingPolicy(space: () => KeySpace, tally: Counted): PipelinePolicy {
  const unquote = (v: string) => v.replace(/''/g, "'");
  return {
    name: 'countEntitiesRead',
    sendRequest: (request, next) => {
      tally.transactions++;
      const url = new URL(request.url);
      const path = decodeURIComponent(url.pathname);
      const point = /\(PartitionKey='((?:[^']|'')*)',RowKey='((?:[^']|'')*)'\)$/.exec(path);
      const top = url.searchParams.has('$top') ? Number(url.searchParams.get('$top')) : undefined;
      const continued = url.searchParams.has('NextRowKey') || url.searchParams.has('NextPartitionKey');
      if (request.method === 'GET' && point) tally.entities += 1;
      else if (request.method === 'GET' && (top !== undefined || !continued)) {
        const filter = url.searchParams.get('$filter') ?? '';
        let pk: string | undefined;
        let from = '';
        let to: string | undefined;
        for (const m of filter.matchAll(/(PartitionKey|RowKey)\s+(eq|ge|gt|le|lt)\s+'((?:[^']|'')*)'/g)) {
          const value = unquote(m[3]!);
          if (m[1] === 'PartitionKey') {
            if (m[2] === 'eq') pk = value;
            else pk = undefined; // a partition range: count the table (none of the store's queries do this)
            continue;
          }
          if (m[2] === 'eq') [from, to] = [value, `${value}\u0000`];
          if (m[2] === 'ge') from = value > from ? value : from;
          if (m[2] === 'gt') from = `${value}\u0000` > from ? `${value}\u0000` : from;
          if (m[2] === 'lt') to = to === undefined || value < to ? value : to;
          if (m[2] === 'le') to = to === undefined || `${value}\u0000` < to ? `${value}\u0000` : to;
        }
        const range = space().count(pk, from, to);
        tally.entities += top === undefined ? range : Math.min(top, range);
      }
      return next(request);
    },
  };
}

/** A closed (or decided) record of each kind, built by the real rules, to copy as history. */
export function historicalTemplates(): Record<RecordKind, BaseRecord> {
  const action = createAction(
    {
      place: 'BPL',
      description: 'Historical action: agree the section 75 schedule',
      owner: ME,
      dueDate: '2024-06-01',
      links: {},
    } as ActionDraft,
    'BPL-A-0001',
    CHAIR,
    LONG_AGO,
  );
  if (!action.ok) throw new Error(JSON.stringify(action.refusal));
  const closed = applyActionCommand(action.record, CHAIR, { type: 'close', decision: 'Done' }, LONG_AGO);
  const risk = createRisk(riskDraft('BPL', 3, 3, { owner: ME }), 'BPL-R-0001', CHAIR, LONG_AGO);
  if (!risk.ok) throw new Error(risk.refusal.message);
  const closedRisk = applyRiskCommand(risk.record, CHAIR, { type: 'close', reason: 'Mitigated' }, LONG_AGO);
  // Approved between meetings: final, as history is (a chair's action would still await ratification).
  const signOff = createSignOff(signOffDraft('BPL', '2024-06-01', 'between-meetings'), 'BPL-S-0001', OTHERS[0]! as Actor, LONG_AGO);
  if (!signOff.ok) throw new Error(JSON.stringify(signOff.refusal));
  const decided = applySignOffCommand(signOff.record, { ...ME, roles: [] }, { type: 'approve' }, LONG_AGO);
  // A meeting whose key messages were published: final, as history is.
  let meeting = createMeeting(
    { place: 'BPL', board: 'Place Partnership Board', date: '2024-05-01', agenda: [] },
    'BPL-M-0001',
    CHAIR,
    LONG_AGO,
  );
  for (const command of [
    { type: 'draftKeyMessages', text: 'Key messages' },
    { type: 'requestSignOff', signOffRef: 'BPL-S-0001' },
    { type: 'publish', signedOffBy: CHAIR, role: 'Chair' },
  ] as const) {
    if (meeting.ok) meeting = applyMeetingCommand(meeting.record, CHAIR, command, LONG_AGO);
  }
  // A forum is never part of the historical mix (a place has a handful), but the table asks for every kind.
  const forum = createForum(
    {
      place: 'BPL',
      name: 'Place Partnership Board',
      chairs: [{ id: CHAIR.id, name: CHAIR.name, title: 'Chair' }],
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2024-01' },
      startTime: '14:00',
      reportingLines: [],
    },
    'BPL-F-0001',
    CHAIR,
    LONG_AGO,
  );
  if (!closed.ok || !closedRisk.ok || !decided.ok || !meeting.ok || !forum.ok) throw new Error('a historical template was refused');
  return { action: closed.record, risk: closedRisk.record, signoff: decided.record, meeting: meeting.record, forum: forum.record };
}

function signOffDraft(place: PlaceCode, dueBy: string, route: SignOffDraft['route'] = 'chairs-action'): SignOffDraft {
  return {
    place,
    board: 'Place Partnership Board',
    title: 'Terms of reference',
    summary: 'Terms of reference for approval.',
    itemType: 'terms-of-reference',
    route,
    approvers: [{ id: ME.id, name: ME.name }],
    dueBy,
    expiresOn: addDays(dueBy, 60),
  };
}

/**
 * The i-th historical record: kind by a fixed mix (60% actions, 25% risks, 14% sign-offs, 1% meetings
 * with published key messages), spread over places.
 */
export function historical(templates: Record<RecordKind, BaseRecord>, i: number): BaseRecord {
  // The mix is taken over each place's own records, so every place has its 1% of meetings.
  const n = Math.floor(i / PLACE_CODES.length) % 100;
  const kind: RecordKind = n < 60 ? 'action' : n < 85 ? 'risk' : n < 99 ? 'signoff' : 'meeting';
  const place = PLACE_CODES[i % PLACE_CODES.length]!;
  const ref = formatRef(place, kind, 1_000_000 + i);
  return { ...structuredClone(templates[kind]), place, ref } as BaseRecord;
}

/** The rows the store writes for a record that was created and then closed (2 audit events). */
export function rowsOf(record: BaseRecord, i: number): Array<{ partitionKey: string; rowKey: string } & Record<string, unknown>> {
  const codec = codecOf(record.kind);
  const letter = KIND_LETTER[record.kind];
  const at = utcIso(new Date(LONG_AGO.getTime() + i * 1000));
  const rows: Array<{ partitionKey: string; rowKey: string } & Record<string, unknown>> = [
    {
      partitionKey: record.place,
      rowKey: ROW.record(record.ref),
      ...recordColumns(codec, record as never),
      ...toChunks(record, record.ref),
    },
    ...indexEntries(codec, record as never).map((e) => ({
      partitionKey: record.place,
      rowKey: ROW.index(letter, e.name, e.value, record.ref),
      ref: record.ref,
    })),
  ];
  for (const [n, command] of (['create', 'close'] as const).entries()) {
    const event = {
      kind: record.kind,
      ref: record.ref,
      place: record.place,
      actor: { id: CHAIR.id, name: CHAIR.name },
      command,
      at,
      before: null,
      after: null,
    };
    const [first] = auditEntities(event as never, `h${i}x${n}`);
    rows.push(first!, {
      partitionKey: record.place,
      rowKey: ROW.history(record.ref, first!.rowKey),
      ref: record.ref,
      eventKey: first!.rowKey,
      parts: 1,
    });
  }
  return rows;
}

export interface ScaleRow {
  list: string;
  found: number[];
  transactions: number[];
  entities: number[];
  scan: number[];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** `only`: the lists to measure, by name (default every one). */
export async function benchScale(only: (list: string) => boolean = () => true): Promise<ScaleRow[]> {
  const azurite = await startAzurite();
  try {
    const tableName = 'scale';
    // Counts, not latency: a long deadline, so in-process Azurite on a busy machine does not fail a read.
    const store = RecordStore.fromConnection({ connectionString: azurite.connectionString, tableName, deadlineMs: 60_000 });
    await store.ensureTable();
    const raw = TableClient.fromConnectionString(azurite.connectionString, tableName, { allowInsecureConnection: true });
    const templates = historicalTemplates();

    // Real history: 1,000 closed or decided records, with the rows the store writes for them.
    const byPlace = new Map<string, TransactionAction[]>();
    for (let i = 0; i < REAL_HISTORY; i++) {
      for (const row of rowsOf(historical(templates, i), i)) {
        const list = byPlace.get(row.partitionKey) ?? [];
        list.push(['upsert', row, 'Replace']);
        byPlace.set(row.partitionKey, list);
      }
    }
    for (const actions of byPlace.values()) {
      for (let i = 0; i < actions.length; i += 100) await raw.submitTransaction(actions.slice(i, i + 100));
    }

    // The live set, the same at both sizes, through the store: in each place 10 open actions
    // (a few overdue, some mine), 6 open risks (some high, some for review, some mine), 2 pending sign-offs for me
    // and one chair's action awaiting ratification.
    for (const place of PLACE_CODES) {
      for (let i = 0; i < 10; i++) {
        const owner = i % 3 === 0 ? ME : OTHERS[i % OTHERS.length]!;
        const due = addDays(TODAY, i < 3 ? -3 * (i + 1) : (i - 3) * 5 + 1); // 3 overdue, then every 5 days
        const r = await store.create('action', place, (ref) =>
          createAction(
            // In Lancashire, half of them Central's own (a locality channel's `actions`, a locality board's agenda).
            {
              place,
              description: `Live action ${i}`,
              owner,
              dueDate: due,
              links: {},
              ...(place === 'LAN' && i % 2 ? { locality: 'Central' as const } : {}),
            },
            ref,
            CHAIR,
            new Date('2026-10-01T10:00:00Z'),
          ),
        );
        if (!r.ok) throw new Error(r.refusal.message);
      }
      for (let i = 0; i < 6; i++) {
        const owner = i % 2 === 0 ? ME : OTHERS[i % OTHERS.length]!;
        const [l, c] = [
          [5, 4],
          [3, 4],
          [2, 2],
          [4, 4],
          [1, 3],
          [3, 3],
        ][i]!;
        const r = await store.create('risk', place, (ref) =>
          createRisk(
            riskDraft(place, l!, c!, { owner, ...(i === 4 ? { nextReviewDate: '2026-11-01' } : {}) }),
            ref,
            CHAIR,
            new Date('2026-10-01T10:00:00Z'),
          ),
        );
        if (!r.ok) throw new Error(r.refusal.message);
      }
      for (let i = 0; i < 2; i++) {
        const r = await store.create('signoff', place, (ref) =>
          createSignOff(signOffDraft(place, addDays(TODAY, 7 + i)), ref, OTHERS[0]! as Actor, NOW),
        );
        if (!r.ok) throw new Error(r.refusal.message);
      }
      // And a chair's action I approved, awaiting ratification.
      const asked = await store.create('signoff', place, (ref) =>
        createSignOff(signOffDraft(place, addDays(TODAY, 10)), ref, OTHERS[0]! as Actor, NOW),
      );
      if (!asked.ok) throw new Error(asked.refusal.message);
      const approved = await store.update(
        'signoff',
        asked.stored,
        applySignOffCommand(asked.stored.record, { ...ME, roles: [] }, { type: 'approve' }, NOW),
      );
      if (!approved.ok) throw new Error(approved.refusal.message);
    }
    const liveAction = formatRef('BPL', 'action', 1);

    // The key space: every real row, then computed rows for the history beyond the real 1,000.
    const real = new KeySpace();
    for await (const e of raw.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } }))
      real.add(String(e.partitionKey), String(e.rowKey));
    real.count('BPL', 'rec|', 'rec}');
    let space = real;
    const tally: Counted = { transactions: 0, entities: 0 };
    (store as unknown as { client: TableClient }).client.pipeline.addPolicy(
      countingPolicy(() => space, tally),
      { afterPhase: 'Retry' },
    );

    const every: Array<[string, () => Promise<unknown[]>]> = [
      ['my actions (4 places)', () => store.listOpenActionsByOwner(ME.id)],
      ['my risks (4 places)', () => store.listOpenRisksByOwner(ME.id)],
      ['awaiting my decision (4 places)', () => store.listSignOffsPendingFor(ME.id)],
      ['sign-offs I requested, open (4 places)', () => store.listOpenSignOffsRequestedBy(OTHERS[0]!.id)],
      ['awaiting ratification (4 places)', () => store.listSignOffsAwaitingRatification(PLACE_CODES)],
      ['sign-offs past expiry (sweep, 4 places)', () => store.listSignOffsPastExpiry(TODAY)],
      ['open actions, one place', () => store.listByPlace('action', 'BPL', { openOnly: true })],
      ['overdue actions, one place', () => store.listOverdueActions('BPL', TODAY)],
      ['overdue actions, all places', () => store.listOverdueActions('ALL', TODAY)],
      ['due in 14 days, one place', () => store.listActionsDue('BPL', TODAY, addDays(TODAY, 14))],
      ['open risks in a band, one place', () => store.listRisksByBand('BPL', 'HIGH')],
      ['risks for review, one place', () => store.listRisksReviewOverdue('BPL', TODAY)],
      ['escalated risks, one place', () => store.listEscalatedRisks('BPL', 15, TODAY)],
      ['meeting agenda (prepare meeting), one place', () => gatherAgenda(store, 'BPL', addDays(TODAY, 14), 15, NOW)],
      // A forum's agenda since that forum's last meeting (records/forumScope.ts): a locality board, and a place board
      // that also owns the historical meetings, stored before meetings named a forum.
      [
        'forum agenda: a locality board (Central), since its last meeting',
        () => gatherAgenda(store, 'LAN', addDays(TODAY, 14), 15, NOW, { locality: 'Central', meetingsOf: ['LAN-F-0002'] }),
      ],
      [
        'forum agenda: the place board, since its last meeting',
        () => gatherAgenda(store, 'BPL', addDays(TODAY, 14), 15, NOW, { meetingsOf: ['BPL-F-0001', UNATTACHED] }),
      ],
      ['meetings <place>: the latest 12, one place', () => store.latestMeetings('BPL', 12).then((r) => r.meetings)],
      ['board pack: the last meeting held, one place', () => store.lastMeetingHeld('BPL', TODAY).then((m) => (m ? [m] : []))],
      ['history of one action', () => store.history('action', liveAction)],
      ['actions <place>: all open (30 read), one place', () => store.listPlaceActions('BPL', { kind: 'open' }, 30).then((r) => r.actions)],
      [
        'actions <place>: overdue, one place',
        () => store.listPlaceActions('BPL', { kind: 'overdue', today: TODAY }, 30).then((r) => r.actions),
      ],
      [
        'actions <place>: proposed for closure, one place',
        () => store.listPlaceActions('BPL', { kind: 'proposed' }, 30).then((r) => r.actions),
      ],
      [
        'actions <place>: one owner, one place',
        () => store.listPlaceActions('BPL', { kind: 'owner', ownerId: ME.id }, 30).then((r) => r.actions),
      ],
      [
        'actions <place>: a locality channel (Central only)',
        () => store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central' }).then((r) => r.actions),
      ],
      [
        'actions <place>: a locality channel + Lancashire-wide',
        () => store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central', placeWide: true }).then((r) => r.actions),
      ],
      ['board pack: action log (open + closed in 90 days)', () => collect(store.actionLog('BPL', addDays(TODAY, -90)))],
      ['board pack: open risk register', () => collect(store.openRiskRegister('BPL'))],
      ['board pack: sign-offs decided since 1 Nov', () => collect(store.signOffsDecidedSince('BPL', '2026-11-01T00:00:00Z'))],
      ['board pack: awaiting ratification', () => collect(store.signOffsAwaitingRatificationIn('BPL'))],
      ['changes in the last week, one place', () => store.changesBetween('BPL', '2026-11-16T00:00:00Z', '2026-11-24T00:00:00Z')],
    ];
    const lists = every.filter(([list]) => only(list));
    const rows: ScaleRow[] = lists.map(([list]) => ({ list, found: [], transactions: [], entities: [], scan: [] }));
    for (const size of SIZES) {
      if (size > REAL_HISTORY) {
        const computed = new KeySpace();
        for await (const e of raw.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } }))
          computed.add(String(e.partitionKey), String(e.rowKey));
        for (let i = REAL_HISTORY; i < size; i++)
          for (const r of rowsOf(historical(templates, i), i)) computed.add(r.partitionKey, r.rowKey);
        // Sort the keys now, not in the first counted request (inside the store's 1.5 s deadline).
        computed.count('BPL', 'rec|', 'rec}');
        space = computed;
      }
      for (const [, run] of lists) await run(); // warm up (connections, after building the key space)
      for (const [i, [, run]] of lists.entries()) {
        tally.transactions = 0;
        tally.entities = 0;
        const found = await run();
        rows[i]!.found.push(found.length);
        rows[i]!.transactions.push(tally.transactions);
        rows[i]!.entities.push(tally.entities);
        // For scale: what a filter over the place's (or every place's) records would read.
        rows[i]!.scan.push(PLACE_CODES.reduce((sum, p) => sum + space.count(p, 'rec|', 'rec}'), 0));
      }
    }
    return rows;
  } finally {
    await azurite.dispose();
  }
}

const ratio = (x: number, y: number) => (x === y ? '1.00' : (x / y).toFixed(2));

export function printScale(rows: ScaleRow[]): void {
  const [a, b] = SIZES.map((n) => n.toLocaleString('en-GB'));
  const table = [
    [
      'list',
      'found',
      `transactions ${a} → ${b}`,
      `entities read ${a} → ${b}`,
      'entities ×',
      'transactions ×',
      `a filter over every record reads at ${b}`,
    ],
    ...rows.map((r) => [
      r.list,
      r.found.join(' / '),
      `${r.transactions[0]} → ${r.transactions[1]}`,
      `${r.entities[0]} → ${r.entities[1]}`,
      ratio(r.entities[1]!, r.entities[0]!),
      ratio(r.transactions[1]!, r.transactions[0]!),
      r.scan[1]!.toLocaleString('en-GB'),
    ]),
  ];
  printTable(table);
  console.log(
    `  (history: closed actions and risks, decided sign-offs, each with 2 audit events; ${REAL_HISTORY.toLocaleString('en-GB')} real rows in Azurite, the rest`,
  );
  console.log(
    '   counted from the row keys the store would write. Entities read: a point read 1, a query its whole key range. Target: × ≤ 1.5.)',
  );
}

if (process.argv[1]?.endsWith('scale.ts')) {
  benchScale()
    .then(printScale)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

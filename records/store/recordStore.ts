// The Table Storage store for actions, risks and sign-offs.
//
// One table, `records`; PartitionKey = place code. In a place's partition:
//   rec|BPL-A-0001                                   a record (JSON in data0..dataN + query columns)
//   aud|2026-11-22T09:00:00.000Z|BPL-A-0001|<suffix>  an audit event, time-ordered
//   ctr|A, ctr|R, ctr|S                              the last ref number issued per kind
//   idx|A|own|<owner id>|BPL-A-0001                  an index row (codecs.ts indexEntries): lists
//                                                    read a key range of these, never the history
//   hix|BPL-A-0001|aud|…                            a pointer from a record to one of its audit events
//   frm|<formId>                                     the form a record was created from (its ref)
//   rte|<person hash>                                a person's recent creates from forms in this place
//                                                    (records/createRate.ts), ETag-checked in each create
//   pst|BPL-S-0003|<conversation hash>               where the record's card was posted (conversation
//                                                    reference + activity id), so it can be updated later
//   wrd|<word>|<tier>|<inverted time>|BPL-A-0001     the word index (wordIndex.ts): `find` and search
//
// Every write is exactly ONE entity-group transaction: the record + its audit event + its
// index rows and history pointer (+ the ref counter on create, ETag-checked). Updates always pass the record's ETag;
// a stale one throws StaleRecordError carrying what is stored now. Records pass their zod
// schema before they are written and when they are read.
import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { LRUCache } from 'lru-cache';
import { compareForWorklist, currentDueDate, isOpen as isOpenAction, type Action } from '../action.js';
import type { AuditEvent, RecordKind } from '../audit.js';
import type { Refusal } from '../outcome.js';
import type { Transition } from '../outcome.js';
import { PLACE_CODES, type PlaceCode, type PlacePriority } from '../places.js';
import { londonToday } from '../dates.js';
import { formatRef, KIND_LETTER, parseRef } from '../refs.js';
import { currentBand, currentScore, escalationReasons, isOpenRisk, registerEntryOf, registerPage, REGISTER_PAGE_SIZE, type RegisterEntry, type Risk } from '../risk.js';
import type { RiskBand } from '../scoring.js';
import { deciders, FINAL_SIGNOFF_STATUSES, OPEN_SIGNOFF_STATUSES, type SignOff } from '../signoff.js';
import { admitCreate, createRateRefusal } from '../createRate.js';
import { actionCodec, CODECS, codecOf, indexEntries, recordColumns, registerEntryFromRow, riskCodec, type BaseRecord, type Codec, type RecordOf } from './codecs.js';
import { auditEntities, auditEventsFromEntities, fromChunks, META_PARTITION, newSuffix, ROW, toChunks, utcIso, type Stored } from './entity.js';
import { StaleRecordError, statusOf, StoreError, toStoreError } from './errors.js';
import { matchTier, type SearchQuery, type SearchResults } from '../search.js';
import { TRANSACTION_LIMIT, WordIndex, wordRowChanges, wordRows } from './wordIndex.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

export type { Stored } from './entity.js';
export type { RecordOf } from './codecs.js';

/** `resubmitted`: the form had already created this record; nothing new was written. */
export type WriteResult<T> =
  | { ok: true; stored: Stored<T>; event: AuditEvent; resubmitted?: boolean }
  | { ok: false; refusal: Refusal };

/** A message a record's card was posted as: where (the conversation reference), which message, when. */
export interface PostedCard {
  reference: Record<string, unknown>;
  activityId: string;
  postedAt: string;
}

/** A form id: drawn when a form is drawn (a UUID); safe as part of a row key. */
export const FORM_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface CreateOptions {
  /**
   * The id of the form the record comes from. It is written with the record in the same
   * transaction, so a second create with it fails atomically and answers with the first record.
   * A create from a form is a person's: it counts against their rate in the place
   * (records/createRate.ts), kept in a row written, ETag-checked, in the same transaction, so the
   * limit holds across instances. (Demo data and other creates without a form are not counted.)
   */
  formId?: string;
}

/** The row key of a person's rate row: a hash of their id (ids may hold characters keys forbid). */
function personKey(personId: string): string {
  return createHash('sha256').update(personId).digest('hex').slice(0, 32);
}

export const RECORDS_TABLE = 'records';

export interface RecordStoreOptions extends ConnectionOptions {
  /** Defaults to `records`. Tests use their own names. */
  tableName?: string;
  /** Tests only: the unique suffix of audit row keys (default: 12 random hex digits). */
  auditSuffix?: () => string;
  /**
   * How many records the store holds in memory for reads and card changes (default RECENT_MAX),
   * and how many characters of their JSON at most (default RECENT_MAX_CHARS).
   */
  held?: { records?: number; chars?: number };
}

/** How hard a create tries when other creates in the same place take the next ref first. */
const CREATE_RETRY = { attempts: 60, baseMs: 8, maxMs: 400 } as const;

type Entity = TableEntityResult<Record<string, unknown>>;
type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** Point reads a list makes at once (records named by its index rows). */
const READ_PARALLEL = 32;
/** The backfill marker: present once every place's index rows and history pointers exist. */
// v2: sign-offs by requester (`req`); v3: the risk register's entries (`reg`); v4: the word index (`wrd`);
// v5: actions ended (`end`), proposed for closure (`pfc`), by priority (`pri`); sign-offs decided (`dcd`).
const INDEX_VERSION_ROW = 'index|v5';
/** Records kept in memory for get-with-ETag (a card change) and reads: at most this many, */
export const RECENT_MAX = 500;
/** and at most this many characters of their JSON in all (a few MB of memory). */
export const RECENT_MAX_CHARS = 1_000_000;
type RecordEntity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Joins filter fragments, each built with the `odata` tag, with `and`. */
function and(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => `(${p})`)
    .join(' and ');
}

const ALL_RECORDS = odata`RowKey ge ${'rec|'} and RowKey lt ${'rec}'}`;

export class RecordStore {
  readonly metrics: Metrics;
  /** Creates of one place and kind from this process run one after another (see create). */
  private readonly createQueues = new Map<string, Promise<unknown>>();
  /**
   * The ref counter as this process last wrote it, per place and kind: a create uses it
   * directly (one transaction) and reads the counter only when that ETag lost a race.
   */
  private readonly counters = new Map<string, { last: number; etag: string }>();
  /** Each person's rate row per place as this process last wrote it (like the counters). */
  private readonly rates = new Map<string, { recent: unknown[]; etag: string }>();
  /**
   * Records this process read or wrote lately, by ref: at most RECENT_MAX of them and
   * RECENT_MAX_CHARS characters of JSON, the least recently used dropped first.
   * `get(kind, ref, { etag })` answers from here when the caller's ETag is the one held, so a
   * change from a card needs no read: its write is still ETag-checked, and a stale one fails.
   * A read that finds the held ETag uses the held record instead of decoding it again.
   */
  private readonly recent: LRUCache<string, Stored<BaseRecord>>;

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
    private readonly auditSuffix: () => string,
    held: { records?: number; chars?: number } = {},
  ) {
    this.metrics = metrics;
    this.recent = new LRUCache({ max: held.records ?? RECENT_MAX, maxSize: held.chars ?? RECENT_MAX_CHARS });
  }

  static fromConnection(opts: RecordStoreOptions): RecordStore {
    const { client, metrics } = openTable(opts, RECORDS_TABLE);
    return new RecordStore(client, metrics, opts.auditSuffix ?? newSuffix, opts.held);
  }

  /** Creates the table if it is missing (idempotent). */
  async ensureTable(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  /** Resolves when Table Storage answers (one small query); throws StoreError otherwise. For /api/health. */
  async ping(): Promise<void> {
    try {
      await this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'~ping'}` } }).byPage({ maxPageSize: 1 }).next();
    } catch (err) {
      if (statusOf(err) === 404) return; // the service answered; the table is just not there yet
      throw toStoreError(err, 'ping');
    }
  }

  // ---------------------------------------------------------------- writes

  /**
   * Creates a record with the next ref of its kind in the place. `build(ref)` runs the rule
   * (e.g. createAction) and may run more than once if other creates take the ref first.
   * Cost when uncontended: 1 transaction (the counter's ETag is remembered from this process's
   * last create of that place and kind); 2 the first time, or when another instance took the next ref.
   */
  async create<K extends RecordKind>(
    kind: K,
    place: PlaceCode,
    build: (ref: string) => Transition<RecordOf<K>>,
    options: CreateOptions = {},
  ): Promise<WriteResult<RecordOf<K>>> {
    if (options.formId !== undefined && !FORM_ID.test(options.formId)) throw new StoreError('BAD_REQUEST', 'A form id is 8-64 letters, digits or dashes.');
    // Queue creates of the same place and kind made through this store, so one process does
    // not race itself for the counter; other processes still race, and the ETag retry handles them.
    const key = `${place}|${kind}`;
    const run = (this.createQueues.get(key) ?? Promise.resolve()).then(() => this.createNow(kind, place, build, options.formId));
    const tail = run.catch(() => undefined);
    this.createQueues.set(key, tail);
    void tail.then(() => {
      if (this.createQueues.get(key) === tail) this.createQueues.delete(key);
    });
    return run;
  }

  private async createNow<K extends RecordKind>(
    kind: K,
    place: PlaceCode,
    build: (ref: string) => Transition<RecordOf<K>>,
    formId: string | undefined,
  ): Promise<WriteResult<RecordOf<K>>> {
    const codec = codecOf(kind);
    const counterKey = ROW.counter(KIND_LETTER[kind]);
    const cacheKey = `${place}|${kind}`;
    let lost: { counterEtag: string | undefined; rateKey?: string; rateEtag?: string } | undefined;
    for (let attempt = 1; ; attempt++) {
      const cached = lost ? undefined : this.counters.get(cacheKey);
      this.counters.delete(cacheKey); // taken; put back only by a successful write
      const counter = cached ?? (await this.readCounter(place, counterKey));
      if (!cached && lost && lost.counterEtag === counter?.etag && (!lost.rateKey || (await this.readRate(place, lost.rateKey))?.etag === lost.rateEtag)) {
        // 409 and neither the counter nor the rate row has moved: the record or audit row exists already, not a race.
        throw new StoreError('CONFLICT', `${formatRef(place, kind, (counter?.last ?? 0) + 1)} or its audit event already exists.`);
      }
      const n = (counter?.last ?? 0) + 1;
      const ref = formatRef(place, kind, n);
      const transition = build(ref);
      if (!transition.ok) return transition;
      const checked = validate(codec, transition.record, { kind, ref, place });
      if (!checked.ok) return checked;
      const record = checked.record;
      // A person's create from a form: within their rate in this place, counted in this transaction.
      let rate: { key: string; cacheKey: string; action: TransactionAction; recent: string[]; etag?: string } | undefined;
      if (formId) {
        const key = personKey(transition.event.actor.id);
        const rateCacheKey = `${place}|${key}`;
        const held = lost ? undefined : this.rates.get(rateCacheKey);
        this.rates.delete(rateCacheKey); // taken; put back only by a successful write
        const row = held ?? (await this.readRate(place, key));
        const admission = admitCreate(row?.recent ?? [], new Date(transition.event.at));
        if (!admission.ok) {
          if (row) this.rates.set(rateCacheKey, row);
          // The same form submitted again is still answered with the record it created.
          return (await this.createdFrom(kind, place, formId)) ?? { ok: false, refusal: createRateRefusal(place, admission.retryAt) };
        }
        const rateEntity = { partitionKey: place, rowKey: ROW.rate(key), recent: JSON.stringify(admission.recent) };
        rate = {
          key,
          cacheKey: rateCacheKey,
          recent: admission.recent,
          ...(row ? { etag: row.etag } : {}),
          action: row ? ['update', rateEntity, 'Replace', { etag: row.etag }] : ['create', rateEntity],
        };
      }
      const entity = this.recordEntity(codec, record);
      const counterEntity = { partitionKey: place, rowKey: counterKey, last: n };
      const actions: TransactionAction[] = [
        counter ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ['create', entity],
        ...this.eventRows(transition.event),
        ...this.indexRows(codec, record).map((e): TransactionAction => ['upsert', e, 'Replace']),
        ...(formId ? [['create', { partitionKey: place, rowKey: ROW.form(formId), ref, kind }] as TransactionAction] : []),
        ...(rate ? [rate.action] : []),
      ];
      // The word index, in the same transaction, in whatever room the rest leaves (wordIndex.ts).
      actions.push(...wordRows(record, TRANSACTION_LIMIT - actions.length).map((e): TransactionAction => ['upsert', e, 'Replace']));
      try {
        const [counterEtag, etag, rateEtag] = await this.submit(actions, 0, 1, ...(rate ? [actions.length - 1] : []));
        this.counters.set(cacheKey, { last: n, etag: counterEtag! });
        if (rate) this.rates.set(rate.cacheKey, { recent: rate.recent, etag: rateEtag! });
        this.keep({ record, etag: etag! }, entity);
        return { ok: true, stored: { record, etag: etag! }, event: transition.event };
      } catch (err) {
        const status = statusOf(err);
        if (status === 409 && formId) {
          const first = await this.createdFrom(kind, place, formId);
          if (first) return first;
        }
        if ((status === 412 || status === 409) && attempt < CREATE_RETRY.attempts) {
          // Someone else took ref n (412: counter moved; 409: counter created meanwhile). Try n+1.
          lost = status === 409 ? { counterEtag: counter?.etag, ...(rate ? { rateKey: rate.key, ...(rate.etag ? { rateEtag: rate.etag } : {}) } : {}) } : undefined;
          if (cached) continue; // the remembered ETag was old: read the counter now
          const cap = Math.min(CREATE_RETRY.maxMs, CREATE_RETRY.baseMs * 2 ** Math.min(attempt, 10));
          await sleep(Math.random() * cap);
          continue;
        }
        if (status === 412) throw new StoreError('CONFLICT', `create ${ref}: gave up after ${attempt} attempts; too many creates at once`, { cause: err });
        throw toStoreError(err, `create ${ref}`);
      }
    }
  }

  /**
   * Writes `next` over `current` if nobody changed it since `current` was read (its ETag).
   * Cost: 1 transaction. Throws StaleRecordError (with the latest version) on a stale ETag.
   */
  async update<K extends RecordKind>(
    kind: K,
    current: Stored<RecordOf<K>>,
    next: Transition<RecordOf<K>>,
  ): Promise<WriteResult<RecordOf<K>>> {
    if (!next.ok) return next;
    const codec = codecOf(kind);
    const { ref, place } = current.record as BaseRecord;
    const checked = validate(codec, next.record, { kind, ref, place });
    if (!checked.ok) return checked;
    const record = checked.record;
    if (!current.etag) throw new Error(`update of ${ref} needs the ETag it was read with`);
    const entity = this.recordEntity(codec, record);
    const now = this.indexRows(codec, record);
    const before = this.indexRows(codec, current.record as BaseRecord & RecordOf<K>);
    // New rows, and rows whose columns changed (a register entry after a review): written again.
    const indexAdded = now.filter((n) => !before.some((b) => b.rowKey === n.rowKey && JSON.stringify(b) === JSON.stringify(n)));
    const indexGone = before.filter((b) => !now.some((n) => n.rowKey === b.rowKey));
    // The word index follows in the same transaction, in the room the rest leaves (wordIndex.ts).
    const words = wordRowChanges(current.record as BaseRecord, record, TRANSACTION_LIMIT - (1 + this.eventRows(next.event).length + indexAdded.length + indexGone.length));
    const added: Row[] = [...indexAdded, ...words.upserts];
    const gone: Row[] = [...indexGone, ...words.deletes];
    const transaction = (deletes: Row[]): TransactionAction[] => [
      ['update', entity, 'Replace', { etag: current.etag }],
      ...this.eventRows(next.event),
      // Index rows follow the record in the same transaction: moved on reassign or a new due
      // date, removed when it closes. Only those that change are written.
      ...added.map((e): TransactionAction => ['upsert', e, 'Replace']),
      ...deletes.map((e): TransactionAction => ['delete', e]),
    ];
    try {
      let etag: string;
      try {
        [etag] = (await this.submit(transaction(gone), 0)) as [string];
      } catch (err) {
        // 404 on an up-to-date record: an index row to remove was never written (a record older
        // than its index, or written by an older version). Remove only those that exist.
        if (statusOf(err) !== 404 || !gone.length || (await this.get(kind, ref))?.etag !== current.etag) throw err;
        [etag] = (await this.submit(transaction(await this.existing(gone)), 0)) as [string];
      }
      this.keep({ record, etag }, entity);
      return { ok: true, stored: { record, etag }, event: next.event };
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) {
        const latest = await this.get(kind, ref);
        if (!latest) throw new StoreError('NOT_FOUND', `${ref} no longer exists`, { cause: err });
        throw new StaleRecordError(latest, { cause: err });
      }
      if (status === 404) throw new StoreError('NOT_FOUND', `${ref} does not exist`, { cause: err });
      throw toStoreError(err, `update ${ref}`);
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * One record by ref (1 transaction); undefined if there is none of that kind. With `etag`
   * (the version a card was drawn from, about to be written over with that ETag): the copy this
   * process holds at that version if it has one, with no read. Whether it is still the latest
   * is then decided where it must be, by the ETag-checked write.
   */
  async get<K extends RecordKind>(kind: K, ref: string, opts: { etag?: string } = {}): Promise<Stored<RecordOf<K>> | undefined> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return undefined;
    const canonical = formatRef(parsed.place, kind, parsed.n);
    const held = opts.etag ? this.recent.get(canonical) : undefined;
    if (held && held.etag === opts.etag) return held as Stored<RecordOf<K>>;
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(parsed.place, ROW.record(canonical));
      return this.fromEntity(codecOf(kind), entity, true);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get ${ref}`);
    }
  }

  // Every list below reads index rows by row-key range (one query per place, in parallel), then
  // the records they name by point reads: its cost follows what it returns, not the history.
  // Each record is checked against the list's rule again after it is read, so an index row
  // that is out of date can only cost a read, never put a wrong record on a list.

  /** A person's open actions in every place, overdue first, then by due date. */
  async listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]> {
    const found = await this.listIndexed('action', 'ALL', [{ name: 'own', eq: ownerId }]);
    return sortActions(found.filter((s) => isOpenAction(s.record) && s.record.owner.id === ownerId));
  }

  /** A person's open risks in every place ("my risks"), reviews due first (earliest next review date), then highest score. */
  async listOpenRisksByOwner(ownerId: string): Promise<Stored<Risk>[]> {
    const found = await this.listIndexed('risk', 'ALL', [{ name: 'own', eq: ownerId }]);
    return found
      .filter((s) => isOpenRisk(s.record) && s.record.owner.id === ownerId)
      .sort(
        (a, b) =>
          (a.record.nextReviewDate < b.record.nextReviewDate ? -1 : a.record.nextReviewDate > b.record.nextReviewDate ? 1 : 0) ||
          currentScore(b.record) - currentScore(a.record) ||
          a.record.ref.localeCompare(b.record.ref),
      );
  }

  /** Records of a kind in a place (or all places), optionally only some statuses / only open ones. By ref. */
  async listByPlace<K extends RecordKind>(
    kind: K,
    place: PlaceCode | 'ALL',
    opts: { statuses?: readonly string[]; openOnly?: boolean } = {},
  ): Promise<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    let found: Stored<RecordOf<K>>[];
    if (opts.statuses) {
      // Live records are under `open`, the others under their status (codecs.ts indexEntries).
      if (!opts.statuses.length) return [];
      const byStatus = [...new Set(opts.statuses)].map((s) => ({ name: 'st', eq: s }));
      found = await this.listIndexed(kind, place, opts.openOnly ? [{ name: 'open', eq: '' }] : [{ name: 'open', eq: '' }, ...byStatus]);
      found = found.filter((s) => opts.statuses!.includes((s.record as BaseRecord).status));
    } else if (opts.openOnly) {
      found = await this.listIndexed(kind, place, [{ name: 'open', eq: '' }]);
    } else {
      // Every record of the kind: the answer is the whole range, so the range is read.
      const places = place === 'ALL' ? PLACE_CODES : [place];
      const pages = await Promise.all(
        places.map((p) => {
          const { from, to } = ROW.recordRange(p, KIND_LETTER[kind]);
          return this.queryRecords(kind, and(odata`PartitionKey eq ${p}`, odata`RowKey ge ${from} and RowKey lt ${to}`));
        }),
      );
      found = pages.flat();
    }
    if (opts.openOnly) found = found.filter((s) => codec.isOpen(s.record as BaseRecord & RecordOf<K>));
    return found.sort((a, b) => byRef((a.record as BaseRecord).ref, (b.record as BaseRecord).ref));
  }

  /**
   * A place's risk register a page at a time: every open risk's register entry, read from its
   * index row (a few dozen bytes each), and the records of page `page` only (at most `size` point
   * reads). A row written before it carried an entry is read from its record instead.
   */
  async riskRegisterPage(place: PlaceCode, page: number, size: number = REGISTER_PAGE_SIZE): Promise<{ entries: RegisterEntry[]; page: number; pages: number; risks: Stored<Risk>[] }> {
    const { from, to } = ROW.indexRange(KIND_LETTER.risk, 'reg', { eq: '' });
    const rows = await this.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['ref', 'l', 'c', 'review', 'tol']);
    const entries: RegisterEntry[] = [];
    const unread: string[] = [];
    for (const row of rows) {
      const entry = registerEntryFromRow(row);
      if (entry) entries.push(entry);
      else if (typeof row.ref === 'string') unread.push(row.ref);
    }
    const held = new Map<string, Stored<Risk>>();
    if (unread.length) {
      for (const e of await this.pointReads(place, unread.map((r) => ROW.record(r)))) {
        if (!e || e.kind !== 'risk') continue;
        const stored = this.fromEntity(riskCodec, e, true);
        if (!isOpenRisk(stored.record)) continue;
        held.set(stored.record.ref, stored);
        entries.push(registerEntryOf(stored.record));
      }
    }
    const shown = registerPage(entries, page, size);
    const toRead = shown.refs.filter((r) => !held.has(r));
    const read = (await this.pointReads(place, toRead.map((r) => ROW.record(r)))).filter((e): e is Entity => !!e && e.kind === 'risk');
    for (const e of read) {
      const stored = this.fromEntity(riskCodec, e, true);
      held.set(stored.record.ref, stored);
    }
    const risks = shown.refs.map((r) => held.get(r)).filter((s): s is Stored<Risk> => !!s && isOpenRisk(s.record));
    return { entries, page: shown.page, pages: shown.pages, risks };
  }

  /** Open actions whose current due date is within [fromDate, toDate] (ISO dates, inclusive). */
  async listActionsDue(place: PlaceCode | 'ALL', fromDate: string, toDate: string): Promise<Stored<Action>[]> {
    if (fromDate > toDate) return [];
    const found = await this.listIndexed('action', place, [{ name: 'due', from: fromDate, to: toDate }]);
    return sortActions(
      found.filter((s) => {
        const due = currentDueDate(s.record);
        return isOpenAction(s.record) && due >= fromDate && due <= toDate;
      }),
    );
  }

  /** Open actions whose current due date is before `today` (an ISO date, Europe/London). */
  async listOverdueActions(place: PlaceCode | 'ALL', today: string): Promise<Stored<Action>[]> {
    const found = await this.listIndexed('action', place, [{ name: 'due', below: today }]);
    return sortActions(found.filter((s) => isOpenAction(s.record) && currentDueDate(s.record) < today));
  }

  /** Open risks of a place (or all places) in a band, highest score first. */
  async listRisksByBand(place: PlaceCode | 'ALL', band: RiskBand): Promise<Stored<Risk>[]> {
    const found = await this.listIndexed('risk', place, [{ name: 'band', eq: band }]);
    return sortRisks(found.filter((s) => isOpenRisk(s.record) && currentBand(s.record) === band));
  }

  /** Open risks whose next review date is before `today` (an ISO date). */
  async listRisksReviewOverdue(place: PlaceCode | 'ALL', today: string): Promise<Stored<Risk>[]> {
    const found = await this.listIndexed('risk', place, [{ name: 'review', below: today }]);
    return sortRisks(found.filter((s) => isOpenRisk(s.record) && s.record.nextReviewDate < today));
  }

  /**
   * Open risks to escalate: current score ≥ the place threshold, above the appetite's tolerated
   * score, or review overdue (records/risk.ts `escalationReasons` decides; the indexes narrow).
   */
  async listEscalatedRisks(place: PlaceCode | 'ALL', threshold: number, today: string): Promise<Stored<Risk>[]> {
    const found = await this.listIndexed('risk', place, [
      { name: 'score', from: String(Math.max(0, Math.ceil(threshold))).padStart(2, '0') },
      { name: 'appetite', eq: '' },
      { name: 'review', below: today },
    ]);
    const now = middayUtc(today);
    return sortRisks(found.filter((s) => escalationReasons(s.record, { threshold, now }).length > 0));
  }

  /**
   * Sign-offs in every place awaiting this person's answer (as approver or recorded delegate),
   * by due date: the `dec` index holds records/signoff.ts `deciders` of each pending sign-off.
   */
  async listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.listIndexed('signoff', 'ALL', [{ name: 'dec', eq: personId }]);
    return found
      .filter((s) => deciders(s.record).some((p) => p.id === personId))
      .sort((a, b) => (a.record.dueBy < b.record.dueBy ? -1 : a.record.dueBy > b.record.dueBy ? 1 : a.record.ref.localeCompare(b.record.ref)));
  }

  /** Open sign-offs (pending, information requested, awaiting ratification) this person asked for, in every place, by due date. */
  async listOpenSignOffsRequestedBy(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.listIndexed('signoff', 'ALL', [{ name: 'req', eq: personId }]);
    return sortSignOffs(found.filter((s) => OPEN_SIGNOFF_STATUSES.includes(s.record.status) && s.record.requestedBy.id === personId));
  }

  /** Sign-offs decided by chair's action and awaiting ratification, in the given places, by due date. */
  async listSignOffsAwaitingRatification(places: readonly PlaceCode[]): Promise<Stored<SignOff>[]> {
    const found = (await Promise.all(places.map((p) => this.listIndexed('signoff', p, [{ name: 'open', eq: '' }])))).flat();
    return sortSignOffs(found.filter((s) => s.record.status === 'AWAITING_RATIFICATION'));
  }

  /** Pending or information-requested sign-offs whose expiry date is before `today` (an ISO date): for the expiry sweep. */
  async listSignOffsPastExpiry(today: string): Promise<Stored<SignOff>[]> {
    const found = await this.listIndexed('signoff', 'ALL', [{ name: 'open', eq: '' }]);
    return sortSignOffs(found.filter((s) => (s.record.status === 'PENDING' || s.record.status === 'INFO_REQUESTED') && s.record.expiresOn < today));
  }

  // ------------------------------------------------ a place's records, page by page (board pack)

  /**
   * A place's action log for the board pack: its open actions by due date (overdue first), then
   * those closed or cancelled on or after `endedFrom` (an ISO date, Europe/London), by that date.
   * Read PACK_PAGE index rows at a time, then those records; nothing else is held.
   */
  async *actionLog(place: PlaceCode, endedFrom: string): AsyncGenerator<Action> {
    for await (const page of this.indexedPages('action', place, { name: 'due' })) {
      for (const s of page) if (isOpenAction(s.record)) yield s.record;
    }
    for await (const page of this.indexedPages('action', place, { name: 'end', from: endedFrom })) {
      for (const s of page) {
        const ended = s.record.closure ? londonToday(new Date(s.record.closure.at)) : undefined;
        if (!isOpenAction(s.record) && ended !== undefined && ended >= endedFrom) yield s.record;
      }
    }
  }

  /** A place's open risk register, highest current score first (then by ref), a page at a time. */
  async *openRiskRegister(place: PlaceCode): AsyncGenerator<Risk> {
    for (const score of SCORES_HIGH_FIRST) {
      for await (const page of this.indexedPages('risk', place, { name: 'score', eq: String(score).padStart(2, '0') })) {
        for (const s of page) if (isOpenRisk(s.record) && currentScore(s.record) === score) yield s.record;
      }
    }
  }

  /** A place's sign-offs decided (finally) at or after `sinceIso`, oldest decision first, a page at a time. */
  async *signOffsDecidedSince(place: PlaceCode, sinceIso: string): AsyncGenerator<SignOff> {
    const since = utcIso(new Date(sinceIso));
    for await (const page of this.indexedPages('signoff', place, { name: 'dcd', from: since })) {
      for (const s of page) {
        const decided = s.record.decision?.at;
        if (decided !== undefined && FINAL_SIGNOFF_STATUSES.includes(s.record.status) && new Date(decided).getTime() >= new Date(since).getTime()) yield s.record;
      }
    }
  }

  /** A place's chair's actions awaiting ratification, by ref, a page at a time. */
  async *signOffsAwaitingRatificationIn(place: PlaceCode): AsyncGenerator<SignOff> {
    for await (const page of this.indexedPages('signoff', place, { name: 'open', eq: '' })) {
      for (const s of page) if (s.record.status === 'AWAITING_RATIFICATION') yield s.record;
    }
  }

  /**
   * "actions <place>": the place's open actions in one view (all, overdue, proposed for closure,
   * a place priority, an owner), overdue first then by due date, as "my actions" orders them.
   * Reads index rows only to choose and order them (the place's `due` rows, and the filter's own
   * rows), then the first `limit` records; `total` counts every match.
   */
  async listPlaceActions(place: PlaceCode, view: PlaceActionsView, limit: number): Promise<{ actions: Stored<Action>[]; total: number }> {
    const due = await this.query(
      and(odata`PartitionKey eq ${place}`, (({ from, to }) => odata`RowKey ge ${from} and RowKey lt ${to}`)(ROW.indexRange('A', 'due', view.kind === 'overdue' ? { below: view.today } : {}))),
      ['ref'],
    );
    let refs = due.map((e) => String(e.ref));
    const only = view.kind === 'proposed' ? { name: 'pfc', eq: '' } : view.kind === 'priority' ? { name: 'pri', eq: view.priority } : view.kind === 'owner' ? { name: 'own', eq: view.ownerId } : undefined;
    if (only) {
      const { from, to } = ROW.indexRange('A', only.name, { eq: only.eq });
      const chosen = new Set((await this.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['ref'])).map((e) => String(e.ref)));
      refs = refs.filter((r) => chosen.has(r));
    }
    refs = [...new Set(refs)];
    const read = (await this.pointReads(place, refs.slice(0, limit).map((r) => ROW.record(r)))).filter((e): e is Entity => !!e && e.kind === 'action');
    const actions = read.map((e) => this.fromEntity(actionCodec, e, true)).filter((s) => matchesView(s.record, view));
    return { actions: sortActions(actions), total: refs.length };
  }

  /**
   * Remembers where a record's card was posted (written after the post, since Teams gives the
   * activity id only then): 1 transaction, an upsert, so posting again in the same conversation
   * keeps the latest message. Not part of the record: no audit event.
   */
  async rememberPostedCard(ref: string, posted: PostedCard): Promise<void> {
    const parsed = parseRef(ref);
    if (!parsed) throw new StoreError('BAD_REQUEST', `${ref} is not a record reference`);
    const conversation = (posted.reference.conversation as { id?: unknown } | undefined)?.id;
    const key = createHash('sha256').update(String(conversation ?? '')).digest('hex').slice(0, 16);
    const canonical = formatRef(parsed.place, parsed.kind, parsed.n);
    try {
      await this.client.upsertEntity({ partitionKey: parsed.place, rowKey: ROW.posted(canonical, key), ref: canonical, ...toChunks(posted, `Where ${canonical} was posted`) }, 'Replace');
    } catch (err) {
      throw toStoreError(err, `remember where ${canonical} was posted`);
    }
  }

  /** Every message a record's card was posted as (rememberPostedCard): one row-key range. */
  async postedCardsOf(ref: string): Promise<PostedCard[]> {
    const parsed = parseRef(ref);
    if (!parsed) return [];
    const canonical = formatRef(parsed.place, parsed.kind, parsed.n);
    const { from, to } = ROW.postedRange(canonical);
    const rows = await this.query(and(odata`PartitionKey eq ${parsed.place}`, odata`RowKey ge ${from} and RowKey lt ${to}`));
    return rows.map((e) => fromChunks(e) as PostedCard);
  }

  /**
   * Appends an audit event that changes no record (e.g. a refused attempt to decide a sign-off):
   * 1 transaction.
   */
  async appendAudit(event: AuditEvent): Promise<void> {
    try {
      // With its history pointer, like every other event, so history(ref) shows it.
      await this.client.submitTransaction(this.eventRows(event));
    } catch (err) {
      throw toStoreError(err, `audit ${event.ref}`);
    }
  }

  /**
   * The audit events of a place in [fromIso, toIso), oldest first: one row-key range scan, so
   * its cost follows the number of changes in the window, not the size of the history.
   */
  async changesBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<AuditEvent[]> {
    const from = ROW.auditFrom(utcIso(fromIso));
    const to = ROW.auditFrom(utcIso(toIso));
    const entities = await this.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from}`, odata`RowKey lt ${to}`));
    return auditEventsFromEntities(entities);
  }

  /**
   * The audit trail of one record, oldest first: its history pointers (one row-key range), then
   * each event by point reads. Cost follows that record's changes, not the place's history.
   */
  async history(kind: RecordKind, ref: string): Promise<AuditEvent[]> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return [];
    const canonical = formatRef(parsed.place, kind, parsed.n);
    const { from, to } = ROW.historyRange(canonical);
    const pointers = await this.query(
      and(odata`PartitionKey eq ${parsed.place}`, odata`RowKey ge ${from} and RowKey lt ${to}`),
      ['eventKey', 'parts'],
    );
    const keys = pointers.flatMap((p) => {
      const key = String(p.eventKey);
      const parts = typeof p.parts === 'number' ? p.parts : 1;
      return Array.from({ length: parts }, (_, i) => (i === 0 ? key : `${key}|${i + 1}`));
    });
    const entities = await this.pointReads(parsed.place, keys);
    return auditEventsFromEntities(entities.filter((e): e is Entity => !!e));
  }

  // ---------------------------------------------------------------- search

  /**
   * Records matching a query in the given places (records/access.ts decides which: the caller
   * passes `placesVisibleTo(viewer)`), best first: a ref typed in the query (1 point read), then
   * the word index (wordIndex.ts: its words' ranges in pages, intersected and ranked, stopping once
   * `limit` matches are final), then point reads of only the records shown, each checked against
   * the query again (the index may be a moment behind a record changed meanwhile).
   */
  async search(query: SearchQuery, places: readonly PlaceCode[], opts: { limit: number; deadline?: number }): Promise<SearchResults<Stored<RecordOf<RecordKind>>>> {
    const where = places.filter((p) => !query.place || p === query.place);
    const found: SearchResults<Stored<RecordOf<RecordKind>>>['found'] = [];
    const typed = query.ref ? parseRef(query.ref) : undefined;
    if (typed && places.includes(typed.place)) {
      const stored = await this.get(typed.kind, query.ref!);
      if (stored) found.push({ stored, match: 'ref' });
    }
    if (!query.terms.length && !query.prefix) return { found, more: 0, moreAtLeast: false, moreCompletions: false, indexRowsRead: 0 };
    const index = await new WordIndex(this.client).search(query, where, { limit: opts.limit, ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}) });
    const candidates = index.ranked.filter((c) => c.ref !== found[0]?.stored.record.ref);
    let dropped = 0;
    let next = 0;
    while (found.length < opts.limit && next < candidates.length) {
      const batch = candidates.slice(next, next + (opts.limit - found.length));
      next += batch.length;
      const read = await Promise.all(batch.map((c) => this.get(parseRef(c.ref)!.kind, c.ref)));
      for (const stored of read) {
        const tier = stored ? matchTier(stored.record, query) : undefined;
        if (stored && tier) found.push({ stored, match: tier });
        else dropped++;
      }
    }
    const shownFromIndex = found.filter((f) => f.match !== 'ref').length;
    return {
      found,
      more: Math.max(0, index.matched - dropped - shownFromIndex - (found[0]?.match === 'ref' && index.ranked.some((c) => c.ref === found[0]!.stored.record.ref) ? 1 : 0)),
      moreAtLeast: !index.exhausted,
      moreCompletions: index.moreCompletions,
      indexRowsRead: index.rowsRead,
    };
  }

  // ---------------------------------------------------------------- index backfill

  /**
   * Writes the index rows and history pointers of records and audit events stored before the
   * store kept them. Idempotent (upserts); a marker row makes later runs one point read. The
   * app runs it once per process before serving (functions/runtime.ts prepareStorage).
   */
  async backfillIndexes(): Promise<{ ran: boolean; records: number; events: number }> {
    const marker = await this.pointReads(META_PARTITION, [INDEX_VERSION_ROW]);
    if (marker[0]) return { ran: false, records: 0, events: 0 };
    let records = 0;
    let events = 0;
    await Promise.all(
      PLACE_CODES.map(async (place) => {
        const rows: Row[] = [];
        for (const entity of await this.query(and(odata`PartitionKey eq ${place}`, ALL_RECORDS))) {
          const kind = entity.kind as RecordKind;
          const codec = CODECS[kind] as Codec<BaseRecord> | undefined;
          const parsed = codec?.schema.safeParse(fromChunks(entity));
          if (!codec || !parsed?.success) {
            console.warn(`index backfill: skipped ${String(entity.rowKey)} (not a readable record)`);
            continue;
          }
          rows.push(...this.indexRows(codec, parsed.data), ...wordRows(parsed.data));
          records++;
        }
        const audit = await this.query(
          and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${ROW.AUDIT_START} and RowKey lt ${ROW.AUDIT_END}`, odata`part eq ${1}`),
          ['ref', 'eventKey', 'parts'],
        );
        for (const e of audit) {
          rows.push(historyPointer(place, String(e.ref), String(e.eventKey), typeof e.parts === 'number' ? e.parts : 1));
          events++;
        }
        for (let i = 0; i < rows.length; i += 100) {
          await this.client.submitTransaction(rows.slice(i, i + 100).map((r): TransactionAction => ['upsert', r, 'Replace']));
        }
      }),
    ).catch((err: unknown) => {
      throw toStoreError(err, 'index backfill');
    });
    try {
      await this.client.upsertEntity({ partitionKey: META_PARTITION, rowKey: INDEX_VERSION_ROW, at: new Date().toISOString(), records, events }, 'Replace');
    } catch (err) {
      throw toStoreError(err, 'index backfill marker');
    }
    return { ran: true, records, events };
  }

  // ---------------------------------------------------------------- internals

  private recordEntity<T extends BaseRecord>(codec: Codec<T>, record: T): RecordEntity {
    return {
      partitionKey: record.place,
      rowKey: ROW.record(record.ref),
      ...recordColumns(codec, record),
      ...toChunks(record, record.ref),
    };
  }

  /**
   * Remembers a record version for get-with-ETag and reads (the recent cache's bounds). Only
   * records of one chunk (≤ 30,000 characters as JSON): a larger one is read when needed.
   */
  private keep<T extends BaseRecord>(stored: Stored<T>, entity: Record<string, unknown>): Stored<T> {
    const ref = stored.record.ref;
    const json = entity.data0;
    if (entity.chunks !== 1 || typeof json !== 'string') this.recent.delete(ref);
    else this.recent.set(ref, stored, { size: Math.max(1, json.length) });
    return stored;
  }

  /** The index rows of a record as it is now (codecs.ts indexEntries). */
  private indexRows<T extends BaseRecord>(codec: Codec<T>, record: T): Row[] {
    const letter = KIND_LETTER[record.kind];
    return indexEntries(codec, record).map((e) => ({ ...e.props, partitionKey: record.place, rowKey: ROW.index(letter, e.name, e.value, record.ref), ref: record.ref }));
  }

  /** An audit event's rows and the record's pointer to it, for a write's transaction. */
  private eventRows(event: AuditEvent): TransactionAction[] {
    const rows = auditEntities(event, this.auditSuffix());
    const first = rows[0]!;
    return [
      ...rows.map((e): TransactionAction => ['create', e]),
      // Its key holds the event's own (unique) row key: new with the event, like the event's rows.
      ['create', historyPointer(event.place, event.ref, first.rowKey, rows.length)],
    ];
  }

  /** Those of `rows` that are stored (point reads). */
  private async existing(rows: Row[]): Promise<Row[]> {
    const found = await Promise.all(rows.map(async (r) => ((await this.pointReads(r.partitionKey, [r.rowKey]))[0] ? r : undefined)));
    return found.filter((r): r is Row => !!r);
  }

  /**
   * The records named by one index range of a place, in index order, PACK_PAGE index rows at a
   * time: each page of index rows, then those records by point reads. Not held in the recent
   * cache (a whole register would only push out the records people are working on).
   */
  private async *indexedPages<K extends RecordKind>(
    kind: K,
    place: PlaceCode,
    range: { name: string; eq?: string; from?: string; to?: string; below?: string },
  ): AsyncGenerator<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    const { name, ...by } = range;
    const { from, to } = ROW.indexRange(KIND_LETTER[kind], name, by);
    const filter = and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`);
    const pages = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['ref'] } }).byPage({ maxPageSize: PACK_PAGE });
    while (true) {
      let next: IteratorResult<Entity[]>;
      try {
        next = (await pages.next()) as IteratorResult<Entity[]>;
      } catch (err) {
        throw toStoreError(err, 'query');
      }
      if (next.done) return;
      const refs = [...new Set(next.value.map((e) => String(e.ref)))];
      const entities = await this.pointReads(place, refs.map((r) => ROW.record(r)));
      yield entities.filter((e): e is Entity => !!e && e.kind === kind).map((e) => this.fromEntity(codec, e, false));
    }
  }

  /** Entities by row key in one partition (point reads, a few at a time); undefined where none. */
  private async pointReads(partition: string, rowKeys: string[]): Promise<(Entity | undefined)[]> {
    const out: (Entity | undefined)[] = [];
    for (let i = 0; i < rowKeys.length; i += READ_PARALLEL) {
      out.push(
        ...(await Promise.all(
          rowKeys.slice(i, i + READ_PARALLEL).map(async (rowKey) => {
            try {
              return await this.client.getEntity<Record<string, unknown>>(partition, rowKey);
            } catch (err) {
              if (statusOf(err) === 404) return undefined;
              throw toStoreError(err, `read ${partition} ${rowKey}`);
            }
          }),
        )),
      );
    }
    return out;
  }

  /**
   * Records named by index rows in the given ranges (one query per range and place, all at
   * once), each read once. The caller re-checks its rule on what comes back.
   */
  private async listIndexed<K extends RecordKind>(
    kind: K,
    place: PlaceCode | 'ALL',
    ranges: Array<{ name: string; eq?: string; from?: string; to?: string; below?: string }>,
  ): Promise<Stored<RecordOf<K>>[]> {
    const letter = KIND_LETTER[kind];
    const places = place === 'ALL' ? PLACE_CODES : [place];
    const perPlace = await Promise.all(
      places.map(async (p) => {
        const hits = await Promise.all(
          ranges.map(({ name, ...by }) => {
            const { from, to } = ROW.indexRange(letter, name, by);
            return this.query(and(odata`PartitionKey eq ${p}`, odata`RowKey ge ${from} and RowKey lt ${to}`), ['ref']);
          }),
        );
        const refs = [...new Set(hits.flat().map((e) => String(e.ref)))].sort(byRef);
        return { p, refs };
      }),
    );
    const codec = codecOf(kind);
    const records = await Promise.all(
      perPlace.map(async ({ p, refs }) => (await this.pointReads(p, refs.map((r) => ROW.record(r)))).filter((e): e is Entity => !!e && e.kind === kind)),
    );
    return records.flat().map((e) => this.fromEntity(codec, e, true));
  }

  /**
   * A record read from storage: the copy this process holds at that same ETag if it has one (an
   * ETag names one stored version, so it is that record; no decode), else decoded and checked
   * against its schema, and held (`hold`) for the next read or card change.
   */
  private fromEntity<T extends BaseRecord>(codec: Codec<T>, entity: Entity, hold: boolean): Stored<T> {
    const ref = typeof entity.ref === 'string' ? entity.ref : undefined;
    const held = ref === undefined ? undefined : hold ? this.recent.get(ref) : this.recent.peek(ref);
    if (held && held.etag === entity.etag && held.record.kind === codec.kind) return held as Stored<T>;
    const stored = this.decode(codec, entity);
    return hold ? this.keep(stored, entity) : stored;
  }

  private decode<T extends BaseRecord>(codec: Codec<T>, entity: Entity): Stored<T> {
    const record = codec.schema.parse(fromChunks(entity));
    return { record, etag: entity.etag };
  }

  /** The record a form already created (with its create event), if it did. */
  private async createdFrom<K extends RecordKind>(kind: K, place: PlaceCode, formId: string): Promise<WriteResult<RecordOf<K>> | undefined> {
    let ref: string;
    try {
      ref = String((await this.client.getEntity<{ ref: string }>(place, ROW.form(formId))).ref);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `read form ${formId}`);
    }
    const stored = await this.get(kind, ref);
    const event = (await this.history(kind, ref))[0];
    if (!stored || !event) throw new StoreError('NOT_FOUND', `form ${formId} names ${ref}, which is not there`);
    return { ok: true, stored, event, resubmitted: true };
  }

  /** A person's rate row in a place: the instants of their recent creates, and its ETag. */
  private async readRate(place: PlaceCode, key: string): Promise<{ recent: unknown[]; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<{ recent?: string }>(place, ROW.rate(key));
      let recent: unknown = [];
      try {
        recent = JSON.parse(String(entity.recent ?? '[]'));
      } catch {
        recent = [];
      }
      return { recent: Array.isArray(recent) ? recent : [], etag: entity.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `read ${place} rate`);
    }
  }

  private async readCounter(place: PlaceCode, rowKey: string): Promise<{ last: number; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<{ last: number }>(place, rowKey);
      return { last: entity.last, etag: entity.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `read ${place} ${rowKey}`);
    }
  }

  /**
   * Submits one entity-group transaction; returns the new ETags of the entities at `indexes`.
   * (Sub-responses come in request order; their row keys are URL-encoded, so match by index.)
   */
  private async submit(actions: TransactionAction[], ...indexes: number[]): Promise<string[]> {
    const response = await this.client.submitTransaction(actions);
    return indexes.map((index) => {
      const sub = response.subResponses[index];
      const rowKey = actions[index]?.[1].rowKey;
      if (!sub?.etag || (sub.rowKey !== undefined && decodeURIComponent(sub.rowKey) !== rowKey)) {
        throw new Error(`The transaction response has no ETag for ${rowKey}`);
      }
      return sub.etag.trim();
    });
  }

  private async queryRecords<K extends RecordKind>(kind: K, filter: string): Promise<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    // Whole ranges (every record of a kind) are not held: they would only push out the recent ones.
    return (await this.query(filter)).map((e) => this.fromEntity(codec, e, false));
  }

  private async query(filter: string, select?: string[]): Promise<Entity[]> {
    const out: Entity[] = [];
    try {
      const queryOptions = select ? { filter, select } : { filter };
      for await (const page of this.client.listEntities<Record<string, unknown>>({ queryOptions }).byPage({ maxPageSize: 1000 })) {
        out.push(...page);
      }
    } catch (err) {
      throw toStoreError(err, 'query');
    }
    return out;
  }
}

/** Index rows (and so records) a board-pack read holds at once. */
export const PACK_PAGE = 100;

/** Every score the 5×5 matrix can give, highest first. */
const SCORES_HIGH_FIRST = [...new Set([1, 2, 3, 4, 5].flatMap((l) => [1, 2, 3, 4, 5].map((c) => l * c)))].sort((a, b) => b - a);

/** One view of a place's open actions ("actions <place>" and its filter buttons). */
export type PlaceActionsView =
  | { kind: 'open' }
  | { kind: 'overdue'; today: string }
  | { kind: 'proposed' }
  | { kind: 'priority'; priority: PlacePriority }
  | { kind: 'owner'; ownerId: string };

function matchesView(a: Action, view: PlaceActionsView): boolean {
  if (!isOpenAction(a)) return false;
  switch (view.kind) {
    case 'open':
      return true;
    case 'overdue':
      return currentDueDate(a) < view.today;
    case 'proposed':
      return a.status === 'PROPOSED_FOR_CLOSURE';
    case 'priority':
      return a.links.priority === view.priority;
    case 'owner':
      return a.owner.id === view.ownerId;
  }
}

/** Refs in row-key order (place, kind, number as stored). */
function byRef(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A record's pointer to one of its audit events (`parts` rows from `eventKey` on). */
function historyPointer(place: string, ref: string, eventKey: string, parts: number): Row {
  return { partitionKey: place, rowKey: ROW.history(ref, eventKey), ref, eventKey, parts };
}

function sortRisks(found: Stored<Risk>[]): Stored<Risk>[] {
  return found.sort((a, b) => currentScore(b.record) - currentScore(a.record) || a.record.ref.localeCompare(b.record.ref));
}

/** An instant on `today` in Europe/London whatever the season (for rules that take `now`). */
function middayUtc(today: string): Date {
  return new Date(`${today}T12:00:00.000Z`);
}

function sortSignOffs(found: Stored<SignOff>[]): Stored<SignOff>[] {
  return found.sort((a, b) => (a.record.dueBy < b.record.dueBy ? -1 : a.record.dueBy > b.record.dueBy ? 1 : a.record.ref.localeCompare(b.record.ref)));
}

function sortActions(found: Stored<Action>[]): Stored<Action>[] {
  return found.sort((a, b) => compareForWorklist(a.record, b.record));
}

/**
 * Checks a record against its kind's schema before it is written: a too-long or malformed
 * field is a refusal naming the field, never a storage error.
 */
function validate<T extends BaseRecord>(
  codec: Codec<T>,
  record: unknown,
  expected: { kind: RecordKind; ref: string; place: PlaceCode },
): { ok: true; record: T } | { ok: false; refusal: Refusal } {
  const parsed = codec.schema.safeParse(record);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
    const first = Object.values(fieldErrors)[0] ?? 'Check the highlighted fields.';
    return { ok: false, refusal: { code: 'INVALID_INPUT', message: first, fieldErrors } };
  }
  const r = parsed.data;
  if (r.kind !== expected.kind || r.ref !== expected.ref || r.place !== expected.place) {
    throw new Error(`Record ${r.kind} ${r.ref} (${r.place}) is not the ${expected.kind} ${expected.ref} (${expected.place}) being written`);
  }
  return { ok: true, record: r };
}

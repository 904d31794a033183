// The Table Storage store for actions, risks, sign-offs and meetings: the generic engine.
//
// One table, `records`; PartitionKey = place code. In a place's partition:
//   rec|BPL-A-0001                                   a record (JSON in data0..dataN + query columns)
//   aud|2026-11-22T09:00:00.000Z|BPL-A-0001|<suffix>  an audit event, time-ordered
//   ctr|A, ctr|R, ctr|S, ctr|M                       the last ref number issued per kind
//   idx|A|own|<owner id>|BPL-A-0001                  an index row (codecs.ts indexEntries): lists
//                                                    read a key range of these, never the history
//                                                    (each kind's rows: actionQueries.ts,
//                                                    riskQueries.ts, signOffQueries.ts,
//                                                    meetingQueries.ts)
//   hix|BPL-A-0001|aud|…                            a pointer from a record to one of its audit events
//   frm|<formId>                                     the form a record was created from (its ref)
//   rte|<person hash>                                a person's recent creates from forms in this place
//                                                    (records/createRate.ts), ETag-checked in each create
//   pst|BPL-S-0003|<conversation hash>               where the record's card was posted (postedCards.ts)
//   wrd|<word>|<tier>|<inverted time>|BPL-A-0001     the word index (wordIndex.ts): `find` and search
// and in the partition `~meta`, the index backfill's marker (indexBackfill.ts).
//
// Every write is exactly ONE entity-group transaction: the record + its audit event + its
// index rows and history pointer (+ the ref counter on create, ETag-checked). Updates always pass the record's ETag;
// a stale one throws StaleRecordError carrying what is stored now. Records pass their zod
// schema before they are written and when they are read.
//
// This file: create, update and get. It composes the primitive reads (reads.ts), the records held in memory
// (heldRecords.ts), each kind's lists, the audit trail, search, where cards were posted and the index
// backfill, and answers for them all under the names bot/ports.ts's RecordRepository gives them.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Action } from '../action.js';
import type { AuditEvent, RecordKind } from '../audit.js';
import type { Transition } from '../outcome.js';
import { type Locality, type PlaceCode } from '../places.js';
import { KIND_LETTER } from '../kinds.js';
import { formatRef, parseRef } from '../refs.js';
import type { RegisterEntry, Risk } from '../risk.js';
import type { RiskBand } from '../scoring.js';
import type { SignOff } from '../signoff.js';
import type { IsoDate } from '../dates.js';
import type { Meeting } from '../meeting.js';
import { admitCreate, createRateRefusal } from '../createRate.js';
import { codecOf, validateRecord, type BaseRecord, type RecordOf } from './codecs.js';
import { indexRows, newSuffix, ROW, type Row, type Stored } from './entity.js';
import { StaleRecordError, statusOf, StoreError, toStoreError } from './errors.js';
import type { SearchQuery } from '../search.js';
import type { SearchResults } from '../searchRanking.js';
import { TRANSACTION_LIMIT, wordRowChanges, wordRows } from './wordIndex.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';
import { ActionQueries, type PlaceActionsView } from './actionQueries.js';
import { HeldRecords } from './heldRecords.js';
import { backfillIndexes } from './indexBackfill.js';
import { PostedCards, type PostedCard } from './postedCards.js';
import { TableReads } from './reads.js';
import { AuditTrail } from './auditTrail.js';
import { ChangeRates, personKey, readRateRow } from './rateRows.js';
import { searchRecords } from './recordSearch.js';
import { listByPlace, type ListOptions } from './kindLists.js';
import { existingRows, readCounter, recordEntity, submitTransaction } from './writes.js';
import { RiskQueries } from './riskQueries.js';
import { SignOffQueries } from './signOffQueries.js';
import { MeetingQueries } from './meetingQueries.js';

export type { Stored } from './entity.js';
export type { RecordOf } from './codecs.js';

import type { WriteResult } from '../stored.js';
export type { WriteResult };

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
  /** An import's rows (bot/import/): still once per form id, but not counted against the person's create rate. */
  unrated?: boolean;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
   * Records this process read or wrote lately (heldRecords.ts). `get(kind, ref, { etag })`
   * answers from here when the caller's ETag is the one held, so a change from a card needs no
   * read: its write is still ETag-checked, and a stale one fails. A read that finds the held
   * ETag uses the held record instead of decoding it again.
   */
  private readonly held: HeldRecords;
  /** The primitive reads every list is built from (reads.ts). */
  private readonly reads: TableReads;
  private readonly actions: ActionQueries;
  private readonly risks: RiskQueries;
  private readonly signOffs: SignOffQueries;
  private readonly meetings: MeetingQueries;
  private readonly posted: PostedCards;
  private readonly audit: AuditTrail;
  private readonly changeRates: ChangeRates;

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
    auditSuffix: () => string,
    held: { records?: number; chars?: number } = {},
  ) {
    this.metrics = metrics;
    this.held = new HeldRecords(held);
    this.reads = new TableReads(client, this.held);
    this.actions = new ActionQueries(this.reads);
    this.risks = new RiskQueries(this.reads);
    this.signOffs = new SignOffQueries(this.reads);
    this.meetings = new MeetingQueries(this.reads);
    this.posted = new PostedCards(client, this.reads);
    this.audit = new AuditTrail(client, this.reads, auditSuffix);
    this.changeRates = new ChangeRates(client);
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
      await this.client
        .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'~ping'}` } })
        .byPage({ maxPageSize: 1 })
        .next();
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
    if (options.formId !== undefined && !FORM_ID.test(options.formId))
      throw new StoreError('BAD_REQUEST', 'A form id is 8-64 letters, digits or dashes.');
    // Queue creates of the same place and kind made through this store, so one process does
    // not race itself for the counter; other processes still race, and the ETag retry handles them.
    const key = `${place}|${kind}`;
    const run = (this.createQueues.get(key) ?? Promise.resolve()).then(() =>
      this.createNow(kind, place, build, options.formId, options.unrated),
    );
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
    unrated = false,
  ): Promise<WriteResult<RecordOf<K>>> {
    const codec = codecOf(kind);
    const counterKey = ROW.counter(KIND_LETTER[kind]);
    const cacheKey = `${place}|${kind}`;
    let lost: { counterEtag: string | undefined; rateKey?: string; rateEtag?: string } | undefined;
    for (let attempt = 1; ; attempt++) {
      const cached = lost ? undefined : this.counters.get(cacheKey);
      this.counters.delete(cacheKey); // taken; put back only by a successful write
      const counter = cached ?? (await readCounter(this.client, place, counterKey));
      if (
        !cached &&
        lost &&
        lost.counterEtag === counter?.etag &&
        (!lost.rateKey || (await readRateRow(this.client, place, ROW.rate(lost.rateKey), 'rate'))?.etag === lost.rateEtag)
      ) {
        // 409 and neither the counter nor the rate row has moved: the record or audit row exists already, not a race.
        throw new StoreError('CONFLICT', `${formatRef(place, kind, (counter?.last ?? 0) + 1)} or its audit event already exists.`);
      }
      const n = (counter?.last ?? 0) + 1;
      const ref = formatRef(place, kind, n);
      const transition = build(ref);
      if (!transition.ok) return transition;
      const checked = validateRecord(codec, transition.record, { kind, ref, place });
      if (!checked.ok) return checked;
      const record = checked.record;
      // A person's create from a form: within their rate in this place, counted in this transaction.
      let rate: { key: string; cacheKey: string; action: TransactionAction; recent: string[]; etag?: string } | undefined;
      if (formId && !unrated) {
        const key = personKey(transition.event.actor.id);
        const rateCacheKey = `${place}|${key}`;
        const held = lost ? undefined : this.rates.get(rateCacheKey);
        this.rates.delete(rateCacheKey); // taken; put back only by a successful write
        const row = held ?? (await readRateRow(this.client, place, ROW.rate(key), 'rate'));
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
      // Version 1, kept on the row and in the create's audit event (its seq).
      const entity = { ...recordEntity(codec, record), version: 1 };
      const event = { ...transition.event, seq: 1 };
      const counterEntity = { partitionKey: place, rowKey: counterKey, last: n };
      const actions: TransactionAction[] = [
        counter ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ['create', entity],
        ...this.audit.eventRows(event),
        ...indexRows(codec, record).map((e): TransactionAction => ['upsert', e, 'Replace']),
        ...(formId ? [['create', { partitionKey: place, rowKey: ROW.form(formId), ref, kind }] as TransactionAction] : []),
        ...(rate ? [rate.action] : []),
      ];
      // Where the rate row sits, for its new ETag: before the word rows that follow it.
      const rateAt = actions.length - 1;
      // The word index, in the same transaction, in whatever room the rest leaves (wordIndex.ts).
      actions.push(...wordRows(record, TRANSACTION_LIMIT - actions.length).map((e): TransactionAction => ['upsert', e, 'Replace']));
      try {
        const [counterEtag, etag, rateEtag] = await submitTransaction(this.client, actions, 0, 1, ...(rate ? [rateAt] : []));
        this.counters.set(cacheKey, { last: n, etag: counterEtag! });
        if (rate) this.rates.set(rate.cacheKey, { recent: rate.recent, etag: rateEtag! });
        this.held.keep({ record, etag: etag!, version: 1 }, entity);
        return { ok: true, stored: { record, etag: etag!, version: 1 }, event };
      } catch (err) {
        const status = statusOf(err);
        if (status === 409 && formId) {
          const first = await this.createdFrom(kind, place, formId);
          if (first) return first;
        }
        if ((status === 412 || status === 409) && attempt < CREATE_RETRY.attempts) {
          // Someone else took ref n (412: counter moved; 409: counter created meanwhile). Try n+1.
          lost =
            status === 409
              ? { counterEtag: counter?.etag, ...(rate ? { rateKey: rate.key, ...(rate.etag ? { rateEtag: rate.etag } : {}) } : {}) }
              : undefined;
          if (cached) continue; // the remembered ETag was old: read the counter now
          const cap = Math.min(CREATE_RETRY.maxMs, CREATE_RETRY.baseMs * 2 ** Math.min(attempt, 10));
          await sleep(Math.random() * cap);
          continue;
        }
        if (status === 412)
          throw new StoreError('CONFLICT', `create ${ref}: gave up after ${attempt} attempts; too many creates at once`, { cause: err });
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
    const checked = validateRecord(codec, next.record, { kind, ref, place });
    if (!checked.ok) return checked;
    const record = checked.record;
    if (!current.etag) throw new Error(`update of ${ref} needs the ETag it was read with`);
    // The next version: on the row and in the event (its seq); a record from before versions were kept counts its trail once.
    const version = (current.version ?? (await this.audit.eventCount(kind, ref))) + 1;
    const event = { ...next.event, seq: version };
    const entity = { ...recordEntity(codec, record), version };
    const now = indexRows(codec, record);
    const before = indexRows(codec, current.record as BaseRecord & RecordOf<K>);
    // New rows, and rows whose columns changed (a register entry after a review): written again.
    const indexAdded = now.filter((n) => !before.some((b) => b.rowKey === n.rowKey && JSON.stringify(b) === JSON.stringify(n)));
    const indexGone = before.filter((b) => !now.some((n) => n.rowKey === b.rowKey));
    // The word index follows in the same transaction, in the room the rest leaves (wordIndex.ts).
    const words = wordRowChanges(
      current.record as BaseRecord,
      record,
      TRANSACTION_LIMIT - (1 + this.audit.eventRows(event).length + indexAdded.length + indexGone.length),
    );
    const added: Row[] = [...indexAdded, ...words.upserts];
    const gone: Row[] = [...indexGone, ...words.deletes];
    const transaction = (deletes: Row[]): TransactionAction[] => [
      ['update', entity, 'Replace', { etag: current.etag }],
      ...this.audit.eventRows(event),
      // Index rows follow the record in the same transaction: moved on reassign or a new due
      // date, removed when it closes. Only those that change are written.
      ...added.map((e): TransactionAction => ['upsert', e, 'Replace']),
      ...deletes.map((e): TransactionAction => ['delete', e]),
    ];
    try {
      let etag: string;
      try {
        [etag] = (await submitTransaction(this.client, transaction(gone), 0)) as [string];
      } catch (err) {
        // 404 on an up-to-date record: an index row to remove was never written (a record older
        // than its index, or written by an older version). Remove only those that exist.
        if (statusOf(err) !== 404 || !gone.length || (await this.get(kind, ref))?.etag !== current.etag) throw err;
        [etag] = (await submitTransaction(this.client, transaction(await existingRows(this.reads, gone)), 0)) as [string];
      }
      this.held.keep({ record, etag, version }, entity);
      return { ok: true, stored: { record, etag, version }, event };
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
    const held = opts.etag ? this.held.lookup(canonical, opts.etag, { touch: true }) : undefined;
    if (held) return held as Stored<RecordOf<K>>;
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(parsed.place, ROW.record(canonical));
      return this.reads.fromEntity(codecOf(kind), entity, true);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get ${ref}`);
    }
  }

  // Every list below reads index rows by row-key range (one query per place, in parallel), then
  // the records they name by point reads: its cost follows what it returns, not the history.
  // Each record is checked against the list's rule again after it is read, so an index row
  // that is out of date can only cost a read, never put a wrong record on a list.

  listByPlace<K extends RecordKind>(kind: K, place: PlaceCode | 'ALL', opts: ListOptions = {}): Promise<Stored<RecordOf<K>>[]> {
    return listByPlace(this.reads, kind, place, opts);
  }

  // Each kind's lists, answered by its queries module (actionQueries.ts, riskQueries.ts, signOffQueries.ts,
  // meetingQueries.ts), under the names bot/ports.ts gives them.
  listOpenActionsByOwner = (ownerId: string): Promise<Stored<Action>[]> => this.actions.listOpenActionsByOwner(ownerId);
  listActionsDue = (place: PlaceCode | 'ALL', fromDate: string, toDate: string): Promise<Stored<Action>[]> =>
    this.actions.listActionsDue(place, fromDate, toDate);
  listOverdueActions = (place: PlaceCode | 'ALL', today: string): Promise<Stored<Action>[]> =>
    this.actions.listOverdueActions(place, today);
  listPlaceActions = (
    place: PlaceCode,
    view: PlaceActionsView,
    limit: number,
    scope: { locality?: Locality } = {},
  ): Promise<{ actions: Stored<Action>[]; total: number }> => this.actions.listPlaceActions(place, view, limit, scope);
  actionLog = (place: PlaceCode, endedFrom: string): AsyncGenerator<Action> => this.actions.actionLog(place, endedFrom);
  listOpenRisksByOwner = (ownerId: string): Promise<Stored<Risk>[]> => this.risks.listOpenRisksByOwner(ownerId);
  riskRegisterPage = (
    place: PlaceCode,
    page: number,
    size?: number,
  ): Promise<{ entries: RegisterEntry[]; page: number; pages: number; risks: Stored<Risk>[] }> =>
    this.risks.riskRegisterPage(place, page, size);
  listRisksByBand = (place: PlaceCode | 'ALL', band: RiskBand): Promise<Stored<Risk>[]> => this.risks.listRisksByBand(place, band);
  listRisksReviewOverdue = (place: PlaceCode | 'ALL', today: string): Promise<Stored<Risk>[]> =>
    this.risks.listRisksReviewOverdue(place, today);
  listEscalatedRisks = (place: PlaceCode | 'ALL', threshold: number, today: string): Promise<Stored<Risk>[]> =>
    this.risks.listEscalatedRisks(place, threshold, today);
  openRiskRegister = (place: PlaceCode): AsyncGenerator<Risk> => this.risks.openRiskRegister(place);
  listSignOffsPendingFor = (personId: string): Promise<Stored<SignOff>[]> => this.signOffs.listSignOffsPendingFor(personId);
  listOpenSignOffsRequestedBy = (personId: string): Promise<Stored<SignOff>[]> => this.signOffs.listOpenSignOffsRequestedBy(personId);
  listSignOffsAwaitingRatification = (places: readonly PlaceCode[]): Promise<Stored<SignOff>[]> =>
    this.signOffs.listSignOffsAwaitingRatification(places);
  listSignOffsPastExpiry = (today: string): Promise<Stored<SignOff>[]> => this.signOffs.listSignOffsPastExpiry(today);
  signOffsDecidedSince = (place: PlaceCode, sinceIso: string): AsyncGenerator<SignOff> =>
    this.signOffs.signOffsDecidedSince(place, sinceIso);
  signOffsAwaitingRatificationIn = (place: PlaceCode): AsyncGenerator<SignOff> => this.signOffs.signOffsAwaitingRatificationIn(place);
  lastMeetingHeld = (place: PlaceCode, today: IsoDate): Promise<Stored<Meeting> | undefined> => this.meetings.lastMeetingHeld(place, today);
  latestMeetings = (place: PlaceCode, n: number): Promise<{ meetings: Stored<Meeting>[]; olderRef?: string }> =>
    this.meetings.latestMeetings(place, n);

  // ---------------------------------------------------------------- where cards were posted (postedCards.ts)

  rememberPostedCard = (ref: string, posted: PostedCard): Promise<void> => this.posted.rememberPostedCard(ref, posted);
  postedCardsOf = (ref: string): Promise<PostedCard[]> => this.posted.postedCardsOf(ref);

  // ---------------------------------------------------------------- the audit trail (auditTrail.ts), the change rate (rateRows.ts), search (recordSearch.ts)

  admitChange(place: PlaceCode, personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }> {
    return this.changeRates.admit(place, personId, now);
  }

  changedRefsBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<{ ref: string; kind: RecordKind }[]> {
    return this.audit.changedRefsBetween(place, fromIso, toIso);
  }

  appendAudit(event: AuditEvent): Promise<void> {
    return this.audit.appendAudit(event);
  }

  changesBetween(place: PlaceCode, fromIso: string, toIso: string): Promise<AuditEvent[]> {
    return this.audit.changesBetween(place, fromIso, toIso);
  }

  history(kind: RecordKind, ref: string): Promise<AuditEvent[]> {
    return this.audit.history(kind, ref);
  }

  search(
    query: SearchQuery,
    places: readonly PlaceCode[],
    opts: { limit: number; deadline?: number },
  ): Promise<SearchResults<Stored<RecordOf<RecordKind>>>> {
    return searchRecords(this.client, (kind, ref) => this.get(kind, ref), query, places, opts);
  }

  // ---------------------------------------------------------------- index backfill (indexBackfill.ts)

  /** The index rows, word rows and history pointers of what was stored before the store kept them; once (a marker row). */
  backfillIndexes(): Promise<{ ran: boolean; records: number; events: number }> {
    return backfillIndexes(this.client, this.reads);
  }

  // ---------------------------------------------------------------- internals

  /** The record a form already created (with its create event), if it did. */
  private async createdFrom<K extends RecordKind>(
    kind: K,
    place: PlaceCode,
    formId: string,
  ): Promise<WriteResult<RecordOf<K>> | undefined> {
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
}

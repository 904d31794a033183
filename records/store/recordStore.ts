// The Table Storage store for actions, risks and sign-offs.
//
// One table, `records`; PartitionKey = place code. In a place's partition:
//   rec|BPL-A-0001                                   a record (JSON in data0..dataN + query columns)
//   aud|2026-11-22T09:00:00.000Z|BPL-A-0001|<suffix>  an audit event, time-ordered
//   ctr|A, ctr|R, ctr|S                              the last ref number issued per kind
//   frm|<formId>                                     the form a record was created from (its ref)
//
// Every write is exactly ONE entity-group transaction: the record + its audit event
// (+ the ref counter on create, ETag-checked). Updates always pass the record's ETag;
// a stale one throws StaleRecordError carrying what is stored now. Records pass their zod
// schema before they are written and when they are read.
import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { compareForWorklist, type Action } from '../action.js';
import type { AuditEvent, RecordKind } from '../audit.js';
import type { Refusal } from '../outcome.js';
import type { Transition } from '../outcome.js';
import type { PlaceCode } from '../places.js';
import { formatRef, KIND_LETTER, parseRef } from '../refs.js';
import { currentScore, escalationReasons, type Risk } from '../risk.js';
import type { RiskBand } from '../scoring.js';
import { deciders, type SignOff } from '../signoff.js';
import { codecOf, recordColumns, type BaseRecord, type Codec, type RecordOf } from './codecs.js';
import { auditEntities, auditEventsFromEntities, fromChunks, newSuffix, ROW, toChunks, utcIso, type Stored } from './entity.js';
import { StaleRecordError, statusOf, StoreError, toStoreError } from './errors.js';
import { newMetrics, tableClient, type ConnectionOptions, type Metrics } from './tables.js';

export type { Stored } from './entity.js';
export type { RecordOf } from './codecs.js';

/** `resubmitted`: the form had already created this record; nothing new was written. */
export type WriteResult<T> =
  | { ok: true; stored: Stored<T>; event: AuditEvent; resubmitted?: boolean }
  | { ok: false; refusal: Refusal };

/** A form id: drawn when a form is drawn (a UUID); safe as part of a row key. */
export const FORM_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface CreateOptions {
  /**
   * The id of the form the record comes from. It is written with the record in the same
   * transaction, so a second create with it fails atomically and answers with the first record.
   */
  formId?: string;
}

export const RECORDS_TABLE = 'records';

export interface RecordStoreOptions extends ConnectionOptions {
  /** Defaults to `records`. Tests use their own names. */
  tableName?: string;
  /** Tests only: the unique suffix of audit row keys (default: 12 random hex digits). */
  auditSuffix?: () => string;
}

/** How hard a create tries when other creates in the same place take the next ref first. */
const CREATE_RETRY = { attempts: 60, baseMs: 8, maxMs: 400 } as const;

type Entity = TableEntityResult<Record<string, unknown>>;
type RecordEntity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Joins filter fragments, each built with the `odata` tag, with `and`. */
function and(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => `(${p})`)
    .join(' and ');
}

function anyOf(parts: string[]): string | undefined {
  return parts.length ? parts.map((p) => `(${p})`).join(' or ') : undefined;
}

const inPlace = (place: PlaceCode | 'ALL') => (place === 'ALL' ? undefined : odata`PartitionKey eq ${place}`);
const ALL_RECORDS = odata`RowKey ge ${'rec|'} and RowKey lt ${'rec}'}`;

export class RecordStore {
  readonly metrics: Metrics;
  /** Creates of one place and kind from this process run one after another (see create). */
  private readonly createQueues = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
    private readonly auditSuffix: () => string,
  ) {
    this.metrics = metrics;
  }

  static fromConnection(opts: RecordStoreOptions): RecordStore {
    const metrics = newMetrics();
    const client = tableClient(opts, opts.tableName ?? RECORDS_TABLE, metrics);
    return new RecordStore(client, metrics, opts.auditSuffix ?? newSuffix);
  }

  /** Creates the table if it is missing (idempotent). */
  async ensureTable(): Promise<void> {
    try {
      await this.client.createTable();
    } catch (err) {
      throw toStoreError(err, 'create table');
    }
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
   * Cost when uncontended: 2 transactions (counter read + one entity-group transaction).
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
    let lost: { counterEtag: string | undefined } | undefined;
    for (let attempt = 1; ; attempt++) {
      const counter = await this.readCounter(place, counterKey);
      if (lost && lost.counterEtag === counter?.etag) {
        // 409 and the counter has not moved: the record or audit row exists already, not a race.
        throw new StoreError('CONFLICT', `${formatRef(place, kind, (counter?.last ?? 0) + 1)} or its audit event already exists.`);
      }
      const n = (counter?.last ?? 0) + 1;
      const ref = formatRef(place, kind, n);
      const transition = build(ref);
      if (!transition.ok) return transition;
      const checked = validate(codec, transition.record, { kind, ref, place });
      if (!checked.ok) return checked;
      const record = checked.record;
      const entity = this.recordEntity(codec, record);
      const counterEntity = { partitionKey: place, rowKey: counterKey, last: n };
      const actions: TransactionAction[] = [
        counter ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ['create', entity],
        ...auditEntities(transition.event, this.auditSuffix()).map((e): TransactionAction => ['create', e]),
        ...(formId ? [['create', { partitionKey: place, rowKey: ROW.form(formId), ref, kind }] as TransactionAction] : []),
      ];
      try {
        const etag = await this.submit(actions, 1);
        return { ok: true, stored: { record, etag }, event: transition.event };
      } catch (err) {
        const status = statusOf(err);
        if (status === 409 && formId) {
          const first = await this.createdFrom(kind, place, formId);
          if (first) return first;
        }
        if ((status === 412 || status === 409) && attempt < CREATE_RETRY.attempts) {
          // Someone else took ref n (412: counter moved; 409: counter created meanwhile). Try n+1.
          lost = status === 409 ? { counterEtag: counter?.etag } : undefined;
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
    try {
      const etag = await this.submit(
        [
          ['update', entity, 'Replace', { etag: current.etag }],
          ...auditEntities(next.event, this.auditSuffix()).map((e): TransactionAction => ['create', e]),
        ],
        0,
      );
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

  /** One record by ref (1 transaction); undefined if there is none of that kind. */
  async get<K extends RecordKind>(kind: K, ref: string): Promise<Stored<RecordOf<K>> | undefined> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return undefined;
    const canonical = formatRef(parsed.place, kind, parsed.n);
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(parsed.place, ROW.record(canonical));
      return this.decode(codecOf(kind), entity);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get ${ref}`);
    }
  }

  /** A person's open actions in every place, overdue first, then by due date. */
  async listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]> {
    const found = await this.queryRecords(
      'action',
      and(ALL_RECORDS, odata`kind eq ${'action'}`, odata`open eq ${true}`, odata`ownerId eq ${ownerId}`),
    );
    return sortActions(found);
  }

  /**
   * A person's open risks in every place, reviews due first (earliest next review date).
   * Filters on the risk's `ownerId` column over the place partitions.
   */
  async listOpenRisksByOwner(ownerId: string): Promise<Stored<Risk>[]> {
    const found = await this.queryRecords('risk', and(ALL_RECORDS, odata`kind eq ${'risk'}`, odata`open eq ${true}`, odata`ownerId eq ${ownerId}`));
    return found.sort(
      (a, b) =>
        (a.record.nextReviewDate < b.record.nextReviewDate ? -1 : a.record.nextReviewDate > b.record.nextReviewDate ? 1 : 0) ||
        currentScore(b.record) - currentScore(a.record) ||
        a.record.ref.localeCompare(b.record.ref),
    );
  }

  /** Records of a kind in a place (or all places), optionally only some statuses / only open ones. */
  async listByPlace<K extends RecordKind>(
    kind: K,
    place: PlaceCode | 'ALL',
    opts: { statuses?: readonly string[]; openOnly?: boolean } = {},
  ): Promise<Stored<RecordOf<K>>[]> {
    const range =
      place === 'ALL'
        ? ALL_RECORDS
        : (({ from, to }) => odata`RowKey ge ${from} and RowKey lt ${to}`)(ROW.recordRange(place, KIND_LETTER[kind]));
    return this.queryRecords(
      kind,
      and(
        inPlace(place),
        range,
        odata`kind eq ${kind}`,
        opts.openOnly ? odata`open eq ${true}` : undefined,
        opts.statuses ? anyOf(opts.statuses.map((s) => odata`status eq ${s}`)) ?? odata`status eq ${'(none)'}` : undefined,
      ),
    );
  }

  /** Open actions whose current due date is within [fromDate, toDate] (ISO dates, inclusive). */
  async listActionsDue(place: PlaceCode | 'ALL', fromDate: string, toDate: string): Promise<Stored<Action>[]> {
    const found = await this.queryRecords(
      'action',
      and(inPlace(place), ALL_RECORDS, odata`kind eq ${'action'}`, odata`open eq ${true}`, odata`dueDate ge ${fromDate}`, odata`dueDate le ${toDate}`),
    );
    return sortActions(found);
  }

  /** Open actions whose current due date is before `today` (an ISO date, Europe/London). */
  async listOverdueActions(place: PlaceCode | 'ALL', today: string): Promise<Stored<Action>[]> {
    const found = await this.queryRecords(
      'action',
      and(inPlace(place), ALL_RECORDS, odata`kind eq ${'action'}`, odata`open eq ${true}`, odata`dueDate lt ${today}`),
    );
    return sortActions(found);
  }

  /** Open risks of a place (or all places) in a band, highest score first. */
  async listRisksByBand(place: PlaceCode | 'ALL', band: RiskBand): Promise<Stored<Risk>[]> {
    const found = await this.queryRecords('risk', and(inPlace(place), ALL_RECORDS, odata`kind eq ${'risk'}`, odata`open eq ${true}`, odata`band eq ${band}`));
    return sortRisks(found);
  }

  /** Open risks whose next review date is before `today` (an ISO date). */
  async listRisksReviewOverdue(place: PlaceCode | 'ALL', today: string): Promise<Stored<Risk>[]> {
    const found = await this.queryRecords(
      'risk',
      and(inPlace(place), ALL_RECORDS, odata`kind eq ${'risk'}`, odata`open eq ${true}`, odata`nextReviewDate lt ${today}`),
    );
    return sortRisks(found);
  }

  /**
   * Open risks to escalate: current score ≥ the place threshold, above the appetite's tolerated
   * score, or review overdue (records/risk.ts `escalationReasons` decides; the filter narrows).
   */
  async listEscalatedRisks(place: PlaceCode | 'ALL', threshold: number, today: string): Promise<Stored<Risk>[]> {
    const found = await this.queryRecords(
      'risk',
      and(
        inPlace(place),
        ALL_RECORDS,
        odata`kind eq ${'risk'}`,
        odata`open eq ${true}`,
        anyOf([odata`score ge ${threshold}`, odata`aboveAppetite eq ${true}`, odata`nextReviewDate lt ${today}`]),
      ),
    );
    const now = middayUtc(today);
    return sortRisks(found.filter((s) => escalationReasons(s.record, { threshold, now }).length > 0));
  }

  /**
   * Sign-offs in every place awaiting this person's answer (as approver or recorded delegate),
   * by due date. Table filters have no "contains": pending ones are fetched and membership
   * is checked here with records/signoff.ts `deciders`.
   */
  async listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.queryRecords('signoff', and(ALL_RECORDS, odata`kind eq ${'signoff'}`, odata`status eq ${'PENDING'}`));
    return found
      .filter((s) => deciders(s.record).some((p) => p.id === personId))
      .sort((a, b) => (a.record.dueBy < b.record.dueBy ? -1 : a.record.dueBy > b.record.dueBy ? 1 : a.record.ref.localeCompare(b.record.ref)));
  }

  /** Open sign-offs (pending, information requested, awaiting ratification) this person asked for, in every place, by due date. */
  async listOpenSignOffsRequestedBy(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.queryRecords('signoff', and(ALL_RECORDS, odata`kind eq ${'signoff'}`, odata`open eq ${true}`, odata`requestedById eq ${personId}`));
    return sortSignOffs(found);
  }

  /** Sign-offs decided by chair's action and awaiting ratification, in the given places, by due date. */
  async listSignOffsAwaitingRatification(places: readonly PlaceCode[]): Promise<Stored<SignOff>[]> {
    if (places.length === 0) return [];
    const found = await this.queryRecords(
      'signoff',
      and(anyOf(places.map((p) => odata`PartitionKey eq ${p}`)), ALL_RECORDS, odata`kind eq ${'signoff'}`, odata`status eq ${'AWAITING_RATIFICATION'}`),
    );
    return sortSignOffs(found);
  }

  /** Pending or information-requested sign-offs whose expiry date is before `today` (an ISO date): for the expiry sweep. */
  async listSignOffsPastExpiry(today: string): Promise<Stored<SignOff>[]> {
    const found = await this.queryRecords(
      'signoff',
      and(ALL_RECORDS, odata`kind eq ${'signoff'}`, anyOf([odata`status eq ${'PENDING'}`, odata`status eq ${'INFO_REQUESTED'}`]), odata`expiresOn lt ${today}`),
    );
    return sortSignOffs(found);
  }

  /**
   * Appends an audit event that changes no record (e.g. a refused attempt to decide a sign-off):
   * 1 transaction.
   */
  async appendAudit(event: AuditEvent): Promise<void> {
    try {
      await this.client.submitTransaction(auditEntities(event, this.auditSuffix()).map((e): TransactionAction => ['create', e]));
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
   * The audit trail of one record, oldest first. Scans the place's audit rows with a filter
   * on `ref` (cost follows the place's history): for occasional use, not for lists.
   */
  async history(kind: RecordKind, ref: string): Promise<AuditEvent[]> {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return [];
    const canonical = formatRef(parsed.place, kind, parsed.n);
    const entities = await this.query(
      and(
        odata`PartitionKey eq ${parsed.place}`,
        odata`RowKey ge ${ROW.AUDIT_START} and RowKey lt ${ROW.AUDIT_END}`,
        odata`ref eq ${canonical}`,
      ),
    );
    return auditEventsFromEntities(entities);
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
   * Submits one entity-group transaction; returns the new ETag of the entity at `index`.
   * (Sub-responses come in request order; their row keys are URL-encoded, so match by index.)
   */
  private async submit(actions: TransactionAction[], index: number): Promise<string> {
    const response = await this.client.submitTransaction(actions);
    const sub = response.subResponses[index];
    const rowKey = actions[index]?.[1].rowKey;
    if (!sub?.etag || (sub.rowKey !== undefined && decodeURIComponent(sub.rowKey) !== rowKey)) {
      throw new Error(`The transaction response has no ETag for ${rowKey}`);
    }
    return sub.etag.trim();
  }

  private async queryRecords<K extends RecordKind>(kind: K, filter: string): Promise<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    return (await this.query(filter)).map((e) => this.decode(codec, e));
  }

  private async query(filter: string): Promise<Entity[]> {
    const out: Entity[] = [];
    try {
      for await (const page of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) {
        out.push(...page);
      }
    } catch (err) {
      throw toStoreError(err, 'query');
    }
    return out;
  }
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

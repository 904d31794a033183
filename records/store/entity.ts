// How records and audit events become Table entities: JSON split over data0..dataN
// (each ≤ 30,000 UTF-16 units, under the 64 KiB string-property limit), row-key layout,
// and the entity-size guard.
import { randomBytes } from 'node:crypto';
import type { AuditEvent } from '../audit.js';
import type { PlaceCode } from '../places.js';
import { KIND_LETTER } from '../kinds.js';
import type { EntityProps } from './columns.js';
import { indexEntries, type BaseRecord, type Codec } from './codecs.js';
import { StoreError } from './errors.js';

export type { Stored } from '../stored.js';

/** A row of the table, as written. */
export type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** One property holds at most this many characters (UTF-16 code units: 2 bytes each, < 64 KiB). */
export const CHUNK_CHARS = 30_000;
/** Keep a record entity under 1 MiB (strings count 2 bytes a character), leaving room for the columns. */
export const MAX_JSON_CHARS = 480_000;

export type { EntityProps } from './columns.js';

/** Row keys inside a place's partition. `|` sorts after letters, digits, `-` and `:`. */
export const ROW = {
  record: (ref: string) => `rec|${ref}`,
  /** All records of a kind in a place: rec|BPL-A-… */
  recordRange: (place: PlaceCode, letter: string) => ({ from: `rec|${place}-${letter}-`, to: `rec|${place}-${letter}.` }),
  counter: (letter: string) => `ctr|${letter}`,
  /** The form a record was created from: written in the create's transaction, so a form creates once. */
  form: (formId: string) => `frm|${formId}`,
  /** One person's recent creates in the place (records/createRate.ts), keyed by a hash of their id: written in each create's transaction. */
  rate: (personKey: string) => `rte|${personKey}`,
  /** One person's recent changes and refused attempts in the place (records/changeRate.ts), keyed like `rate`. */
  changeRate: (personKey: string) => `chg|${personKey}`,
  /** Time-ordered, so a window of time is one row-key range. */
  audit: (atIso: string, ref: string, suffix: string) => `aud|${atIso}|${ref}|${suffix}`,
  auditFrom: (atIso: string) => `aud|${atIso}`,
  AUDIT_START: 'aud|',
  AUDIT_END: 'aud}',
  /** An index row of a record (records/store/codecs.ts indexEntries): `idx|A|own|<owner id>|BPL-A-0001`. */
  index: (letter: string, name: string, value: string, ref: string) => `${indexPrefix(letter, name)}${encodeURIComponent(value)}|${ref}`,
  /**
   * The row-key range of one index: `eq` one value; `from`/`to` inclusive bounds; `below` values
   * strictly less than it. Values sort as strings (ISO dates, zero-padded scores).
   */
  indexRange: (letter: string, name: string, by: { eq?: string; from?: string; to?: string; below?: string } = {}) => {
    const p = indexPrefix(letter, name);
    const enc = encodeURIComponent;
    if (by.eq !== undefined) return { from: `${p}${enc(by.eq)}|`, to: `${p}${enc(by.eq)}}` };
    const from = by.from !== undefined ? `${p}${enc(by.from)}|` : p;
    const to = by.below !== undefined ? `${p}${enc(by.below)}|` : by.to !== undefined ? `${p}${enc(by.to)}}` : `${p.slice(0, -1)}}`;
    return { from, to };
  },
  /** A record's history pointer to one audit event: `hix|BPL-A-0001|aud|<at>|BPL-A-0001|<suffix>`. */
  history: (ref: string, eventKey: string) => `hix|${ref}|${eventKey}`,
  historyRange: (ref: string) => ({ from: `hix|${ref}|`, to: `hix|${ref}}` }),
  /** Where a record's card was posted (one row per conversation, keyed by a hash of its id): `pst|BPL-S-0003|<hash>`. */
  posted: (ref: string, conversationKey: string) => `pst|${ref}|${conversationKey}`,
  postedRange: (ref: string) => ({ from: `pst|${ref}|`, to: `pst|${ref}}` }),
} as const;

function indexPrefix(letter: string, name: string): string {
  return `idx|${letter}|${name}|`;
}

/**
 * A record longer than this (as JSON) is not copied onto the index rows that carry records
 * (codecs.ts carriedBy): its reader takes it by a point read instead. Two chunks keep an index row
 * small and a write's transaction far under its 4 MiB; a typical record is 1–3 thousand characters.
 */
export const CARRIED_MAX_CHARS = 2 * CHUNK_CHARS;

/** The index rows of a record as it is now (codecs.ts indexEntries); those in `carriedBy` carry the record itself. */
export function indexRows<T extends BaseRecord>(codec: Codec<T>, record: T): Row[] {
  const letter = KIND_LETTER[record.kind];
  const entries = indexEntries(codec, record);
  const carried = entries.some((e) => codec.carriedBy?.includes(e.name)) ? carriedCopy(record) : undefined;
  return entries.map((e) => ({
    ...e.props,
    ...(carried && codec.carriedBy?.includes(e.name) ? carried : {}),
    partitionKey: record.place,
    rowKey: ROW.index(letter, e.name, e.value, record.ref),
    ref: record.ref,
  }));
}

/** The record as data0..dataN on an index row, or undefined when it is too long to carry. */
function carriedCopy(record: BaseRecord): EntityProps | undefined {
  const json = JSON.stringify(record);
  return json.length > CARRIED_MAX_CHARS ? undefined : chunksOf(json);
}

/** A record's pointer to one of its audit events (`parts` rows from `eventKey` on). */
export function historyPointer(place: string, ref: string, eventKey: string, parts: number): Row {
  return { partitionKey: place, rowKey: ROW.history(ref, eventKey), ref, eventKey, parts };
}

/** Where the store keeps its own bookkeeping (the index backfill marker); no place uses it. */
export const META_PARTITION = '~meta';

/** Normalises an instant to the fixed-width UTC form (2026-11-22T09:00:00.000Z) that sorts as time. */
export function utcIso(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(at)}`);
  return d.toISOString();
}

export function newSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** JSON of a value as data0..dataN properties (+ `chunks`). */
export function toChunks(value: unknown, what: string): EntityProps {
  const json = JSON.stringify(value);
  if (json.length > MAX_JSON_CHARS) {
    throw new StoreError('TOO_LARGE', `${what} is ${json.length} characters as JSON; at most ${MAX_JSON_CHARS} fit one entity.`);
  }
  return chunksOf(json);
}

function chunksOf(json: string): EntityProps {
  const props: EntityProps = {};
  let n = 0;
  for (let i = 0; i < json.length || n === 0; i += CHUNK_CHARS) props[`data${n++}`] = json.slice(i, i + CHUNK_CHARS);
  props.chunks = n;
  return props;
}

/** Joins data0..dataN back and parses the JSON. */
export function fromChunks(entity: Record<string, unknown>): unknown {
  const n = typeof entity.chunks === 'number' ? entity.chunks : 0;
  let json = '';
  for (let i = 0; i < n; i++) {
    const part = entity[`data${i}`];
    if (typeof part !== 'string') throw new Error(`Entity ${String(entity.rowKey)} lacks data${i}`);
    json += part;
  }
  return JSON.parse(json);
}

/** Chunks per audit entity: 15 × 30,000 characters ≈ 900 KB, under the 1 MiB entity limit. */
export const AUDIT_CHUNKS_PER_ENTITY = 15;
/** An audit event may span this many entities (an update of a maximal record carries ~500k characters). */
export const MAX_AUDIT_PARTS = 4;

/**
 * An audit event as entities: a few columns for filtering and the event as JSON. A large event
 * (before/after of long lists) continues in rows `<key>|2`, `<key>|3`…, written in the same
 * transaction; they sort right after the first row, so a window scan returns them together.
 */
export function auditEntities(event: AuditEvent, suffix: string): Array<EntityProps & { partitionKey: string; rowKey: string }> {
  const at = utcIso(event.at);
  const key = ROW.audit(at, event.ref, suffix);
  const json = JSON.stringify(event);
  const perEntity = CHUNK_CHARS * AUDIT_CHUNKS_PER_ENTITY;
  const parts = Math.max(1, Math.ceil(json.length / perEntity));
  if (parts > MAX_AUDIT_PARTS) {
    throw new StoreError(
      'TOO_LARGE',
      `The audit event for ${event.ref} is ${json.length} characters as JSON; at most ${MAX_AUDIT_PARTS * perEntity} are kept.`,
    );
  }
  const columns = { kind: event.kind, ref: event.ref, at, command: event.command, actorId: event.actor.id, eventKey: key, parts };
  return Array.from({ length: parts }, (_, i) => {
    const slice = json.slice(i * perEntity, (i + 1) * perEntity);
    const props: EntityProps = {};
    let n = 0;
    for (let j = 0; j < slice.length || n === 0; j += CHUNK_CHARS) props[`data${n++}`] = slice.slice(j, j + CHUNK_CHARS);
    return { partitionKey: event.place, rowKey: i === 0 ? key : `${key}|${i + 1}`, ...columns, part: i + 1, ...props, chunks: n };
  });
}

/** Audit entities (in row-key order, as a query returns them) back into events, parts joined. */
export function auditEventsFromEntities(entities: Record<string, unknown>[]): AuditEvent[] {
  const byKey = new Map<string, { parts: number; json: string[] }>();
  for (const e of entities) {
    const key = String(e.eventKey ?? e.rowKey);
    const part = typeof e.part === 'number' ? e.part : 1;
    const entry = byKey.get(key) ?? { parts: typeof e.parts === 'number' ? e.parts : 1, json: [] };
    const n = typeof e.chunks === 'number' ? e.chunks : 0;
    let json = '';
    for (let i = 0; i < n; i++) json += String(e[`data${i}`] ?? '');
    entry.json[part - 1] = json;
    byKey.set(key, entry);
  }
  const events: AuditEvent[] = [];
  for (const [key, entry] of byKey) {
    if (entry.json.filter((j) => j !== undefined).length !== entry.parts) throw new Error(`Audit event ${key} is missing parts`);
    events.push(JSON.parse(entry.json.join('')) as AuditEvent);
  }
  return events;
}

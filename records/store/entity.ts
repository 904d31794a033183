// How records and audit events become Table entities: JSON split over data0..dataN
// (each ≤ 30,000 UTF-16 units, under the 64 KiB string-property limit), row-key layout,
// and the entity-size guard.
import { randomBytes } from 'node:crypto';
import type { AuditEvent } from '../audit.js';
import type { PlaceCode } from '../places.js';
import { StoreError } from './errors.js';

export interface Stored<T> {
  record: T;
  etag: string;
}

/** One property holds at most this many characters (UTF-16 code units: 2 bytes each, < 64 KiB). */
export const CHUNK_CHARS = 30_000;
/** Keep an entity well under 1 MiB (UTF-16: 2 bytes a character), leaving room for the columns. */
export const MAX_JSON_CHARS = 480_000;

export type Column = string | number | boolean;
export type EntityProps = Record<string, Column>;

/** Row keys inside a place's partition. `|` sorts after letters, digits, `-` and `:`. */
export const ROW = {
  record: (ref: string) => `rec|${ref}`,
  /** All records of a kind in a place: rec|BPL-A-… */
  recordRange: (place: PlaceCode, letter: string) => ({ from: `rec|${place}-${letter}-`, to: `rec|${place}-${letter}.` }),
  counter: (letter: string) => `ctr|${letter}`,
  /** Time-ordered, so a window of time is one row-key range. */
  audit: (atIso: string, ref: string, suffix: string) => `aud|${atIso}|${ref}|${suffix}`,
  auditFrom: (atIso: string) => `aud|${atIso}`,
  AUDIT_START: 'aud|',
  AUDIT_END: 'aud}',
} as const;

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

/** An audit event as an entity: a few columns for filtering and the event itself as JSON. */
export function auditEntity(event: AuditEvent, suffix: string) {
  const at = utcIso(event.at);
  return {
    partitionKey: event.place,
    rowKey: ROW.audit(at, event.ref, suffix),
    kind: event.kind,
    ref: event.ref,
    at,
    command: event.command,
    actorId: event.actor.id,
    ...toChunks(event, `The audit event for ${event.ref}`),
  };
}

export function auditFromEntity(entity: Record<string, unknown>): AuditEvent {
  return fromChunks(entity) as AuditEvent;
}

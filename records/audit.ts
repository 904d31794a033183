// Audit events: append-only, one per create or change, carrying only what changed.
import type { Person } from './people.js';
import type { RecordKind } from './kinds.js';
import type { PlaceCode } from './places.js';

export type { RecordKind };

export interface AuditEvent {
  kind: RecordKind;
  ref: string;
  place: PlaceCode;
  at: string; // ISO instant
  actor: Person;
  command: string;
  /** Changed top-level fields before the change (null on create). */
  before: Record<string, unknown> | null;
  /** Changed top-level fields after the change. */
  after: Record<string, unknown>;
  /**
   * The record's version this event made: 1 for the create, then one more per write, so a
   * record's trail replays in order even when events share one instant. Absent on events written
   * before it was kept, and on refused attempts (they change nothing): those are placed by time.
   */
  seq?: number;
}

/**
 * A record's events in the order they happened: the versioned ones by `seq` (the order they were
 * written, whatever their instants), with those without seq (older, or refused attempts) merged
 * in by time, each after the versioned events of its instant. Stable; a total order.
 */
export function inRecordOrder(events: readonly AuditEvent[]): AuditEvent[] {
  const versioned = events.filter((e) => e.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
  const byTime = events.filter((e) => e.seq === undefined).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const out: AuditEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < versioned.length || j < byTime.length) {
    if (j >= byTime.length || (i < versioned.length && versioned[i]!.at <= byTime[j]!.at)) out.push(versioned[i++]!);
    else out.push(byTime[j++]!);
  }
  return out;
}

/** The top-level fields whose values differ, as before/after halves. */
export function diffFields(
  before: object | null,
  after: object,
): { before: Record<string, unknown> | null; after: Record<string, unknown> } {
  if (before === null) return { before: null, after: { ...after } };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const x = (before as Record<string, unknown>)[key];
    const y = (after as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[key] = x ?? null;
      a[key] = y ?? null;
    }
  }
  return { before: b, after: a };
}

export function auditEvent(
  kind: RecordKind,
  record: { ref: string; place: PlaceCode },
  actor: Person,
  command: string,
  at: string,
  before: object | null,
  after: object,
): AuditEvent {
  const diff = diffFields(before, after);
  return { kind, ref: record.ref, place: record.place, at, actor: { id: actor.id, name: actor.name }, command, ...diff };
}

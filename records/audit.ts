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

// What a store gives back, as the domain and the bot see it: a record at a version, the outcome
// of a write, and where a record's card was posted. Defined here, not in store/, so a rule or a
// flow can name them without reaching into how records are kept.
import type { AuditEvent } from './audit.js';
import type { Refusal } from './outcome.js';

/** A record as stored: the record and the ETag of that version (the one definition). */
export interface Stored<T> {
  record: T;
  etag: string;
  /** The record's version: 1 when created, one more with each write (its audit event's `seq`). Absent on a record written before versions were kept. */
  version?: number;
}

/** `resubmitted`: the form had already created this record; nothing new was written. */
export type WriteResult<T> = { ok: true; stored: Stored<T>; event: AuditEvent; resubmitted?: boolean } | { ok: false; refusal: Refusal };

/** A message a record's card was posted as: where (the conversation reference), which message, when. */
export interface PostedCard {
  reference: Record<string, unknown>;
  activityId: string;
  postedAt: string;
}

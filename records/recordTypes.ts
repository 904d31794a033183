// Each kind's record type, by kind. A kind in records/kinds.ts with no type here fails the check.
import type { Action } from './action.js';
import type { Forum } from './forum.js';
import type { RecordKind } from './kinds.js';
import type { Meeting } from './meeting.js';
import type { Risk } from './risk.js';
import type { SignOff } from './signoff.js';

/** Accepts only a table with an entry for every kind. */
type EveryKind<T extends Record<RecordKind, unknown>> = T;

export type RecordTypes = EveryKind<{
  action: Action;
  risk: Risk;
  signoff: SignOff;
  meeting: Meeting;
  forum: Forum;
}>;

export type RecordOf<K extends RecordKind> = RecordTypes[K];

/** A record of any kind. */
export type AnyRecord = RecordTypes[RecordKind];

// What the bot needs from storage, as interfaces: the real Table Storage store satisfies
// them, and the bot never depends on how records are kept.
import type { Action } from '../records/action.js';
import type { AuditEvent, RecordKind } from '../records/audit.js';
import type { Refusal, Transition } from '../records/outcome.js';
import type { Person, PlaceRole } from '../records/people.js';
import type { PlaceCode } from '../records/places.js';
import type { RecordOf } from '../records/store/codecs.js';
import type { SignOff } from '../records/signoff.js';

export interface Stored<T> {
  record: T;
  etag: string;
}

export type WriteResult<T> = { ok: true; stored: Stored<T>; event: AuditEvent } | { ok: false; refusal: Refusal };

/** Every kind is created, changed and read the same way; lists are per kind. */
export interface RecordRepository {
  create<K extends RecordKind>(kind: K, place: PlaceCode, build: (ref: string) => Transition<RecordOf<K>>): Promise<WriteResult<RecordOf<K>>>;
  update<K extends RecordKind>(kind: K, current: Stored<RecordOf<K>>, next: Transition<RecordOf<K>>): Promise<WriteResult<RecordOf<K>>>;
  get<K extends RecordKind>(kind: K, ref: string): Promise<Stored<RecordOf<K>> | undefined>;
  listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]>;
  /** Sign-offs: awaiting this person's answer, asked for by them and still open, awaiting ratification in these places. */
  listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]>;
  listOpenSignOffsRequestedBy(personId: string): Promise<Stored<SignOff>[]>;
  listSignOffsAwaitingRatification(places: readonly PlaceCode[]): Promise<Stored<SignOff>[]>;
  /** An audit event that changes no record (a refused attempt). */
  appendAudit(event: AuditEvent): Promise<void>;
}

export interface PlaceDirectory {
  /** The roles a person holds in a place (chair, approver, admin); none for most staff. */
  rolesOf(place: PlaceCode, personId: string): Promise<PlaceRole[]>;
  /** A place's chairs and named approvers: who may be asked to sign off there. */
  signOffPeopleOf(place: PlaceCode): Promise<{ chairs: Person[]; approvers: Person[] }>;
}

export interface BotDeps {
  records: RecordRepository;
  places: PlaceDirectory;
  clock: () => Date;
}

/** Store errors carry a code, like the Azure SDK's. */
export function storeErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export type { RecordKind, RecordOf };

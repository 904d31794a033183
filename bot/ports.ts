// What the bot needs from storage, as interfaces: the real Table Storage store satisfies
// them, and the bot never depends on how records are kept.
import type { Action } from '../records/action.js';
import type { Appetite, Risk } from '../records/risk.js';
import type { AuditEvent, RecordKind } from '../records/audit.js';
import type { Refusal, Transition } from '../records/outcome.js';
import type { PlaceRole } from '../records/people.js';
import type { Locality, PlaceCode } from '../records/places.js';
import type { RecordOf } from '../records/store/codecs.js';

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
  /** A person's open risks in every place, reviews due first. */
  listOpenRisksByOwner(ownerId: string): Promise<Stored<Risk>[]>;
  listByPlace<K extends RecordKind>(kind: K, place: PlaceCode | 'ALL', opts?: { statuses?: readonly string[]; openOnly?: boolean }): Promise<Stored<RecordOf<K>>[]>;
}

/** A place's risk settings: when a risk is flagged for escalation, and the appetite a new risk starts with. */
export interface RiskPolicy {
  escalationThreshold: number;
  defaultAppetite: Appetite;
}

export interface PlaceDirectory {
  /** The roles a person holds in a place (chair, approver, admin); none for most staff. */
  rolesOf(place: PlaceCode, personId: string): Promise<PlaceRole[]>;
  /** The place (and locality) a partnership channel is linked to, if any. */
  placeOfChannel(channelId: string): Promise<{ place: PlaceCode; locality?: Locality } | undefined>;
  /** The place's risk settings (the defaults when the place has none yet). */
  riskPolicyOf(place: PlaceCode): Promise<RiskPolicy>;
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

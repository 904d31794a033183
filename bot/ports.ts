// What the bot needs from storage, as interfaces: the real Table Storage store satisfies
// them, and the bot never depends on how records are kept.
import type { Action } from '../records/action.js';
import type { Appetite, RegisterEntry, Risk } from '../records/risk.js';
import type { AuditEvent, RecordKind } from '../records/audit.js';
import type { Transition } from '../records/outcome.js';
import type { Person, PlaceRole } from '../records/people.js';
import type { PlaceSettings, PlaceSettingsInput } from '../records/placeSettings.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { Notice } from '../cards/commonCards.js';
import type { Locality, PlaceCode } from '../records/places.js';
import type { PackRecordReader } from '../records/pack/source.js';
import type { SignOff } from '../records/signoff.js';
import type { Meeting } from '../records/meeting.js';
import type { SearchQuery } from '../records/search.js';
import type { SearchResults } from '../records/searchRanking.js';
import type { Viewer } from '../records/access.js';
import type { BoardPackDeps } from './boardPack/packDelivery.js';

// The store's own definitions, one each: bot/ reaches the store only through this file.
import type { PlaceActionsView, PostedCard, RecordOf, Stored, WriteResult } from '../records/store/index.js';
import type { OutgoingActivity, SendResult, Turn } from './turn.js';
export type { PostedCard, Stored, WriteResult };
export { FORM_ID, withStorageDeadline } from '../records/store/index.js';
export type { DigestClaim, DigestStore } from '../records/store/digestStore.js';
export { decodeMessage, type DigestMessage, type DigestQueue } from '../records/store/digestQueue.js';
export type { ChannelReference, PlaceStore } from '../records/store/placeStore.js';
export type { PersonStore } from '../records/store/personStore.js';

/**
 * Every kind is created, changed and read the same way; lists are per kind. A place's records for
 * the board pack's files are read page by page (records/pack/source.ts PackRecordReader:
 * actionLog, openRiskRegister, signOffsDecidedSince, signOffsAwaitingRatificationIn).
 */
export interface RecordRepository extends PackRecordReader {
  /**
   * `formId`: the form the record comes from (every create from the bot has one); a second create
   * from the same form answers with the first record, and it counts against the person's rate in
   * the place (records/createRate.ts): over it, a refusal and nothing written.
   */
  create<K extends RecordKind>(
    kind: K,
    place: PlaceCode,
    build: (ref: string) => Transition<RecordOf<K>>,
    options: { formId: string; unrated?: boolean },
  ): Promise<WriteResult<RecordOf<K>>>;
  update<K extends RecordKind>(kind: K, current: Stored<RecordOf<K>>, next: Transition<RecordOf<K>>): Promise<WriteResult<RecordOf<K>>>;
  /** With `etag`: may answer from memory when that version is held (the write that follows is ETag-checked). */
  get<K extends RecordKind>(kind: K, ref: string, opts?: { etag?: string }): Promise<Stored<RecordOf<K>> | undefined>;
  listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]>;
  /** "actions <place>": one view of a place's open actions, overdue first; the first `limit` read, `total` counted. */
  /** With `scope.locality` (a Lancashire locality's channel): that locality's actions and the place-wide ones. */
  listPlaceActions(
    place: PlaceCode,
    view: PlaceActionsView,
    limit: number,
    scope?: { locality?: Locality },
  ): Promise<{ actions: Stored<Action>[]; total: number }>;
  /** Sign-offs: awaiting this person's answer, asked for by them and still open, awaiting ratification in these places. */
  listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]>;
  listOpenSignOffsRequestedBy(personId: string): Promise<Stored<SignOff>[]>;
  listSignOffsAwaitingRatification(places: readonly PlaceCode[]): Promise<Stored<SignOff>[]>;
  /** Meetings, from their newest-first index: the last held on or before `today` (London), and the latest `n` ("meetings Blackpool"). */
  lastMeetingHeld(place: PlaceCode, today: string): Promise<Stored<Meeting> | undefined>;
  latestMeetings(place: PlaceCode, n: number): Promise<{ meetings: Stored<Meeting>[]; olderRef?: string }>;
  /** Counts one change attempt by a person in a place (records/changeRate.ts); optional for fakes. */
  admitChange?(place: PlaceCode, personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }>;
  /** An audit event that changes no record (a refused attempt). */
  appendAudit(event: AuditEvent): Promise<void>;
  /** A person's open risks in every place, reviews due first. */
  listOpenRisksByOwner(ownerId: string): Promise<Stored<Risk>[]>;
  /** A place's risk register a page at a time: every open risk's register entry, and the records of one page. */
  riskRegisterPage(
    place: PlaceCode,
    page: number,
  ): Promise<{ entries: RegisterEntry[]; page: number; pages: number; risks: Stored<Risk>[] }>;
  listByPlace<K extends RecordKind>(
    kind: K,
    place: PlaceCode | 'ALL',
    opts?: { statuses?: readonly string[]; openOnly?: boolean },
  ): Promise<Stored<RecordOf<K>>[]>;
  /** Remembers where a record's card was posted (after the post: Teams gives the activity id then), so it can be updated later. */
  rememberPostedCard(ref: string, posted: PostedCard): Promise<void>;
  /** Where a record's card was posted (rememberPostedCard), in every conversation. */
  postedCardsOf(ref: string): Promise<PostedCard[]>;
  /** Records matching a query in these places (the caller's placesVisibleTo), best first; reading the index stops by `deadline`. */
  search(
    query: SearchQuery,
    places: readonly PlaceCode[],
    opts: { limit: number; deadline?: number },
  ): Promise<SearchResults<Stored<RecordOf<RecordKind>>>>;
}

/**
 * Keeps every posted copy of a sign-off's card current (where it was requested, and the 1:1 copies
 * sent to approvers who were not there). Told by the expiry sweep (functions/signOffSweep.ts) and
 * by the flow when a sign-off changes or lapses on someone's look. Never throws; answers one line
 * per thing it did or could not do, for the log.
 */
export interface SignOffNotifier {
  /**
   * `skip`: what the caller has already seen to (an expiry on someone's look: the message they
   * clicked is already updated, and the requester who looked has seen it on the card).
   */
  expired(stored: Stored<SignOff>, skip?: { activityId?: string; requester?: boolean }): Promise<string[]>;
  /**
   * A change from a card (an answer, a decision, a withdrawal): every other posted copy shows the
   * shared card with `notice`, so approving from a 1:1 copy also updates the channel's card.
   */
  changed(stored: Stored<SignOff>, notice: Notice, skip?: { activityId?: string }): Promise<string[]>;
}

/** A place's risk settings: when a risk is flagged for escalation, and the appetite a new risk starts with. */
export interface RiskPolicy {
  escalationThreshold: number;
  defaultAppetite: Appetite;
}

export interface PlaceDirectory {
  /** The roles a person holds in a place (chair, approver, admin); none for most staff. */
  rolesOf(place: PlaceCode, personId: string): Promise<PlaceRole[]>;
  /** A place's chairs and named approvers: who may be asked to sign off there. */
  signOffPeopleOf(place: PlaceCode): Promise<{ chairs: Person[]; approvers: Person[] }>;
  /** The place (and locality) a partnership channel is linked to, if any. */
  placeOfChannel(channelId: string): Promise<{ place: PlaceCode; locality?: Locality } | undefined>;
  /** The ids of the partnership channels linked to a place (a guest sees the places whose channel they are in). */
  channelsOf(place: PlaceCode): Promise<string[]>;
  /** The place's risk settings (the defaults when the place has none yet). */
  riskPolicyOf(place: PlaceCode): Promise<RiskPolicy>;
}

export interface BotDeps {
  records: RecordRepository;
  places: PlaceDirectory;
  clock: () => Date;
  /** Place setup and digest preview; harnesses that do not need them leave it out. */
  setup?: SetupDeps;
  /** Personal chats (for reminders) and the reminders on/off choice. */
  people?: PersonalChats;
  /** 1:1 messages to people whose personal chat is known, through the one proactive sender (e.g. approvers asked from elsewhere). */
  messenger?: PersonalMessenger;
  /** A sign-off that expires when someone looks: its posted cards updated and its requester told, as the sweep does. */
  signOffNotices?: SignOffNotifier;
  /** Posts into a place's linked partnership channels (e.g. a meeting's card, its published key messages). */
  channels?: PlaceChannels;
  /** Who is looking: a member, or a guest and the places whose channel they are in (bot/teams/viewer.ts). Every read asks. */
  viewers: ViewerLookup;
  /** `board pack <place>`: the files and how they are delivered; harnesses that do not need it leave it out. */
  boardPack?: BoardPackDeps;
}

/** A place's linked partnership channels, posted to through the one proactive sender. */
export interface PlaceChannels {
  /** Posts the activity into each channel linked to the place (digest not stopped); answers, per channel, whether it was posted. */
  post(
    place: PlaceCode,
    activity: OutgoingActivity,
  ): Promise<{ channelId: string; ok: boolean; activityId?: string; reference: Record<string, unknown> }[]>;
  /** Replaces a message posted earlier (a record's card posted there), for everyone. */
  update(reference: Record<string, unknown>, activityId: string, activity: OutgoingActivity): Promise<SendResult>;
}

/** Who is looking, for records/access.ts; `confirmed` false when Teams could not be asked (then a guest of no place). */
export interface ViewerLookup {
  of(context: Turn): Promise<{ viewer: Viewer; confirmed: boolean }>;
}

/** Messages a person 1:1, where they have talked to the bot (their personal reference was saved then). */
export interface PersonalMessenger {
  /** The person's saved personal conversation reference; none if they have never talked to the bot. */
  referenceOf(personId: string): Promise<Record<string, unknown> | undefined>;
  send(reference: Record<string, unknown>, activity: OutgoingActivity): Promise<SendResult>;
}

export interface PersonalChats {
  rememberChat(personId: string, name: string, reference: Record<string, unknown>, now: Date, viewer?: Viewer): Promise<void>;
  setReminders(personId: string, on: boolean): Promise<boolean>;
}

/**
 * True when a write was sent but storage did not answer in time, so it may yet land (see
 * StoreError.unconfirmed). A read that timed out leaves nothing behind: false.
 */
export function storeWriteUnconfirmed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'unconfirmed' in err && err.unconfirmed === true;
}

/** Store errors carry a code, like the Azure SDK's. */
export function storeErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export type { RecordKind, RecordOf, PlaceActionsView, PackRecordReader };

/** Place settings and channel links, for `setup` and `digest preview` (PlaceStore has them). */
export interface PlaceSettingsRepository {
  get(place: PlaceCode): Promise<Stored<PlaceSettings> | undefined>;
  putAudited(
    input: PlaceSettingsInput,
    etag: string | undefined,
    actor: Person,
    now: Date,
  ): Promise<{ ok: true; stored: Stored<PlaceSettings> } | { ok: false; fieldErrors: Record<string, string>; message: string }>;
  saveChannelReference(place: PlaceCode, channelId: string, reference: Record<string, unknown>, now?: Date): Promise<void>;
  listChannelReferences(place: PlaceCode): Promise<{ channelId: string; savedAt: string; stopped?: { at: string; reason: string } }[]>;
  stopChannel(place: PlaceCode, channelId: string, reason: string, now?: Date): Promise<void>;
}

export interface SetupDeps {
  settings: PlaceSettingsRepository;
  /** SETUP_ADMIN_IDS: Entra object ids allowed to set up any place (bootstrapping an empty deployment). */
  setupAdminIds: readonly string[];
  /** The card of what a place's (or a locality channel's) next digest will contain. */
  previewDigest(settings: PlaceSettings, channelId: string | undefined, now: Date): Promise<AdaptiveCardJson>;
}

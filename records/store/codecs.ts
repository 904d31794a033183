// Per-kind knowledge of the store, one codec per kind: the zod schema a stored record must
// pass (on write and on read) and the few columns that queries filter on. The store itself
// is generic over these.
import type { z } from 'zod';
import { actionSchema, currentDueDate, isOpen as isOpenAction, type Action } from '../action.js';
import { londonToday } from '../dates.js';
import type { RecordKind } from '../audit.js';
import type { PlaceCode } from '../places.js';
import { currentBand, currentScore, isOpenRisk, registerEntryOf, riskSchema, type RegisterEntry, type Risk } from '../risk.js';
import { deciders, FINAL_SIGNOFF_STATUSES, OPEN_SIGNOFF_STATUSES, signOffSchema, type SignOff } from '../signoff.js';
import { forumSchema, isForumActive, type Forum } from '../forum.js';
import { isMeetingOpen, meetingSchema, type Meeting } from '../meeting.js';
import { UNATTACHED } from '../forumScope.js';
import type { EntityProps } from './columns.js';
import type { Refusal } from '../outcome.js';
import type { RecordOf } from '../recordTypes.js';

/** What every stored record has in common. */
export interface BaseRecord {
  kind: RecordKind;
  ref: string;
  place: PlaceCode;
  status: string;
}

export type { RecordOf } from '../recordTypes.js';

export interface Codec<T extends BaseRecord> {
  readonly kind: RecordKind;
  readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Still live (an open action, an open risk, a pending sign-off): the `open` column. */
  isOpen(record: T): boolean;
  /** Kind-specific queryable columns (besides kind, ref, status, open). */
  columns(record: T): EntityProps;
  /**
   * The kind's index entries: small rows in the place partition, written in the same
   * transaction as the record and read by row-key range (see indexEntries for the generic ones).
   * `value` sorts as a string (ISO dates, zero-padded numbers); omit it for a flag.
   */
  indexes(record: T): IndexEntry[];
  /**
   * Indexes (by name, kind-specific or generic) whose rows carry the whole record, so a range read
   * of one takes each record with its index row (the board pack's reads, reads.ts indexedPages):
   * one query per page instead of a point read per record.
   */
  readonly carriedBy?: readonly string[];
}

/** One index row of a record: `idx|<kind letter>|<name>|<value>|<ref>`. */
export interface IndexEntry {
  name: string;
  value: string;
  /** Small columns kept on the index row itself, read with it (e.g. a risk's register entry). */
  props?: Record<string, string | number>;
}

/** The `loc` index value of a Lancashire action with no locality (Lancashire-wide). */
export const PLACE_WIDE = '-';

export const actionCodec: Codec<Action> = {
  kind: 'action',
  // The pack's action log: open by due date, then ended in the last 90 days.
  carriedBy: ['due', 'end'],
  schema: actionSchema,
  isOpen: isOpenAction,
  columns: (a) => ({ ownerId: a.owner.id, dueDate: currentDueDate(a) }),
  // "my actions"; open by due date (overdue, due soon); a place's open actions proposed for
  // closure and by place priority ("actions <place>"); closed or cancelled by the London date
  // they ended (the board pack's "closed in the last 90 days").
  indexes: (a) =>
    isOpenAction(a)
      ? [
          { name: 'own', value: a.owner.id },
          { name: 'due', value: currentDueDate(a) },
          ...(a.status === 'PROPOSED_FOR_CLOSURE' ? [{ name: 'pfc', value: '' }] : []),
          ...(a.links.priority ? [{ name: 'pri', value: a.links.priority }] : []),
          // A Lancashire locality channel's `actions` (actionQueries.ts ActionScope): its own, then the place-wide ones.
          ...(a.place === 'LAN' ? [{ name: 'loc', value: a.locality ?? PLACE_WIDE }] : []),
        ]
      : a.closure
        ? [{ name: 'end', value: londonToday(new Date(a.closure.at)) }]
        : [],
};

export const riskCodec: Codec<Risk> = {
  kind: 'risk',
  // The pack's open risk register, by score.
  carriedBy: ['score'],
  schema: riskSchema,
  isOpen: isOpenRisk,
  columns: (r) => {
    const score = currentScore(r);
    return {
      ownerId: r.owner.id,
      score,
      band: currentBand(r),
      nextReviewDate: r.nextReviewDate,
      aboveAppetite: score > r.appetite.toleratedScore,
      registerLevel: r.registerLevel,
    };
  },
  // "my risks"; open by band, by score (escalation threshold), above appetite, by review date.
  indexes: (r) => {
    if (!isOpenRisk(r)) return [];
    const score = currentScore(r);
    return [
      { name: 'own', value: r.owner.id },
      { name: 'band', value: currentBand(r) },
      { name: 'score', value: String(score).padStart(2, '0') },
      ...(score > r.appetite.toleratedScore ? [{ name: 'appetite', value: '' }] : []),
      { name: 'review', value: r.nextReviewDate },
      // The register's summary of every open risk is read from these; whole records only for one page.
      { name: 'reg', value: '', props: registerProps(registerEntryOf(r)) },
    ];
  },
};

/** A register entry as index-row columns (l, c, review, tol); registerEntryFromRow reads it back. */
function registerProps(e: RegisterEntry): Record<string, string | number> {
  return { l: e.likelihood, c: e.consequence, review: e.nextReviewDate, tol: e.toleratedScore };
}

/** A register index row's entry, or undefined if the row does not carry one (written before it did). */
export function registerEntryFromRow(row: Record<string, unknown>): RegisterEntry | undefined {
  const { ref, l, c, review, tol } = row;
  const rating = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
  if (typeof ref !== 'string' || !rating(l) || !rating(c) || typeof review !== 'string' || typeof tol !== 'number') return undefined;
  return { ref, likelihood: l as number, consequence: c as number, nextReviewDate: review, toleratedScore: tol };
}

/** `|id|id|` of everyone who may answer a sign-off: its approvers and their recorded delegates. */
export function approverIdsColumn(s: Pick<SignOff, 'approvers' | 'delegates'>): string {
  const ids = new Set([...s.approvers.map((a) => a.id), ...s.delegates.map((d) => d.delegate.id)]);
  return `|${[...ids].join('|')}|`;
}

export const signOffCodec: Codec<SignOff> = {
  kind: 'signoff',
  // The pack's sign-offs decided since the last meeting, and chair's actions awaiting ratification (open).
  carriedBy: ['dcd', 'open'],
  schema: signOffSchema,
  isOpen: (s) => OPEN_SIGNOFF_STATUSES.includes(s.status),
  columns: (s) => ({ approverIds: approverIdsColumn(s), requestedById: s.requestedBy.id, dueBy: s.dueBy, expiresOn: s.expiresOn }),
  // "awaiting my decision": one row per person who may answer now (moves as answers come in);
  // "requested by me": the requester's, while the sign-off is open.
  // "decided since the last meeting" (the board pack): final ones by the instant they were decided.
  indexes: (s) => [
    ...deciders(s).map((p) => ({ name: 'dec', value: p.id })),
    ...(OPEN_SIGNOFF_STATUSES.includes(s.status) ? [{ name: 'req', value: s.requestedBy.id }] : []),
    ...(s.decision && FINAL_SIGNOFF_STATUSES.includes(s.status) ? [{ name: 'dcd', value: s.decision.at }] : []),
  ],
};

export const meetingCodec: Codec<Meeting> = {
  kind: 'meeting',
  schema: meetingSchema,
  // Live until its key messages are published.
  isOpen: isMeetingOpen,
  columns: (m) => ({ date: m.date, board: m.board }),
  // By date, newest first (meetingQueries.ts): the last meeting held, "meetings Blackpool"; by
  // forum, newest first: a forum's last meeting held ("since the last meeting" on its agenda); and
  // while a matter for escalation waits to be acknowledged: by when the oldest waiting was sent (the digest's reminder).
  indexes: (m) => [
    { name: 'new', value: newestFirst(m.date) },
    { name: 'fnew', value: forumMeetingKey(m.forumRef ?? UNATTACHED, m.date) },
    ...unacknowledgedSince(m),
  ],
};

function unacknowledgedSince(m: Meeting): IndexEntry[] {
  const waiting = m.matters.filter((x) => !x.acknowledged).map((x) => x.at);
  return waiting.length ? [{ name: 'esc', value: waiting.sort()[0]! }] : [];
}

/** A meeting's row in its forum's newest-first index: `<forum ref or UNATTACHED>|<newestFirst(date)>`. */
export function forumMeetingKey(forumKey: string, date: string): string {
  return `${forumKey}|${newestFirst(date)}`;
}

/**
 * An ISO date as a key that sorts newest first: 99999999 less the date's digits, so a row-key
 * range read in order meets the latest meeting first, and "on or before a day" is a lower bound.
 */
export function newestFirst(date: string): string {
  return String(99_999_999 - Number(date.replaceAll('-', ''))).padStart(8, '0');
}

export const forumCodec: Codec<Forum> = {
  kind: 'forum',
  schema: forumSchema,
  // Live until archived; a place's few forums are read as a whole range ("forums Lancashire").
  isOpen: isForumActive,
  columns: (f) => ({ name: f.name }),
  indexes: () => [],
};

export const CODECS: { [K in RecordKind]: Codec<BaseRecord & RecordOf<K>> } = {
  action: actionCodec,
  risk: riskCodec,
  signoff: signOffCodec,
  meeting: meetingCodec,
  forum: forumCodec,
};

export function codecOf<K extends RecordKind>(kind: K): Codec<BaseRecord & RecordOf<K>> {
  return CODECS[kind] as Codec<BaseRecord & RecordOf<K>>;
}

/** The columns every record entity carries. */
export function recordColumns<T extends BaseRecord>(codec: Codec<T>, record: T): EntityProps {
  return { kind: record.kind, ref: record.ref, status: record.status, open: codec.isOpen(record), ...codec.columns(record) };
}

/**
 * Every index entry of a record: the generic ones (`open` while the record is live; `st` by
 * status once it is not, so a list of closed or decided ones reads only those) and its kind's
 * own. Deduplicated; the store turns them into row keys.
 */
export function indexEntries<T extends BaseRecord>(codec: Codec<T>, record: T): IndexEntry[] {
  const live = codec.isOpen(record);
  const all = [live ? { name: 'open', value: '' } : { name: 'st', value: record.status }, ...codec.indexes(record)];
  const seen = new Set<string>();
  return all.filter((e) => {
    const k = `${e.name}|${e.value}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * Checks a record against its kind's schema before it is written: a too-long or malformed
 * field is a refusal naming the field, never a storage error.
 */
export function validateRecord<T extends BaseRecord>(
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

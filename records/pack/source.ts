// A PackSource from a reader of a place's records, page by page (the store's, through
// bot/ports.ts): what goes in the board pack, and over which window. Pure: no I/O of its own.
import { inLocalityView } from '../access.js';
import type { Action } from '../action.js';
import { addDays, londonToday } from '../dates.js';
import type { Person } from '../people.js';
import type { Locality, PlaceCode } from '../places.js';
import type { Risk } from '../risk.js';
import type { SignOff } from '../signoff.js';
import type { PackMeeting, PackSource } from './packFiles.js';
import type { MeetingPack } from './meetingPack.js';

/** How far back the action log reaches for closed and cancelled actions when the place has held no meeting. */
export const CLOSED_ACTIONS_DAYS = 90;

/** What the store offers for the pack: each an async iterable read a page at a time. */
export interface PackRecordReader {
  /** Open actions by due date, then those closed or cancelled on or after `endedFrom` (ISO date). */
  actionLog(place: PlaceCode, endedFrom: string): AsyncIterable<Action>;
  /** Open risks, highest current score first. */
  openRiskRegister(place: PlaceCode): AsyncIterable<Risk>;
  /** Sign-offs finally decided at or after `sinceIso`. */
  signOffsDecidedSince(place: PlaceCode, sinceIso: string): AsyncIterable<SignOff>;
  /** Chair's actions awaiting ratification. */
  signOffsAwaitingRatificationIn(place: PlaceCode): AsyncIterable<SignOff>;
}

export interface PackRequest {
  place: PlaceCode;
  board: string;
  madeAt: Date;
  madeBy: Person;
  /** The start of "since the last meeting": the caller knows the meeting rhythm. */
  decidedSince: Date;
  escalationThreshold?: number;
  /** The place's last meeting held, whose key decisions and matters open the pack (a meeting's pack: its forum's previous meeting). */
  lastMeeting?: PackMeeting;
  /** The protective marking (a place setting). */
  marking?: string;
  /** The pack for one meeting: its cover, agenda and the forum's last key messages. */
  meeting?: MeetingPack;
}

/**
 * The pack's source. The action log's closures are those since the last meeting held, from its day
 * (a board reviews what closed since it last sat); with no meeting held, the last CLOSED_ACTIONS_DAYS.
 */
export function packSourceFrom(reader: PackRecordReader, request: PackRequest): PackSource {
  const { place } = request;
  const endedFrom = request.lastMeeting?.date ?? addDays(londonToday(request.madeAt), -CLOSED_ACTIONS_DAYS);
  return {
    place,
    board: request.board,
    madeAt: request.madeAt.toISOString(),
    madeBy: request.madeBy,
    actions: () => inView(reader.actionLog(place, endedFrom), request.meeting?.locality),
    risks: () => inView(reader.openRiskRegister(place), request.meeting?.locality),
    signOffsDecidedSince: () => reader.signOffsDecidedSince(place, request.decidedSince.toISOString()),
    awaitingRatification: () => reader.signOffsAwaitingRatificationIn(place),
    ...(request.escalationThreshold !== undefined ? { escalationThreshold: request.escalationThreshold } : {}),
    ...(request.lastMeeting ? { lastMeeting: request.lastMeeting } : {}),
    ...(request.marking ? { marking: request.marking } : {}),
    ...(request.meeting ? { meeting: request.meeting } : {}),
  };
}

/** A locality board's records: its locality's and the place-wide ones (records/access.ts), filtered as they stream. */
async function* inView<T extends { locality?: Locality | undefined }>(
  records: AsyncIterable<T>,
  locality: Locality | undefined,
): AsyncIterable<T> {
  for await (const r of records) if (inLocalityView(r, locality)) yield r;
}

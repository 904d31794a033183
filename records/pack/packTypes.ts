// The types the board pack's files share: what a pack is made from and what each file says of
// itself. Apart from packFiles.ts so the writers (xlsx, docx, html) need not import it back.
import type { Action } from '../action.js';
import type { Meeting } from '../meeting.js';
import type { Person } from '../people.js';
import type { PlaceCode } from '../places.js';
import type { Risk } from '../risk.js';
import type { SignOff } from '../signoff.js';
import type { MeetingPack } from './meetingPack.js';

/** What the board pack shows of the last meeting. */
export type PackMeeting = Pick<Meeting, 'ref' | 'board' | 'date' | 'decisions' | 'matters'>;

/** What a pack is made from: the place's current records, read page by page by the caller. */
export interface PackSource {
  place: PlaceCode;
  board: string; // e.g. "Blackpool Place Partnership Board"
  madeAt: string; // ISO instant; files show it in UK time
  madeBy: Person;
  actions: () => AsyncIterable<Action>; // open actions, then those closed since the last meeting (or in the last 90 days)
  risks: () => AsyncIterable<Risk>; // the open risk register
  signOffsDecidedSince: () => AsyncIterable<SignOff>; // decided since the last meeting (the caller decides the window)
  awaitingRatification: () => AsyncIterable<SignOff>;
  /** The place's last meeting held: its key decisions and matters for escalation open the board pack. */
  lastMeeting?: PackMeeting;
  /** The protective marking printed on every page (a place setting; default "OFFICIAL"). */
  marking?: string;
  /** The place's escalation threshold for flagging risks (default 15). */
  escalationThreshold?: number;
  /** The pack for one meeting: its cover, its agenda with the papers' cover sheets, the forum's last key messages. */
  meeting?: MeetingPack;
}

/** What every file says about itself: the place, what it is, when it was made (UK time) and for whom. */
export interface PackHeading {
  title: string; // "Blackpool action log"
  made: string; // "Made 3 Dec 2026 at 09:45 (UK time) for Sam Patel"
  running: string; // every page's header: "Blackpool Place Partnership Board · 3 December 2026" (a meeting's pack: its forum and date)
  marking: string; // every page's footer: "OFFICIAL"
}

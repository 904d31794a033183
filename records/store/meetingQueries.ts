// The meeting reads: a place's last meeting held (the next agenda's "since the last meeting", the
// board pack's key decisions and matters) and its latest meetings ("meetings Blackpool"). Each
// reads the meeting's one index row (codecs.ts meetingCodec), in the place's partition:
//   idx|M|new|<99999999 − yyyymmdd>|BPL-M-0001   every meeting, newest date first
// from the start of a range, a few rows, then those records by point reads: a place's years of
// meetings are never read to find the latest.
import type { IsoDate } from '../dates.js';
import type { Meeting } from '../meeting.js';
import type { PlaceCode } from '../places.js';
import { newestFirst } from './codecs.js';
import type { Stored } from './entity.js';
import type { PrimitiveReads } from './reads.js';

export class MeetingQueries {
  constructor(private readonly reads: PrimitiveReads) {}

  /** The place's last meeting held: the latest dated on or before `today` (a London date), if any. */
  async lastMeetingHeld(place: PlaceCode, today: IsoDate): Promise<Stored<Meeting> | undefined> {
    const [last] = await this.reads.firstIndexed('meeting', place, { name: 'new', from: newestFirst(today) }, 1);
    return last && last.record.date <= today ? last : undefined;
  }

  /** A place's latest `n` meetings by date (those still to come first), and the ref of the next older one when there are more. */
  async latestMeetings(place: PlaceCode, n: number): Promise<{ meetings: Stored<Meeting>[]; olderRef?: string }> {
    const found = await this.reads.firstIndexed('meeting', place, { name: 'new' }, n + 1);
    const meetings = found.slice(0, n);
    const older = found[n];
    return older ? { meetings, olderRef: older.record.ref } : { meetings };
  }
}

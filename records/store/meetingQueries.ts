// The meeting reads: a place's last meeting held (the next agenda's "since the last meeting", the
// board pack's key decisions and matters) and its latest meetings ("meetings Blackpool"). Each
// reads the meeting's one index row (codecs.ts meetingCodec), in the place's partition:
//   idx|M|new|<99999999 − yyyymmdd>|BPL-M-0001   every meeting, newest date first
//   idx|M|fnew|<forum ref>|<99999999 − yyyymmdd>|BPL-M-0001   a forum's meetings, newest first
//   idx|M|esc|<instant>|BPL-M-0001                 while a matter waits to be acknowledged: the oldest waiting's
// from the start of a range, a few rows, then those records by point reads: a place's years of
// meetings are never read to find the latest.
import type { IsoDate } from '../dates.js';
import type { Meeting } from '../meeting.js';
import type { PlaceCode } from '../places.js';
import { forumMeetingKey, newestFirst } from './codecs.js';
import type { Stored } from './entity.js';
import type { PrimitiveReads } from './reads.js';

/** A place's latest meetings, and the ref of the next older one when there are more. */
export type LatestMeetings = { meetings: Stored<Meeting>[]; olderRef?: string };

export class MeetingQueries {
  constructor(private readonly reads: PrimitiveReads) {}

  /**
   * The place's last meeting held: the latest dated on or before `today` (a London date), if any.
   * `of`: only the meetings of these forums (records/forumScope.ts meetingsOf), one index row each.
   */
  async lastMeetingHeld(place: PlaceCode, today: IsoDate, of?: readonly string[]): Promise<Stored<Meeting> | undefined> {
    const ranges = of
      ? of.map((key) => ({ name: 'fnew', from: forumMeetingKey(key, today), to: `${key}|99999999` }))
      : [{ name: 'new', from: newestFirst(today) }];
    const found = (await Promise.all(ranges.map((range) => this.reads.firstIndexed('meeting', place, range, 1)))).flat();
    const held = found.filter((m) => m.record.date <= today).sort((a, b) => b.record.date.localeCompare(a.record.date));
    return held[0];
  }

  /** A place's latest `n` meetings by date (those still to come first), and the ref of the next older one when there are more. */
  async latestMeetings(place: PlaceCode, n: number): Promise<LatestMeetings> {
    const found = await this.reads.firstIndexed('meeting', place, { name: 'new' }, n + 1);
    const meetings = found.slice(0, n);
    const older = found[n];
    return older ? { meetings, olderRef: older.record.ref } : { meetings };
  }

  /**
   * The place's meetings with a matter for escalation sent before `sentBefore` (an instant) and
   * not yet acknowledged: one index range, then those meetings (the digest's reminder). The
   * caller picks the matters.
   */
  unacknowledgedMatters(place: PlaceCode, sentBefore: string): Promise<Stored<Meeting>[]> {
    return this.reads.listIndexed('meeting', place, [{ name: 'esc', below: sentBefore }]);
  }

  /** A place's meetings dated from `from` to `to` (London dates, inclusive): one index range, then those records. */
  async meetingsDated(place: PlaceCode, from: IsoDate, to: IsoDate): Promise<Stored<Meeting>[]> {
    return this.reads.listIndexed('meeting', place, [{ name: 'new', from: newestFirst(to), to: newestFirst(from) }]);
  }
}

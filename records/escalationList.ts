// What each forum of a place sent up its reporting lines, and what came back: the matters for
// escalation of its meetings, where each went, when, and whether (by whom, when, with what note)
// it was acknowledged. Pure: the bot reads the meetings and forums; the digest names what has
// waited too long.
import { formatDate, londonToday, type IsoDate } from './dates.js';
import { receiverOf, type MatterAck } from './escalations.js';
import type { Forum, ReportingLine } from './forum.js';
import { escalationTargetLabel, longDate, type Meeting } from './meeting.js';
import { forumOfMeeting } from './meetingForum.js';
import type { Person } from './people.js';

/** After this many days a matter not acknowledged is named in the place's digest. */
export const ACKNOWLEDGE_WITHIN_DAYS = 14;

/** The instant before which a matter sent and still not acknowledged has waited too long. */
export function waitedTooLongBefore(now: Date): string {
  return new Date(now.getTime() - ACKNOWLEDGE_WITHIN_DAYS * 86_400_000).toISOString();
}

/** One matter as the escalations list shows it. */
export interface SentMatter {
  meetingRef: string;
  meetingDate: IsoDate;
  /** Its place in the meeting's list of matters (what the Acknowledge button names). */
  index: number;
  text: string;
  /** Where it went, e.g. "Blackpool Health and Wellbeing Board". */
  where: string;
  sentBy: Person;
  sentAt: string;
  /** Who is named to receive for that line now, if anyone. */
  receiver?: Person;
  acknowledged?: MatterAck;
  /** Not acknowledged after ACKNOWLEDGE_WITHIN_DAYS. */
  waitedTooLong: boolean;
}

export interface ForumEscalations {
  /** The forum's name, or the meeting's board when it names no forum that is still known. */
  forum: string;
  matters: SentMatter[];
}

/**
 * The reporting lines a meeting's matters are matched against: its forum's as they are now (so a
 * receiver named since counts), then those it was prepared with (a line renamed since still matches).
 */
export function linesOfMeeting(meeting: Pick<Meeting, 'place' | 'forumRef' | 'reportingLines'>, forums: readonly Forum[]): ReportingLine[] {
  const forum = forumOfMeeting(meeting, forums);
  return [...(forum?.reportingLines ?? []), ...(meeting.reportingLines ?? [])];
}

/** Per forum (by name), each meeting's matters, the latest meeting first; forums with nothing sent are left out. */
export function escalationsByForum(meetings: readonly Meeting[], forums: readonly Forum[], now: Date): ForumEscalations[] {
  const cutoff = waitedTooLongBefore(now);
  const groups = new Map<string, SentMatter[]>();
  const sorted = [...meetings].sort((a, b) => b.date.localeCompare(a.date) || b.ref.localeCompare(a.ref));
  for (const m of sorted) {
    if (!m.matters.length) continue;
    const name = forumOfMeeting(m, forums)?.name ?? m.board;
    const lines = linesOfMeeting(m, forums);
    const list = groups.get(name) ?? [];
    m.matters.forEach((x, index) => {
      const receiver = receiverOf(x, lines);
      list.push({
        meetingRef: m.ref,
        meetingDate: m.date,
        index,
        text: x.text,
        where: escalationTargetLabel(x),
        sentBy: x.by,
        sentAt: x.at,
        ...(receiver ? { receiver } : {}),
        ...(x.acknowledged ? { acknowledged: x.acknowledged } : {}),
        waitedTooLong: !x.acknowledged && x.at < cutoff,
      });
    });
    groups.set(name, list);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([forum, matters]) => ({ forum, matters }));
}

/** A line of the digest (records/digest.ts DigestItem), made here so the digest need not know matters. */
interface WaitingItem {
  ref: string;
  kind: 'meeting';
  title: string;
  detail: string;
}

/** The digest's lines: each matter of the place's meetings not acknowledged after 14 days, the oldest first. */
export function unacknowledgedDigestItems(meetings: readonly Meeting[], place: string, now: Date): WaitingItem[] {
  const cutoff = waitedTooLongBefore(now);
  return meetings
    .filter((m) => m.place === place)
    .flatMap((m) => m.matters.filter((x) => !x.acknowledged && x.at < cutoff).map((x) => ({ m, x })))
    .sort((a, b) => a.x.at.localeCompare(b.x.at) || a.m.ref.localeCompare(b.m.ref))
    .map(({ m, x }) => ({
      ref: m.ref,
      kind: 'meeting' as const,
      title: x.text,
      detail: `To ${escalationTargetLabel(x)} · sent ${formatDate(londonToday(new Date(x.at)))} from ${m.board}, ${longDate(m.date)} · not acknowledged`,
    }));
}

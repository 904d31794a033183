// The meeting cycle, run from each forum's rhythm: what is due to whom at an instant. Pure: the
// caller reads a place's forums, its meetings dated in cycleWindow, the sign-offs its key
// messages wait on, and its settings; this says which notices are due. Each notice names one
// forum, one meeting date and one person (noticeKey), so the store can send it exactly once.
//   - the board pack, offered to the forum's secretary and chairs N working days before its next
//     meeting (N = the forum's packDaysBefore, default 5): the prepared meeting's pack, else the
//     place's; a forum's own chairs and secretary may have it (records/packAccess.ts);
//   - "Agenda not prepared" to the secretary (none named: the place's admins) 7 days before, when
//     no meeting of the forum is prepared for that date;
//   - "Key messages … not drafted" to the secretary (or admins) 2 days after a meeting held without them;
//   - "Key messages … await your sign-off" to each chair, 2 days after they were sent for sign-off.
// Notices go out on working days (Monday to Friday, workingDays.ts) from 08:00 UK time.
import { DateTime } from 'luxon';
import { addDays, daysBetween, formatDate, LONDON, londonToday, type IsoDate } from './dates.js';
import { isForumActive, PACK_DAYS_DEFAULT, PACK_DAYS_RANGE, type Forum } from './forum.js';
import { nextMeetingDate } from './forumRhythm.js';
import type { Meeting } from './meeting.js';
import { forumOfMeeting } from './meetingForum.js';
import type { Person } from './people.js';
import { PLACE_NAMES, type PlaceCode } from './places.js';
import type { PlaceSettings } from './placeSettings.js';
import { isWorkingDay, workingDaysBefore, workingDaysBetween } from './workingDays.js';

/** Notices go out from this UK time on working days (like the weekday reminders). */
export const CYCLE_LOCAL = { hour: 8, minute: 0 } as const;
export const AGENDA_NOTICE_DAYS = 7;
export const DRAFT_NOTICE_DAYS = 2;
export const SIGN_OFF_NOTICE_DAYS = 2;
/** Meetings older than this are not looked at again: the cycle's reads stay a few weeks of meetings, whatever the history. */
export const LOOKBACK_DAYS = 14;
/** The furthest ahead a pack can be offered: 15 working days is 3 weeks, and 7 days more absorbs a meeting moved from its rhythm's date. */
const LOOKAHEAD_DAYS = (PACK_DAYS_RANGE.max / 5) * 7 + AGENDA_NOTICE_DAYS;
/** A meeting of the forum dated this close to its rhythm's date is that meeting (moved a day or two). */
const SAME_MEETING_DAYS = 7;

export const CYCLE_NOTICE_KINDS = ['pack', 'agenda', 'draft', 'signoff'] as const;
export type CycleNoticeKind = (typeof CYCLE_NOTICE_KINDS)[number];

export interface CycleNotice {
  kind: CycleNoticeKind;
  place: PlaceCode;
  forumRef: string;
  forum: string;
  /** The meeting's date (the rhythm's, or the prepared meeting's): with forum, kind and person, the notice's identity. */
  meetingDate: IsoDate;
  /** The prepared meeting, when there is one. */
  meetingRef?: string;
  to: Person;
  title: string;
  text: string;
}

export interface CycleSources {
  place: PlaceCode;
  /** Every forum of the place (archived ones too: a meeting stored before forums finds its board among them). */
  forums: readonly Forum[];
  /** The place's meetings dated within cycleWindow(today). */
  meetings: readonly Meeting[];
  /** When each key-messages sign-off was requested, by its ref. */
  signOffRequestedAt: Readonly<Record<string, string>>;
  settings: Pick<PlaceSettings, 'chairs' | 'admins'> | undefined;
  now: Date;
}

/** The London working day whose notices are due at `now` (from 08:00), else undefined. */
export function dueCycleDay(now: Date): IsoDate | undefined {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const today = local.toISODate()!;
  if (!isWorkingDay(today)) return undefined;
  return local.hour * 60 + local.minute >= CYCLE_LOCAL.hour * 60 + CYCLE_LOCAL.minute ? today : undefined;
}

/** The meeting dates a tick on `today` reads: LOOKBACK_DAYS back to the furthest pack offer ahead. */
export function cycleWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -LOOKBACK_DAYS), to: addDays(today, LOOKAHEAD_DAYS) };
}

/** A notice's identity: one a forum, meeting date, kind and person. Sorts by meeting date first (the store reads a window of them). */
export function noticeKey(n: Pick<CycleNotice, 'meetingDate' | 'forumRef' | 'kind' | 'to'>): string {
  return `${n.meetingDate}|${n.forumRef}|${n.kind}|${n.to.id}`;
}

const inDays = (n: number) => (n === 1 ? 'in 1 day' : `in ${n} days`);
const meetingName = (m: Pick<Meeting, 'ref'> | undefined, forum: Forum, date: IsoDate) => m?.ref ?? `${forum.name} on ${formatDate(date)}`;

/** Every notice due on `now`'s working day (after 08:00), across the place's active forums. */
export function dueCycleNotices(src: CycleSources): CycleNotice[] {
  if (!dueCycleDay(src.now)) return [];
  const today = londonToday(src.now);
  const out: CycleNotice[] = [];
  const admins = src.settings?.admins ?? [];
  for (const forum of src.forums.filter((f) => f.place === src.place && isForumActive(f))) {
    const mine = src.meetings.filter((m) => forumOfMeeting(m, src.forums)?.ref === forum.ref);
    const base = { place: src.place, forumRef: forum.ref, forum: forum.name };
    const secretaries = forum.secretary ? [forum.secretary] : admins;
    const next = nextMeetingDate(forum.rhythm, today);
    const prepared = next
      ? mine
          .filter((m) => Math.abs(daysBetween(next, m.date)) <= SAME_MEETING_DAYS)
          .sort((a, b) => Math.abs(daysBetween(next, a.date)) - Math.abs(daysBetween(next, b.date)))[0]
      : undefined;
    // A meeting held a few days before its rhythm's date was that meeting, brought forward: nothing more is due for it.
    if (next && !(prepared && prepared.date < today)) {
      const date = prepared ? prepared.date : next;
      const days = daysBetween(today, date);
      const packDays = forum.packDaysBefore ?? PACK_DAYS_DEFAULT;
      if (date >= today && today >= workingDaysBefore(date, packDays)) {
        const within = workingDaysBetween(today, date);
        for (const to of unique([...(forum.secretary ? [forum.secretary] : []), ...forum.chairs])) {
          out.push({
            ...base,
            kind: 'pack',
            meetingDate: date,
            ...(prepared ? { meetingRef: prepared.ref } : {}),
            to,
            title: `Board pack for ${forum.name}`,
            text: `${forum.name} meets on ${formatDate(date)}${within ? `, ${within === 1 ? 'in 1 working day' : `in ${within} working days`}` : ', today'}${prepared ? ` (${prepared.ref}): its board pack follows` : `: the ${PLACE_NAMES[forum.place]} board pack follows`}, made from the current records when you allow each file.`,
          });
        }
      }
      if (!prepared && days >= 1 && days <= AGENDA_NOTICE_DAYS)
        for (const to of unique(secretaries))
          out.push({
            ...base,
            kind: 'agenda',
            meetingDate: next,
            to,
            title: `Agenda not prepared: ${forum.name} meets on ${formatDate(next)}, ${inDays(days)}`,
            text: `No meeting of ${forum.name} is prepared for ${formatDate(next)}. Type “prepare meeting ${forum.name}” to draw up its agenda.`,
          });
    }
    for (const m of mine) {
      const since = daysBetween(m.date, today);
      if (since < DRAFT_NOTICE_DAYS || since > LOOKBACK_DAYS) continue;
      const ref = meetingName(m, forum, m.date);
      if (!m.keyMessages && m.status !== 'PUBLISHED')
        for (const to of unique(secretaries))
          out.push({
            ...base,
            kind: 'draft',
            meetingDate: m.date,
            meetingRef: m.ref,
            to,
            title: `Key messages for ${ref} not drafted`,
            text: `${forum.name} met on ${formatDate(m.date)}, ${since} days ago, and its key messages are not drafted yet: draft them from the meeting’s card (type ${m.ref} to open it).`,
          });
      const requested = m.keyMessages?.signOffRef ? src.signOffRequestedAt[m.keyMessages.signOffRef] : undefined;
      if (
        m.status === 'KEY_MESSAGES_AWAITING_SIGNOFF' &&
        requested &&
        daysBetween(londonToday(new Date(requested)), today) >= SIGN_OFF_NOTICE_DAYS
      )
        for (const to of unique(forum.chairs.map(({ id, name }) => ({ id, name }))))
          out.push({
            ...base,
            kind: 'signoff',
            meetingDate: m.date,
            meetingRef: m.ref,
            to,
            title: `Key messages for ${ref} await your sign-off`,
            text: `The key messages of ${forum.name}'s meeting on ${formatDate(m.date)} were sent for your sign-off on ${formatDate(londonToday(new Date(requested)))} (${m.keyMessages!.signOffRef}): approve them, or return them with a comment.`,
          });
    }
  }
  return out;
}

function unique(people: readonly Person[]): Person[] {
  const seen = new Map<string, Person>();
  for (const p of people) if (!seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
  return [...seen.values()];
}

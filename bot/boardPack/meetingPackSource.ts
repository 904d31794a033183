// What the pack for one meeting is made from, read with bounded reads only: the meeting (one point
// read), its place's forums (a handful, one range), the sign-offs its agenda names (a point read
// each; an agenda holds at most 80 items) and its forum's previous meeting, found among the place's
// latest RECENT meetings (the newest-first meeting index: one query and RECENT + 1 point reads),
// never the history. records/pack/meetingPack.ts says what the pack prints of them.
import { z } from 'zod';
import { londonToday, type IsoDate } from '../../records/dates.js';
import type { Forum } from '../../records/forum.js';
import type { Meeting } from '../../records/meeting.js';
import { addedSincePrepared, withScheduled } from '../../records/forwardPlanAgenda.js';
import { forumOfMeeting, type ChannelHere } from '../../records/meetingForum.js';
import { meetingPackOf, nextBoardMeeting, previousOf, type MeetingPack } from '../../records/pack/meetingPack.js';
import type { PlaceSettings } from '../../records/placeSettings.js';
import type { PlaceCode } from '../../records/places.js';
import type { SignOff } from '../../records/signoff.js';
import type { Stored } from '../../records/stored.js';

/**
 * The place's latest meetings read to find a forum's previous one, or its board's next: two years of
 * a monthly board with a delivery group beside it. A meeting older than that is not a pack's concern.
 */
const RECENT = 24;

/** The store's reads the pack for a meeting uses (RecordStore has them). */
export interface MeetingPackReads {
  get(kind: 'meeting', ref: string): Promise<Stored<Meeting> | undefined>;
  get(kind: 'signoff', ref: string): Promise<Stored<SignOff> | undefined>;
  listByPlace(kind: 'forum', place: PlaceCode): Promise<Stored<Forum>[]>;
  latestMeetings(place: PlaceCode, n: number): Promise<{ meetings: Stored<Meeting>[] }>;
}

export interface MeetingPackRead {
  pack: MeetingPack;
  /** The forum's previous meeting: "since the last meeting" counts from its day. */
  previous?: Meeting;
}

/** The place's latest RECENT meetings, newest first (those still to come included). */
async function recentMeetings(reads: MeetingPackReads, place: PlaceCode): Promise<Meeting[]> {
  return (await reads.latestMeetings(place, RECENT)).meetings.map((s) => s.record);
}

/** Where the meeting is held, as the app knows it: the channel its forum works in. */
function whereOf(forum: Forum | undefined, settings: PlaceSettings | undefined): string | undefined {
  const channel = forum?.channelId ? settings?.channels.find((c) => c.id === forum.channelId) : undefined;
  return channel ? `Microsoft Teams, the ${channel.name} channel` : undefined;
}

/** The pack for `meeting` (of `place`), or undefined when there is no such meeting there. */
export async function readMeetingPack(
  reads: MeetingPackReads,
  place: PlaceCode,
  meetingRef: string,
  settings: PlaceSettings | undefined,
): Promise<MeetingPackRead | undefined> {
  const [stored, forums] = await Promise.all([reads.get('meeting', meetingRef), reads.listByPlace('forum', place)]);
  const asStored = stored?.record;
  if (!asStored || asStored.place !== place) return undefined;
  const allForums = forums.map((f) => f.record);
  const forum = forumOfMeeting(asStored, allForums);
  // Forward plan items put on its agenda since it was prepared are on its pack's agenda too, as on its card.
  const meeting = forum ? { ...asStored, agenda: withScheduled(asStored.agenda, addedSincePrepared(forum, asStored)) } : asStored;
  const paperRefs = [...new Set(meeting.agenda.map((a) => a.ref).filter((ref) => ref.startsWith(`${place}-S-`)))];
  const [papers, recent] = await Promise.all([
    Promise.all(paperRefs.map((ref) => reads.get('signoff', ref))),
    recentMeetings(reads, place),
  ]);
  const previous = previousOf(meeting, recent, allForums);
  const where = whereOf(forum, settings);
  const pack = meetingPackOf({
    meeting,
    ...(forum ? { forum } : {}),
    ...(where ? { where } : {}),
    papers: papers.flatMap((p) => (p ? [p.record] : [])),
    ...(previous ? { previous } : {}),
  });
  return { pack, ...(previous ? { previous } : {}) };
}

/** The place board's next prepared meeting (the soonest of its latest few), for `board pack <place>`; undefined when none. */
async function nextBoardMeetingIn(
  reads: MeetingPackReads,
  place: PlaceCode,
  today: IsoDate,
  here?: ChannelHere,
): Promise<Meeting | undefined> {
  const [meetings, forums] = await Promise.all([recentMeetings(reads, place), reads.listByPlace('forum', place)]);
  return nextBoardMeeting(
    meetings,
    forums.map((f) => f.record),
    today,
    here,
  );
}

// ---- what `board pack <typed>` is for ---------------------------------------------------------

/** A meeting's ref as typed or carried by a consent card: BPL-M-0002. */
export const meetingRefSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(BPL|BWD|LAN|SC)-M-\d{4,}$/);

/** What a pack card names of its meeting. */
export interface PackMeetingName {
  ref: string;
  forum: string;
  date: IsoDate;
}

const named = (m: Meeting): PackMeetingName => ({ ref: m.ref, forum: m.board, date: m.date });

/**
 * `board pack BPL-M-0002`: that meeting and its place; anything else is a place (or nothing) for the
 * caller to read. A ref of no meeting is answered so, naming the ref.
 */
export async function packFor(
  reads: Pick<MeetingPackReads, 'get'>,
  typed: string,
): Promise<{ ok: true; place?: PlaceCode; meeting?: PackMeetingName } | { ok: false; line: string }> {
  const ref = meetingRefSchema.safeParse(typed);
  if (!ref.success) return { ok: true };
  const meeting = (await reads.get('meeting', ref.data))?.record;
  if (!meeting)
    return {
      ok: false,
      line: `There is no meeting ${ref.data}. Type “meetings” and a place to see its meetings, e.g. “meetings Blackpool”.`,
    };
  return { ok: true, place: meeting.place, meeting: named(meeting) };
}

/** The place board's next prepared meeting (typed in a channel: the next of the forum that channel speaks for), named for the pack card, or undefined. */
export async function nextMeetingOf(
  reads: MeetingPackReads,
  place: PlaceCode,
  now: Date,
  here?: ChannelHere,
): Promise<PackMeetingName | undefined> {
  const meeting = await nextBoardMeetingIn(reads, place, londonToday(now), here);
  return meeting ? named(meeting) : undefined;
}

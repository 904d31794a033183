// The pack for one meeting: what its cover says (forum, date and start time, chairs with their
// titles, secretary, where), its agenda in order with each paper's cover sheet and link, and the
// forum's last meeting's published key messages. Pure: the caller reads the meeting, its forum,
// the sign-offs its agenda names and the forum's previous meeting (bounded reads), and this says
// what the pack prints of them.
import { DateTime } from 'luxon';
import { coverLines } from '../coverSheet.js';
import { LONDON, type IsoDate } from '../dates.js';
import type { Forum } from '../forum.js';
import { AGENDA_SECTIONS, longDate, publishedKeyMessages, type Meeting } from '../meeting.js';
import type { SignOff } from '../signoff.js';
import type { Locality } from '../places.js';
import { forumOfChannel, forumOfMeeting, placeBoard, type ChannelHere } from '../meetingForum.js';

/** One agenda item as the pack prints it. */
export interface PackAgendaItem {
  /** 1, 2, 3 …: the order the meeting takes them. */
  number: number;
  section: string;
  ref: string;
  title: string;
  detail?: string;
  /** A paper's cover sheet, a labelled line each (records/coverSheet.ts coverLines), when it has one. */
  cover?: string;
  /** The link to the paper, as given. */
  paper?: string;
}

/** The forum's previous meeting, as its key messages stand. */
export type LastKeyMessages =
  | { kind: 'none' }
  | { kind: 'unpublished'; ref: string; date: IsoDate }
  | { kind: 'published'; ref: string; date: IsoDate; lines: string[] };

/** What the pack for a meeting adds to a place's pack. */
export interface MeetingPack {
  ref: string;
  forum: string;
  date: IsoDate;
  /** The cover's lines after the title: "Forum: …", "Date: …", "Chair: …". */
  cover: { label: string; value: string }[];
  agenda: PackAgendaItem[];
  lastKeyMessages: LastKeyMessages;
  /** A Lancashire locality board's meeting: its registers are that locality's and the Lancashire-wide records, as its agenda. */
  locality?: Locality;
}

export interface MeetingPackInput {
  meeting: Pick<Meeting, 'ref' | 'board' | 'date' | 'agenda' | 'locality'>;
  /** Its forum, if it has one (a meeting stored before forums reads as its place's board, or none). */
  forum?: Pick<Forum, 'name' | 'chairs' | 'viceChair' | 'secretary' | 'startTime'>;
  /** Where the meeting is held, as the caller knows it (e.g. the forum's channel). */
  where?: string;
  /** The sign-offs the agenda names (others are ignored): their cover sheets and links. */
  papers: readonly Pick<SignOff, 'ref' | 'cover' | 'paperUrl'>[];
  /** The forum's meeting before this one, if any. */
  previous?: Pick<Meeting, 'ref' | 'board' | 'date' | 'keyMessages'>;
}

/** "Thursday 10 December 2026 at 14:00": a meeting's date and start time (UK time), as a cover prints it. */
export function meetingWhen(date: IsoDate, startTime?: string): string {
  const day = DateTime.fromISO(date, { zone: LONDON }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
  return startTime ? `${day} at ${startTime}` : day;
}

const WHERE_UNKNOWN = 'To be confirmed by the secretary';

export function meetingPackOf(input: MeetingPackInput): MeetingPack {
  const { meeting, forum } = input;
  const chairs = forum?.chairs.map((c) => `${c.name}, ${c.title}`) ?? [];
  const cover = [
    { label: 'Forum', value: forum?.name ?? meeting.board },
    { label: 'Meeting', value: meeting.ref },
    { label: 'Date', value: meetingWhen(meeting.date, forum?.startTime) },
    { label: chairs.length > 1 ? 'Chairs' : 'Chair', value: chairs.join('; ') || 'Not named' },
    ...(forum?.viceChair ? [{ label: 'Vice-chair', value: forum.viceChair.name }] : []),
    { label: 'Secretary', value: forum?.secretary?.name ?? 'Not named' },
    { label: 'Where', value: input.where?.trim() || WHERE_UNKNOWN },
  ];
  const papers = new Map(input.papers.map((p) => [p.ref, p]));
  const agenda = meeting.agenda.map((item, i): PackAgendaItem => {
    const paper = papers.get(item.ref);
    const cover = paper?.cover
      ? coverLines(paper.cover)
          .map((l) => `${l.title}: ${l.value}`)
          .join('\n')
      : undefined;
    return {
      number: i + 1,
      section: AGENDA_SECTIONS[item.section],
      ref: item.ref,
      title: item.title,
      ...(item.detail ? { detail: item.detail } : {}),
      ...(cover ? { cover } : {}),
      ...(paper?.paperUrl ? { paper: paper.paperUrl } : {}),
    };
  });
  return {
    ref: meeting.ref,
    forum: forum?.name ?? meeting.board,
    date: meeting.date,
    cover,
    agenda,
    lastKeyMessages: lastKeyMessagesOf(input.previous),
    ...(meeting.locality ? { locality: meeting.locality } : {}),
  };
}

/** The previous meeting's key messages as published (seed 001's layout), or why there are none. */
function lastKeyMessagesOf(previous: MeetingPackInput['previous']): LastKeyMessages {
  if (!previous) return { kind: 'none' };
  if (!previous.keyMessages?.published) return { kind: 'unpublished', ref: previous.ref, date: previous.date };
  const p = publishedKeyMessages(previous);
  return {
    kind: 'published',
    ref: previous.ref,
    date: previous.date,
    lines: [p.title, p.datePosted, p.meetingDate, ...p.body, p.signedOff],
  };
}

/** What the key messages section says before (or instead of) the messages themselves. */
export function lastKeyMessagesIntro(last: LastKeyMessages): string {
  switch (last.kind) {
    case 'none':
      return 'No earlier meeting of this forum is recorded, so there are no key messages to carry forward.';
    case 'unpublished':
      return `The key messages of the last meeting (${last.ref}, ${longDate(last.date)}) are not yet published; its key decisions and matters for escalation follow.`;
    case 'published':
      return `As published after the last meeting (${last.ref}, ${longDate(last.date)}).`;
  }
}

// ---- which meetings ------------------------------------------------------------------------

type MeetingKey = Pick<Meeting, 'ref' | 'place' | 'forumRef' | 'date' | 'board'>;

/** Whether two meetings are of one forum (a meeting stored before forums is its place's board's). */
export function sameForum(a: MeetingKey, b: MeetingKey, forums: readonly Forum[]): boolean {
  const fa = forumOfMeeting(a, forums);
  const fb = forumOfMeeting(b, forums);
  return fa || fb ? fa?.ref === fb?.ref : a.board === b.board;
}

/** The forum's meeting before `meeting` (dated before it), among `candidates` (newest first, as read). */
export function previousOf<M extends MeetingKey>(meeting: MeetingKey, candidates: readonly M[], forums: readonly Forum[]): M | undefined {
  return candidates.find((m) => m.ref !== meeting.ref && m.date < meeting.date && sameForum(m, meeting, forums));
}

/**
 * The meeting `board pack <place>` is for: the place board's soonest meeting on or after `today`
 * whose key messages are not yet published; none when it has none prepared (the place's pack, as before).
 */
export function nextBoardMeeting<M extends MeetingKey & Pick<Meeting, 'status'>>(
  meetings: readonly M[],
  forums: readonly Forum[],
  today: IsoDate,
  /** Typed in a channel: the forum that channel speaks for (records/meetingForum.ts forumOfChannel), not the place's board. */
  here?: ChannelHere,
): M | undefined {
  const board = here ? forumOfChannel(forums, here) : placeBoard(forums);
  return meetings
    .filter((m) => m.date >= today && m.status !== 'PUBLISHED' && forumOfMeeting(m, forums)?.ref === board?.ref)
    .sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref))[0];
}

// Which forum a meeting belongs to, and the date its rhythm proposes. Pure: the caller reads the
// place's forums (a handful) and says where the speaker is; this says which forum, or why none.
import { addDays, formatDate, type IsoDate } from './dates.js';
import { isForumActive, forumNamed, type Forum } from './forum.js';
import { nextMeetingDate } from './forumRhythm.js';
import { PLACE_NAMES, type Locality, type PlaceCode } from './places.js';

/** The days ahead proposed when a meeting has no forum, or its forum's rhythm gives no date. */
export const DEFAULT_DAYS_AHEAD = 14;

/**
 * A place's board: its forum with no locality that does not itself report to the place board (the
 * locality boards and delivery groups do); the oldest ref if several. Active ones first, then an
 * archived one, so a meeting stored before forums still finds the board it was held by.
 */
export function placeBoard(forums: readonly Forum[]): Forum | undefined {
  const boards = forums
    .filter((f) => !f.locality && !f.reportingLines.some((l) => l.to === 'place-board'))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  return boards.find(isForumActive) ?? boards[0];
}

/** `prepare meeting <place>`: the place's one active forum, else its board (if active). */
export function forumForPlace(forums: readonly Forum[]): Forum | undefined {
  const active = forums.filter(isForumActive);
  if (active.length === 1) return active[0];
  const board = placeBoard(forums);
  return board && isForumActive(board) ? board : undefined;
}

/**
 * The forum a meeting belongs to: the one it names, or, for a meeting stored before meetings named
 * a forum, its place's board (resolved on read; the stored meeting is left as it was audited).
 */
export function forumOfMeeting(meeting: { place: PlaceCode; forumRef?: string | undefined }, forums: readonly Forum[]): Forum | undefined {
  const own = forums.filter((f) => f.place === meeting.place);
  return meeting.forumRef ? own.find((f) => f.ref === meeting.forumRef) : placeBoard(own);
}

/** Where something was typed: a channel linked to the place, and the Lancashire locality it is for, if any. */
export interface ChannelHere {
  channelId: string;
  locality?: Locality | undefined;
}

/**
 * The forum a channel speaks for: the active forum working in it, else (in a Lancashire locality's
 * channel) that locality's board, else the place's one active forum or its board (forumForPlace).
 */
export function forumOfChannel(forums: readonly Forum[], here: ChannelHere): Forum | undefined {
  const active = forums.filter(isForumActive);
  const working =
    active.find((f) => f.channelId === here.channelId) ?? (here.locality ? active.find((f) => f.locality === here.locality) : undefined);
  return working ?? forumForPlace(forums);
}

export type NamedForum = { ok: true; forum: Forum } | { ok: false; reason: 'none' | 'archived' | 'otherPlace'; line: string };

/**
 * A forum named in `prepare meeting <name>`, among the forums of the places the speaker may see.
 * `here`: the place of the channel it was typed in, if linked; a forum of another place is refused
 * there (prepared from its own channel or personal chat), as is an archived forum.
 */
export function namedForum(visible: readonly Forum[], typed: string, here: PlaceCode | undefined): NamedForum {
  const found = forumNamed(
    visible.map((record) => ({ record })),
    typed,
  )?.record;
  const name = typed.trim().slice(0, 80);
  if (!found) return { ok: false, reason: 'none', line: `I don't know a forum or place called “${name}” that you can see.` };
  if (here && found.place !== here)
    return {
      ok: false,
      reason: 'otherPlace',
      line: `${found.name} is a forum of ${PLACE_NAMES[found.place]}, not ${PLACE_NAMES[here]}: prepare its meetings from the ${PLACE_NAMES[found.place]} channel or in your chat with me.`,
    };
  if (!isForumActive(found))
    return {
      ok: false,
      reason: 'archived',
      line: `${found.name} is archived, so no meeting of it can be prepared: a place admin can restore it from its card.`,
    };
  return { ok: true, forum: found };
}

/** The date proposed for the next meeting: the forum's rhythm, or 14 days ahead with a line saying why. */
export function proposedMeetingDate(forum: Forum | undefined, today: IsoDate): { date: IsoDate; note?: string } {
  const fallback = addDays(today, DEFAULT_DAYS_AHEAD);
  if (!forum) return { date: fallback };
  const next = nextMeetingDate(forum.rhythm, today);
  if (next) return { date: next };
  return {
    date: fallback,
    note: `${forum.name}'s rhythm gives no meeting date from today, so ${formatDate(fallback)} (14 days ahead) is proposed: change the date, and ask a place admin to update its rhythm.`,
  };
}

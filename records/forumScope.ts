// A forum's scope, for what it reads: whose items its agenda holds (a Lancashire locality board:
// that locality's and the place-wide ones) and whose meetings are its own, for "since the last
// meeting". Pure: the caller reads the place's forums (a handful).
import type { Forum } from './forum.js';
import { placeBoard } from './meetingForum.js';
import type { Locality } from './places.js';

/** The key a meeting stored before meetings named a forum is indexed under (records/store/codecs.ts meetingCodec). */
export const UNATTACHED = '-';

/** What a forum's agenda draws from: its locality's items (none: the whole place) since the last meeting of `meetingsOf`. */
export interface ForumScope {
  locality?: Locality;
  /** The forum keys whose meetings are this forum's: its ref, and for the place's board UNATTACHED too. */
  meetingsOf: readonly string[];
}

/**
 * A forum's scope among its place's forums. The place's board also owns the meetings stored
 * before meetings named a forum (records/meetingForum.ts forumOfMeeting resolves them to it).
 */
export function scopeOf(forum: Forum, forums: readonly Forum[]): ForumScope {
  const board = placeBoard(forums.filter((f) => f.place === forum.place));
  return {
    ...(forum.locality ? { locality: forum.locality } : {}),
    meetingsOf: board?.ref === forum.ref ? [forum.ref, UNATTACHED] : [forum.ref],
  };
}

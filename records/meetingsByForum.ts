// "meetings Lancashire": a place's latest meetings grouped by the forum each belongs to (its own,
// or for one stored before meetings named a forum, the place's board). Pure: the caller reads the
// meetings and the place's forums.
import type { Forum } from './forum.js';
import { forumOfMeeting, placeBoard } from './meetingForum.js';
import type { PlaceCode } from './places.js';

export interface ForumGroup<M> {
  /** Undefined: meetings of no forum the place has (a place with none yet). */
  forum?: Forum;
  /** Newest first, as given. */
  meetings: M[];
}

/** The place's board first, then its other forums by name, then meetings of no known forum; each group's meetings in the order given. */
export function groupByForum<M extends { place: PlaceCode; forumRef?: string | undefined }>(
  meetings: readonly M[],
  forums: readonly Forum[],
): ForumGroup<M>[] {
  const groups = new Map<string, ForumGroup<M>>();
  for (const m of meetings) {
    const forum = forumOfMeeting(m, forums);
    const key = forum?.ref ?? '';
    const group = groups.get(key) ?? { ...(forum ? { forum } : {}), meetings: [] };
    group.meetings.push(m);
    groups.set(key, group);
  }
  const board = placeBoard(forums)?.ref;
  const rank = (g: ForumGroup<M>) => (!g.forum ? 2 : g.forum.ref === board ? 0 : 1);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || (a.forum?.name ?? '').localeCompare(b.forum?.name ?? ''));
}

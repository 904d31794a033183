// Who prepares a forum's meeting: its secretary and its chairs, and the place's admins (the board
// secretaries). Pure: a relation between a person and a forum. A secretary or chair of another
// forum of the place is not one of them; a meeting with no forum (a place with none yet): the
// place's chairs and admins, as before forums.
import type { Forum } from './forum.js';
import { isChairOrAdmin, type Actor } from './people.js';
import { PLACE_NAMES } from './places.js';

export function mayPrepareMeeting(actor: Actor, forum: Pick<Forum, 'chairs' | 'secretary'> | undefined): boolean {
  if (!forum) return isChairOrAdmin(actor);
  return actor.roles.includes('admin') || forum.chairs.some((c) => c.id === actor.id) || forum.secretary?.id === actor.id;
}

/** What someone who may not prepare the forum's meeting is told. */
export function notPreparerLine(forum: Pick<Forum, 'name' | 'place'>): string {
  return `Only the secretary or a chair of ${forum.name}, or an admin of ${PLACE_NAMES[forum.place]}, can prepare its meetings.`;
}

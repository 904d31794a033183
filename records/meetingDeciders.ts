// Who decides at a forum's meeting: closes the actions proposed for closure and ratifies (or not)
// the chair's actions on its agenda. Pure: a relation between a person and a forum. The forum's
// chairs and the place's admins (the board secretary); a meeting with no forum (a place with
// none yet): the place's chairs and admins, as before forums.
import type { Forum } from './forum.js';
import { refuse, type Refusal } from './outcome.js';
import { isChairOrAdmin, type Actor } from './people.js';

export const NOT_FORUM_CHAIR_OR_ADMIN = 'Only a chair of this forum or a place admin (the board secretary) can do that at its meeting.';

export function mayDecideAtMeeting(actor: Actor, forum: Pick<Forum, 'chairs'> | undefined): boolean {
  if (!forum) return isChairOrAdmin(actor);
  return actor.roles.includes('admin') || forum.chairs.some((c) => c.id === actor.id);
}

/**
 * The same relation as a refusal, for a change to an item made at the meeting (closing an action,
 * ratifying a chair's action from its panel): checked before the item's own rule, which accepts
 * any chair of the place.
 */
export function refusedAtMeeting(actor: Actor, forum: Pick<Forum, 'chairs'> | undefined): Refusal | undefined {
  return mayDecideAtMeeting(actor, forum) ? undefined : refuse('WRONG_PERSON', NOT_FORUM_CHAIR_OR_ADMIN).refusal;
}

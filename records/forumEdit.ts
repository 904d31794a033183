// A place admin's edit of a forum from its card: the form as typed, read against the forum as
// stored (the people it already names may stay), then the forum's one rule, applyForumCommand
// 'change', with its audit event. Pure: the caller passes the place's named people and the names
// of its other forums; a duplicate name, a chair with no title, a reporting line with no name or a
// rhythm that gives no date is a message on the field, and nothing changes.
import { applyForumCommand, forumNamed, mayAdministerForums, NOT_PLACE_ADMIN, type Forum, type ForumCommand } from './forum.js';
import { applyForumDelegateCommand, type ForumDelegateCommand } from './forumDelegates.js';
import { forumDraftFrom, peopleOfForum, type ForumFormInput } from './forumInput.js';
import { londonToday } from './dates.js';
import { invalid, refuse, type Transition } from './outcome.js';
import type { Actor, Person } from './people.js';
import { PLACE_NAMES } from './places.js';

/** The edit form as submitted, with what the rule needs to read it: whom the place names, and its other forums. */
export interface ForumEdit {
  type: 'change';
  typed: ForumFormInput;
  /** The place's named people (chairs, approvers) and the admin editing: whom a name on the form may be. */
  known: readonly Person[];
  /** The place's other forums (archived ones too): a name is taken once in a place. */
  others: readonly Pick<Forum, 'ref' | 'name'>[];
}

/** Every command a forum's card gives: the forum's own, an edit as typed, or a chair's delegate for key messages. */
export type ForumCardCommand = ForumCommand | ForumEdit | ForumDelegateCommand;

function isForumEdit(command: ForumCardCommand): command is ForumEdit {
  return command.type === 'change' && 'typed' in command;
}

/** A forum's card's command: an edit is read, checked and handed to applyForumCommand 'change'; anything else goes straight there. */
export function applyForumCardCommand(forum: Forum, actor: Actor, command: ForumCardCommand, now: Date): Transition<Forum> {
  if (command.type === 'nameDelegate' || command.type === 'endDelegate') return applyForumDelegateCommand(forum, actor, command, now);
  if (!isForumEdit(command)) return applyForumCommand(forum, actor, command, now);
  // Who first: someone who may not edit learns nothing about what was wrong with the form.
  if (!mayAdministerForums(actor)) return refuse('WRONG_PERSON', NOT_PLACE_ADMIN);
  const read = forumDraftFrom(forum.place, command.typed, [...peopleOfForum(forum), ...command.known], londonToday(now));
  if (!read.ok) return invalid(read.errors);
  const { place: _p, ...fields } = read.draft;
  const others = command.others.filter((o) => o.ref !== forum.ref).map((record) => ({ record }));
  if (forumNamed(others, fields.name))
    return invalid({ name: `${PLACE_NAMES[forum.place]} already has a forum called ${fields.name.slice(0, 120)}: choose another name.` });
  return applyForumCommand(forum, actor, { type: 'change', fields }, now);
}

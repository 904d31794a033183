// The forward plan on a meeting's card: the meeting's forum (one read of the place's few forums),
// the plan items put on its agenda since it was prepared, and, for the forum's plan keepers, the
// "Add to forward plan" form with the forum's ETag (the add is the forum's own change).
import type { MeetingPlanOffer } from '../../cards/meetingCards.js';
import type { Forum } from '../../records/forum.js';
import { mayKeepForwardPlan } from '../../records/forwardPlan.js';
import { addedSincePrepared, withScheduled } from '../../records/forwardPlanAgenda.js';
import type { Meeting } from '../../records/meeting.js';
import { forumOfMeeting } from '../../records/meetingForum.js';
import type { Actor, Person } from '../../records/people.js';
import type { Stored } from '../ports.js';

export interface MeetingPlan {
  forum?: Forum;
  /** The meeting with the plan items named as due at it since it was prepared. */
  meeting: Meeting;
  offer?: MeetingPlanOffer;
}

/** The people a plan's owner is first chosen from: the forum's chairs and secretary, and whoever is adding. */
export function planPeople(forum: Forum, actor: Person): Person[] {
  const all = [...forum.chairs, ...(forum.secretary ? [forum.secretary] : []), actor].map((p) => ({ id: p.id, name: p.name }));
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
}

/** `forums`: the stored forums of the meeting's place (bot/meeting/meetingForums.ts storedFor). */
export function meetingPlan(forums: readonly Stored<Forum>[], m: Meeting, actor: Actor): MeetingPlan {
  const forum = forumOfMeeting(
    m,
    forums.map((s) => s.record),
  );
  const stored = forums.find((s) => s.record.ref === forum?.ref);
  const meeting = forum ? { ...m, agenda: withScheduled(m.agenda, addedSincePrepared(forum, m)) } : m;
  const offer =
    stored && stored.record.status === 'ACTIVE' && mayKeepForwardPlan(actor, stored.record)
      ? { forumRef: stored.record.ref, etag: stored.etag, people: planPeople(stored.record, actor) }
      : undefined;
  return { ...(forum ? { forum } : {}), meeting, ...(offer ? { offer } : {}) };
}

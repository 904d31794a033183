// Who signs a forum's key messages: its chairs, each in their own seat, or a delegate a chair named
// for that seat, for one meeting or standing. Pure: a relation between people. Only a chair of the
// forum names (or ends) a delegate, for their own seat: not a place admin, not another chair. The
// key messages a delegate approves are published "<delegate> on behalf of <chair>, <chair's
// title>"; nobody else's approval is published as a chair's.
import { auditEvent } from './audit.js';
import { isForumActive, type Forum, type KeyMessagesDelegate } from './forum.js';
import { signingTitle } from './meeting.js';
import { invalid, refuse, type Transition } from './outcome.js';
import { toPerson, type Actor, type Person } from './people.js';
import type { SignOff } from './signoff.js';

export type ForumDelegateCommand =
  | {
      type: 'nameDelegate';
      delegate: Person;
      /** The meeting it is for, as read from the store (never from card data); absent: standing. */
      meeting?: { ref: string; forumRef: string | undefined };
    }
  | { type: 'endDelegate'; delegateId: string; meetingRef?: string };

export const MAX_FORUM_DELEGATES = 12;

export function notChairLine(forum: Pick<Forum, 'name'>): string {
  return `Only a chair of ${forum.name} can name a delegate to sign off its key messages on their behalf, for their own seat.`;
}

/** Whether `actor` may name a delegate on this forum: they are one of its chairs (whatever their place roles). */
export function mayNameDelegate(forum: Pick<Forum, 'chairs' | 'status'>, actor: Pick<Actor, 'id'>): boolean {
  return isForumActive(forum) && forum.chairs.some((c) => c.id === actor.id);
}

const sameSlot = (a: Pick<KeyMessagesDelegate, 'chairId' | 'meetingRef'>, b: Pick<KeyMessagesDelegate, 'chairId' | 'meetingRef'>) =>
  a.chairId === b.chairId && (a.meetingRef ?? '') === (b.meetingRef ?? '');

/** A chair names (or replaces) their delegate for a meeting or standing, or ends one they named. */
export function applyForumDelegateCommand(forum: Forum, actor: Actor, command: ForumDelegateCommand, now: Date): Transition<Forum> {
  if (!isForumActive(forum)) return refuse('WRONG_STATE', `${forum.name} is archived: restore it first.`);
  const chair = forum.chairs.find((c) => c.id === actor.id);
  if (!chair) return refuse('WRONG_PERSON', notChairLine(forum));
  const at = now.toISOString();
  const current = forum.delegates ?? [];
  let delegates: KeyMessagesDelegate[];
  if (command.type === 'nameDelegate') {
    const d = command.delegate;
    if (!d?.id?.trim()) return invalid({ delegate: 'Choose the person who will sign off for you.' });
    if (d.id === actor.id) return invalid({ delegate: 'You sign in your own seat: name someone else as your delegate.' });
    const otherChair = forum.chairs.find((c) => c.id === d.id);
    if (otherChair) return invalid({ delegate: `${otherChair.name} is a chair of ${forum.name} already and signs in their own seat.` });
    const meeting = command.meeting;
    if (meeting && meeting.forumRef !== forum.ref)
      return invalid({
        delegateMeeting: `${meeting.ref.slice(0, 20)} is not a meeting of ${forum.name}: give one of its meetings, or leave it empty for standing.`,
      });
    const entry: KeyMessagesDelegate = {
      chairId: chair.id,
      delegate: toPerson(d),
      ...(meeting ? { meetingRef: meeting.ref } : {}),
      namedAt: at,
    };
    delegates = [...current.filter((x) => !sameSlot(x, entry)), entry];
    if (delegates.length > MAX_FORUM_DELEGATES)
      return refuse('NOT_ALLOWED', `${forum.name} already records ${MAX_FORUM_DELEGATES} delegates: end one first.`);
  } else {
    const slot = { chairId: chair.id, ...(command.meetingRef ? { meetingRef: command.meetingRef } : {}) };
    const found = current.find((x) => sameSlot(x, slot) && x.delegate.id === command.delegateId);
    if (!found) return invalid({ delegate: 'That delegate is not one you named: nothing to end.' });
    delegates = current.filter((x) => x !== found);
  }
  const next: Forum = { ...forum, delegates };
  return { ok: true, record: next, event: auditEvent('forum', next, actor, command.type, at, forum, next) };
}

/**
 * The delegates a key messages sign-off for `meetingRef` starts with: for each approver (a chair of
 * the forum), the one they named for that meeting, else their standing one. Left out: anyone who
 * could not answer for the seat (an approver themselves, the person sending them, one already
 * answering for another seat).
 */
export function keyMessagesDelegates(
  forum: Pick<Forum, 'delegates'> | undefined,
  meetingRef: string,
  approvers: readonly Person[],
  senderId: string,
): { approverId: string; delegate: Person }[] {
  const out: { approverId: string; delegate: Person }[] = [];
  for (const a of approvers) {
    const mine = (forum?.delegates ?? []).filter((d) => d.chairId === a.id);
    const chosen = mine.find((d) => d.meetingRef === meetingRef) ?? mine.find((d) => !d.meetingRef);
    if (!chosen) continue;
    const who = chosen.delegate;
    if (who.id === senderId || approvers.some((x) => x.id === who.id) || out.some((o) => o.delegate.id === who.id)) continue;
    out.push({ approverId: a.id, delegate: toPerson(who) });
  }
  return out;
}

/**
 * How approved key messages are signed: by whoever decided, "<delegate> on behalf of <chair>" when a
 * delegate did (the sign-off records it so), with the title of the chair whose seat it was.
 */
export function keyMessagesSigner(
  signOff: Pick<SignOff, 'decision' | 'responses' | 'approvers'>,
  chairs: readonly { id: string; title: string }[] | undefined,
): { signedOffBy: Person; role: string } | undefined {
  const by = signOff.decision?.by;
  if (!by) return undefined;
  const response = signOff.responses.find(
    (r) => r.by.id === by.id && (r.outcome === 'APPROVED' || r.outcome === 'APPROVED_WITH_CONDITIONS'),
  );
  const seat = response?.approver ?? by;
  return { signedOffBy: toPerson(by), role: signingTitle(chairs, seat.id) };
}

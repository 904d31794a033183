// Who may name a delegate for an approver's seat on a sign-off, and for which sign-offs a
// delegate may answer at all. Pure: `(person, sign-off, command) → allowed or a reason`.
//
// - Only the approver names their own delegate: a chair or admin filling someone else's seat
//   (or every seat of an everyone-must-approve sign-off) with people they choose is refused.
// - A chair's action is signed off by a chair of the place, in person: it takes no delegate (the
//   place's other chairs are its approvers, or can be asked).
// - A meeting's key messages are signed off by a chair of its forum (its approvers), who may name a
//   delegate for their own seat, for that meeting (here, on the sign-off) or standing (on the
//   forum, records/forumDelegates.ts); the published line then names both ("<delegate> on behalf
//   of <chair>, <title>").
import type { Actor, Person } from './people.js';

/** What of a sign-off the rule reads (signoff.ts's SignOff has these; named here so neither imports the other). */
interface SeatedSignOff {
  ref: string;
  itemType: string;
  route: string;
  approvers: readonly Person[];
}

/** Sign-offs that only a chair signs, in person: no delegate answers for them. */
export function takesNoDelegate(signOff: Pick<SeatedSignOff, 'route'>): boolean {
  return signOff.route === 'chairs-action';
}

/** Why `actor` may not name a delegate for approver `approverId` on this sign-off; undefined when they may. */
export function delegationProblem(signOff: SeatedSignOff, actor: Pick<Actor, 'id'>, approverId: string): string | undefined {
  if (takesNoDelegate(signOff))
    return `A chair's action is signed off by a chair of the place in person, so ${signOff.ref} takes no delegate. Ask another chair of the place to be named as its approver instead.`;
  const approver = signOff.approvers.find((a) => a.id === approverId);
  if (approver && approver.id !== actor.id && signOff.itemType === 'key-messages')
    return `Only ${approver.name}, a chair of the forum, can name a delegate to sign off these key messages on their behalf.`;
  if (approver && approver.id !== actor.id)
    return `Only ${approver.name} can name a delegate for their own seat: ask them to do it from this card.`;
  return undefined;
}

/** How a decision reads when a delegate made it: "<delegate> on behalf of <approver>". */
export function onBehalfOf(delegateName: string, approverName: string): string {
  return `${delegateName} on behalf of ${approverName}`.slice(0, 200);
}

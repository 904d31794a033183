// "You said, we did" for a place: the actions that answer what people told us, newest first,
// each with what we did (or nothing yet). Pure: actions in, entries out.
import type { Action, ActionStatus } from './action.js';

export interface YouSaidEntry {
  ref: string;
  youSaid: string;
  /** What we did, once recorded (closing such an action asks for it). */
  weDid?: string;
  owner: string;
  status: ActionStatus;
  raisedAt: string;
}

/** The actions carrying "You said", newest raised first (then the higher ref), as entries. */
export function youSaidWeDid(actions: readonly Action[]): YouSaidEntry[] {
  return actions
    .filter((a): a is Action & { feedback: NonNullable<Action['feedback']> } => a.feedback !== undefined)
    .toSorted((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.ref.localeCompare(a.ref))
    .map((a) => ({
      ref: a.ref,
      youSaid: a.feedback.youSaid,
      ...(a.feedback.weDid ? { weDid: a.feedback.weDid } : {}),
      owner: a.owner.name,
      status: a.status,
      raisedAt: a.raisedAt,
    }));
}

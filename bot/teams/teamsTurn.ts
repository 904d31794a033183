// The Turn a flow is given (bot/turn.ts), over botbuilder's TurnContext. Only bot/teams/ knows a
// Turn is one of these: its member look-ups (members.ts, viewer.ts) ask Teams through the
// context it carries.
import { TurnContext } from 'botbuilder';
import type { OutgoingActivity, Turn, TurnActivity } from '../turn.js';

export class TeamsTurn implements Turn {
  constructor(readonly context: TurnContext) {}

  get activity(): TurnActivity {
    return this.context.activity as unknown as TurnActivity;
  }

  sendActivity(activity: OutgoingActivity | string): Promise<{ id?: string } | undefined> {
    return this.context.sendActivity(activity);
  }

  updateActivity(activity: OutgoingActivity & { id: string }): Promise<unknown> {
    return this.context.updateActivity(activity);
  }

  conversationReference(): Record<string, unknown> {
    const reference = TurnContext.getConversationReference(this.context.activity) as unknown as Record<string, unknown>;
    delete reference.activityId;
    return reference;
  }

  continueAfterAnswer(work: (turn: Turn) => Promise<void>): void {
    const { value, replyToId } = this.context.activity;
    const identity = this.context.turnState.get(this.context.adapter.BotIdentityKey);
    const later = this.context.adapter.continueConversationAsync(
      identity,
      TurnContext.getConversationReference(this.context.activity),
      (next) => {
        Object.assign(next.activity, { value, replyToId });
        return work(turnOf(next));
      },
    );
    void later.catch((err: unknown) => console.error('work after the answer failed', err));
  }
}

/** One Turn per TurnContext, so everything a turn keeps (e.g. who is looking) is kept once. */
const turns = new WeakMap<TurnContext, TeamsTurn>();

export function turnOf(context: TurnContext): TeamsTurn {
  let turn = turns.get(context);
  if (!turn) turns.set(context, (turn = new TeamsTurn(context)));
  return turn;
}

/** The SDK's context behind a Turn, for a look-up only Teams can answer. */
export function contextOf(turn: Turn): TurnContext {
  if (turn instanceof TeamsTurn) return turn.context;
  throw new TypeError('This turn did not come from Teams (bot/teams/teamsTurn.ts)');
}

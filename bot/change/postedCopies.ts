// Every posted copy of a record's card, for every kind: where each was posted is remembered (a
// posted-card row, after the post: Teams gives the message id then), and after a change every
// other copy is replaced with the same shared card, through the one proactive sender. Best effort:
// the change is saved whatever happens here; each copy's outcome is a line for the log.
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { BotDeps, PostedCard, RecordRepository } from '../ports.js';
import { cardAttachment, type OutgoingActivity, type SendResult, type Turn } from '../turn.js';

export interface PostedCopiesDeps {
  records: Pick<RecordRepository, 'postedCardsOf' | 'rememberPostedCard'>;
  /** Replaces a message the bot posted (bot/teams/sender.ts ProactiveSender.update); absent where the bot cannot post proactively. */
  update?(reference: Record<string, unknown>, activityId: string, activity: OutgoingActivity): Promise<SendResult>;
  clock: () => Date;
}

export class PostedCopies {
  constructor(private readonly deps: PostedCopiesDeps) {}

  /** Remembers a card of `ref` posted in this turn's conversation (or at `reference`) as message `activityId`. */
  async remember(ref: string, where: Turn | Record<string, unknown>, activityId: string): Promise<void> {
    const reference = isTurn(where) ? where.conversationReference() : where;
    try {
      await this.deps.records.rememberPostedCard(ref, { reference, activityId, postedAt: this.deps.clock().toISOString() });
    } catch (err) {
      console.warn(`could not remember where the card of ${ref} was posted: ${describe(err)}`);
    }
  }

  /** Every posted copy of `ref`'s card but `except` (the message clicked, already answered) shows `card`. */
  async update(
    ref: string,
    card: AdaptiveCardJson | (() => AdaptiveCardJson | Promise<AdaptiveCardJson>),
    except?: string,
  ): Promise<string[]> {
    const send = this.deps.update;
    if (!send) return [];
    let posted: PostedCard[];
    try {
      posted = (await this.deps.records.postedCardsOf(ref)).filter((p) => p.activityId !== except);
    } catch (err) {
      return [`${ref}: could not read where its card was posted (${describe(err)})`];
    }
    if (!posted.length) return [];
    // Drawn once, for every copy.
    const activity: OutgoingActivity = { type: 'message', attachments: [cardAttachment(typeof card === 'function' ? await card() : card)] };
    return Promise.all(
      posted.map(async (p) => {
        const where = conversationOf(p.reference);
        try {
          const result = await send(p.reference, p.activityId, activity);
          if (result.ok) return `${ref}: card updated in ${where}`;
          return `${ref}: card in ${where} not updated (${result.reason})${result.gone ? '; it is gone, skipped' : ''}`;
        } catch (err) {
          return `${ref}: card in ${where} not updated (${describe(err)})`;
        }
      }),
    );
  }
}

function isTurn(where: Turn | Record<string, unknown>): where is Turn {
  return typeof (where as Turn).conversationReference === 'function';
}

function conversationOf(reference: Record<string, unknown>): string {
  const c = reference.conversation as { id?: unknown; conversationType?: unknown } | undefined;
  const type = typeof c?.conversationType === 'string' ? c.conversationType : 'conversation';
  return `the ${type} ${typeof c?.id === 'string' ? c.id.slice(0, 80) : '(unknown)'}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** The posted copies service over the bot's channels (their sender); copies are only remembered where the bot cannot post. */
export function postedCopiesOf(deps: Pick<BotDeps, 'records' | 'channels' | 'clock'>): PostedCopies {
  const channels = deps.channels;
  return new PostedCopies({
    records: deps.records,
    clock: deps.clock,
    ...(channels ? { update: (reference, activityId, activity) => channels.update(reference, activityId, activity) } : {}),
  });
}

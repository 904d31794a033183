// A kind's routes, each behind the one guard: storage down, an out-of-date card, Teams not saying
// who is asking or any unexpected failure becomes a card that says so, never a silent error.
import { z } from 'zod';
import { viewerUnconfirmedCard } from '../../cards/accessCards.js';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { storeErrorCode, storeWriteUnconfirmed } from '../ports.js';
import type { BotRoutes, CardHandler } from '../routes.js';
import { sendCard, type Turn } from '../turn.js';
import { ViewerUnconfirmed } from './cardData.js';
import { UNAVAILABLE_READ, UNAVAILABLE_UNREAD, UNCONFIRMED_CHANGE } from './messages.js';

/**
 * A kind's routes, each behind the one guard (guard): with storage down, a read (a
 * list, a record opened, a form that looks something up) says "not answering … nothing was
 * changed", a change says "nothing saved". Flows register through this, so no verb goes unguarded.
 */
export interface GuardedRoutes {
  /** A typed command that only reads; its card(s), sent as new messages. */
  readMessage(pattern: RegExp, run: (context: Turn, match: RegExpExecArray) => Promise<AdaptiveCardJson | AdaptiveCardJson[]>): void;
  /** A card verb that only reads. */
  read(verb: string, run: (context: Turn, data: Record<string, unknown>) => Promise<AdaptiveCardJson>): void;
  /** A card verb that saves (a create or a change). */
  change(verb: string, run: (context: Turn, data: Record<string, unknown>) => Promise<AdaptiveCardJson>): void;
  /** A card verb that handles storage itself (e.g. answers with a line of text): registered as it is. */
  raw(verb: string, run: CardHandler): void;
}

/**
 * Any unexpected failure becomes a card that says so, never a silent error in Teams. `read`
 * for typed commands and lists, which save nothing.
 */
export async function guard(
  reopenHint: string,
  run: () => Promise<AdaptiveCardJson>,
  what: 'change' | 'read' = 'change',
): Promise<AdaptiveCardJson> {
  try {
    return await run();
  } catch (err) {
    if (storeErrorCode(err) === 'UNAVAILABLE') {
      if (what === 'read') return noticeCard('The record store is not answering', UNAVAILABLE_READ);
      return noticeCard('Not saved', storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE_UNREAD);
    }
    if (err instanceof z.ZodError) return noticeCard('That card is out of date', `Open it again ${reopenHint}.`);
    if (err instanceof ViewerUnconfirmed) return viewerUnconfirmedCard();
    console.error('card action failed', err);
    return noticeCard('Something went wrong', 'Nothing was changed. Try again, or tell your place admin if it keeps happening.');
  }
}

/** The kind's routes on `app`, each behind the guard in read or change mode. */
export function guardedRoutes(app: BotRoutes, reopenHint: string): GuardedRoutes {
  return {
    readMessage: (pattern, run) =>
      app.message(pattern, async (context) => {
        const match = pattern.exec(context.activity.text ?? '') ?? (Object.assign([''], { index: 0, input: '' }) as RegExpExecArray);
        let cards: AdaptiveCardJson[] = [];
        const first = await guard(
          reopenHint,
          async () => {
            const out = await run(context, match);
            cards = Array.isArray(out) ? out : [out];
            return cards[0]!;
          },
          'read',
        );
        // On a failure `cards` is empty and the guard's notice is the one answer.
        for (const card of cards.length ? cards : [first]) await sendCard(context, card);
      }),
    read: (verb, run) => app.cardVerb(verb, (context, data) => guard(reopenHint, () => run(context, data), 'read')),
    change: (verb, run) => app.cardVerb(verb, (context, data) => guard(reopenHint, () => run(context, data))),
    raw: (verb, run) => app.cardVerb(verb, run),
  };
}

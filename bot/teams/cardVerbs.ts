// Registers one handler per card verb for both Universal Actions (Action.Execute, the card
// comes back in the invoke response and replaces the old one) and hosts that only know the
// Action.Submit fallback (the card is sent as a new message).
//
// The invoke response is always sent here, never left to teams-ai: teams-ai 1.7.4 switches a
// route to "replace for all" for the rest of the process as soon as a returned card carries
// `refresh`, and pushes that card onto the shared message. A card answered to one person (a
// per-user view, e.g. an approver's with the decision buttons) must reach that person only; the
// shared message is changed deliberately, by the card-change mechanism, with the shared view.
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';

/**
 * A card back to the person who clicked, or a line of text: Teams shows the text and leaves the
 * card as it was, with whatever the person typed still in it (for "nothing was saved" when the
 * record could not even be read).
 */
export type CardHandler = (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson | string>;

/** The card verbs each app has registered, in order: the fuzz suite reads them, so new verbs are fuzzed too. */
const registered = new WeakMap<Application<TurnState>, string[]>();

export function registeredVerbs(app: Application<TurnState>): readonly string[] {
  return registered.get(app) ?? [];
}

export function onCardVerb(app: Application<TurnState>, verb: string, handler: CardHandler): void {
  registered.set(app, [...registeredVerbs(app), verb]);
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const card = await handler(context, asRecord(data));
    await answerInvoke(context, card);
    return card as never;
  });
  app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
    const card = await handler(context, asRecord(data));
    await context.sendActivity(typeof card === 'string' ? MessageFactory.text(card) : MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  });
}

/** Answers an Action.Execute invoke with a card (or a line of text) for the person who sent it, and no one else. */
export async function answerInvoke(context: TurnContext, card: AdaptiveCardJson | string): Promise<void> {
  const body =
    typeof card === 'string'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: card }
      : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

function asRecord(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await postCard(context, card);
}

/** sendCard, resolving to the new message's activity id (when the channel gives one), to update it later. */
export async function postCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  return (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
}

/** For a button this version of the app does not know: an old card, or one edited by hand. */
export function outOfDateCard(): AdaptiveCardJson {
  return noticeCard('This card is out of date', 'That button is from an older version of the app. Type “help” to see what I can do now.');
}

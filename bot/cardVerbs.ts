// Registers one handler per card verb for both Universal Actions (Action.Execute, the card
// comes back in the invoke response and replaces the old one) and hosts that only know the
// Action.Submit fallback (the card is sent as a new message).
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { noticeCard } from '../cards/commonCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';

export type CardHandler = (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson>;

/** The card verbs each app has registered, in order: the fuzz suite reads them, so new verbs are fuzzed too. */
const registered = new WeakMap<Application<TurnState>, string[]>();

export function registeredVerbs(app: Application<TurnState>): readonly string[] {
  return registered.get(app) ?? [];
}

export function onCardVerb(app: Application<TurnState>, verb: string, handler: CardHandler): void {
  registered.set(app, [...registeredVerbs(app), verb]);
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => handler(context, asRecord(data)) as never);
  app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
    const card = await handler(context, asRecord(data));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  });
}

function asRecord(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Answers an Action.Execute invoke with a card that replaces the one clicked. */
export async function answerInvoke(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

/** For a button this version of the app does not know: an old card, or one edited by hand. */
export function outOfDateCard(): AdaptiveCardJson {
  return noticeCard('This card is out of date', 'That button is from an older version of the app. Type “help” to see what I can do now.');
}

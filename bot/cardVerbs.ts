// Registers one handler per card verb for both Universal Actions (Action.Execute, the card
// comes back in the invoke response and replaces the old one) and hosts that only know the
// Action.Submit fallback (the card is sent as a new message).
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCardJson } from '../cards/render.js';

export type CardHandler = (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson>;

export function onCardVerb(app: Application<TurnState>, verb: string, handler: CardHandler): void {
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

// The flows' routes (bot/routes.ts), registered with teams-ai's Application. Card verbs answer
// their invoke here, never leaving it to teams-ai: teams-ai 1.7.4 switches a route to "replace
// for all" for the rest of the process as soon as a returned card carries `refresh`, and pushes
// that card onto the shared message. A card answered to one person (a per-user view, e.g. an
// approver's with the decision buttons) must reach that person only; the shared message is
// changed deliberately, by the card-change mechanism, with the shared view.
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { BotRoutes, CardHandler, DialogAnswer } from '../routes.js';
import { cardAttachment, cardMessage, textMessage } from '../turn.js';
import { turnOf } from './teamsTurn.js';

/** The card verbs each app has registered, in order: the fuzz suite reads them, so new verbs are fuzzed too. */
const registered = new WeakMap<Application<TurnState>, string[]>();

export function registeredVerbs(app: Application<TurnState>): readonly string[] {
  return registered.get(app) ?? [];
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

/** A dialog as teams-ai's task module answer (its card as an attachment). */
function taskInfo(answer: DialogAnswer | string) {
  return typeof answer === 'string'
    ? answer
    : { title: answer.title, width: answer.width, height: answer.height, card: cardAttachment(answer.card) };
}

/** What Teams sends when a person attaches a file in their 1:1 chat with the bot. */
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export function teamsRoutes(app: Application<TurnState>): BotRoutes {
  const cardVerb = (verb: string, handler: CardHandler) => {
    registered.set(app, [...registeredVerbs(app), verb]);
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const card = await handler(turnOf(context), asRecord(data));
      await answerInvoke(context, card);
      return card;
    });
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      const card = await handler(turnOf(context), asRecord(data));
      await context.sendActivity(typeof card === 'string' ? textMessage(card) : cardMessage(card));
    });
  };
  return {
    message: (pattern, handler) => app.message(pattern, (context) => handler(turnOf(context))),
    cardVerb,
    searchQuery: (commandId, handler) =>
      app.messageExtensions.query(commandId, async (context, _state, query) =>
        handler(turnOf(context), query.parameters as Record<string, unknown>),
      ),
    searchSelect: (handler) => app.messageExtensions.selectItem(async (context, _state, item) => handler(turnOf(context), item)),
    messageAction: (commandId, handlers) => {
      app.messageExtensions.fetchTask(commandId, async (context) => taskInfo(await handlers.open(turnOf(context))));
      app.messageExtensions.submitAction(commandId, async (context, _state, data) =>
        taskInfo(await handlers.submit(turnOf(context), asRecord(data))),
      );
    },
    fileAttached: (handler) =>
      app.activity(
        async (context) =>
          context.activity.type === 'message' && (context.activity.attachments ?? []).some((a) => a.contentType === FILE_DOWNLOAD_INFO),
        (context) => handler(turnOf(context)),
      ),
    fileConsent: (handlers) => {
      app.fileConsentAccept((context) => handlers.accepted(turnOf(context)));
      app.fileConsentDecline((context) => handlers.declined(turnOf(context)));
    },
    everyTurn: (handler) =>
      app.turn('beforeTurn', async (context) => {
        await handler(turnOf(context));
        return true;
      }),
  };
}

// The teams-ai Application: routes for text commands and card verbs. Thin: flows do the work.
import { Application, type TurnState } from '@microsoft/teams-ai';
import { CallerIdConstants, TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { helpCard, noticeCard, outOfDateCard } from '../../cards/commonCards.js';
import { ActionFlow } from '../action/actionFlow.js';
import { PlaceActionsFlow } from '../action/placeActionsFlow.js';
import { YouSaidFlow } from '../feedback/youSaidFlow.js';
import { SignOffFlow } from '../signoff/signOffFlow.js';
import { answerInvoke, teamsRoutes } from './routes.js';
import { turnOf } from './teamsTurn.js';
import { sendCard } from '../turn.js';
import { EdgeAdapter } from './edge.js';
import { RiskFlow } from '../risk/riskFlow.js';
import { MeetingFlow } from '../meeting/meetingFlow.js';
import { EscalationsFlow } from '../meeting/escalationsFlow.js';
import { SearchFlow } from '../search/searchFlow.js';
import { MessageCaptures } from '../capture/messageCapture.js';
import type { BotDeps } from '../ports.js';
import { ImportFlow } from '../import/importFlow.js';
import { registerReminderRoutes } from '../reminders/reminders.js';
import { SetupFlow } from '../setup/setupFlow.js';
import { mechanicsFor } from '../change/mechanics.js';
import { ForumFlow } from '../forum/forumFlow.js';
import { ForwardPlanFlow } from '../forum/forwardPlanFlow.js';
import { BoardPackFlow } from '../boardPack/boardPackFlow.js';

export interface BotCredentials {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
  /** Overrides where inbound tokens' signing keys are fetched from (tests serve their own). */
  BotOpenIdMetadata?: string;
  /** Tenants whose activities the edge lets in (empty: any, for local runs). */
  ALLOWED_TENANT_IDS?: readonly string[];
}

export interface Bot {
  adapter: EdgeAdapter;
  app: Application<TurnState>;
}

/**
 * Setting any one endpoint makes botbuilder treat all of them as given, so an OpenID metadata
 * override (tests serve their own signing keys) comes with the public cloud's other values.
 */
function publicCloudWithMetadata(metadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function createBot(credentials: BotCredentials, deps: BotDeps): Bot {
  // With an empty MicrosoftAppId botbuilder skips authentication: local Playground only.
  // (botbuilder insists on a tenant for SingleTenant, so an anonymous bot is MultiTenant.)
  const anonymous = !credentials.MicrosoftAppId;
  const adapter = new EdgeAdapter({
    MicrosoftAppId: credentials.MicrosoftAppId ?? '',
    MicrosoftAppPassword: credentials.MicrosoftAppPassword ?? '',
    MicrosoftAppType: anonymous ? 'MultiTenant' : (credentials.MicrosoftAppType ?? 'SingleTenant'),
    MicrosoftAppTenantId: credentials.MicrosoftAppTenantId ?? '',
    ...(credentials.BotOpenIdMetadata ? publicCloudWithMetadata(credentials.BotOpenIdMetadata) : {}),
  });
  adapter.authRequired = !anonymous;
  adapter.allowedTenants = credentials.ALLOWED_TENANT_IDS ?? [];
  adapter.onTurnError = async (context, error) => {
    console.error('bot turn failed', error);
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Nothing was changed; please try again.');
    } else if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
      await answerInvoke(
        context,
        noticeCard('Something went wrong', 'Nothing was changed. Try again, or tell your place admin if it keeps happening.'),
      );
    }
  };

  const app = new Application<TurnState>({
    adapter,
    botAppId: credentials.MicrosoftAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // Flows register through the routes port (bot/routes.ts): they never see teams-ai.
  const routes = teamsRoutes(app);
  routes.message(/^\s*(help|hi|hello|\?)\s*$/i, async (turn) => sendCard(turn, helpCard()));
  routes.cardVerb('help', async () => helpCard());
  // One set of shared mechanics (bot/change/mechanics.ts) for every flow.
  const mechanics = mechanicsFor(deps);
  // First: a file attached with text ("import Blackpool") is the file. Loopback links only without credentials (a local run).
  new ImportFlow(deps, mechanics, { credentials: !anonymous }).register(routes);
  const risks = new RiskFlow(deps, mechanics);
  const actions = new ActionFlow(deps, mechanics);
  const signOffs = new SignOffFlow(deps, mechanics);
  const meetings = new MeetingFlow(deps, mechanics, actions, signOffs);
  actions.register(routes);
  new PlaceActionsFlow(deps).register(routes);
  new YouSaidFlow(deps).register(routes);
  risks.register(routes);
  signOffs.register(routes);
  meetings.register(routes);
  new EscalationsFlow(deps, mechanics, meetings.cards).register(routes);
  new ForumFlow(deps, mechanics).register(routes);
  const forwardPlan = new ForwardPlanFlow(deps, mechanics, meetings);
  forwardPlan.register(routes);
  mechanics.reactions.on('meeting', 'created', (_turn, stored, actor) => forwardPlan.takeOnAgenda(stored, actor));
  mechanics.reactions.on('signoff', 'changed', (_turn, stored, actor) => forwardPlan.afterPaperDeferred(stored, actor));
  // Reactions after commit, across kinds: each writes through its own kind's rule (bot/change/reactions.ts).
  mechanics.reactions.on('action', 'created', (_turn, stored, actor) => risks.linkMitigatingAction(stored.record, actor));
  mechanics.reactions.on('signoff', 'changed', (turn, stored) => meetings.keyMessages.afterSignOff(turn, stored));
  new SearchFlow(deps).register(routes);
  const captures = new MessageCaptures(deps);
  captures.register(routes, actions.messageCapture());
  captures.register(routes, risks.messageCapture());
  if (deps.setup) new SetupFlow(deps, deps.setup, mechanics).register(routes);
  if (deps.people) registerReminderRoutes(routes, deps.people, deps.clock, deps.viewers);
  if (deps.boardPack) new BoardPackFlow(deps, deps.boardPack).register(routes);

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) {
      await sendCard(turnOf(context), helpCard('Hello! I help your place partnership keep its actions, risks and sign-offs.'));
    }
  });

  // Registered last: the first matching route wins, so these only catch what nothing else did.
  // A card verb nobody registered (an old card, a typo) is a friendly "out of date" card, not an error.
  app.activity('invoke', async (context) => {
    if (context.activity.name === 'adaptiveCard/action') await answerInvoke(context, outOfDateCard());
    else await context.sendActivity({ type: 'invokeResponse', value: { status: 400 } });
  });
  app.activity('message', async (context) => {
    const submitted = context.activity.value as { verb?: unknown } | undefined;
    if (typeof submitted === 'object' && submitted !== null && 'verb' in submitted) return sendCard(turnOf(context), outOfDateCard());
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text ?? '';
    const heard = text ? `I didn't recognise “${text.slice(0, 60)}”. ` : '';
    await sendCard(turnOf(context), helpCard(`${heard}Here is what I can do.`));
  });

  return { adapter, app };
}

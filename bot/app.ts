// The teams-ai Application: routes for text commands and card verbs. Thin: flows do the work.
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { CallerIdConstants, TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { helpCard } from '../cards/commonCards.js';
import { ActionFlow } from './actionFlow.js';
import { SignOffFlow } from './signOffFlow.js';
import { onCardVerb, sendCard } from './cardVerbs.js';
import type { BotDeps } from './ports.js';

export interface BotCredentials {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
  /** Overrides where inbound tokens' signing keys are fetched from (tests serve their own). */
  BotOpenIdMetadata?: string;
}

export interface Bot {
  adapter: TeamsAdapter;
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
  const adapter = new TeamsAdapter({
    MicrosoftAppId: credentials.MicrosoftAppId ?? '',
    MicrosoftAppPassword: credentials.MicrosoftAppPassword ?? '',
    MicrosoftAppType: anonymous ? 'MultiTenant' : (credentials.MicrosoftAppType ?? 'SingleTenant'),
    MicrosoftAppTenantId: credentials.MicrosoftAppTenantId ?? '',
    ...(credentials.BotOpenIdMetadata ? publicCloudWithMetadata(credentials.BotOpenIdMetadata) : {}),
  });
  adapter.onTurnError = async (context, error) => {
    console.error('bot turn failed', error);
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Nothing was changed; please try again.');
    }
  };

  const app = new Application<TurnState>({
    adapter,
    botAppId: credentials.MicrosoftAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.message(/^\s*(help|hi|hello|\?)\s*$/i, async (context) => sendCard(context, helpCard()));
  onCardVerb(app, 'help', async () => helpCard());
  new ActionFlow(deps).register(app);
  new SignOffFlow(deps).register(app);

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) {
      await sendCard(context, helpCard('Hello! I help your place partnership keep its actions, risks and sign-offs.'));
    }
  });

  // Registered last: the first matching route wins, so this only catches what nothing else did.
  app.activity('message', async (context) => {
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text ?? '';
    const heard = text ? `I didn't recognise “${text.slice(0, 60)}”. ` : '';
    await sendCard(context, helpCard(`${heard}Here is what I can do.`));
  });

  return { adapter, app };
}

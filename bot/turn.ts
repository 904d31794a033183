// The turn as every flow sees it: what was said, by whom and where, and the two things a flow
// does with a conversation (post a message, replace one it posted). This is the port between the
// flows and Teams' SDK: bot/teams/ hands each flow a Turn, and only bot/teams/ knows which SDK
// carries it (botbuilder and teams-ai today; the Teams SDK or the Agents SDK tomorrow).
import type { AdaptiveCardJson } from '../cards/render.js';
import type { Person } from '../records/people.js';

/** A person or bot in a conversation, as the channel names them. */
export interface ChannelAccount {
  id: string;
  name?: string;
  /** The Entra object id, where Teams gives one (what the people picker returns). */
  aadObjectId?: string;
}

/** What arrived: the fields of a Bot Framework activity the flows read. */
export interface TurnActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  from: ChannelAccount;
  recipient: ChannelAccount;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean; name?: string };
  /** The message a card action came from (Teams sets it; never trusted to name a record's message). */
  replyToId?: string;
  channelData?: unknown;
  membersAdded?: ChannelAccount[];
  entities?: { type: string; [k: string]: unknown }[];
  serviceUrl?: string;
  /** Files and cards sent with a message (a file a person attached in their 1:1 chat comes as a download link). */
  attachments?: { contentType: string; name?: string; content?: unknown }[];
}

/** An activity the bot sends: a message (text, cards, attachments) or an invoke response. */
export type OutgoingActivity = Record<string, unknown> & { type: string };

/** One turn of a conversation. */
export interface Turn {
  readonly activity: TurnActivity;
  /** Posts into this conversation (a line of text, or a message); resolves to the new message's id. */
  sendActivity(activity: OutgoingActivity | string): Promise<{ id?: string } | undefined>;
  /** Replaces a message posted earlier in this conversation (its `id`), for everyone in it. */
  updateActivity(activity: OutgoingActivity & { id: string }): Promise<unknown>;
  /** Where to reach this conversation again later (a proactive post or update), without this message's id. */
  conversationReference(): Record<string, unknown>;
  /**
   * Runs `work` after this turn is answered, in this conversation, with this activity's value (e.g.
   * a file made and uploaded once its consent is accepted): Teams' invoke limit never waits for it.
   */
  continueAfterAnswer(work: (turn: Turn) => Promise<void>): void;
}

/** How a proactive send went (bot/teams/sender.ts): posted, or why not and whether the conversation is gone. */
export type SendResult =
  { ok: true; activityId: string; attempts: number } | { ok: false; gone: boolean; status?: number; reason: string; attempts: number };

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card as a message attachment. */
export function cardAttachment(card: AdaptiveCardJson): { contentType: string; content: AdaptiveCardJson } {
  return { contentType: ADAPTIVE_CARD, content: card };
}

/** A message holding one card. */
export function cardMessage(card: AdaptiveCardJson): OutgoingActivity {
  return { type: 'message', attachments: [cardAttachment(card)] };
}

/** A message of plain text. */
export function textMessage(text: string): OutgoingActivity {
  return { type: 'message', text };
}

/** Posts a card into the turn's conversation; resolves to the new message's id (to update it later). */
export async function postCard(turn: Turn, card: AdaptiveCardJson): Promise<string | undefined> {
  return (await turn.sendActivity(cardMessage(card)))?.id;
}

export async function sendCard(turn: Turn, card: AdaptiveCardJson): Promise<void> {
  await postCard(turn, card);
}

/** The AAD object id where Teams gives one (it is what the people picker returns), else the channel id. */
export function personFrom(account: ChannelAccount): Person {
  return { id: account.aadObjectId || account.id, name: (account.name || 'Unknown person').slice(0, 200) };
}

/** Who is speaking. */
export function speaker(turn: Turn): Person {
  return personFrom(turn.activity.from);
}

/** The Teams channel a message was posted in (channel conversations only). */
export function channelIdOf(activity: TurnActivity): string | undefined {
  const id = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** The team a channel conversation belongs to (its id is also its General channel's). */
export function teamIdOf(activity: TurnActivity): string | undefined {
  const id = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof id === 'string' && id ? id : undefined;
}

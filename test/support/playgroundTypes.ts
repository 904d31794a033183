// The Agents Playground driver's shapes (test/support/playground.ts): what startPlayground() takes
// and returns, and the bot's posts, invoke answers and log entries as the Playground shows them.
import type { PlaygroundConfig } from './playgroundTenant.js';

export interface Attachment {
  contentType: string;
  content?: unknown;
}

/** One post by the bot, as the Playground shows it. */
export interface Reply {
  messageId: string;
  /** Where it was posted (a channel post goes into the thread `{channel};messageid={id}`). */
  conversationId: string;
  text?: string;
  attachments: Attachment[];
  /** The first Adaptive Card attached, if any. */
  card?: AdaptiveCard;
  raw: Record<string, unknown>;
}

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export interface Sent {
  messageId: string;
  /** The conversation the bot answers in: the chat, or the new thread for a channel post. */
  conversationId: string;
  /** Pass to repliesSince() for what the bot posted after this. */
  mark: number;
}

export interface InvokeRequest {
  /** The message (card) the action belongs to. */
  replyToId: string;
  value: unknown;
  conversationId?: string;
  /** Who clicks: any user in the conversation (default: the current user). */
  from?: string;
  name?: string;
}

/** The bot's invoke response as the Playground returns it. */
export interface InvokeResult {
  type?: string;
  value?: unknown;
  /** `value` when `type` is an Adaptive Card. */
  card?: AdaptiveCard;
}

export interface LogEntry {
  level?: string;
  displayText?: string;
  conversationId?: string;
  raw: Record<string, unknown>;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  endpoint: string;
  /** Default: a free port. An explicit port must be free (checked on all interfaces). */
  port?: number;
  config?: PlaygroundConfig;
  /** Where its log file and config go (default: a fresh temp dir, removed on stop). */
  dir?: string;
  /** Default 20 s: until it listens and has reached the bot. */
  readyTimeoutMs?: number;
}

export interface Playground {
  /** The page a browser opens. */
  readonly url: string;
  readonly port: number;
  /** Its process group id (of the watchdog that runs it): `groupAlive(pid)` is false once stopped. */
  readonly pid: number;
  readonly config: PlaygroundConfig;
  readonly logFile: string;
  readonly personalChatId: string;
  /** Says `text` in personal chat, as the current user. */
  send(text: string): Promise<Sent>;
  /** @mentions the bot in a channel (default General) and says `text`; the bot answers in the thread. */
  sendInChannel(text: string, channel?: string): Promise<Sent>;
  /** POST /_conversation/v1/invoke; throws with the status and body unless 200. */
  invoke(request: InvokeRequest): Promise<InvokeResult>;
  /**
   * Clicks an Action.Execute of `reply`'s card, as Teams does: `inputs` merged over the action's
   * `data`. The action is the one with `verb`, or the card's only one; none found throws.
   */
  execute(reply: Reply, inputs?: Record<string, unknown>, options?: { verb?: string; from?: string }): Promise<InvokeResult>;
  /** Any activity, sent as given; see customActivityTemplate(). */
  custom(activity: Record<string, unknown>): Promise<void>;
  customActivityTemplate(conversationId?: string): Promise<Record<string, unknown>>;
  /** The next post by the bot not yet returned (optionally in one conversation); waits for it. */
  nextReply(options?: { conversationId?: string; timeoutMs?: number }): Promise<Reply>;
  /** Every post by the bot since `mark` (from send()), without waiting. */
  repliesSince(mark: number): Reply[];
  /** Waits until `count` posts arrived since `mark`, and returns them. */
  waitForReplies(mark: number, count: number, timeoutMs?: number): Promise<Reply[]>;
  /** Other conversation stream events (updateMessage, typing), in order. */
  readonly events: readonly Record<string, unknown>[];
  /** The log panel so far: what went to and came from the bot, with request bodies. */
  log(): LogEntry[];
  /** Log-panel entries with level warning or error. */
  problems(): LogEntry[];
  /** Stops it (its whole process group) and closes the sockets. Safe to call twice. */
  stop(): Promise<void>;
}

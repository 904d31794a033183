// Drives the real bot over HTTP: the local host serving the Functions handlers, the real store
// on Azurite, and a loopback "connector" that records what the bot sends back to Teams.
// Small helpers build a message or an Action.Execute invoke in one line, like teams-ai's own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import type { Person } from '../../records/people.js';
import { startAzurite, startAzuriteProcess, type AzuriteFixture } from './azurite.js';
import { startMemoryStorage } from './memoryTables.js';

export interface Sender extends Person {
  /** The Teams channel account id (the AAD object id is `id`). */
  teamsId?: string;
  /** Teams' member record says `userRole: guest`. */
  guest?: boolean;
  /** Their home tenant, when it is not the conversation's (Teams' member record `tenantId`). */
  tenantId?: string;
}

/** Teams' member record of a sender, as the connector answers TeamsInfo.getMember. */
function memberRecord(m: Sender) {
  return {
    id: m.teamsId ?? `29:${m.id}`,
    name: m.name,
    aadObjectId: m.id,
    userRole: m.guest ? 'guest' : 'user',
    tenantId: m.tenantId ?? 'tenant-1',
  };
}

export interface ConversationOptions {
  from?: Sender;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
}

export const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber', teamsId: '29:alex' };

let counter = 0;

/**
 * The one member of a personal chat (`a:personal-<directory id>`), for activities sent by other
 * means than `post` (the bench's load generator): its owner by directory id, or by Teams id (the
 * bot asks by Teams id only about the speaker, and in a personal chat that is its owner).
 */
function personalChatOwner(conversationId: string, wanted: string): Sender | undefined {
  const owner = /^a:personal-(.+)$/.exec(conversationId)?.[1];
  if (!owner) return undefined;
  if (wanted === owner) return senders.get(`29:${owner}`) ?? { id: owner, name: '', teamsId: `29:${owner}` };
  if (!wanted.startsWith('29:')) return undefined;
  const known = senders.get(wanted);
  if (known) return known.id === owner ? known : undefined;
  return { id: owner, name: '', teamsId: wanted };
}

/** Every sender an activity was built for, by Teams id: so the "connector" answers for them as Teams would (guest or not). */
const senders = new Map<string, Sender>();

function base(serviceUrl: string, opts: ConversationOptions) {
  const from = opts.from ?? ALEX;
  senders.set(from.teamsId ?? `29:${from.id}`, from);
  counter += 1;
  return {
    id: `activity-${counter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: from.teamsId ?? `29:${from.id}`, name: from.name, aadObjectId: from.id },
    recipient: { id: '28:bot', name: 'Place Partnership bot' },
    conversation: {
      id: opts.conversationId ?? `a:personal-${from.id}`,
      conversationType: opts.conversationType ?? 'personal',
      tenantId: 'tenant-1',
    },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
  };
}

export function messageActivity(serviceUrl: string, text: string, opts: ConversationOptions = {}) {
  return { ...base(serviceUrl, opts), type: 'message', text, textFormat: 'plain' };
}

/** A channel message that @mentions the bot, as Teams sends it. */
export function mentionActivity(serviceUrl: string, text: string, opts: ConversationOptions = {}) {
  const activity = base(serviceUrl, { conversationType: 'channel', conversationId: '19:channel@thread.tacv2', ...opts });
  const mention = `<at>${activity.recipient.name}</at>`;
  return {
    ...activity,
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: activity.recipient }],
    channelData: { ...activity.channelData, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:channel@thread.tacv2' } },
  };
}

export function invokeActivity(serviceUrl: string, verb: string, data: Record<string, unknown> = {}, opts: ConversationOptions = {}) {
  return {
    ...base(serviceUrl, opts),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-activity-1',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

/** A message action (composeExtension/fetchTask or /submitAction), as Teams sends it from a message's "…" menu. */
export function messageActionActivity(
  serviceUrl: string,
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: Record<string, unknown>,
  opts: ConversationOptions & { channel?: string } = {},
) {
  const activity = base(serviceUrl, opts);
  const channelData = opts.channel
    ? { ...activity.channelData, team: { id: '19:team@thread.tacv2' }, channel: { id: opts.channel } }
    : activity.channelData;
  return { ...activity, type: 'invoke', name, channelData, value: { commandContext: 'message', context: { theme: 'default' }, ...value } };
}

/** A message the bot replaced in place for everyone (updateActivity). */
export interface CapturedUpdate {
  activityId: string;
  activity: Record<string, unknown>;
}

interface CapturedReply {
  path: string;
  activity: Record<string, unknown>;
}

export class BotHarness {
  readonly replies: CapturedReply[] = [];
  readonly updates: CapturedUpdate[] = [];
  /** Conversation ids whose posts the "connector" answers with this HTTP status (e.g. 500), to test failed sends. */
  readonly failingConversations = new Map<string, number>();
  /** Activity ids whose updates the "connector" answers with this HTTP status (e.g. 404: the message was deleted). */
  readonly failingUpdates = new Map<string, number>();
  /** Conversation ids whose member look-ups the "connector" answers 503 (Teams not answering who someone is). */
  readonly memberLookupsFailing = new Set<string>();
  /** Who has spoken in each conversation (by conversation id, then Teams id): Teams' member look-ups find them. */
  readonly speakers = new Map<string, Map<string, Sender>>();
  private constructor(
    readonly storage: AzuriteFixture,
    readonly runtime: Runtime,
    readonly host: LocalHost,
    private readonly connector: Server,
    readonly serviceUrl: string,
  ) {}

  /** Starts Azurite, the runtime (with a controllable clock) and the local host on a free port. */
  static async start(
    options: {
      clock?: () => Date;
      env?: Record<string, string>;
      members?: Sender[];
      storageProcess?: boolean;
      /** Table Storage in memory (test/support/memoryTables.ts) instead of Azurite: flows at unit speed. */
      memory?: boolean;
      /** Members of particular conversations (e.g. a partnership channel), instead of `members` there. */
      conversationMembers?: Record<string, Sender[]>;
    } = {},
  ): Promise<BotHarness> {
    // storageProcess: Azurite in a child process, which a test may freeze (see startAzuriteProcess).
    let harness: BotHarness | undefined;
    const memory = options.memory ? await startMemoryStorage({ http: true }) : undefined;
    const storage = memory ?? (options.storageProcess ? await startAzuriteProcess() : await startAzurite());
    const settings = loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString, ...options.env });
    const runtime = createRuntime(settings, options.clock, memory ? { httpClient: memory.httpClient } : {});
    await prepareStorage(runtime);
    const host = await startLocalHost(runtime, { port: 0, host: '127.0.0.1' });
    const replies: CapturedReply[] = [];
    const updates: CapturedUpdate[] = [];
    const failing = new Map<string, number>();
    const failingUpdates = new Map<string, number>();
    const failingStatus = (url: string) => [...failing].find(([id]) => url.includes(encodeURIComponent(id)) || url.includes(id))?.[1];
    const connector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'GET' && /\/v3\/conversations\/[^/]+\/pagedmembers/.test(req.url ?? '')) {
          // Teams' member list for group chats and teams (TeamsInfo.getPagedMembers).
          const members = (options.members ?? []).map((m) => ({ id: m.teamsId ?? `29:${m.id}`, name: m.name, aadObjectId: m.id }));
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ members }));
        } else if (req.method === 'GET' && /\/v3\/conversations\/[^/]+\/members\/[^/]+$/.test(req.url ?? '')) {
          // One member, by Teams id or directory (AAD) id (TeamsInfo.getMember): the conversation's
          // members, and anyone who has spoken in it (Teams always knows the speaker).
          const [, conversation = '', member = ''] = /\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(req.url ?? '') ?? [];
          const wanted = decodeURIComponent(member);
          const conversationId = decodeURIComponent(conversation);
          if (harness?.memberLookupsFailing.has(conversationId)) return void res.writeHead(503).end();
          const listed = options.conversationMembers?.[conversationId] ?? options.members ?? [];
          const spoke = [...(harness?.speakers.get(conversationId)?.values() ?? [])];
          const m =
            [...listed, ...spoke].find((x) => x.id === wanted || (x.teamsId ?? `29:${x.id}`) === wanted) ??
            personalChatOwner(conversationId, wanted);
          if (!m) res.writeHead(404).end();
          else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(memberRecord(m)));
        } else if (req.method === 'PUT' && /\/v3\/conversations\/.+\/activities\/.+/.test(req.url ?? '')) {
          const activityId = decodeURIComponent((req.url ?? '').split('/activities/')[1] ?? '');
          const refused = failingUpdates.get(activityId);
          if (refused !== undefined) {
            res
              .writeHead(refused, { 'content-type': 'application/json' })
              .end(JSON.stringify({ error: { code: 'NotFound', message: 'failing on purpose' } }));
            return;
          }
          updates.push({ activityId, activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
        } else if (req.method === 'POST' && failingStatus(req.url ?? '') !== undefined) {
          res
            .writeHead(failingStatus(req.url ?? '')!, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'ServiceError', message: 'failing on purpose' } }));
        } else if (req.method === 'POST' && /\/v3\/conversations\/.+\/activities/.test(req.url ?? '')) {
          replies.push({ path: req.url ?? '', activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${replies.length}` }));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    harness = new BotHarness(storage, runtime, host, connector, serviceUrl);
    Object.assign(harness, { replies, updates, failingConversations: failing, failingUpdates });
    return harness;
  }

  async post(activity: object, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    this.noteSpeaker(activity);
    const res = await fetch(`${this.host.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  }

  /** Remembers who spoke where, as Teams would know them (a guest flag rides on `from` in tests only). */
  private noteSpeaker(activity: object): void {
    const a = activity as { from?: { id?: unknown; name?: unknown; aadObjectId?: unknown }; conversation?: { id?: unknown } };
    const conversationId = a.conversation?.id;
    const from = a.from;
    if (typeof conversationId !== 'string' || typeof from?.id !== 'string') return;
    const known = senders.get(from.id);
    const sender: Sender = known ?? {
      id: typeof from.aadObjectId === 'string' ? from.aadObjectId : from.id,
      name: typeof from.name === 'string' ? from.name : '',
      teamsId: from.id,
    };
    const here = this.speakers.get(conversationId) ?? new Map<string, Sender>();
    here.set(from.id, sender);
    this.speakers.set(conversationId, here);
  }

  /** Sends a text message and returns the cards the bot sent back for it. */
  async say(text: string, opts: ConversationOptions = {}): Promise<Record<string, unknown>[]> {
    const before = this.replies.length;
    const { status } = await this.post(messageActivity(this.serviceUrl, text, opts));
    if (status !== 200) throw new Error(`message "${text}" answered ${status}`);
    return this.replies.slice(before).flatMap((r) => cardsOf(r.activity));
  }

  /** @mentions the bot in a channel and returns the cards it sent back. */
  async mention(text: string, opts: ConversationOptions = {}): Promise<Record<string, unknown>[]> {
    const before = this.replies.length;
    const { status } = await this.post(mentionActivity(this.serviceUrl, text, opts));
    if (status !== 200) throw new Error(`mention "${text}" answered ${status}`);
    return this.replies.slice(before).flatMap((r) => cardsOf(r.activity));
  }

  /** Clicks an Action.Execute button: returns the card that replaces the old one. */
  async click(verb: string, data: Record<string, unknown> = {}, opts: ConversationOptions = {}): Promise<Record<string, unknown>> {
    const { status, body } = await this.post(invokeActivity(this.serviceUrl, verb, data, opts));
    if (status !== 200) throw new Error(`invoke ${verb} answered ${status}: ${JSON.stringify(body)}`);
    const response = body as { statusCode: number; type: string; value: Record<string, unknown> };
    if (response.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`invoke ${verb} gave ${JSON.stringify(body)}`);
    return response.value;
  }

  /** Picks a message action on a message: the dialog's answer (`{ task }`) and the cards posted meanwhile. */
  async messageAction(
    name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
    value: Record<string, unknown>,
    opts: ConversationOptions & { channel?: string } = {},
  ): Promise<{ task: { type: string; value: unknown }; posted: Record<string, unknown>[] }> {
    const before = this.replies.length;
    const { status, body } = await this.post(messageActionActivity(this.serviceUrl, name, value, opts));
    if (status !== 200) throw new Error(`${name} answered ${status}: ${JSON.stringify(body)}`);
    const task = (body as { task?: { type: string; value: unknown } } | undefined)?.task;
    if (!task) throw new Error(`${name} gave no task: ${JSON.stringify(body)}`);
    return { task, posted: this.replies.slice(before).flatMap((r) => cardsOf(r.activity)) };
  }

  async stop(): Promise<void> {
    await this.host.stop();
    await new Promise<void>((resolve) => this.connector.close(() => resolve()));
    await this.storage.dispose();
  }
}

export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

/** The data an Action.Execute with this verb carries on a card (e.g. ref and etag). */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (!found && v && typeof v === 'object' && v.type === 'Action.Execute' && v.verb === verb) found = v.data;
    return v;
  });
  if (!found) throw new Error(`no ${verb} button on the card`);
  return found;
}

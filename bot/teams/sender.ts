// The one proactive sender, for digests, reminders and 1:1 notifications (e.g. sign-off approvers
// asked from elsewhere): it keeps to Teams' limits (per conversation 7 messages a second and 60 in
// 30 seconds; per tenant about 30 a second), and retries 429, 412,
// 502 and 504 with backoff and jitter, honouring Retry-After, within a bounded time.
//
// botbuilder's connector client already retries a 429 that carries Retry-After (a few attempts,
// waiting what Teams asked) before the error reaches us. So an escaped 429 has already been
// retried: the sender does not multiply that by its own count. It retries only while its time
// budget lasts (every inner wait spends from the same budget), and after a 429 it holds back the
// whole conversation for Retry-After, so the posts queued behind it do not hit the wall too.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { waitAtMost } from '../change/timeBound.js';
import type { OutgoingActivity, SendResult } from '../turn.js';

export type { OutgoingActivity, SendResult };

/** Where to post: a conversation reference as saved (records/store/placeStore.ts ConversationRef). */
export type Reference = Record<string, unknown> & { conversation?: { id?: string; [k: string]: unknown } };

/** Posts one activity into a conversation; resolves to the new activity's id. */
export type PostFn = (reference: Reference, activity: OutgoingActivity) => Promise<string | undefined>;

/** Replaces a message the bot posted earlier (its activity id) with `activity`, for everyone in the conversation. */
export type UpdateFn = (reference: Reference, activityId: string, activity: OutgoingActivity) => Promise<void>;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Teams' documented limits for a bot: per conversation (thread) and per app per tenant. */
export const TEAMS_LIMITS = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 60, windowMs: 30_000 },
  ] as RateLimit[],
  perTenant: [{ limit: 30, windowMs: 1_000 }] as RateLimit[],
};

export const RETRYABLE = new Set([412, 429, 502, 504]);
/** 403 (bot removed from the team, or blocked) and 404 (conversation gone): stop posting there. */
export const GONE = new Set([403, 404]);

export interface SenderOptions {
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** How long one send may keep retrying (default 60 s). */
  budgetMs?: number;
  perConversation?: RateLimit[];
  perTenant?: RateLimit[];
  /** How to update a posted message in place (adapterUpdate); without it `update` answers not ok. */
  update?: UpdateFn;
}

export interface SenderStats {
  posts: number;
  attempts: number;
  retries: number;
  throttled: number;
  failed: number;
}

/** HTTP status of a botbuilder / Azure REST error, if it has one. */
export function statusOfSendError(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | null;
  const s = e?.statusCode ?? e?.response?.status ?? e?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Retry-After of an error's response in ms (seconds or an HTTP date), if it carries one. */
export function retryAfterMs(err: unknown, now: number): number | undefined {
  const headers = (err as { response?: { headers?: unknown } } | null)?.response?.headers as
    { get?: (n: string) => string | undefined | null; [k: string]: unknown } | undefined;
  if (!headers) return undefined;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers['retry-after'] ?? headers['Retry-After']);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(raw).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before attempt `attempt + 1`: Retry-After when the answer had one (plus up to
 * 10% jitter, never less than asked), else exponential backoff from 500 ms, capped at 16 s, with
 * full jitter.
 */
export function retryDelayMs(err: unknown, attempt: number, now: number, random: () => number = Math.random): number {
  const asked = retryAfterMs(err, now);
  if (asked !== undefined) return asked + Math.round(asked * 0.1 * random());
  const cap = Math.min(16_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}

/** A sliding window of send times. */
class Window {
  private readonly times: number[] = [];
  constructor(private readonly limit: RateLimit) {}
  waitMs(now: number): number {
    while (this.times.length && this.times[0]! <= now - this.limit.windowMs) this.times.shift();
    return this.times.length < this.limit.limit ? 0 : this.times[0]! + this.limit.windowMs - now;
  }
  record(now: number): void {
    this.times.push(now);
  }
}

export class ProactiveSender {
  readonly stats: SenderStats = { posts: 0, attempts: 0, retries: 0, throttled: 0, failed: 0 };
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly budgetMs: number;
  private readonly conversations = new Map<string, { windows: Window[]; pausedUntil: number }>();
  private readonly tenants = new Map<string, Window[]>();

  constructor(
    private readonly post: PostFn,
    private readonly options: SenderOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.budgetMs = options.budgetMs ?? 60_000;
  }

  async send(reference: Reference, activity: OutgoingActivity): Promise<SendResult> {
    return this.deliver(reference, () => this.post(reference, activity));
  }

  /**
   * Replaces a message posted earlier (e.g. a card whose record has since changed) for everyone,
   * within the same limits and retries as a post. 403/404 (message deleted, bot removed) is
   * `gone`, never retried. `activityId` of the result is the message updated.
   */
  async update(reference: Reference, activityId: string, activity: OutgoingActivity): Promise<SendResult> {
    const update = this.options.update;
    if (!update) return { ok: false, gone: false, reason: 'this sender cannot update messages', attempts: 0 };
    return this.deliver(reference, async () => {
      await update(reference, activityId, activity);
      return activityId;
    });
  }

  private async deliver(reference: Reference, attempt: () => Promise<string | undefined>): Promise<SendResult> {
    const started = this.clock();
    const conversationId = reference.conversation?.id ?? '(none)';
    let attempts = 0;
    for (;;) {
      await this.takeTurn(conversationId, tenantOf(reference));
      attempts++;
      this.stats.attempts++;
      try {
        const id = await attempt();
        this.stats.posts++;
        return { ok: true, activityId: id ?? '', attempts };
      } catch (err) {
        const status = statusOfSendError(err);
        const reason = describe(err, status);
        if (status !== undefined && GONE.has(status)) {
          this.stats.failed++;
          return { ok: false, gone: true, status, reason, attempts };
        }
        const now = this.clock();
        const wait = retryDelayMs(err, attempts, now, this.random);
        const retryable = status !== undefined ? RETRYABLE.has(status) : isConnectionError(err);
        if (!retryable || now + wait - started > this.budgetMs) {
          this.stats.failed++;
          return { ok: false, gone: false, ...(status !== undefined ? { status } : {}), reason, attempts };
        }
        if (status === 429) {
          this.stats.throttled++;
          const conv = this.conversation(conversationId);
          conv.pausedUntil = Math.max(conv.pausedUntil, now + wait);
        }
        this.stats.retries++;
        await this.sleep(wait);
      }
    }
  }

  /** Waits until this conversation and tenant may send again, then books the send. */
  private async takeTurn(conversationId: string, tenantId: string): Promise<void> {
    const conv = this.conversation(conversationId);
    let tenant = this.tenants.get(tenantId);
    if (!tenant) this.tenants.set(tenantId, (tenant = (this.options.perTenant ?? TEAMS_LIMITS.perTenant).map((l) => new Window(l))));
    for (;;) {
      const now = this.clock();
      const wait = Math.max(conv.pausedUntil - now, ...conv.windows.map((w) => w.waitMs(now)), ...tenant.map((w) => w.waitMs(now)));
      if (wait <= 0) {
        for (const w of [...conv.windows, ...tenant]) w.record(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  private conversation(id: string) {
    let c = this.conversations.get(id);
    if (!c)
      this.conversations.set(
        id,
        (c = { windows: (this.options.perConversation ?? TEAMS_LIMITS.perConversation).map((l) => new Window(l)), pausedUntil: 0 }),
      );
    return c;
  }
}

function tenantOf(reference: Reference): string {
  return (reference.conversation as { tenantId?: string } | undefined)?.tenantId ?? '(tenant)';
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|REQUEST_SEND_ERROR/.test(code);
}

function describe(err: unknown, status: number | undefined): string {
  const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return status ? `HTTP ${status}: ${msg}` : (msg ?? 'unknown error');
}

/**
 * Posts through the bot's adapter, as Teams expects of a proactive message. The adapter hands
 * turn errors to onTurnError (which would swallow them), so the error is caught inside the turn
 * and rethrown here for the sender to judge.
 */
export function adapterPost(adapter: CloudAdapter, appId: string): PostFn {
  return async (reference, activity) => {
    let id: string | undefined;
    let failure: unknown;
    await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference>, async (context) => {
      try {
        id = (await context.sendActivity(activity))?.id;
      } catch (err) {
        failure = err ?? new Error('send failed');
      }
    });
    if (failure) throw failure;
    return id;
  };
}

/** Updates a posted message through the bot's adapter; errors are rethrown for the sender to judge, as adapterPost's. */
export function adapterUpdate(adapter: CloudAdapter, appId: string): UpdateFn {
  return async (reference, activityId, activity) => {
    let failure: unknown;
    await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference>, async (context) => {
      try {
        await context.updateActivity({ ...activity, id: activityId });
      } catch (err) {
        failure = err ?? new Error('update failed');
      }
    });
    if (failure) throw failure;
  };
}

/** What became of a 1:1 message to one person. */
export type PersonalOutcome = 'sent' | 'unknown' | 'failed' | 'pending';

/** The people asked for, and the saved personal chats to message them in (a port in bot/ports.ts). */
export interface PersonalTarget<P extends { id: string }> {
  person: P;
  activity: () => Promise<OutgoingActivity> | OutgoingActivity;
}

/**
 * Messages each person 1:1 through the one proactive sender, where their personal reference is
 * known, all at once and within `budgetMs`: what is not done by then is 'pending' (it carries on
 * and may still arrive). Never throws: a failed look-up or send is that person's 'failed'.
 */
export async function messagePeople<P extends { id: string }>(
  messenger: {
    referenceOf(personId: string): Promise<Record<string, unknown> | undefined>;
    send(reference: Record<string, unknown>, activity: OutgoingActivity): Promise<SendResult>;
  },
  targets: PersonalTarget<P>[],
  budgetMs: number,
): Promise<
  { person: P; outcome: PersonalOutcome; reason?: string; posted?: { reference: Record<string, unknown>; activityId: string } }[]
> {
  const outcomes = targets.map((t) => ({
    person: t.person,
    outcome: 'pending' as PersonalOutcome,
    reason: undefined as string | undefined,
    posted: undefined as { reference: Record<string, unknown>; activityId: string } | undefined,
  }));
  const all = Promise.all(
    targets.map(async (t, i) => {
      const out = outcomes[i]!;
      try {
        const reference = await messenger.referenceOf(t.person.id);
        if (!reference) return void (out.outcome = 'unknown');
        const result = await messenger.send(reference, await t.activity());
        if (result.ok)
          Object.assign(out, { outcome: 'sent', ...(result.activityId ? { posted: { reference, activityId: result.activityId } } : {}) });
        else Object.assign(out, { outcome: 'failed', reason: result.reason });
      } catch (err) {
        Object.assign(out, { outcome: 'failed', reason: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
    }),
  );
  await waitAtMost(all, budgetMs);
  return outcomes.map((o) => ({
    person: o.person,
    outcome: o.outcome,
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.posted ? { posted: o.posted } : {}),
  }));
}

// The edge of the bot: every request to /api/messages passes here, in this order.
//   1. Who is calling: with bot credentials configured, the request must carry a Bot Framework
//      channel token for Teams. Anything else (no token, a forged or expired one, an emulator or
//      skill token, another channel) is 401 with no body, and makes no outbound call.
//   2. Is it an activity: the envelope is checked with zod. A malformed one is 400, before any
//      route sees it.
//      In no-auth local mode, a serviceUrl off this machine, or a conversation id (activity id,
//      replyToId) that cannot be sent back in a URL path and header, is 400 too.
//   3. Is it from our tenant: an activity whose tenant (channelData.tenant.id and
//      conversation.tenantId) is not one of ALLOWED_TENANT_IDS is 403; nothing is read or written.
//   4. The turn runs with a storage deadline, so it answers inside Teams' 5 s.
// No answer ever carries internal error text.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError, EmulatorValidation, SkillValidation, type AuthenticateRequestResult } from 'botframework-connector';
import { z } from 'zod';
import { withStorageDeadline } from '../ports.js';

/** The storage budget of one turn: what is left of Teams' 5 s after the network both ways. */
export const TURN_STORAGE_BUDGET_MS = 4000;

const id = z.string().min(1).max(1000);
const text = (max: number) => z.string().max(max);

const accountSchema = z
  .object({ id, name: text(1000).optional(), aadObjectId: text(200).optional(), role: text(50).optional() })
  .passthrough();

const conversationSchema = z
  .object({
    id,
    name: text(1000).optional(),
    conversationType: text(50).optional(),
    tenantId: text(200).optional(),
    isGroup: z.boolean().optional(),
  })
  .passthrough();

const entitySchema = z.object({ type: text(200), text: text(10_000).optional(), mentioned: accountSchema.optional() }).passthrough();

const channelDataSchema = z
  .object({
    tenant: z
      .object({ id: text(200) })
      .passthrough()
      .optional(),
    team: z
      .object({ id: text(1000) })
      .passthrough()
      .optional(),
    channel: z
      .object({ id: text(1000) })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** What Teams sends for a card's Action.Execute (`adaptiveCard/action`). */
const cardActionValueSchema = z
  .object({
    action: z.object({ type: text(100), verb: text(1000).optional(), data: z.unknown().optional() }).passthrough(),
    trigger: text(50).optional(),
  })
  .passthrough();

/** The fields the bot or botbuilder reads, with the types they assume. Anything else passes through. */
export const activityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(100),
    id: text(1000).optional(),
    channelId: id,
    serviceUrl: z.string().url().max(2000),
    from: accountSchema,
    recipient: accountSchema,
    conversation: conversationSchema,
    timestamp: text(100).optional(),
    localTimestamp: text(100).optional(),
    locale: text(100).optional(),
    text: text(100_000).optional(),
    textFormat: text(50).optional(),
    replyToId: text(1000).optional(),
    name: text(1000).optional(),
    deliveryMode: text(50).optional(),
    entities: z.array(entitySchema).max(100).optional(),
    attachments: z
      .array(z.object({ contentType: text(1000) }).passthrough())
      .max(50)
      .optional(),
    membersAdded: z.array(accountSchema).max(1000).optional(),
    membersRemoved: z.array(accountSchema).max(1000).optional(),
    channelData: channelDataSchema.optional(),
    value: z.unknown().optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.type === 'invoke' && !a.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'an invoke needs a name' });
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !cardActionValueSchema.safeParse(a.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a card action needs value.action' });
    }
  });

/**
 * TeamsAdapter, with the two steps botbuilder's `process` runs together taken apart, so the edge
 * can check the envelope between them: authenticate, then run an authenticated turn.
 */
export class EdgeAdapter extends TeamsAdapter {
  /** True when bot credentials are configured: every request must then prove it comes from Teams. */
  authRequired = false;

  /** ALLOWED_TENANT_IDS: the tenants whose activities are let in. Empty: any (local runs without a tenant). */
  allowedTenants: readonly string[] = [];

  /**
   * Authenticates a request. Only Teams channel tokens reach botbuilder's validation: the
   * emulator and skill paths (which fetch other metadata, from the internet) are never taken.
   * Every failure, of whatever kind, is an AuthenticationError (401).
   */
  async authenticate(activity: { channelId?: unknown; serviceUrl?: unknown }, authorization: string): Promise<AuthenticateRequestResult> {
    const channelId = typeof activity.channelId === 'string' ? activity.channelId : '';
    const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '';
    if (this.authRequired) {
      if (!authorization.trim()) throw new AuthenticationError('no token', 401);
      if (channelId !== 'msteams') throw new AuthenticationError('not the Teams channel', 401);
      if (EmulatorValidation.isTokenFromEmulator(authorization) || SkillValidation.isSkillToken(authorization)) {
        throw new AuthenticationError('not a Teams channel token', 401);
      }
    }
    try {
      return await this.botFrameworkAuthentication.authenticateRequest({ channelId, serviceUrl } as Activity, authorization);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(`token refused: ${err instanceof Error ? err.name : 'unknown'}`, 401);
    }
  }

  /** Runs the turn for an activity that has already been authenticated and checked. */
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface EdgeRequest {
  authorization: string;
  /** The parsed JSON body; undefined when the body was not JSON. */
  body: unknown;
}

export interface EdgeAnswer {
  status: number;
  body?: unknown;
}

/** Authenticates, checks and runs one inbound activity. Never throws; never puts error text in an answer. */
export async function answerActivity(
  adapter: EdgeAdapter,
  logic: (context: TurnContext) => Promise<void>,
  request: EdgeRequest,
  log: (message: string, err?: unknown) => void = console.error,
): Promise<EdgeAnswer> {
  const raw = (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Record<
    string,
    unknown
  >;
  let auth: AuthenticateRequestResult;
  try {
    auth = await adapter.authenticate(raw, request.authorization);
  } catch (err) {
    log(`refused (401): ${err instanceof Error ? err.message : 'unknown'}`);
    return { status: 401 };
  }
  const parsed = activityEnvelopeSchema.safeParse(request.body);
  if (!parsed.success) return { status: 400 };
  if (!adapter.authRequired && !canAnswerLocally(parsed.data)) {
    log('refused (400): in local mode the bot answers only a loopback serviceUrl, and ids it can send back');
    return { status: 400 };
  }
  if (!fromAllowedTenant(parsed.data, adapter.allowedTenants)) {
    log(`refused (403): tenant ${JSON.stringify(tenantsOf(parsed.data))} is not allowed`);
    return { status: 403 };
  }
  const activity = withDates(parsed.data) as unknown as Activity;
  try {
    const invokeResponse = await withStorageDeadline(TURN_STORAGE_BUDGET_MS, () => adapter.runAuthenticated(auth, activity, logic));
    return { status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}) };
  } catch (err) {
    log('turn failed', err);
    return { status: 500 };
  }
}

/** Host names of this machine, as a serviceUrl may name them. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** An id the bot can put in a URL path and a header when it answers: visible ASCII only (Teams' ids are). */
const SENDABLE_ID = /^[\x21-\x7E]+$/;

/**
 * In no-auth local mode (no MicrosoftAppId), only what the bot can answer without leaving this
 * machine or failing: a serviceUrl on loopback (http or https, no credentials), and a conversation
 * id, activity id and replyToId that can be sent back. Anything else is 400 before any outbound call.
 */
export function canAnswerLocally(activity: z.output<typeof activityEnvelopeSchema>): boolean {
  let url: URL;
  try {
    url = new URL(activity.serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || !isLoopbackHost(url.hostname)) return false;
  const ids = [activity.conversation.id, activity.id, activity.replyToId].filter((v): v is string => v !== undefined);
  return ids.every((v) => SENDABLE_ID.test(v));
}

/** The tenant ids an activity names: Teams puts the tenant in channelData and on the conversation. */
function tenantsOf(activity: z.output<typeof activityEnvelopeSchema>): (string | undefined)[] {
  return [activity.channelData?.tenant?.id, activity.conversation.tenantId];
}

/**
 * True when every tenant the activity names is allowed, and it names one. With no list (local
 * runs with no tenant configured) anything is let in.
 */
export function fromAllowedTenant(activity: z.output<typeof activityEnvelopeSchema>, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const named = tenantsOf(activity).filter((t): t is string => t !== undefined);
  const lower = new Set(allowed.map((t) => t.toLowerCase()));
  return named.length > 0 && named.every((t) => lower.has(t.toLowerCase()));
}

/** As botbuilder's own validateAndFixActivity: timestamps become Dates, the raw text is kept. */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof out[field] === 'string') {
      out[raw] = out[field];
      out[field] = new Date(out[field] as string);
    }
  }
  return out;
}

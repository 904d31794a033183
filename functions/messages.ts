// POST /api/messages: every activity from Teams, in this order, each step before the next costs
// anything: no Authorization header (with credentials configured) is 401 before the body is
// read; a body declared or found to be over 256 KB is 413, read no further; then the bot's edge
// (bot/teams/edge.ts) authenticates the token (401), checks the envelope (400) and the tenant (403),
// and runs the turn. No answer carries internal error text.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Runtime } from './runtime.js';
import { inTurnSpan } from './telemetry/turnSpan.js';

/** The largest activity accepted. Teams' own activities are far smaller. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** What the handler reads of a request: the Functions host's HttpRequest, or a web Request (the local host). */
export type MessagesRequest = Pick<HttpRequest, 'headers' | 'body'>;

/**
 * The bot's edge, imported by the first request (not at the top: loading the Functions entry
 * must not load teams-ai, for cold start). Held once imported, so later requests do not resolve
 * the module again.
 */
let edge: Promise<typeof import('../bot/teams/edge.js')> | undefined;

export function messagesHandler(getRuntime: () => Promise<Runtime>) {
  return async (req: MessagesRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let runtime: Runtime;
    try {
      runtime = await getRuntime();
    } catch (err) {
      context.error('messages: runtime unavailable', err);
      return { status: 503 };
    }
    const { bot } = runtime;
    const authorization = req.headers.get('authorization') ?? '';
    if (bot.adapter.authRequired && !authorization.trim()) {
      context.warn('messages: refused (401): no token');
      return { status: 401 };
    }
    const declared = req.headers.get('content-length');
    if (declared !== null && !(Number(declared) <= MAX_ACTIVITY_BYTES)) return { status: 413 };
    const bytes = await readAtMost(req.body, MAX_ACTIVITY_BYTES);
    if (bytes === undefined) return { status: 413 };
    edge ??= import('../bot/teams/edge.js');
    const { answerActivity } = await edge.catch((err: unknown) => {
      edge = undefined; // a failed import is tried again by the next request
      throw err;
    });
    const body = parseJson(bytes);
    // One span per turn (functions/telemetry/turnSpan.ts): its kind, verb and what the change came to.
    const answer = await inTurnSpan(body, () =>
      answerActivity(
        bot.adapter,
        (turn) => bot.app.run(turn).then(() => undefined),
        { authorization, body },
        (message, err) => context.warn(`messages: ${message}`, ...(err === undefined ? [] : [err])),
      ),
    );
    if (answer.body === undefined || answer.body === null) return { status: answer.status };
    return { status: answer.status, jsonBody: answer.body };
  };
}

/**
 * The body, or undefined as soon as it passes `max` bytes: then the rest is not read (the stream
 * is cancelled), whatever Content-Length said.
 */
async function readAtMost(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/** The body as JSON; undefined when it is not JSON (the edge then answers 400, or 401 first). */
function parseJson(bytes: Buffer): unknown {
  try {
    const text = bytes.toString('utf8');
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

// POST /api/messages: every activity from Teams. The bot's edge (bot/edge.ts) authenticates it
// (401), checks the envelope (400), and runs the turn; no answer carries internal error text.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Runtime } from './runtime.js';

/**
 * The bot's edge, imported by the first request (not at the top: loading the Functions entry
 * must not load teams-ai, for cold start). Held once imported, so later requests do not resolve
 * the module again.
 */
let edge: Promise<typeof import('../bot/edge.js')> | undefined;

export function messagesHandler(getRuntime: () => Promise<Runtime>) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let runtime: Runtime;
    try {
      runtime = await getRuntime();
    } catch (err) {
      context.error('messages: runtime unavailable', err);
      return { status: 503 };
    }
    const { bot } = runtime;
    edge ??= import('../bot/edge.js');
    const { answerActivity } = await edge.catch((err: unknown) => {
      edge = undefined; // a failed import is tried again by the next request
      throw err;
    });
    const answer = await answerActivity(
      bot.adapter,
      (turn) => bot.app.run(turn).then(() => undefined),
      { authorization: req.headers.get('authorization') ?? '', body: await readJson(req) },
      (message, err) => context.warn(`messages: ${message}`, ...(err === undefined ? [] : [err])),
    );
    if (answer.body === undefined || answer.body === null) return { status: answer.status };
    return { status: answer.status, jsonBody: answer.body };
  };
}

/** The body as JSON; undefined when it is not JSON (the edge then answers 400, or 401 first). */
async function readJson(req: HttpRequest): Promise<unknown> {
  try {
    const text = await req.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

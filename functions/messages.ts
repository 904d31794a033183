// POST /api/messages: every activity from Teams. Authentication is botbuilder's: with app
// credentials configured, a request without a valid Bot Framework token is refused (401).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { RecordedResponse, toBotRequest } from './botHttp.js';
import type { Runtime } from './runtime.js';

export function messagesHandler(getRuntime: () => Promise<Runtime>) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const runtime = await getRuntime();
    const res = new RecordedResponse();
    try {
      await runtime.bot.adapter.process(await toBotRequest(req), res, (turn) => runtime.bot.app.run(turn).then(() => undefined));
    } catch (err) {
      context.error('messages: unhandled error', err);
      return { status: 500 };
    }
    return res.toHttpResponse();
  };
}

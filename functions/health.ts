// GET /api/health: the version, and whether Table Storage answers. 503 when it does not.
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Runtime } from './runtime.js';

export function healthHandler(getRuntime: () => Promise<Runtime>) {
  return async (_req: unknown, context: InvocationContext): Promise<HttpResponseInit> => {
    let runtime: Runtime;
    try {
      runtime = await getRuntime();
    } catch (err) {
      context.error('health: runtime unavailable', err);
      return { status: 503, jsonBody: { status: 'unavailable', storage: 'unreachable' } };
    }
    const storage = await runtime.records.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    return {
      status: storage === 'ok' ? 200 : 503,
      jsonBody: { status: storage === 'ok' ? 'ok' : 'degraded', version: runtime.settings.version, storage },
    };
  };
}

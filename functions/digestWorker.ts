// Queue trigger on `digest`: composes and posts one channel's digest. A thrown error leaves the
// message to the queue's own retry (and, after maxDequeueCount, the poison queue).
import type { InvocationContext } from '@azure/functions';
import type { Runtime } from './runtime.js';
import { countDigest } from './telemetry/signals.js';

export function digestWorkerHandler(getRuntime: () => Promise<Runtime>, clock: () => Date = () => new Date()) {
  return async (message: unknown, context: InvocationContext): Promise<void> => {
    const runtime = await getRuntime();
    const line = await runtime.digest.work(message, clock());
    countDigest(line.message.place, line.outcome);
    context.log(
      `digest ${line.message.place} ${line.message.channelId} ${line.message.week}: ${line.outcome}${line.reason ? ` (${line.reason})` : ''}`,
    );
  };
}

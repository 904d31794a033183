// The digest's timer and queue trigger where Functions Core Tools are absent: `npm start`'s local
// host runs the same tick every minute and drains the `digest` queue (Azurite) every two seconds;
// `npm run digest` runs one tick at a chosen instant and drains the queue once.
import { RetryLater, type WorkLine } from '../bot/digest/digestRun.js';
import { decodeMessage } from '../records/store/digestQueue.js';
import type { Runtime } from './runtime.js';
import { countDigest, countReminder } from './telemetry/signals.js';
import { cycleLine } from './cycleLines.js';

/** Like the Functions queue trigger's maxDequeueCount: after this many failures a message is set aside. */
export const MAX_DEQUEUE = 5;

export interface DrainResult {
  lines: WorkLine[];
  /** Messages left on the queue to come back later (busy elsewhere, or a failed post to retry). */
  retrying: { message: unknown; reason: string }[];
}

/** Works every message on the queue once, as the queue trigger would. */
export async function drainDigestQueue(runtime: Runtime, now: () => Date): Promise<DrainResult> {
  const result: DrainResult = { lines: [], retrying: [] };
  for (;;) {
    const batch = await runtime.queue.receive(16, 60);
    if (batch.length === 0) return result;
    for (const m of batch) {
      try {
        const line = await runtime.digest.work(m.message, now());
        countDigest(line.message.place, line.outcome);
        result.lines.push(line);
        await runtime.queue.delete(m);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (!(err instanceof RetryLater)) console.error('digest worker failed', err);
        if (m.dequeueCount >= MAX_DEQUEUE) {
          console.error(`digest message set aside after ${m.dequeueCount} attempts: ${safeDescribe(m.message)}: ${reason}`);
          await runtime.queue.delete(m);
        }
        result.retrying.push({ message: m.message, reason });
      }
    }
  }
}

function safeDescribe(body: unknown): string {
  try {
    const m = decodeMessage(body);
    return `${m.place} ${m.channelId} ${m.week}`;
  } catch {
    return 'an unreadable message';
  }
}

export interface LocalSchedule {
  stop(): Promise<void>;
}

/** Runs the timer tick every `tickMs` and drains the queue every `pollMs`, until stopped. */
export function startLocalSchedule(
  runtime: Runtime,
  options: { tickMs?: number; pollMs?: number; clock?: () => Date } = {},
): LocalSchedule {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (job: () => Promise<unknown>) => {
    running = running.then(job).catch((err) => console.error('local digest schedule:', err instanceof Error ? err.message : err));
  };
  const tick = setInterval(
    () =>
      run(async () => {
        const swept = await runtime.sweepSignOffs(clock());
        for (const ref of swept.expired) console.log(`Sign-off ${ref}: expired.`);
        for (const note of swept.notes) console.log(`Sign-off ${note}.`);
        for (const l of await runtime.digest.tick(clock())) {
          if (l.outcome === 'skipped') countDigest(l.place, 'skipped');
          if (l.outcome === 'queued' || l.outcome === 'requeued') console.log(`Digest ${l.week} for ${l.channelName}: ${l.outcome}.`);
        }
        for (const r of await runtime.reminders.tick(clock())) {
          if (r.outcome !== 'sent' && r.outcome !== 'failed') continue;
          countReminder(r.outcome);
          console.log(`Reminder for ${r.name}: ${r.outcome}.`);
        }
        for (const line of await runtime.cycle.tick(clock())) if (line.outcome !== 'already sent') console.log(cycleLine(line));
      }),
    options.tickMs ?? 60_000,
  );
  const poll = setInterval(
    () =>
      run(async () => {
        const { lines } = await drainDigestQueue(runtime, clock);
        for (const l of lines)
          console.log(
            `Digest ${l.message.week} for ${l.message.place} ${l.message.channelId}: ${l.outcome}${l.reason ? ` (${l.reason})` : ''}.`,
          );
      }),
    options.pollMs ?? 2_000,
  );
  tick.unref();
  poll.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(tick);
      clearInterval(poll);
      // Let a job in flight finish, but never hold up Ctrl-C for long (storage may already be gone).
      await Promise.race([running, new Promise((r) => setTimeout(r, 1000).unref())]);
    },
  };
}

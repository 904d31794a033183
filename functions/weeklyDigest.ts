// Timer trigger (UTC, every 15 minutes): expires sign-offs past their expiry date, claims each due
// (place, channel, ISO week) once and enqueues one message per channel on the `digest` queue, and
// sends due weekday reminders. Expiry runs first so the digest and reminders never offer an expired
// one. Monday 09:00 Europe/London is decided in code (records/schedule.ts): Linux/Flex plans run
// timers in UTC.
import type { InvocationContext, Timer } from '@azure/functions';
import type { Runtime } from './runtime.js';
import { countDigest, countReminder, recordPoisonMessages } from './telemetry/signals.js';
import { cycleLogLine } from './cycleLines.js';

/** Every 15 minutes, on the quarter hour (UTC). */
export const WEEKLY_DIGEST_SCHEDULE = '0 */15 * * * *';

export function weeklyDigestHandler(getRuntime: () => Promise<Runtime>, clock: () => Date = () => new Date()) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const runtime = await getRuntime();
    // Messages that failed five times wait in digest-poison; telemetry reports how many (infra's alert).
    await runtime.poison
      .approximateCount()
      .then(recordPoisonMessages, (err: unknown) => context.warn('digest-poison: could not be read', err));
    const swept = await runtime.sweepSignOffs(clock());
    for (const ref of swept.expired) context.log(`sign-off ${ref}: expired`);
    for (const note of swept.notes) context.log(`sign-off ${note}`);
    const lines = await runtime.digest.tick(clock());
    for (const l of lines) if (l.outcome === 'skipped') countDigest(l.place, 'skipped');
    for (const l of lines) context.log(`digest ${l.place} ${l.channelName} ${l.week}: ${l.outcome}${l.reason ? ` (${l.reason})` : ''}`);
    // The same timer sends the weekday 08:00 reminders (at most one per person per day).
    for (const r of await runtime.reminders.tick(clock())) {
      if (r.outcome === 'sent' || r.outcome === 'failed') countReminder(r.outcome);
      if (r.outcome !== 'already today') context.log(`reminder ${r.name}: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}`);
    }
    // And the meeting cycle from each forum's rhythm: each notice once per forum, meeting and person.
    for (const line of await runtime.cycle.tick(clock())) if (line.outcome !== 'already sent') context.log(cycleLogLine(line));
  };
}

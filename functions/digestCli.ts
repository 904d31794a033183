// `npm run digest -- --at <ISO instant>`: one timer tick as if it were that instant, against the
// local storage (Azurite, as `npm start` runs it), then the queue drained: posts go to the stored
// conversation references (the Playground when it is up). One line per place and channel, then one
// per forum cycle notice due (bot/cycle/cycleRun.ts: board pack offers, agenda and key-message reminders).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { azuriteDevConnectionString } from './azuriteDev.js';
import { PLACE_NAMES } from '../records/places.js';
import { dueDigestWeek } from '../records/schedule.js';
import { drainDigestQueue } from './localDigest.js';
import { createRuntime, prepareStorage, type Runtime } from './runtime.js';
import { dueCycleDay } from '../records/forumCycle.js';
import type { ConnectionOptions } from '../records/store/tables.js';
import { cycleLine } from './cycleLines.js';
import { loadSettings, SettingsError } from './settings.js';

/** Azurite as `npm start` runs it (its ports movable by the same variables). */
function localStorage(env: NodeJS.ProcessEnv): string {
  return azuriteDevConnectionString({ table: env.AZURITE_TABLE_PORT ?? '10002', queue: env.AZURITE_QUEUE_PORT ?? '10001' });
}

export async function runDigestCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
  storage: Pick<ConnectionOptions, 'httpClient'> = {},
): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { at: { type: 'string' }, wait: { type: 'string', default: '20' } } });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()) || (values.at && !/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(values.at))) {
    out(`--at wants an ISO instant such as 2026-11-30T09:05:00Z; got “${values.at}”.`);
    return 2;
  }
  const settings = loadSettings({ STORAGE_CONNECTION_STRING: localStorage(env), ...env, MicrosoftAppId: env.MicrosoftAppId ?? '' });
  const runtime = createRuntime(settings, () => at, storage);
  await prepareStorage(runtime);
  const week = dueDigestWeek(at);
  if (!week) out(`At ${at.toISOString()} no digest is due yet: this week's is due Monday 09:00 UK time.`);
  else await digestLines(runtime, at, Number(values.wait), out);
  // The forums' meeting cycle, on the same tick: each notice once per forum, meeting and person.
  if (!dueCycleDay(at)) out(`At ${at.toISOString()} no forum notices go out: they go on working days from 08:00 UK time.`);
  for (const line of await runtime.cycle.tick(at)) out(cycleLine(line));
  return 0;
}

async function digestLines(runtime: Runtime, at: Date, waitSeconds: number, out: (line: string) => void): Promise<void> {
  const ticked = await runtime.digest.tick(at);
  if (ticked.length === 0) out('No place has a linked channel: link one with “setup” in the channel.');
  const drained = await drainDigestQueue(runtime, () => at);
  const deadline = Date.now() + waitSeconds * 1000;
  for (const t of ticked) {
    const label = `${PLACE_NAMES[t.place]} · ${t.channelName} (${t.week})`;
    if (t.outcome === 'skipped') {
      out(`${label}: skipped, ${t.reason}`);
      continue;
    }
    // The local host may have taken the message first: wait for the claim to settle.
    let found = await runtime.digests.get(t.place, t.week, t.channelId);
    while (found && (found.claim.state === 'claimed' || found.claim.state === 'posting') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      if (found.claim.state === 'claimed') await drainDigestQueue(runtime, () => at);
      found = await runtime.digests.get(t.place, t.week, t.channelId);
    }
    const claim = found?.claim;
    const justPosted = drained.lines.some(
      (l) => l.message.channelId === t.channelId && l.message.place === t.place && l.outcome === 'posted',
    );
    if (!claim) out(`${label}: not claimed`);
    else if (claim.state === 'sent')
      out(
        `${label}: ${t.outcome === 'queued' || t.outcome === 'requeued' || justPosted ? 'posted' : 'already sent'} (activity ${claim.activityId || '?'})`,
      );
    else if (claim.state === 'failed') out(`${label}: failed, ${claim.reason ?? 'unknown reason'}`);
    else if (claim.state === 'skipped') out(`${label}: skipped, ${claim.reason ?? ''}`);
    else out(`${label}: not posted yet (${claim.reason ?? claim.state}); the queue will retry it`);
  }
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runDigestCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(
        err instanceof SettingsError ? err.message : `The digest run failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      process.exit(1);
    });
}

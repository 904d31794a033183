// Child process for test/integration/functions/telemetry.test.ts: starts telemetry from its
// environment (as functions/index.ts does), runs the bot (local host, Azurite in-process), logs an
// action from the form (a turn the change pipeline saves), with an export to Application Insights
// under way, then flushes. Prints one JSON line: the start-up lines, how long each turn took, what
// the turn answered. Telemetry is process-wide, so it is tried in a process of its own.
import { randomUUID } from 'node:crypto';
import { startTelemetry } from '../../functions/telemetry/start.js';
import { addDays, londonToday } from '../../records/dates.js';
import { ALEX, BotHarness } from './botHarness.js';
import { cardText } from './cardCheck.js';

async function main(): Promise<void> {
  const lines: string[] = [];
  const telemetry = await startTelemetry(process.env, (line) => lines.push(line));
  const bot = await BotHarness.start();
  try {
    const form = (description: string) => ({
      place: 'BPL',
      description,
      owner: ALEX.id,
      dueDate: addDays(londonToday(new Date()), 30),
      people: [{ id: ALEX.id, name: ALEX.name }],
      formId: randomUUID(),
    });
    const timed = async (description: string) => {
      const started = performance.now();
      const card = await bot.click('action.create', form(description));
      return {
        ms: Math.round(performance.now() - started),
        said: /Action [A-Z]+-A-\d{4} logged/.exec(cardText(card))?.[0] ?? cardText(card).slice(0, 200),
      };
    };
    const first = await timed('Agree the falls pathway with the community trust');
    // An export under way (to a collector that may hang or be closed) while the next turn runs.
    const exporting = telemetry.flush(Number(process.env.FLUSH_TIMEOUT_MS ?? 3_000));
    const second = await timed('Share the discharge figures with partners');
    await exporting;
    const flushStarted = performance.now();
    await telemetry.flush(Number(process.env.FLUSH_TIMEOUT_MS ?? 3_000));
    console.log(JSON.stringify({ lines, on: telemetry.on, turns: [first, second], flushMs: Math.round(performance.now() - flushStarted) }));
  } finally {
    await bot.stop();
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

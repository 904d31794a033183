// What one person's chat operation costs end to end: an Action.Execute or a message through
// the local host (the same handlers as Azure Functions), the bot and the store, on Azurite.
// Transactions come from the stores' own counters (records + place settings).
import { performance } from 'node:perf_hooks';
import { addDays, londonToday } from '../records/dates.js';
import { ALEX, actionData, BotHarness } from '../test/support/botHarness.js';

export interface ChatRow {
  operation: string;
  transactions: number;
  medianMs: number;
}

const REPEAT = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function benchChatOperations(): Promise<ChatRow[]> {
  const bot = await BotHarness.start();
  try {
    const { records, places } = bot.runtime;
    await places.put({ place: 'BPL', displayName: 'Blackpool', admins: [{ id: ALEX.id, name: ALEX.name }] });
    const form = (i: number) => ({
      place: 'BPL',
      description: `Benchmark: agree the BCF section 75 schedule, item ${i}`,
      owner: ALEX.id,
      dueDate: addDays(londonToday(new Date()), 30),
      people: [{ id: ALEX.id, name: ALEX.name }],
    });
    const measure = async (operation: string, op: (i: number) => Promise<unknown>): Promise<ChatRow> => {
      const ms: number[] = [];
      records.metrics.reset();
      places.metrics.reset();
      for (let i = 0; i < REPEAT; i++) {
        const t = performance.now();
        await op(i);
        ms.push(performance.now() - t);
      }
      return { operation, transactions: (records.metrics.transactions + places.metrics.transactions) / REPEAT, medianMs: median(ms) };
    };
    const rows: ChatRow[] = [];
    rows.push(await measure('help (message)', () => bot.say('help')));
    rows.push(await measure('log action form (click)', () => bot.click('action.form')));
    rows.push(await measure('log action submit (click)', (i) => bot.click('action.create', form(i))));
    rows.push(await measure('my actions (message)', () => bot.say('my actions')));
    rows.push(await measure('open an action (click)', (i) => bot.click('action.view', { ref: `BPL-A-${String(i + 1).padStart(4, '0')}` })));
    const views = await Promise.all(Array.from({ length: REPEAT }, (_, i) => bot.click('action.view', { ref: `BPL-A-${String(i + 1).padStart(4, '0')}` })));
    rows.push(
      await measure('add an update (click)', (i) =>
        bot.click('action.addUpdate', { ...actionData(views[i], 'action.addUpdate'), updateText: `Benchmark update ${i}` }),
      ),
    );
    return rows;
  } finally {
    await bot.stop();
  }
}

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

    // Risks, beside the actions: the same mechanics, so the same shape of cost.
    const riskForm = (i: number) => ({
      place: 'BPL',
      title: `Benchmark: neighbourhood capacity risk ${i}`,
      event: 'neighbourhood teams cannot take on every new programme at once',
      cause: 'several partners asking the same small teams for the same things',
      effect: 'delays to care closer to home',
      category: 'workforce',
      owner: ALEX.id,
      initialLikelihood: String((i % 5) + 1),
      initialConsequence: '4',
      targetLikelihood: '1',
      targetConsequence: '2',
      controls: 'Monthly capacity review',
      gaps: '',
      response: 'treat',
      people: [{ id: ALEX.id, name: ALEX.name }],
    });
    const riskRef = (i: number) => `BPL-R-${String(i + 1).padStart(4, '0')}`;
    rows.push(await measure('raise risk form (click)', () => bot.click('risk.form')));
    rows.push(await measure('raise risk submit (click)', (i) => bot.click('risk.create', riskForm(i))));
    rows.push(await measure('open a risk (click)', (i) => bot.click('risk.view', { ref: riskRef(i) })));
    const riskViews = await Promise.all(Array.from({ length: REPEAT }, (_, i) => bot.click('risk.view', { ref: riskRef(i) })));
    rows.push(
      await measure('review a risk (click)', (i) =>
        bot.click('risk.review', { ...actionData(riskViews[i], 'risk.review'), reviewLikelihood: '1', reviewConsequence: '3', reviewNote: `Benchmark review ${i}` }),
      ),
    );
    rows.push(await measure(`risk register Blackpool (message, ${REPEAT} risks)`, () => bot.say('risk register Blackpool')));
    rows.push(await measure('my risks (message)', () => bot.say('my risks')));
    return rows;
  } finally {
    await bot.stop();
  }
}

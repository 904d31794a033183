// What one person's chat operation costs end to end: an Action.Execute or a message through
// the local host (the same handlers as Azure Functions), the bot and the store, on Azurite.
// Transactions come from the stores' own counters: every table the bot touches (records, place
// settings, people's personal chats, digests).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { addDays, londonToday } from '../records/dates.js';
import { ALEX, actionData, BotHarness, invokeActivity } from '../test/support/botHarness.js';

export interface ChatRow {
  operation: string;
  transactions: number;
  medianMs: number;
}

const REPEAT = 20;
/** Raises the risks: one person's creates in a place are limited (30 per 10 minutes), and Alex logs the actions. */
const RAISER = { id: 'aad-bench-raiser', name: 'Rita Raiser', teamsId: '29:raiser' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Table transactions across every table the bot touches, from the stores' own counters. */
function tableCounts(bot: BotHarness): { resetCounts: () => void; counted: () => number } {
  const { records, places, people, digests } = bot.runtime;
  const stores = [records, places, people, digests];
  return {
    resetCounts: () => stores.forEach((s) => s.metrics.reset()),
    counted: () => stores.reduce((n, s) => n + s.metrics.transactions, 0),
  };
}

export async function benchChatOperations(): Promise<ChatRow[]> {
  const bot = await BotHarness.start();
  try {
    const { places } = bot.runtime;
    const { resetCounts, counted } = tableCounts(bot);
    await places.put({ place: 'BPL', displayName: 'Blackpool', admins: [{ id: ALEX.id, name: ALEX.name }] });
    const form = (i: number) => ({
      place: 'BPL',
      description: `Benchmark: agree the BCF section 75 schedule, item ${i}`,
      owner: ALEX.id,
      dueDate: addDays(londonToday(new Date()), 30),
      people: [{ id: ALEX.id, name: ALEX.name }],
      formId: randomUUID(),
    });
    const measure = async (operation: string, op: (i: number) => Promise<unknown>): Promise<ChatRow> => {
      const ms: number[] = [];
      resetCounts();
      for (let i = 0; i < REPEAT; i++) {
        const t = performance.now();
        await op(i);
        ms.push(performance.now() - t);
      }
      return { operation, transactions: counted() / REPEAT, medianMs: median(ms) };
    };
    const rows: ChatRow[] = [];
    rows.push(await measure('help (message)', () => bot.say('help')));
    rows.push(await measure('log action form (click)', () => bot.click('action.form')));
    rows.push(await measure('log action submit (click)', (i) => bot.click('action.create', form(i))));
    rows.push(await measure('my actions (message)', () => bot.say('my actions')));
    rows.push(await measure('open an action (click)', (i) => bot.click('action.view', { ref: `BPL-A-${String(i + 1).padStart(4, '0')}` })));
    const views = await Promise.all(
      Array.from({ length: REPEAT }, (_, i) => bot.click('action.view', { ref: `BPL-A-${String(i + 1).padStart(4, '0')}` })),
    );
    rows.push(
      await measure('add an update (click)', (i) =>
        bot.click('action.addUpdate', { ...actionData(views[i], 'action.addUpdate'), updateText: `Benchmark update ${i}` }),
      ),
    );

    // Risks, beside the actions: the same mechanics, so the same shape of cost. Raised by someone
    // else, so each person's creates stay within the rate per place (records/createRate.ts).
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
      formId: randomUUID(),
    });
    const riskRef = (i: number) => `BPL-R-${String(i + 1).padStart(4, '0')}`;
    rows.push(await measure('raise risk form (click)', () => bot.click('risk.form')));
    rows.push(await measure('raise risk submit (click)', (i) => bot.click('risk.create', riskForm(i), { from: RAISER })));
    rows.push(await measure('open a risk (click)', (i) => bot.click('risk.view', { ref: riskRef(i) })));
    const riskViews = await Promise.all(Array.from({ length: REPEAT }, (_, i) => bot.click('risk.view', { ref: riskRef(i) })));
    rows.push(
      await measure('review a risk (click)', (i) =>
        bot.click('risk.review', {
          ...actionData(riskViews[i], 'risk.review'),
          reviewLikelihood: '1',
          reviewConsequence: '3',
          reviewNote: `Benchmark review ${i}`,
        }),
      ),
    );
    rows.push(await measure(`risk register Blackpool (message, ${REPEAT} risks)`, () => bot.say('risk register Blackpool')));
    rows.push(await measure('my risks (message)', () => bot.say('my risks')));
    rows.push(...(await benchSignOffs(bot, measure)));
    return rows;
  } finally {
    await bot.stop();
  }
}

const CHAIR = { id: 'aad-bench-chair', name: 'Chair Bench' };
const APPROVER = { id: 'aad-bench-approver', name: 'Approver Bench' };

/** Sign-offs: request, the per-user refresh (runs whenever someone opens the card), approve, and 50 approve clicks at once. */
async function benchSignOffs(
  bot: BotHarness,
  measure: (operation: string, op: (i: number) => Promise<unknown>) => Promise<ChatRow>,
): Promise<ChatRow[]> {
  const { places, records } = bot.runtime;
  const { resetCounts, counted } = tableCounts(bot);
  await places.put({
    place: 'BWD',
    displayName: 'Blackburn with Darwen',
    chairs: [CHAIR],
    approvers: [CHAIR, APPROVER],
    admins: [{ id: ALEX.id, name: ALEX.name }],
  });
  const group = { conversationType: 'groupChat' as const, conversationId: '19:bench@thread.v2' };
  const request = (i: number) => ({
    place: 'BWD',
    board: 'Blackburn with Darwen Place Partnership Board',
    title: `Benchmark sign-off ${i}`,
    summary: 'Support the proposed phases of development and associated actions.',
    itemType: 'decision',
    route: 'between-meetings',
    approvers: `${CHAIR.id},${APPROVER.id}`,
    mode: 'FIRST',
    dueBy: addDays(londonToday(new Date()), 14),
    conflictNature: 'none',
    formId: randomUUID(),
  });
  const ref = (i: number) => `BWD-S-${String(i + 1).padStart(4, '0')}`;
  const refresh = async (who: typeof CHAIR, r: string) => {
    const activity = invokeActivity(bot.serviceUrl, 'signoff.refresh', { ref: r }, { ...group, from: who });
    activity.value.trigger = 'automatic';
    const { body } = await bot.post(activity);
    return (body as { value: Record<string, unknown> }).value;
  };
  const rows: ChatRow[] = [];
  rows.push(await measure('sign-off request (click)', (i) => bot.click('signoff.create', request(i), group)));
  const before = await Promise.all(Array.from({ length: REPEAT }, (_, i) => records.get('signoff', ref(i))));
  const refreshRow = await measure('sign-off refresh, per-user view (automatic invoke)', (i) => refresh(CHAIR, ref(i)));
  const after = await Promise.all(Array.from({ length: REPEAT }, (_, i) => records.get('signoff', ref(i))));
  const writes = after.filter((s, i) => s?.etag !== before[i]?.etag).length;
  rows.push({ ...refreshRow, operation: `${refreshRow.operation}; records written: ${writes}` });
  const views = await Promise.all(Array.from({ length: REPEAT }, (_, i) => refresh(CHAIR, ref(i))));
  rows.push(
    await measure('sign-off approve (click)', (i) =>
      bot.click('signoff.approve', actionData(views[i], 'signoff.approve'), { ...group, from: CHAIR }),
    ),
  );
  // 50 approve clicks at once on one fresh sign-off, by both approvers: the time until all are answered.
  const settle: number[] = [];
  let burstTx = 0;
  for (let round = 0; round < 3; round++) {
    await bot.click('signoff.create', request(100 + round), group);
    const r = ref(REPEAT + round);
    const [chair, approver] = await Promise.all([refresh(CHAIR, r), refresh(APPROVER, r)]);
    resetCounts();
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        bot.click('signoff.approve', actionData(i % 2 ? chair : approver, 'signoff.approve'), { ...group, from: i % 2 ? CHAIR : APPROVER }),
      ),
    );
    settle.push(performance.now() - t);
    burstTx += counted();
    const decided = (await records.history('signoff', r)).filter((e) => e.command === 'approve').length;
    if (decided !== 1) throw new Error(`50 concurrent approves made ${decided} decisions`);
  }
  rows.push({
    operation: '50 concurrent approves settle (whole burst, 1 decision)',
    transactions: burstTx / 3 / 50,
    medianMs: median(settle),
  });
  return rows;
}

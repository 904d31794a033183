// The board pack from chat, shared by its bot tests (test/integration/bot/boardPack.test.ts and
// boardPackDownloads.test.ts): Blackpool's admin and chair, the records its pack is made from, and
// saying something to the bot to collect every activity it sent back.
import { expect } from 'chai';
import { createAction } from '../../records/action.js';
import { createRisk } from '../../records/risk.js';
import { draft, SECRETARY } from './actionFixtures.js';
import { messageActivity, type BotHarness, type ConversationOptions, type Sender } from './botHarness.js';
import { riskDraftFor } from './riskFixtures.js';

export const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel', teamsId: '29:sam' }; // Blackpool's admin (board secretary)
export const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' }; // Blackpool's chair

/** Blackpool (Helen its chair, Sam its admin) with two actions, one of formula-looking text, and a risk. */
export async function seedBlackpool(bot: BotHarness, now: Date): Promise<void> {
  await bot.runtime.places.put({
    place: 'BPL',
    displayName: 'Blackpool',
    chairs: [{ id: HELEN.id, name: HELEN.name }],
    admins: [{ id: SAM.id, name: SAM.name }],
  });
  for (const description of ['Agree the Better Care Fund plan with the council', '=HYPERLINK("http://x") formula-looking text 🙂']) {
    const made = await bot.runtime.records.create('action', 'BPL', (ref) => createAction(draft(now, { description }), ref, SECRETARY, now));
    if (!made.ok) throw new Error(made.refusal.message);
  }
  const risk = await bot.runtime.records.create('risk', 'BPL', (ref) => createRisk(riskDraftFor('BPL'), ref, SECRETARY, now));
  if (!risk.ok) throw new Error(risk.refusal.message);
}

/** The helpers of one suite's bot (read when called: the suite starts it in `before`). */
export function boardPackChat(bot: () => BotHarness) {
  /** Says `text` and returns every activity the bot sent back. */
  async function say(text: string, opts: ConversationOptions): Promise<Record<string, unknown>[]> {
    const before = bot().replies.length;
    const { status } = await bot().post(messageActivity(bot().serviceUrl, text, opts));
    expect(status).to.equal(200);
    return bot()
      .replies.slice(before)
      .map((r) => r.activity);
  }

  return { say };
}

// Storage that hangs (SIGSTOP of the test's own Azurite process) rather than refuses: every answer
// still comes inside Teams' 5 s. This process holds the record and the ref counter it last wrote,
// so a change or a create goes straight to its one transaction, and that is what hangs: the card
// says it may not have been saved, never that it was, and keeps what was typed. Sending the same
// card or form again leaves exactly one update and one action, whether or not the first landed
// after the thaw (the ETag and the form id see to it). A read that hangs says nothing was saved.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import type { AzuriteProcess } from '../../support/azurite.js';
import { ALEX, actionData, BotHarness } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

describe('Storage frozen (Azurite stopped with SIGSTOP)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const form = (overrides: Record<string, unknown> = {}) => ({
    place: 'SC',
    description: 'Confirm the chairing options with the three local authorities.',
    owner: ALEX.id,
    dueDate: addDays(londonToday(now), 14),
    people: [{ id: ALEX.id, name: ALEX.name }],
    formId: randomUUID(),
    ...overrides,
  });
  const storage = () => bot.storage as AzuriteProcess;

  /** Runs `ask` and returns its answer and how long it took. */
  async function timed<T>(ask: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = Date.now();
    const answer = await ask();
    return { answer, ms: Date.now() - started };
  }

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, storageProcess: true });
  });
  after(async () => {
    storage()?.thaw();
    await bot?.stop();
  });

  it('answers within 5 s, never says "saved" when it was not, and a resubmitted form or card change lands once', async () => {
    const logged = await bot.click('action.create', form());
    const update = actionData(logged, 'action.addUpdate');
    const ref = update.ref as string;
    const formId = 'a4f3e2d1-0c9b-4a87-9654-3210fedcba98';

    storage().freeze();
    let thawed = false;
    try {
      const change = await timed(() => bot.click('action.addUpdate', { ...update, updateText: 'Written while storage hung' }));
      expect(change.ms).to.be.below(5000);
      expect(cardText(change.answer)).to.contain('may not have been saved');
      expect(cardText(change.answer)).to.contain('Written while storage hung');

      const create = await timed(() => bot.click('action.create', form({ formId, description: 'Logged while storage hung' })));
      expect(create.ms).to.be.below(5000);
      // The ref counter is held by this process, so the create's one transaction is what hangs.
      expect(cardText(create.answer)).to.contain('may not have been logged');
      expect(actionData(create.answer, 'action.create').formId).to.equal(formId);

      const typed = await timed(() => bot.say('my actions'));
      expect(typed.ms).to.be.below(5000);
      expect(cardText(typed.answer[0])).to.contain('The record store is not answering just now');
    } finally {
      storage().thaw();
      thawed = true;
    }
    expect(thawed).to.equal(true);
    // Give Azurite time to act on anything it had received while frozen.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const after = await bot.runtime.records.get('action', ref);
    expect(after!.record.updates.length, 'the unconfirmed update landed at most once').to.be.at.most(1);
    await bot.click('action.addUpdate', { ...update, updateText: 'Written while storage hung' });
    const settled = await bot.runtime.records.get('action', ref);
    expect(
      settled!.record.updates.map((u) => u.text),
      'the card sent again',
    ).to.deep.equal(['Written while storage hung']);
    const sc = await bot.runtime.records.listByPlace('action', 'SC');
    expect(
      sc.filter((s) => s.record.description === 'Logged while storage hung').length,
      'the unconfirmed create landed at most once',
    ).to.be.at.most(1);

    const again = await bot.click('action.create', form({ formId, description: 'Logged while storage hung' }));
    const newRef = /Action (SC-A-\d{4}) logged/.exec(cardText(again))?.[1] ?? /it logged (SC-A-\d{4})/.exec(cardText(again))?.[1];
    expect(newRef).to.be.a('string');
    const third = await bot.click('action.create', form({ formId, description: 'Logged while storage hung' }));
    expect(cardText(third)).to.contain(`it logged ${newRef}`);
    const hung = (await bot.runtime.records.listByPlace('action', 'SC')).filter(
      (s) => s.record.description === 'Logged while storage hung',
    );
    expect(hung).to.have.length(1);
  });
});

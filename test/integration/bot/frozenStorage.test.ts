// Storage that hangs (SIGSTOP of the test's own Azurite process) rather than refuses: every answer
// still comes inside Teams' 5 s and says nothing was saved; after the thaw nothing the user was
// told was not saved has been written; the same form submitted again logs one action.
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

  it('answers "nothing saved" within 5 s, writes nothing after the thaw, and a resubmitted form logs once', async () => {
    const logged = await bot.click('action.create', form());
    const update = actionData(logged, 'action.addUpdate');
    const ref = update.ref as string;
    const formId = 'a4f3e2d1-0c9b-4a87-9654-3210fedcba98';

    storage().freeze();
    let thawed = false;
    try {
      const change = await timed(() => bot.click('action.addUpdate', { ...update, updateText: 'Written while storage hung' }));
      expect(change.ms).to.be.below(5000);
      expect(cardText(change.answer)).to.contain('nothing was saved');

      const create = await timed(() => bot.click('action.create', form({ formId, description: 'Logged while storage hung' })));
      expect(create.ms).to.be.below(5000);
      expect(cardText(create.answer)).to.contain('nothing was saved');
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
    expect(after!.record.updates, 'an update the user was told was not saved').to.have.length(0);
    const sc = await bot.runtime.records.listByPlace('action', 'SC');
    expect(sc.map((s) => s.record.description)).to.not.include('Logged while storage hung');

    const again = await bot.click('action.create', form({ formId, description: 'Logged while storage hung' }));
    const newRef = /Action (SC-A-\d{4}) logged/.exec(cardText(again))?.[1];
    expect(newRef).to.be.a('string');
    const third = await bot.click('action.create', form({ formId, description: 'Logged while storage hung' }));
    expect(cardText(third)).to.contain(`it logged ${newRef}`);
    const hung = (await bot.runtime.records.listByPlace('action', 'SC')).filter((s) => s.record.description === 'Logged while storage hung');
    expect(hung).to.have.length(1);
  });
});

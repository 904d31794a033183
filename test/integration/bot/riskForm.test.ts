// The risk form as a risk owner meets it in Teams, driven over HTTP through the local host, with
// the real store on Azurite, before and around raising a risk: what "raise risk" shows and the help
// card, a form with errors or 40 KB in every text field (nothing saved), and the same form
// submitted twice (one risk). Raising and managing a risk is in riskFlow.test.ts; the place, the
// form and the helpers both use are in test/support/riskChat.ts.
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { setUpBlackpool, validForm, verbs } from '../../support/riskChat.js';

describe('Raising and managing a risk, in chat (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
    await setUpBlackpool(bot);
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('"raise risk" shows the form with NPSA words, the speaker offered as owner; the help card has the commands', async () => {
    const [form] = await bot.say('raise risk');
    expect(checkCard(form).inputIds).to.include.members([
      'place',
      'title',
      'event',
      'cause',
      'effect',
      'category',
      'owner',
      'initialLikelihood',
      'targetConsequence',
      'controls',
      'gaps',
      'appetite',
      'response',
      'nextReviewDate',
      'strategicObjective',
    ]);
    expect(findInput(form, 'owner')?.choices).to.deep.include({ title: ALEX.name, value: ALEX.id });
    expect(cardText(form)).to.contain('5 – Almost certain').and.contain('5 – Catastrophic');
    const [help] = await bot.say('help');
    expect(cardText(help)).to.contain('raise risk').and.contain('risk register').and.contain('my risks');
    expect(verbs(help)).to.include.members(['risk.form', 'risk.mine']);
  });

  it('a form with a target above the current score and a past review date comes back with both errors, input kept, nothing saved', async () => {
    const card = await bot.click(
      'risk.create',
      validForm({ title: '', targetLikelihood: '5', targetConsequence: '5', nextReviewDate: addDays(today(), -1) }),
    );
    const text = cardText(card);
    expect(text)
      .to.contain('Title is required.')
      .and.contain('The target score (25) cannot be higher than the initial score (20).')
      .and.contain('The next review date must be today or later.');
    expect(findInput(card, 'event')?.value).to.equal('neighbourhood teams cannot take on every new programme at once');
    expect(findInput(card, 'targetLikelihood')?.value).to.equal('5');
    expect(await bot.runtime.records.get('risk', 'BPL-R-0001')).to.equal(undefined);
  });

  it('40 KB in every text field is refused with a message naming each field, and the card stays small', async () => {
    // Six fields of 40 KB: as much as one activity may carry (256 KB).
    const big = 'x'.repeat(40 * 1024);
    const card = await bot.click('risk.create', validForm({ title: big, event: big, cause: big, effect: big, controls: big, gaps: big }));
    const text = cardText(card);
    for (const label of ['title', 'risk event', 'cause', 'effect', 'list of controls', 'list of gaps'])
      expect(text).to.contain(`The ${label} is 40,960 characters`);
    expect(checkCard(card).bytes).to.be.below(40 * 1024);
    expect(await bot.runtime.records.get('risk', 'BPL-R-0001')).to.equal(undefined);
  });

  it('the same form submitted twice raises one risk, and the second submit is shown it', async () => {
    const [form] = await bot.say('raise risk');
    const { formId } = actionData(form, 'risk.create');
    const first = await bot.click('risk.create', validForm({ formId, title: 'Estates for integrated community hubs not ready' }));
    const ref = /Risk ([A-Z]+-R-\d{4}) raised/.exec(cardText(first))![1]!;
    const again = await bot.click('risk.create', validForm({ formId, title: 'Estates for integrated community hubs not ready' }));
    expect(cardText(again)).to.contain(`This form was already submitted: it raised ${ref}, shown here. Nothing was raised twice.`);
    const titles = (await bot.runtime.records.listByPlace('risk', 'BPL', {})).map((s) => s.record.title);
    expect(titles.filter((t) => t === 'Estates for integrated community hubs not ready')).to.have.length(1);
  });
});

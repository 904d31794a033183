// A risk, raised and reviewed, through the real bot on Table Storage in memory.
import { expect } from 'chai';
import { ALEX, actionData } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { riskFormData } from '../../support/riskFixtures.js';

const CHAIR: Sender = { id: 'aad-helen', name: 'Helen Price' };

describe('Flows in-process: a risk (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const stored = async (ref: string) => (await bot.runtime.records.get('risk', ref))!.record;

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: CHAIR.id, name: CHAIR.name }],
      escalationThreshold: 15,
      defaultAppetite: { level: 'cautious' },
    });
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('raise risk: a valid form raises it, scored and flagged on the card; the record and its create event are stored', async () => {
    const card = await bot.click('risk.create', riskFormData(ALEX, { initialLikelihood: '4', initialConsequence: '5' }));
    const text = cardText(card);
    expect(text)
      .to.contain('Risk BPL-R-0001 raised')
      .and.contain('L4 × C5 = 20 Extreme')
      .and.contain('at or above the place’s escalation threshold (15)');
    const r = await stored('BPL-R-0001');
    expect(r.current).to.deep.equal({ likelihood: 4, consequence: 5 });
    expect(r.appetite).to.deep.equal({ level: 'cautious', toleratedScore: 12 });
    expect((await bot.runtime.records.history('risk', 'BPL-R-0001')).map((e) => e.command)).to.deep.equal(['create']);
  });

  it('a form with a target above the current score comes back with the error and the input kept, and nothing is stored', async () => {
    const card = await bot.click(
      'risk.create',
      riskFormData(ALEX, { title: 'Target above current', targetLikelihood: '5', targetConsequence: '5' }),
    );
    expect(cardText(card)).to.contain('The target score (25) cannot be higher than the initial score (16).').and.not.contain('BPL-R-0002');
    expect(findInput(card, 'title')?.value).to.equal('Target above current');
    expect(await bot.runtime.records.get('risk', 'BPL-R-0002')).to.equal(undefined);
  });

  it('review: the owner rescores from the card; the card shows the new score and the trend, the rescore is stored and audited', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const card = await bot.click('risk.review', {
      ...actionData(view, 'risk.review'),
      reviewLikelihood: '3',
      reviewConsequence: '4',
      reviewNote: 'Joint plan agreed with the council.',
      reviewDate: '',
    });
    expect(cardText(card))
      .to.contain('Review saved.')
      .and.contain('L3 × C4 = 12 High')
      .and.contain('↓ Improving since the last review (20 → 12)');
    const r = await stored('BPL-R-0001');
    expect(r.current).to.deep.equal({ likelihood: 3, consequence: 4 });
    expect(r.nextReviewDate).to.equal('2027-01-23'); // High: every two months
    const history = await bot.runtime.records.history('risk', 'BPL-R-0001');
    expect(history.map((e) => [e.command, e.actor.id])).to.deep.equal([
      ['create', ALEX.id],
      ['rescore', ALEX.id],
    ]);
  });

  it('a review from a stale card says so, shows the latest and keeps the typed note; only the first review is stored', async () => {
    const old = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const fresh = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    await bot.click('risk.review', {
      ...actionData(fresh, 'risk.review'),
      reviewLikelihood: '2',
      reviewConsequence: '4',
      reviewNote: 'Capacity log started.',
      reviewDate: '',
    });
    const card = await bot.click('risk.review', {
      ...actionData(old, 'risk.review'),
      reviewLikelihood: '5',
      reviewConsequence: '5',
      reviewNote: 'My late review.',
      reviewDate: '',
    });
    expect(cardText(card)).to.contain('Someone else changed this risk');
    expect(findInput(card, 'reviewNote')?.value).to.equal('My late review.');
    expect((await stored('BPL-R-0001')).current).to.deep.equal({ likelihood: 2, consequence: 4 });
  });
});

import { expect } from 'chai';
import { lines, parseRiskForm, riskFormValues } from '../../../bot/risk/riskForm.js';
import { DEFAULT_APPETITE } from '../../../records/risk.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const OWNER = { id: 'aad-7', name: 'Helen Price' };
const ctx = (o: Partial<Parameters<typeof parseRiskForm>[1]> = {}) => ({ owner: OWNER, now: NOW, defaultAppetite: DEFAULT_APPETITE, ...o });
const form = (o: Record<string, unknown> = {}) => ({
  place: 'BPL',
  title: 'Too many asks on the same neighbourhood capacity',
  event: 'neighbourhood teams cannot take on the new programmes',
  cause: 'several partners asking the same staff for the same things',
  effect: 'delays to care closer to home and staff burnout',
  category: 'workforce',
  owner: OWNER.id,
  initialLikelihood: '4',
  initialConsequence: '5',
  currentLikelihood: '',
  currentConsequence: '',
  targetLikelihood: '2',
  targetConsequence: '4',
  controls: 'Monthly capacity review\n\n  Single ask log  \n',
  gaps: 'No shared view of demand',
  appetite: 'cautious',
  response: 'treat',
  nextReviewDate: '',
  priority: 'PRIMARY_CARE',
  strategicObjective: 'SO3',
  lifeCourse: 'Living well',
  ...o,
});

describe('Reading the risk form', () => {
  it('turns a complete form into a draft: scores as numbers, one control per line, the place default appetite', () => {
    const r = parseRiskForm(form(), ctx());
    expect(r.ok, JSON.stringify(r)).to.equal(true);
    if (!r.ok) return;
    expect(r.draft).to.deep.include({
      place: 'BPL',
      category: 'workforce',
      owner: OWNER,
      response: 'treat',
      strategicObjective: 'SO3',
      priority: 'PRIMARY_CARE',
      lifeCourse: 'Living well',
    });
    expect(r.draft.initial).to.deep.equal({ likelihood: 4, consequence: 5 });
    expect(r.draft.current).to.equal(undefined);
    expect(r.draft.target).to.deep.equal({ likelihood: 2, consequence: 4 });
    expect(r.draft.controls).to.deep.equal(['Monthly capacity review', 'Single ask log']);
    expect(r.draft.gapsInControl).to.deep.equal(['No shared view of demand']);
    expect(r.draft.appetite).to.deep.equal(DEFAULT_APPETITE);
    expect(r.draft.nextReviewDate).to.equal(undefined);
  });

  it('takes another appetite with that level’s tolerated score', () => {
    const r = parseRiskForm(form({ appetite: 'minimal' }), ctx());
    expect(r.ok && r.draft.appetite).to.deep.equal({ level: 'minimal', toleratedScore: 6 });
  });

  it('reports every problem at once, each against its field', () => {
    const r = parseRiskForm(
      form({
        place: '',
        title: '',
        event: ' ',
        category: 'weather',
        initialLikelihood: '',
        targetConsequence: '9',
        response: 'ignore',
        strategicObjective: 'SO9',
      }),
      ctx({ owner: undefined }),
    );
    expect(r.ok).to.equal(false);
    if (!r.ok)
      expect(r.errors).to.deep.equal({
        place: 'Choose a place.',
        title: 'Title is required.',
        event: 'Event is required.',
        category: 'Choose a category.',
        owner: 'Choose who owns the risk.',
        initial: 'Choose the initial likelihood and consequence.',
        target: 'Consequence must be from 1 to 5.',
        response: 'Choose treat, tolerate, transfer or terminate.',
        strategicObjective: 'Choose one of SO1 to SO6.',
      });
  });

  it('refuses a target above the current score, naming both scores', () => {
    const r = parseRiskForm(
      form({ currentLikelihood: '2', currentConsequence: '3', targetLikelihood: '3', targetConsequence: '3' }),
      ctx(),
    );
    expect(!r.ok && r.errors).to.deep.equal({ target: 'The target score (9) cannot be higher than the current score (6).' });
  });

  it('refuses a target above the initial score when no current score is given', () => {
    const r = parseRiskForm(
      form({ initialLikelihood: '2', initialConsequence: '2', targetLikelihood: '3', targetConsequence: '2' }),
      ctx(),
    );
    expect(!r.ok && r.errors.target).to.equal('The target score (6) cannot be higher than the initial score (4).');
  });

  it('refuses half a current score', () => {
    const r = parseRiskForm(form({ currentLikelihood: '3' }), ctx());
    expect(!r.ok && r.errors.current).to.equal('Choose both a likelihood and a consequence, or leave both blank.');
  });

  it('refuses a review date in the past and a locality outside Lancashire', () => {
    const r = parseRiskForm(form({ nextReviewDate: '2026-11-01', locality: 'East' }), ctx());
    expect(!r.ok && r.errors).to.deep.equal({
      nextReviewDate: 'The next review date must be today or later.',
      locality: 'Localities apply to Lancashire only.',
    });
  });

  it('accepts a locality in Lancashire and a review date today', () => {
    const r = parseRiskForm(form({ place: 'LAN', locality: 'East', nextReviewDate: '2026-11-23' }), ctx());
    expect(r.ok && [r.draft.locality, r.draft.nextReviewDate]).to.deep.equal(['East', '2026-11-23']);
  });

  it('says how long an over-long text is and keeps only what a card can carry back', () => {
    const long = 'x'.repeat(100_000);
    const r = parseRiskForm(form({ title: long, cause: long, controls: long }), ctx());
    expect(!r.ok && r.errors.title).to.match(/^The title is 100,000 characters; the limit is 300\./);
    expect(!r.ok && r.errors.cause).to.match(/^The cause is 100,000 characters; the limit is 2,000\./);
    expect(!r.ok && r.errors.controls).to.match(/^The list of controls is 100,000 characters; the limit is 4,000\./);
    const echoed = riskFormValues(form({ title: long, cause: long, controls: long }));
    expect([echoed.title, echoed.cause, echoed.controls].map((s) => s!.length)).to.deep.equal([300, 2000, 4000]);
  });

  it('refuses more than 20 controls, and a control over 1,000 characters', () => {
    const many = Array.from({ length: 21 }, (_, i) => `Control ${i + 1}`).join('\n');
    expect((parseRiskForm(form({ controls: many }), ctx()) as { errors: object }).errors).to.deep.equal({
      controls: 'Controls can hold at most 20 entries.',
    });
    const r = parseRiskForm(form({ gaps: 'y'.repeat(1001) }), ctx());
    expect(!r.ok && r.errors.gaps).to.equal('Gaps in control must be 1,000 characters or fewer.');
  });

  it('keeps a https source link and drops anything else without troubling the person', () => {
    const ok = parseRiskForm(form({ sourceUrl: 'https://teams.microsoft.com/l/message/19:abc/1' }), ctx());
    expect(ok.ok && ok.draft.sourceUrl).to.equal('https://teams.microsoft.com/l/message/19:abc/1');
    const bad = parseRiskForm(form({ sourceUrl: 'javascript:alert(1)' }), ctx());
    expect(bad.ok && bad.draft.sourceUrl).to.equal(undefined);
  });

  it('ignores values that are not text, as a forged submission might send', () => {
    expect(riskFormValues({ title: { $gt: '' }, place: ['BPL'] })).to.include({ title: '', place: '' });
    expect(parseRiskForm({ ...form(), title: 42 }, ctx()).ok).to.equal(false);
    expect(lines(['a'])).to.deep.equal([]);
  });
});

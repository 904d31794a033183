// End to end through the Microsoft 365 Agents Playground's HTTP API: a risk owner raises a risk in
// Teams, gets it wrong once, then right; it is Extreme and flagged; a review brings it down to High
// with the trend shown; and the Blackpool register lists it with its heat map. Real Playground
// process, real bot host, real Azurite; nothing mocked.
import { expect } from 'chai';
import { SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { elements, inputs, inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

const TITLE = 'Too many asks on the same neighbourhood capacity';

describe('Raising and reviewing a risk in Teams (Agents Playground HTTP API)', function () {
  this.timeout(30_000);
  let stack: Stack;
  let form: Reply | undefined;
  let riskCard: Reply | undefined;

  const entered = (o: Record<string, unknown> = {}) => ({
    place: 'BPL',
    title: TITLE,
    event: 'neighbourhood teams cannot take on every new programme at once',
    cause: 'several partners asking the same small teams for the same things',
    effect: 'delays to care closer to home and staff burnout',
    category: 'workforce',
    owner: SECRETARY.aadObjectId,
    initialLikelihood: '4',
    initialConsequence: '5',
    targetLikelihood: '2',
    targetConsequence: '3',
    controls: 'Monthly capacity review',
    gaps: 'No single log of asks',
    appetite: 'cautious',
    response: 'treat',
    ...o,
  });

  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('"raise risk" shows the risk form with the NPSA scales and a "Raise risk" button', async () => {
    await stack.playground.send('raise risk');
    form = await stack.playground.nextReply();
    expect(form.card, 'an Adaptive Card').to.exist;
    expect(Object.keys(inputs(form.card!))).to.include.members([
      'place',
      'title',
      'event',
      'cause',
      'effect',
      'owner',
      'initialLikelihood',
      'initialConsequence',
      'targetLikelihood',
      'targetConsequence',
      'appetite',
      'response',
    ]);
    expect((inputs(form.card!).initialLikelihood!.choices as { title: string }[]).map((c) => c.title)).to.include('5 – Almost certain');
    expect(verbs(form.card!)).to.include('risk.create');
  });

  it('a target above the initial score and a review date in the past come back on the same form, entries kept', async () => {
    const res = await stack.playground.execute(
      form!,
      entered({ targetLikelihood: '5', targetConsequence: '5', nextReviewDate: londonDate(-1) }),
      { verb: 'risk.create' },
    );
    const shown = texts(res.card!);
    expect(shown).to.include('The target score (25) cannot be higher than the initial score (20).');
    expect(shown).to.include('The next review date must be today or later.');
    const kept = inputValues(res.card!);
    expect([kept.title, kept.place, kept.targetLikelihood]).to.deep.equal([TITLE, 'BPL', '5']);
    form = { ...form!, card: res.card! };
  });

  it('a valid submit gives the risk card: BPL-R-0001, L4 × C5 = 20 Extreme, and why it is flagged for escalation', async () => {
    const res = await stack.playground.execute(form!, entered(), { verb: 'risk.create' });
    const shown = texts(res.card!);
    expect(shown, shown.join(' | ')).to.include('Risk BPL-R-0001 raised');
    expect(shown).to.include.members(['L4 × C5 = 20 Extreme', '20 Extreme', TITLE]);
    expect(shown).to.include('The current score (20) is at or above the place’s escalation threshold (15).');
    expect(verbs(res.card!)).to.include('risk.review');
    riskCard = { ...form!, card: res.card! };
  });

  it('a review down to L3 × C4 shows High and the trend ↓ since the last review', async () => {
    const res = await stack.playground.execute(
      riskCard!,
      { reviewLikelihood: '3', reviewConsequence: '4', reviewNote: 'Single ask log agreed with the council.' },
      { verb: 'risk.review' },
    );
    const shown = texts(res.card!);
    expect(shown, shown.join(' | ')).to.include('Review saved. The score is added to its history and the next review date is set.');
    expect(shown).to.include.members(['L3 × C4 = 12 High', '12 High']);
    expect(shown.join('\n')).to.include('↓ Improving since the last review (20 → 12)');
  });

  it('"risk register Blackpool" lists it with its band and trend, a 5×5 heat map with one risk in L3 × C4, and totals by band', async () => {
    await stack.playground.send('risk register Blackpool');
    const register = await stack.playground.nextReply();
    const shown = texts(register.card!);
    expect(shown).to.include.members([
      'Blackpool risk register',
      'Heat map of current scores',
      TITLE,
      '↓ Improving',
      'High 1',
      'Extreme 0',
    ]);
    expect(shown.join('\n')).to.include('1 open risk');
    expect(verbs(register.card!)).to.include('risk.view');
    type Col = { items: { text: string }[] };
    const rows = elements(register.card!).filter(
      (e) => e.type === 'ColumnSet' && Array.isArray(e.columns) && (e.columns as Col[]).length === 6,
    ) as { columns: Col[] }[];
    const heat = Object.fromEntries(
      rows
        .filter((r) => /^\d [A-Z]/.test(r.columns[0]!.items[0]!.text))
        .map((r) => [r.columns[0]!.items[0]!.text, r.columns.slice(1).map((c) => c.items[0]!.text.trim())]),
    );
    expect(heat['3 Possible']).to.deep.equal(['', '', '', '1', '']);
    expect(
      Object.values(heat)
        .flat()
        .filter((t) => t !== ''),
    ).to.deep.equal(['1']);
    const json = JSON.stringify(register.card);
    expect(json).to.include('data:image/png;base64,'); // NPSA colours drawn inline
  });
});

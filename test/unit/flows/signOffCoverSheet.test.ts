// The cover sheet on a sign-off request (seed 004), through the real bot on Table Storage in
// memory: kept with the record, shown on its card in seed 004's order, found by search; the form
// first shown and submitted unchanged asks for a sign-off as before; bad input back on the form
// with every input kept and nothing stored.
import { expect } from 'chai';
import { signOffFormCard } from '../../../cards/signOffCards.js';
import { londonToday } from '../../../records/dates.js';
import { createRisk } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { parseQuery } from '../../../records/search.js';
import { cardsOf, type ConversationOptions } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { riskDraftFor } from '../../support/riskFixtures.js';
import { CHAIR, requestForm, SECRETARY } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:cover@thread.v2', from: SAM };
const person = ({ id, name }: Sender) => ({ id, name });

/** Input values of a form card, by id. */
function inputsOf(card: unknown): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  JSON.stringify(card, (_k, v: unknown) => {
    const o = v as { id?: string; type?: string; value?: unknown };
    if (o && typeof o === 'object' && typeof o.type === 'string' && o.type.startsWith('Input.') && o.id) found[o.id] = o.value;
    return v;
  });
  return found;
}

/** The form's sections shown open, by the id of their container. */
function openSections(card: unknown): string[] {
  const open: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    const o = v as { id?: string; type?: string; isVisible?: unknown };
    if (o && typeof o === 'object' && o.type === 'Container' && o.id?.startsWith('coverSection_') && o.isVisible === true) open.push(o.id);
    return v;
  });
  return open;
}

describe('Flows in-process: a sign-off cover sheet as the board receives it (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  // Seed 004's cover sheet, as the requester fills in the form's sections.
  const cover = {
    coverPurpose: 'information',
    coverAsk1Action: 'note',
    coverAsk1Text: 'the contents of the report including progress of the four LSC places.',
    coverAsk2Action: 'support',
    coverAsk2Text: 'the proposed phases of development and associated actions.',
    coverAsk3Action: 'receive',
    coverAsk3Text: 'a further report at its meeting in March.',
    coverObjectives: 'SO2,SO6',
    coverPriority: 'POP_HEALTH',
    coverRiskRefs: 'bpl-r-0001, BPL-R-0002',
    coverRisksNa: '',
    coverFinancial: 'yes',
    coverFinancialComment: 'Within the Better Care Fund allocation for 2026/27.',
    coverDiscussed1Forum: 'Executive Management Team',
    coverDiscussed1Date: '2026-10-31',
    coverDiscussed1Outcome: 'Approved',
    coverConflicts: 'Not applicable',
    coverQia: 'yes',
    coverEia: 'no',
    coverEiaComment: 'To follow with the delivery plan in January.',
    coverDpia: 'na',
    coverPublic: 'Door-knocking across five priority wards: fourteen themes heard from residents.',
    coverAuthor: 'Jo Marsden, Place Development Lead',
    coverAuthorisedName: 'Professor Craig Harris',
    coverAuthorisedRole: 'Chief Operating Officer',
  };

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, IMRAN] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
    // BPL-R-0001 on a place register; BPL-R-0002 moved up to the ICB corporate register; LAN-R-0001 another place's.
    for (const [place, formId] of [
      ['BPL', 'seed-bpl-1'],
      ['BPL', 'seed-bpl-2'],
      ['LAN', 'seed-lan-1'],
    ] as const) {
      const made = await bot.runtime.records.create('risk', place, (ref) => createRisk(riskDraftFor(place), ref, SECRETARY, now), {
        formId,
      });
      if (!made.ok) throw new Error(made.refusal.message);
    }
    const second = (await bot.runtime.records.get('risk', 'BPL-R-0002'))!;
    const moved = await bot.runtime.records.update(
      'risk',
      second,
      applyRiskCommand(second.record, CHAIR, { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'System-wide exposure' }, now),
    );
    if (!moved.ok) throw new Error(moved.refusal.message);
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  /** Submits the form with `overrides`; expects it back with nothing stored, and returns it. */
  async function refused(overrides: Record<string, unknown>) {
    const form = await bot.click('signoff.create', requestForm(today(), { ...cover, ...overrides }), GROUP);
    expect(cardText(form)).to.contain('Some details need attention');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004'), 'nothing stored').to.equal(undefined);
    return form;
  }

  it('a request with a cover sheet keeps it with the record, with each risk’s ICB register answer filled from its register level', async () => {
    const answer = await bot.click('signoff.create', requestForm(today(), cover), GROUP);
    expect(cardText(answer)).to.contain('requested');
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.cover?.asks).to.deep.equal([
      { action: 'note', text: cover.coverAsk1Text },
      { action: 'support', text: cover.coverAsk2Text },
      { action: 'receive', text: cover.coverAsk3Text },
    ]);
    expect(stored.cover?.objectives).to.deep.equal(['SO2', 'SO6']);
    expect(stored.cover?.associatedRisks).to.deep.equal([
      { ref: 'BPL-R-0001', onIcbRegister: false },
      { ref: 'BPL-R-0002', onIcbRegister: true },
    ]);
    expect(stored.cover?.financial).to.deep.equal({ answer: 'yes', comment: cover.coverFinancialComment });
    expect(stored.cover?.discussed).to.deep.equal([{ forum: 'Executive Management Team', date: '2026-10-31', outcome: 'Approved' }]);
    expect(stored.cover?.eia).to.deep.equal({ answer: 'no', comment: cover.coverEiaComment });
    expect(stored.cover?.authorisedBy).to.deep.equal({ name: 'Professor Craig Harris', role: 'Chief Operating Officer' });
  });

  it('shows the cover sheet on the sign-off card in seed 004’s order', async () => {
    const before = bot.replies.length;
    await bot.click('signoff.create', requestForm(today(), cover), GROUP);
    const [shared] = bot.replies.slice(before).flatMap((r) => cardsOf(r.activity));
    const text = cardText(shared);
    const order = [
      'Cover sheet',
      'For information',
      'The Board is requested to:',
      '1. Note the contents of the report',
      '2. Support the proposed phases',
      '3. Receive a further report',
      'SO2 To equalise opportunities',
      'SO6 To develop and implement',
      'BPL-R-0001, BPL-R-0002',
      'BPL-R-0001: No; BPL-R-0002: Yes',
      'Yes: Within the Better Care Fund',
      'Executive Management Team, 31 October 2026: Approved',
      'Not applicable',
      'Quality impact assessment completed',
      'No: To follow with the delivery plan',
      'Data privacy impact assessment completed',
      'Door-knocking across five priority wards',
      'Jo Marsden',
      'Professor Craig Harris, Chief Operating Officer',
    ];
    const at = order.map((t) => text.indexOf(t));
    expect(
      at.every((i) => i >= 0),
      `${order.filter((_, i) => at[i]! < 0).join(', ')} missing`,
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
  });

  it('finds the sign-off by who wrote and who authorised it', async () => {
    for (const words of ['Marsden', 'Harris']) {
      const parsed = parseQuery(words);
      if (!parsed.ok) throw new Error(parsed.problem);
      const found = await bot.runtime.records.search(parsed.query, ['BPL'], { limit: 10 });
      expect(JSON.stringify(found), words).to.contain('BPL-S-0001');
    }
  });

  it('the form as first shown, submitted unchanged, asks for the sign-off with no cover sheet, as before', async () => {
    const blank = signOffFormCard({
      formId: 'unused',
      place: 'BPL',
      approvers: [
        { ...person(HELEN), chair: true },
        { ...person(IMRAN), chair: false },
      ],
      now,
      preselect: true,
    });
    expect(openSections(blank)).to.deep.equal([]);
    const asShown = Object.fromEntries(Object.entries(inputsOf(blank)).filter(([id]) => id.startsWith('cover')));
    const answer = await bot.click('signoff.create', requestForm(today(), asShown), GROUP);
    expect(cardText(answer)).to.contain('Sign-off BPL-S-0003 requested');
    expect((await bot.runtime.records.get('signoff', 'BPL-S-0003'))!.record.cover).to.equal(undefined);
  });

  it('a Yes on financial implications with no comment comes back on the form, that section open and every input kept', async () => {
    const form = await refused({ coverFinancialComment: '' });
    expect(cardText(form)).to.contain('Say what the financial implications are.');
    const inputs = inputsOf(form);
    expect(inputs.coverFinancial).to.equal('yes');
    expect(inputs.coverAsk2Text).to.equal(cover.coverAsk2Text);
    expect(inputs.coverDiscussed1Date).to.equal('2026-10-31');
    expect(inputs.coverRiskRefs).to.equal(cover.coverRiskRefs);
    expect(openSections(form)).to.include('coverSection_implications');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004')).to.equal(undefined);
  });

  it('a meeting where the paper was discussed dated after today is refused, the row kept', async () => {
    const form = await refused({ coverDiscussed1Date: '2026-12-25' });
    expect(cardText(form)).to.contain('Meeting 1 is dated after today');
    expect(inputsOf(form).coverDiscussed1Forum).to.equal('Executive Management Team');
    expect(openSections(form)).to.include('coverSection_discussed');
  });

  it('a No on an impact assessment with no comment is asked why', async () => {
    const form = await refused({ coverDpia: 'no' });
    expect(cardText(form)).to.contain('Say why the data privacy impact assessment was not completed.');
    expect(inputsOf(form).coverDpia).to.equal('no');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004')).to.equal(undefined);
  });

  it('an associated risk not on the register, or of another place, is refused with the input kept', async () => {
    const missing = await refused({ coverRiskRefs: 'BPL-R-0001, BPL-R-0099' });
    expect(cardText(missing)).to.contain('There is no risk BPL-R-0099 on the Blackpool register.');
    expect(inputsOf(missing).coverRiskRefs).to.equal('BPL-R-0001, BPL-R-0099');
    expect(inputsOf(missing).coverPublic).to.equal(cover.coverPublic);
    const other = await refused({ coverRiskRefs: 'LAN-R-0001' });
    expect(cardText(other)).to.contain('LAN-R-0001 is not a risk of this place');
    expect(inputsOf(other).coverRiskRefs).to.equal('LAN-R-0001');
    const both = await refused({ coverRiskRefs: 'BPL-R-0001', coverRisksNa: 'na' });
    expect(cardText(both)).to.contain('Name the associated risks or mark them N/A, not both.');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004')).to.equal(undefined);
  });

  it('an authoriser with no role is asked for it, the name kept', async () => {
    const form = await refused({ coverAuthorisedRole: '' });
    expect(cardText(form)).to.contain('The role of who authorised the report is required.');
    expect(inputsOf(form).coverAuthorisedName).to.equal('Professor Craig Harris');
    expect(openSections(form)).to.include('coverSection_authorised');
  });

  it('a recommendation with no verb, or a cover sheet with no recommendation, is told what to give', async () => {
    const noVerb = await refused({ coverAsk2Action: '' });
    expect(cardText(noVerb)).to.contain('Choose what the board is asked to do: approve, support, note or receive.');
    const none = await refused({
      coverAsk1Action: '',
      coverAsk1Text: '',
      coverAsk2Action: '',
      coverAsk2Text: '',
      coverAsk3Action: '',
      coverAsk3Text: '',
    });
    expect(cardText(none)).to.contain('Give at least one recommendation: what the board is asked to do.');
    expect(inputsOf(none).coverAuthor).to.equal(cover.coverAuthor);
  });

  it('100 KB in a cover-sheet section is refused with its length named, the form kept under 40 KB, nothing stored', async () => {
    const huge = 'x'.repeat(100_000);
    const form = await refused({ coverPublic: huge });
    expect(cardText(form)).to.contain('The public involvement is 100,000 characters; the limit is 2,000.');
    expect(String(inputsOf(form).coverPublic).length).to.equal(2000);
    expect(JSON.stringify(form).length).to.be.below(40_000);
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004')).to.equal(undefined);
  });

  it('more rows than the form offers (a forged card) are refused, the offered rows kept', async () => {
    const extra = Object.fromEntries(
      [4, 5, 6].flatMap((i) => [
        [`coverAsk${i}Action`, 'note'],
        [`coverAsk${i}Text`, `item ${i}`],
      ]),
    );
    const rows = await refused(extra);
    expect(cardText(rows)).to.contain('A cover sheet holds at most 5 recommendations.');
    expect(inputsOf(rows).coverAsk5Text).to.equal('item 5');
    const risks = Array.from({ length: 11 }, (_, i) => `BPL-R-${String(i + 1).padStart(4, '0')}`).join(', ');
    const many = await refused({ coverRiskRefs: risks });
    expect(cardText(many)).to.contain('Name at most 10 associated risks.');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0004')).to.equal(undefined);
  });
});

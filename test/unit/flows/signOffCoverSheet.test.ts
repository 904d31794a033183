// The cover sheet on a sign-off request, through the real bot on Table Storage in memory: kept with
// the record, shown on its card, found by search; bad input back on the form with the input kept.
import { expect } from 'chai';
import { londonToday } from '../../../records/dates.js';
import { createRisk } from '../../../records/risk.js';
import { parseQuery } from '../../../records/search.js';
import { cardsOf, type ConversationOptions } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { riskDraftFor } from '../../support/riskFixtures.js';
import { requestForm, SECRETARY } from '../../support/signOffFixtures.js';

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

describe('Flows in-process: a sign-off cover sheet (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const cover = {
    coverPurpose: 'decision',
    coverRecommendations: 'Note the progress of the four places.\nSupport the proposed phases of development.',
    coverAuthor: 'Jo Marsden, Place Development Lead',
    coverSponsor: 'Professor Craig Harris, Chief Operating Officer',
    coverPreviously: 'Executive Management Team, 31 October 2023: approved',
    coverFinance: 'Within the Better Care Fund allocation for 2026/27.',
    coverQuality: 'No adverse impact; quality impact assessment done.',
    coverEquality: 'Targets the 11 wards with the highest admissions.',
    coverRisk: 'Mitigates the discharge delay risk.',
    coverRiskRef: 'bpl-r-0001',
    coverPriority: 'POP_HEALTH',
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
    for (const place of ['BPL', 'LAN'] as const) {
      const made = await bot.runtime.records.create('risk', place, (ref) => createRisk(riskDraftFor(place), ref, SECRETARY, now), {
        formId: `seed-${place}`,
      });
      if (!made.ok) throw new Error(made.refusal.message);
    }
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('a request with a cover sheet keeps it with the record, shows it on the card in the board’s order, and is found by its recommendation', async () => {
    const before = bot.replies.length;
    const answer = await bot.click('signoff.create', requestForm(today(), cover), GROUP);
    expect(cardText(answer)).to.contain('requested');
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.cover).to.include({ purpose: 'decision', riskRef: 'BPL-R-0001', priority: 'POP_HEALTH' });
    expect(stored.cover?.recommendations).to.contain('Support the proposed phases');
    const [shared] = bot.replies.slice(before).flatMap((r) => cardsOf(r.activity));
    const text = cardText(shared);
    const order = [
      'Cover sheet',
      'For decision',
      'Note the progress',
      'Jo Marsden',
      'Craig Harris',
      'Executive Management Team',
      'Better Care Fund',
      'BPL-R-0001',
      'Population health',
    ];
    const at = order.map((t) => text.indexOf(t));
    expect(
      at.every((i) => i >= 0),
      `${order.filter((_, i) => at[i]! < 0).join(', ')} missing`,
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    // "progress" is only in the cover sheet's recommendations; "Marsden" only its author.
    for (const words of ['progress', 'Marsden']) {
      const parsed = parseQuery(words);
      if (!parsed.ok) throw new Error(parsed.problem);
      const found = await bot.runtime.records.search(parsed.query, ['BPL'], { limit: 10 });
      expect(JSON.stringify(found), words).to.contain('BPL-S-0001');
    }
  });

  it('a cover sheet with no recommendation comes back on the form with a message and every input kept', async () => {
    const form = await bot.click('signoff.create', requestForm(today(), { ...cover, coverRecommendations: '  ' }), GROUP);
    expect(cardText(form)).to.contain('recommendation');
    const inputs = inputsOf(form);
    expect(inputs.coverAuthor).to.equal(cover.coverAuthor);
    expect(inputs.coverPurpose).to.equal('decision');
    expect(inputs.coverRiskRef).to.equal(cover.coverRiskRef);
  });

  it('100 KB in a cover-sheet field is refused with its length named, the form kept, nothing stored', async () => {
    const huge = 'x'.repeat(100_000);
    const before = await bot.runtime.records.get('signoff', 'BPL-S-0002');
    const form = await bot.click('signoff.create', requestForm(today(), { ...cover, coverFinance: huge }), GROUP);
    expect(cardText(form)).to.contain('The financial impact is 100,000 characters; the limit is 2,000.');
    expect(String(inputsOf(form).coverFinance).length).to.equal(2000);
    expect(JSON.stringify(form).length).to.be.below(40_000);
    expect(before).to.equal(undefined);
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0002')).to.equal(undefined);
  });

  it('a risk ref of another place, or one not on the register, is refused on the form with the input kept', async () => {
    const other = await bot.click('signoff.create', requestForm(today(), { ...cover, coverRiskRef: 'LAN-R-0001' }), GROUP);
    expect(cardText(other)).to.contain('LAN-R-0001 is not a risk of this place');
    expect(inputsOf(other).coverRiskRef).to.equal('LAN-R-0001');
    const missing = await bot.click('signoff.create', requestForm(today(), { ...cover, coverRiskRef: 'BPL-R-0099' }), GROUP);
    expect(cardText(missing)).to.contain('There is no risk BPL-R-0099 on the Blackpool register.');
    expect(inputsOf(missing).coverSponsor).to.equal(cover.coverSponsor);
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0002')).to.equal(undefined);
  });
});

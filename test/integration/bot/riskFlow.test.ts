// The risk flow as a risk owner, a board secretary and a chair meet it in Teams, driven over HTTP
// through the local host, with the real store on Azurite: a risk raised, opened, reviewed,
// escalated, closed and reopened, its controls and mitigating actions, who may do what, stale
// cards and races, the registers and "my risks", a place's own threshold, and storage down. The
// form itself (what "raise risk" shows, a form with errors or 40 KB fields, the same form sent
// twice) is in riskForm.test.ts; the place, the form and the helpers both use are in
// test/support/riskChat.ts.
import { expect } from 'chai';
import { UNAVAILABLE_READ } from '../../../bot/change/messages.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { createRisk } from '../../../records/risk.js';
import { riskDraftFor } from '../../support/riskFixtures.js';
import { CHAIR, setUpBlackpool, validForm, verbs } from '../../support/riskChat.js';

const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };

describe('Raising and managing a risk, in chat (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);

  async function raise(overrides: Record<string, unknown> = {}, from: Sender = ALEX) {
    const card = await bot.click('risk.create', validForm(overrides), { from });
    const ref = /Risk ([A-Z]+-R-\d{4}) raised/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not raised: ${cardText(card)}`);
    return { card, ref };
  }
  const stored = async (ref: string) => (await bot.runtime.records.get('risk', ref))!.record;

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
    await setUpBlackpool(bot);
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('a valid form raises the risk: Extreme, flagged with its reasons, the place default appetite; record and audit event stored', async () => {
    const { card, ref } = await raise();
    expect(ref).to.equal('BPL-R-0001');
    const text = cardText(card);
    expect(text)
      .to.contain('L4 × C5 = 20 Extreme')
      .and.contain('at or above the place’s escalation threshold (15)')
      .and.contain('above the cautious appetite');
    const r = await stored(ref);
    expect(r.appetite).to.deep.equal({ level: 'cautious', toleratedScore: 12 });
    expect(r.nextReviewDate).to.equal('2026-12-23'); // Extreme: monthly
    expect((await bot.runtime.records.history('risk', ref)).map((e) => e.command)).to.deep.equal(['create']);
  });

  it('"BPL-R-0001" typed opens the card; the owner may review but not escalate or close', async () => {
    const [card] = await bot.say('bpl-r-0001');
    expect(cardText(card)).to.contain('Risk BPL-R-0001');
    expect(verbs(card))
      .to.include.members(['risk.review', 'risk.setControls', 'risk.addAction'])
      .and.not.include.members(['risk.escalate', 'risk.close']);
  });

  it('raise → review → escalate → close: each step saved with its audit event, before and after', async () => {
    const { ref } = await raise({ title: 'SEND inspection finds gaps in joint commissioning' }, ALEX);
    const later = () => (now = new Date(now.getTime() + 1000));
    let card = await bot.click('risk.view', { ref });
    later();
    card = await bot.click('risk.review', {
      ...actionData(card, 'risk.review'),
      reviewLikelihood: '3',
      reviewConsequence: '4',
      reviewNote: 'Joint plan agreed with the council.',
      reviewDate: '',
    });
    expect(cardText(card))
      .to.contain('Review saved.')
      .and.contain('L3 × C4 = 12 High')
      .and.contain('↓ Improving since the last review (20 → 12)');
    expect((await stored(ref)).nextReviewDate).to.equal('2027-01-23'); // High: every two months
    card = await bot.click('risk.view', { ref }, { from: CHAIR });
    later();
    card = await bot.click(
      'risk.escalate',
      { ...actionData(card, 'risk.escalate'), escalateTo: 'ICB_CORPORATE', escalateReason: 'Affects every place.' },
      { from: CHAIR },
    );
    later();
    expect(cardText(card)).to.contain('Escalated.').and.contain('ICB corporate register');
    card = await bot.click(
      'risk.close',
      { ...actionData(card, 'risk.close'), closeReason: 'Inspection passed; agreed at the December board.' },
      { from: CHAIR },
    );
    expect(cardText(card)).to.contain('Risk closed.');
    expect(verbs(card)).to.include('risk.reopen').and.not.include('risk.review');
    const history = await bot.runtime.records.history('risk', ref);
    expect(history.map((e) => e.command)).to.deep.equal(['create', 'rescore', 'changeLevel', 'close']);
    const [, review, escalation, closure] = history;
    expect(review!.actor.id).to.equal(ALEX.id);
    expect([review!.before!.current, review!.after.current]).to.deep.equal([
      { likelihood: 4, consequence: 5 },
      { likelihood: 3, consequence: 4 },
    ]);
    expect([escalation!.actor.id, escalation!.before!.registerLevel, escalation!.after.registerLevel]).to.deep.equal([
      CHAIR.id,
      'PLACE',
      'ICB_CORPORATE',
    ]);
    expect([closure!.before!.status, closure!.after.status, (closure!.after.closure as { reason: string }).reason]).to.deep.equal([
      'OPEN',
      'CLOSED',
      'Inspection passed; agreed at the December board.',
    ]);
  });

  it('a review with a chosen next date keeps it; one in the past is refused on the card with the entry kept', async () => {
    let card = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const bad = await bot.click('risk.review', {
      ...actionData(card, 'risk.review'),
      reviewLikelihood: '4',
      reviewConsequence: '4',
      reviewNote: 'Checked.',
      reviewDate: addDays(today(), -2),
    });
    expect(cardText(bad)).to.contain('The next review date must be today or later.');
    expect(findInput(bad, 'reviewNote')?.value).to.equal('Checked.');
    card = await bot.click('risk.review', {
      ...actionData(bad, 'risk.review'),
      reviewLikelihood: '4',
      reviewConsequence: '4',
      reviewNote: 'Checked.',
      reviewDate: addDays(today(), 7),
    });
    expect(cardText(card)).to.contain('Review saved.');
    expect((await stored('BPL-R-0001')).nextReviewDate).to.equal(addDays(today(), 7));
  });

  it('100 KB in a review note or a reason is refused naming the limit; the card keeps what its box holds and stays small', async () => {
    const big = 'y'.repeat(100 * 1024);
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' }, { from: CHAIR });
    const review = await bot.click(
      'risk.review',
      { ...actionData(view, 'risk.review'), reviewLikelihood: '3', reviewConsequence: '3', reviewNote: big },
      { from: CHAIR },
    );
    expect(cardText(review)).to.contain('Note must be 2,000 characters or fewer.');
    expect(String(findInput(review, 'reviewNote')?.value)).to.have.length(2000);
    const close = await bot.click('risk.close', { ...actionData(view, 'risk.close'), closeReason: big }, { from: CHAIR });
    expect(checkCard(close).bytes).to.be.below(40 * 1024);
    expect(String(findInput(close, 'closeReason')?.value)).to.have.length(2000);
    const controls = await bot.click(
      'risk.setControls',
      { ...actionData(view, 'risk.setControls'), controls: big, gaps: big },
      { from: CHAIR },
    );
    expect(checkCard(controls).bytes).to.be.below(40 * 1024);
    expect((await stored('BPL-R-0001')).status).to.equal('OPEN');
  });

  it('controls and gaps are updated from the card, one per line', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const card = await bot.click('risk.setControls', {
      ...actionData(view, 'risk.setControls'),
      controls: 'Single ask log\nMonthly capacity review',
      gaps: '',
    });
    expect(cardText(card)).to.contain('Controls and gaps saved.').and.contain('Single ask log');
    const r = await stored('BPL-R-0001');
    expect([r.controls, r.gapsInControl]).to.deep.equal([['Single ask log', 'Monthly capacity review'], []]);
  });

  it('"Add mitigating action" opens the action form prefilled; once logged, the action and the risk link to each other', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const form = await bot.click('risk.addAction', actionData(view, 'risk.addAction'));
    expect(findInput(form, 'place')?.value).to.equal('BPL');
    expect(cardText(form)).to.contain('Mitigating action for risk ').and.contain('BPL-R-0001');
    const submit = actionData(form, 'action.create');
    const card = await bot.click('action.create', {
      ...submit,
      place: 'BPL',
      description: 'Set up a single log of asks across partners.',
      owner: ALEX.id,
      dueDate: addDays(today(), 30),
    });
    const text = cardText(card);
    expect(text).to.contain('It is linked from risk BPL-R-0001 as a mitigating action.').and.contain('Mitigates risk');
    expect(verbs(card)).to.include('risk.view');
    const actionRef = /Action (BPL-A-\d{4}) logged/.exec(text)![1]!;
    expect((await bot.runtime.records.get('action', actionRef))!.record.links.riskRef).to.equal('BPL-R-0001');
    expect((await stored('BPL-R-0001')).linkedActions).to.deep.equal([actionRef]);
    const riskCard = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    expect(
      checkCard(riskCard)
        .executeActions.filter((a) => a.verb === 'action.view')
        .map((a) => (a.data as { ref: string }).ref),
    ).to.deep.equal([actionRef]);
  });

  it('a person with no role cannot escalate or close, even with a forged click; nothing changes', async () => {
    const chairView = await bot.click('risk.view', { ref: 'BPL-R-0001' }, { from: CHAIR });
    const mine = await bot.click('risk.view', { ref: 'BPL-R-0001' }, { from: RUTH });
    expect(verbs(mine)).not.to.include.members(['risk.escalate', 'risk.close', 'risk.review']);
    const esc = await bot.click(
      'risk.escalate',
      { ...actionData(chairView, 'risk.escalate'), escalateTo: 'BAF', escalateReason: 'Mine to say.' },
      { from: RUTH },
    );
    expect(cardText(esc)).to.contain('Only a chair or place admin can do that to BPL-R-0001.');
    const close = await bot.click('risk.close', { ...actionData(chairView, 'risk.close'), closeReason: 'Mine to say.' }, { from: ALEX });
    expect(cardText(close)).to.contain('Only a chair or place admin can do that to BPL-R-0001.');
    expect(findInput(close, 'closeReason')).to.equal(undefined); // the owner's view has no close panel
    const r = await stored('BPL-R-0001');
    expect([r.registerLevel, r.status]).to.deep.equal(['PLACE', 'OPEN']);
  });

  it('escalating "down" is refused with a clear line; de-escalating returns it to the place register', async () => {
    let card = await bot.click('risk.view', { ref: 'BPL-R-0001' }, { from: CHAIR });
    const wrong = await bot.click(
      'risk.escalate',
      { ...actionData(card, 'risk.escalate'), escalateTo: 'PLACE', escalateReason: 'Oops' },
      { from: CHAIR },
    );
    expect(cardText(wrong)).to.contain('Choose a register above the Place register');
    card = await bot.click(
      'risk.escalate',
      { ...actionData(wrong, 'risk.escalate'), escalateTo: 'BAF', escalateReason: 'Strategic.' },
      { from: CHAIR },
    );
    card = await bot.click(
      'risk.deescalate',
      { ...actionData(card, 'risk.deescalate'), deescalateTo: 'PLACE', deescalateReason: 'Managed locally now.' },
      { from: CHAIR },
    );
    expect(cardText(card)).to.contain('De-escalated.');
    expect((await stored('BPL-R-0001')).registerLevel).to.equal('PLACE');
  });

  it('a stale card says so, shows the latest, and keeps the typed note', async () => {
    const old = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const fresh = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    await bot.click('risk.setControls', {
      ...actionData(fresh, 'risk.setControls'),
      controls: 'Single ask log',
      gaps: 'Shared demand data',
    });
    const card = await bot.click('risk.review', {
      ...actionData(old, 'risk.review'),
      reviewLikelihood: '2',
      reviewConsequence: '4',
      reviewNote: 'My late review.',
    });
    expect(cardText(card)).to.contain('Someone else changed this risk').and.contain('Shared demand data');
    expect(findInput(card, 'reviewNote')?.value).to.equal('My late review.');
    expect((await stored('BPL-R-0001')).scoreHistory.map((p) => p.note)).not.to.include('My late review.');
  });

  it('two reviews at once: one is saved, the other is told', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    const data = actionData(view, 'risk.review');
    const before = (await stored('BPL-R-0001')).scoreHistory.length;
    const cards = await Promise.all([
      bot.click('risk.review', { ...data, reviewLikelihood: '3', reviewConsequence: '3', reviewNote: 'Review one.' }),
      bot.click('risk.review', { ...data, reviewLikelihood: '2', reviewConsequence: '2', reviewNote: 'Review two.' }),
    ]);
    const texts = cards.map(cardText);
    expect(texts.filter((t) => t.includes('Review saved.'))).to.have.length(1);
    expect(texts.filter((t) => t.includes('Someone else changed this risk'))).to.have.length(1);
    expect((await stored('BPL-R-0001')).scoreHistory).to.have.length(before + 1);
  });

  it('"risk register Blackpool" lists open risks highest first with the heat map; tapping one opens it', async () => {
    await raise({
      title: 'Homecare capacity at risk without winter funding',
      initialLikelihood: '2',
      initialConsequence: '2',
      targetLikelihood: '1',
      targetConsequence: '1',
    });
    const [card] = await bot.say('risk register Blackpool');
    const text = cardText(card);
    expect(text).to.contain('Blackpool risk register').and.contain('Heat map of current scores').and.contain('Homecare capacity');
    const refs = checkCard(card)
      .executeActions.filter((a) => a.verb === 'risk.view')
      .map((a) => (a.data as { ref: string }).ref);
    const scores = await Promise.all(
      refs.map(async (r) => {
        const s = await stored(r);
        return s.current.likelihood * s.current.consequence;
      }),
    );
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    expect(refs).not.to.include('BPL-R-0002'); // closed
    const opened = await bot.click('risk.view', { ref: refs[0]! });
    expect(cardText(opened)).to.contain(`Risk ${refs[0]}`);
    const [unknown] = await bot.say('risk register Narnia');
    expect(cardText(unknown)).to.contain("I don't know the place “Narnia”");
  });

  it('"risk register" with no place shows the registers of the places where the speaker has a role, else all four', async () => {
    const chairs = await bot.say('risk register', { from: CHAIR });
    expect(chairs.map((c) => cardText(c).split('\n')[0])).to.deep.equal(['Blackpool risk register']);
    const everyone = await bot.say('risk register', { from: RUTH });
    expect(everyone).to.have.length(4);
    const button = await bot.click('risk.register', {}, { from: RUTH });
    expect(cardText(button))
      .to.contain('Blackpool risk register')
      .and.contain('For Blackburn with Darwen, Lancashire, South Cumbria, type “risk register” and the place');
  });

  it('"my risks" lists the risks I own, reviews due first', async () => {
    const [card] = await bot.say('my risks');
    const refs = checkCard(card)
      .executeActions.filter((a) => a.verb === 'risk.view')
      .map((a) => (a.data as { ref: string }).ref);
    const dates = await Promise.all(refs.map(async (r) => (await stored(r)).nextReviewDate));
    expect(refs.length).to.be.greaterThan(1);
    expect(dates).to.deep.equal([...dates].sort());
    const [none] = await bot.say('my risks', { from: RUTH });
    expect(cardText(none)).to.contain('You own no open risks');
  });

  it('reopening a closed risk needs a chair and a reason; until then a review is refused', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0002' }, { from: CHAIR });
    const { ref, etag } = actionData(view, 'risk.reopen');
    const review = await bot.click('risk.review', { ref, etag, reviewLikelihood: '2', reviewConsequence: '2', reviewNote: 'Forged.' });
    expect(cardText(review)).to.contain('BPL-R-0002 is closed, so that cannot be done now.');
    const empty = await bot.click('risk.reopen', { ...actionData(view, 'risk.reopen'), reopenReason: '  ' }, { from: CHAIR });
    expect(cardText(empty)).to.contain('Reason for reopening is required.');
    const card = await bot.click(
      'risk.reopen',
      { ...actionData(empty, 'risk.reopen'), reopenReason: 'New inspection date announced.' },
      { from: CHAIR },
    );
    expect(cardText(card)).to.contain('Risk reopened');
    expect((await stored('BPL-R-0002')).status).to.equal('REOPENED');
  });

  it('in a channel, a review updates the shared card for everyone with a read-only view', async () => {
    const opts = { conversationType: 'channel' as const, conversationId: '19:bpl@thread.tacv2' };
    const before = bot.updates.length;
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' }, opts);
    await bot.click(
      'risk.review',
      { ...actionData(view, 'risk.review'), reviewLikelihood: '3', reviewConsequence: '4', reviewNote: '' },
      opts,
    );
    const update = bot.updates.slice(before).at(-1)!;
    const shared = (update.activity.attachments as { content: unknown }[])[0]!.content;
    expect(cardText(shared)).to.contain('Reviewed by Alex Wilber.');
    expect(verbs(shared)).to.include('risk.view').and.not.include('risk.review');
  });

  it('a place’s own escalation threshold is used on the card and on the shared card everyone else sees', async () => {
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', escalationThreshold: 10 });
    const { card, ref } = await raise({
      place: 'LAN',
      locality: 'East',
      initialLikelihood: '3',
      initialConsequence: '4',
      appetite: 'open',
    });
    expect(cardText(card))
      .to.contain('The current score (12) is at or above the place’s escalation threshold (10).')
      .and.contain('Lancashire (East)');
    const opts = { conversationType: 'channel' as const, conversationId: '19:lan@thread.tacv2' };
    const before = bot.updates.length;
    const view = await bot.click('risk.view', { ref }, opts);
    await bot.click('risk.review', { ...actionData(view, 'risk.review'), reviewLikelihood: '3', reviewConsequence: '4' }, opts);
    const shared = (bot.updates.slice(before).at(-1)!.activity.attachments as { content: unknown }[])[0]!.content;
    expect(cardText(shared)).to.contain('escalation threshold (10)');
  });

  it('a register longer than a page shows the 15 highest and a "Next" button; pressed, it shows the next page with the same totals', async () => {
    const raiser = { id: RUTH.id, name: RUTH.name, roles: [] as [] };
    for (let i = 0; i < 17; i++) {
      const r = await bot.runtime.records.create('risk', 'LAN', (ref) =>
        createRisk(
          riskDraftFor('LAN', {
            title: `Lancashire register risk ${i + 1}`,
            initial: { likelihood: (i % 5) + 1, consequence: 4 },
            target: { likelihood: 1, consequence: 1 },
          }),
          ref,
          raiser,
          now,
        ),
      );
      if (!r.ok) throw new Error(r.refusal.message);
    }
    const n = (await bot.runtime.records.listByPlace('risk', 'LAN', { openOnly: true })).length;
    expect(n).to.be.within(17, 30);
    const [first] = await bot.say('risk register Lancashire');
    const t1 = cardText(first);
    expect(t1).to.contain(`${n} open risks`).and.contain(`Risks 1–15 of ${n}, highest score first.`);
    const next = actionData(first, 'risk.register');
    expect(next).to.deep.include({ place: 'LAN', page: '1' });
    expect(checkCard(first).warnings).to.deep.equal([]);
    const second = await bot.click('risk.register', next);
    const t2 = cardText(second);
    expect(t2).to.contain(`${n} open risks`).and.contain(`Risks 16–${n} of ${n}`);
    expect(
      checkCard(second)
        .executeActions.map((a) => (a.data as { page?: string }).page)
        .filter(Boolean),
    ).to.deep.equal(['0']);
  });

  it('while storage is down, a submitted form and a review say nothing was saved, with every entry kept', async () => {
    const view = await bot.click('risk.view', { ref: 'BPL-R-0001' });
    await bot.storage.stop();
    try {
      const form = await bot.click('risk.create', validForm({ title: 'Estates for integrated community hubs' }));
      expect(cardText(form)).to.contain('The record store is not answering just now, so nothing was saved');
      expect(findInput(form, 'title')?.value).to.equal('Estates for integrated community hubs');
      const review = await bot.click('risk.review', {
        ...actionData(view, 'risk.review'),
        reviewLikelihood: '1',
        reviewConsequence: '1',
        reviewNote: 'Kept note.',
      });
      expect(cardText(review)).to.contain('nothing was saved');
    } finally {
      await bot.storage.restart();
    }
    const list = await bot.runtime.records.listByPlace('risk', 'BPL', {});
    expect(list.map((s) => s.record.title)).not.to.include('Estates for integrated community hubs');
  });

  it('while storage is down, opening a risk, the register or "my risks" (typed or clicked) says the store is not answering and nothing was changed', async () => {
    await bot.storage.stop();
    try {
      const typed = [...(await bot.say('BPL-R-0001')), ...(await bot.say('risk register Blackpool')), ...(await bot.say('my risks'))];
      const clicked = [
        await bot.click('risk.view', { ref: 'BPL-R-0001' }),
        await bot.click('risk.register', { place: 'BPL' }),
        await bot.click('risk.mine'),
      ];
      expect(typed).to.have.length(3);
      for (const card of [...typed, ...clicked]) expect(cardText(card)).to.contain(UNAVAILABLE_READ).and.not.contain('nothing was saved');
    } finally {
      await bot.storage.restart();
    }
  });
});

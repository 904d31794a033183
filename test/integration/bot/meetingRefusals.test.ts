// A board meeting in chat (bot over HTTP, store on Azurite), what the meeting card refuses and how
// it holds up: someone who is not a chair or admin, a date more than a year away, two chairs closing
// the same action at once, an action no longer proposed for closure, "close agreed actions" (every
// ticked action closed, or some changed since the card was drawn or not on the agenda), 100 KB in a
// box, and storage down. The meeting run end to end is in meetingFlow.test.ts; the people and
// helpers both use are in test/support/meetingChat.ts.
import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, BotHarness } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { ALEX, ASIF, HELEN, itemData, meetingChat, SAM, SECRETARY, setUpBlackpool } from '../../support/meetingChat.js';

describe('A board meeting, prepared, run and its key messages signed off, in chat (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const { group, proposedAction, prepare } = meetingChat(
    () => bot,
    () => now,
  );

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, ASIF, ALEX] });
    await setUpBlackpool(bot);
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('someone who is not a chair or admin is refused, with a clear line and their entry kept', async () => {
    const [typed] = await bot.say('prepare meeting Blackpool', { from: ALEX });
    expect(cardText(typed)).to.contain('Only a chair or a place admin');
    const { form } = await prepare(addDays(today(), 7));
    const refused = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Blackpool forum', date: addDays(today(), 7) },
      { from: ALEX },
    );
    expect(cardText(refused)).to.contain('Only a chair or a place admin');
    expect(findInput(refused, 'board')?.value).to.equal('Blackpool forum');
    const { ref } = await prepare(addDays(today(), 8));
    const card = await bot.click('meeting.view', { ref }, { from: ALEX });
    expect(checkCard(card).executeActions.map((a) => a.verb)).not.to.include('meeting.addDecision');
    const forged = await bot.click(
      'meeting.addDecision',
      { ...actionData(await bot.click('meeting.view', { ref }, { from: SAM }), 'meeting.addDecision'), decisionText: 'Forged decision' },
      { from: ALEX },
    );
    expect(cardText(forged)).to.contain('Only a chair or a place admin');
    expect((await bot.runtime.records.get('meeting', ref))!.record.decisions).to.have.length(0);
  });

  it('a meeting date more than a year away comes back on the form, with everything kept', async () => {
    const [form] = await bot.say('prepare meeting Blackpool', { from: SAM });
    const back = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Blackpool Place Partnership Board', date: addDays(today(), 400) },
      { from: SAM },
    );
    expect(cardText(back)).to.contain('more than a year away');
    expect(findInput(back, 'date')?.value).to.equal(addDays(today(), 400));
    expect(findInput(back, 'board')?.value).to.equal('Blackpool Place Partnership Board');
  });

  it('two chairs closing the same action at once close it once; the other is told it was already changed', async () => {
    const a = await proposedAction('Agree the falls pathway');
    const { ref } = await prepare(addDays(today(), 3));
    const card = await bot.click('meeting.view', { ref }, { from: HELEN });
    const data = { ...itemData(card, 'meeting.closeAction', a), [`${a}.decision`]: 'Agreed.' };
    const [x, y] = await Promise.all([
      bot.click('meeting.closeAction', data, { from: HELEN }),
      bot.click('meeting.closeAction', data, { from: ASIF }),
    ]);
    const texts = [cardText(x), cardText(y)];
    expect(texts.filter((t) => t.includes(`${a}: Closed at this meeting.`))).to.have.length(1);
    expect(texts.filter((t) => t.includes('Someone else changed this action'))).to.have.length(1);
    expect((await bot.runtime.records.history('action', a)).filter((e) => e.command === 'close')).to.have.length(1);
  });

  it('an action no longer proposed for closure is not closed, and the card says why', async () => {
    const a = await proposedAction('Share the winter plan');
    const { ref } = await prepare(addDays(today(), 3));
    const card = await bot.click('meeting.view', { ref }, { from: HELEN });
    // Meanwhile its closure is declined from its own card.
    const action = await bot.click('action.view', { ref: a }, { from: HELEN });
    await bot.click(
      'action.declineClosure',
      { ...actionData(action, 'action.declineClosure'), declineReason: 'Not yet shared.' },
      { from: HELEN },
    );
    const batch = await bot.click(
      'meeting.closeAgreed',
      { ...actionData(card, 'meeting.closeAgreed'), agreed: a, batchDecision: 'Agreed.' },
      { from: HELEN },
    );
    expect(cardText(batch)).to.contain(`0 of 1 closed. ${a}: not closed.`);
    expect((await bot.runtime.records.get('action', a))!.record.status).to.equal('IN_PROGRESS');
  });

  it('"close agreed actions" closes each ticked action with one write and one audit event each, one line per action', async () => {
    const refs = [
      await proposedAction('Agree the frailty pathway'),
      await proposedAction('Publish the carers’ offer'),
      await proposedAction('Open the hub in Grange Park'),
    ];
    const { ref } = await prepare(addDays(today(), 3));
    const card = await bot.click('meeting.view', { ref }, { from: SAM });
    const done = await bot.click(
      'meeting.closeAgreed',
      { ...actionData(card, 'meeting.closeAgreed'), agreed: refs.join(','), batchDecision: 'Agreed at the board.' },
      { from: SAM },
    );
    expect(cardText(done)).to.contain('3 of 3 closed.');
    for (const r of refs) {
      expect(cardText(done)).to.contain(`${r}: closed.`);
      const events = await bot.runtime.records.history('action', r);
      expect(events.filter((e) => e.command === 'close')).to.have.length(1);
    }
  });

  it('"close agreed actions" with twelve ticked closes all twelve in one click (each counted against the change rate in turn, none racing)', async () => {
    const refs: string[] = [];
    for (let i = 1; i <= 12; i++) refs.push(await proposedAction(`Close-out item ${i} of the winter plan`));
    const { ref } = await prepare(addDays(today(), 3));
    const card = await bot.click('meeting.view', { ref }, { from: SAM });
    const done = await bot.click(
      'meeting.closeAgreed',
      { ...actionData(card, 'meeting.closeAgreed'), agreed: refs.join(','), batchDecision: 'Agreed at the board.' },
      { from: SAM },
    );
    expect(cardText(done)).to.contain('12 of 12 closed.');
    for (const r of refs) expect((await bot.runtime.records.get('action', r))!.record.status).to.equal('CLOSED');
  });

  it('"close agreed actions" where one action changed since the card was drawn and one is not on the agenda: the card says which were not closed, and they are untouched', async () => {
    const [a1, a2] = [await proposedAction('Agree the respiratory hub rota'), await proposedAction('Publish the falls prevention offer')];
    const { ref } = await prepare(addDays(today(), 3));
    const late = await proposedAction('Proposed after the agenda was drawn');
    const card = await bot.click('meeting.view', { ref }, { from: SAM });
    // The owner adds an update to a2 after the card was drawn: its ETag on the card is stale.
    const current = (await bot.runtime.records.get('action', a2))!;
    await bot.runtime.records.update(
      'action',
      current,
      applyActionCommand(current.record, SECRETARY, { type: 'addUpdate', text: 'Draft shared with the falls group.' }, now),
    );
    const done = await bot.click(
      'meeting.closeAgreed',
      { ...actionData(card, 'meeting.closeAgreed'), agreed: [a1, a2, late].join(','), batchDecision: 'Agreed at the board.' },
      { from: SAM },
    );
    const said = cardText(done);
    expect(said).to.contain('1 of 3 closed.').and.contain(`${a1}: closed.`);
    expect(said).to.contain(`${a2}: not closed. It changed since this card was drawn`);
    expect(said).to.contain(`${late}: not closed, it is not on this meeting's agenda.`);
    expect(findInput(done, 'batchDecision')?.value, 'the decision is kept to try again').to.equal('Agreed at the board.');
    for (const untouched of [a2, late]) {
      expect((await bot.runtime.records.get('action', untouched))!.record.status, untouched).to.equal('PROPOSED_FOR_CLOSURE');
      expect(
        (await bot.runtime.records.history('action', untouched)).filter((e) => e.command === 'close'),
        untouched,
      ).to.have.length(0);
    }
  });

  it('100 KB in a key decision, a matter, the key messages or a closing decision is refused in one line, the card keeps what its box holds, stays under 40 KB, and nothing is saved', async () => {
    const a = await proposedAction('Agree the discharge-to-assess pathway');
    const { ref } = await prepare();
    const card = await bot.click('meeting.view', { ref }, { from: HELEN, ...group });
    const big = 'k'.repeat(100 * 1024);
    const attempts: [string, Record<string, unknown>, string][] = [
      ['meeting.addDecision', { ...actionData(card, 'meeting.addDecision'), decisionText: big }, 'decisionText'],
      ['meeting.addMatter', { ...actionData(card, 'meeting.addMatter'), matterText: big, matterTo: 'icb-board' }, 'matterText'],
      ['meeting.draftKeyMessages', { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: big }, 'keyMessages'],
      ['meeting.closeAction', { ...itemData(card, 'meeting.closeAction', a), [`${a}.decision`]: big }, `${a}.decision`],
    ];
    for (const [verb, data, field] of attempts) {
      const answer = await bot.click(verb, data, { from: HELEN, ...group });
      expect(cardText(answer), verb).to.match(/Your entry was 102,400 characters, too long to keep: the first [\d,]+ are below/);
      const kept = String(findInput(answer, field)?.value ?? '');
      expect(kept.length, `${verb}: the box keeps what it holds`).to.be.greaterThan(0);
      expect(big.startsWith(kept), verb).to.equal(true);
      expect(checkCard(answer).bytes, verb).to.be.below(40 * 1024);
    }
    const m = (await bot.runtime.records.get('meeting', ref))!.record;
    expect([m.decisions.length, m.matters.length, m.keyMessages]).to.deep.equal([0, 0, undefined]);
    expect((await bot.runtime.records.get('action', a))!.record.status).to.equal('PROPOSED_FOR_CLOSURE');
  });

  it('while storage is down a change from the meeting card says nothing was saved, with the typed text kept', async () => {
    const { ref } = await prepare(addDays(today(), 3));
    const card = await bot.click('meeting.view', { ref }, { from: SAM });
    const data = actionData(card, 'meeting.addDecision');
    await bot.storage.stop();
    try {
      const down = await bot.click('meeting.addDecision', { ...data, decisionText: 'Kept while storage is down' }, { from: SAM });
      expect(cardText(down)).to.contain('nothing was saved');
      const typed = await bot.say(ref, { from: SAM });
      expect(cardText(typed[0])).to.contain('not answering');
    } finally {
      await bot.storage.restart();
    }
    expect((await bot.runtime.records.get('meeting', ref))!.record.decisions).to.have.length(0);
  });
});

// A board meeting, prepared and run from its card, through the real bot on Table Storage in memory:
// prepared from what is open, an agreed action closed from the meeting card, a closure declined,
// a stranger refused, and storage that is down saving nothing.
import { expect } from 'chai';
import { applyActionCommand, createAction } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import type { Actor } from '../../../records/people.js';
import { actionData, cardsOf } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const CHANNEL = '19:blackpool@thread.tacv2';
const SECRETARY: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: a meeting (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const group = { conversationType: 'groupChat' as const, conversationId: '19:board-group@thread.v2' };
  let meeting = '';
  let agreed = '';
  let notYet = '';

  async function proposedAction(description: string): Promise<string> {
    const created = await bot.runtime.records.create('action', 'BPL', (ref) =>
      createAction(
        { place: 'BPL', description, owner: { id: ALEX.id, name: ALEX.name }, dueDate: addDays(today(), 20), links: {} },
        ref,
        SECRETARY,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    const proposed = applyActionCommand(created.stored.record, SECRETARY, { type: 'proposeClosure', note: 'Delivered.' }, now);
    if (!proposed.ok) throw new Error(proposed.refusal.message);
    await bot.runtime.records.update('action', created.stored, proposed);
    return created.stored.record.ref;
  }

  /** The data of an agenda item's button on the meeting card, by verb and item ref. */
  function itemData(card: unknown, verb: string, ref: string): Record<string, unknown> {
    const found = checkCard(card).executeActions.find((a) => a.verb === verb && (a.data as { ref?: string }).ref === ref);
    if (!found) throw new Error(`no ${verb} for ${ref} on the card`);
    return found.data as Record<string, unknown>;
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, ALEX, RUTH] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: HELEN.id, name: HELEN.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
      channels: [{ id: CHANNEL, name: 'Blackpool Partnership' }],
    });
    await bot.runtime.places.saveChannelReference('BPL', CHANNEL, {
      channelId: 'msteams',
      serviceUrl: bot.serviceUrl,
      conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: 'Blackpool Partnership' } as never,
      bot: { id: 'bot', name: 'Place Partnership' },
    });
    agreed = await proposedAction('Publish the neighbourhood health plan');
    notYet = await proposedAction('Recruit two community connectors');
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('prepare meeting: the form offers what is open for the agenda; the meeting is stored and its card posted in the place’s channel', async () => {
    const [form] = await bot.say('prepare meeting Blackpool', { from: SAM });
    for (const item of [agreed, notYet]) expect(findInput(form, `agenda.proposedForClosure.${item}`)?.value).to.equal('true');
    const before = bot.replies.length;
    const card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Blackpool Place Partnership Board', date: today() },
      { from: SAM, ...group },
    );
    meeting = /Meeting (BPL-M-\d{4}) prepared/.exec(cardText(card))?.[1] ?? '';
    expect(meeting).to.equal('BPL-M-0001');
    expect(cardText(card)).to.contain('Its card is posted in the Blackpool channel');
    const posted = bot.replies.slice(before).filter((r) => decodeURIComponent(r.path).includes(CHANNEL));
    expect(posted).to.have.length(1);
    expect(cardText(cardsOf(posted[0]!.activity)[0]))
      .to.contain(meeting)
      .and.contain('Actions proposed for closure');
    const stored = (await bot.runtime.records.get('meeting', meeting))!.record;
    expect(stored.date).to.equal(today());
    expect((await bot.runtime.records.history('meeting', meeting)).map((e) => [e.command, e.actor.id])).to.deep.equal([['create', SAM.id]]);
  });

  it('close an agreed action from the meeting card: the card says it closed at this meeting; the action is closed with the meeting named', async () => {
    let card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN, ...group });
    card = await bot.click(
      'meeting.closeAction',
      { ...itemData(card, 'meeting.closeAction', agreed), [`${agreed}.decision`]: 'Agreed: plan published on 20 November.' },
      { from: HELEN, ...group },
    );
    expect(cardText(card))
      .to.contain(`${agreed}: Closed at this meeting.`)
      .and.contain('Closed at this meeting: Agreed: plan published on 20 November.');
    const action = (await bot.runtime.records.get('action', agreed))!.record;
    expect(action.status).to.equal('CLOSED');
    expect(action.closure?.meetingRef).to.equal(meeting);
    expect((await bot.runtime.records.history('action', agreed)).filter((e) => e.command === 'close').map((e) => e.actor.id)).to.deep.equal(
      [HELEN.id],
    );
  });

  it('decline a closure from the meeting card: the card gives the reason; the action goes back in progress', async () => {
    let card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN, ...group });
    card = await bot.click(
      'meeting.declineClosure',
      { ...itemData(card, 'meeting.declineClosure', notYet), [`${notYet}.declineReason`]: 'One post still vacant.' },
      { from: HELEN, ...group },
    );
    expect(cardText(card)).to.contain('Closure declined at this meeting: One post still vacant.');
    expect((await bot.runtime.records.get('action', notYet))!.record.status).to.equal('IN_PROGRESS');
  });

  it('someone who is not a chair or admin is refused on the card (a forged click), and nothing is stored', async () => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: SAM });
    const refused = await bot.click(
      'meeting.addDecision',
      { ...actionData(card, 'meeting.addDecision'), decisionText: 'Not mine to record' },
      { from: RUTH },
    );
    expect(cardText(refused)).to.contain(
      'Only a chair or a place admin (the board secretary) of this place, or the secretary or a chair of its forum, can do that.',
    );
    expect(checkCard(refused).executeActions.map((a) => a.verb)).not.to.include('meeting.addDecision');
    expect((await bot.runtime.records.get('meeting', meeting))!.record.decisions).to.deep.equal([]);
  });

  // (With agenda items on the card, redrawing it needs reads, so the answer is the plain "not saved"
  // card: the typed text is not kept there. The Azurite test asserts no more than this either.)
  it('while storage is down a change from the meeting card says nothing was saved, and nothing is stored', async () => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: SAM });
    const data = actionData(card, 'meeting.addDecision');
    await bot.storage.stop();
    try {
      const down = await bot.click('meeting.addDecision', { ...data, decisionText: 'Kept while storage is down' }, { from: SAM });
      expect(cardText(down)).to.contain('The record store is not answering just now, so nothing was saved.');
    } finally {
      await bot.storage.restart();
    }
    expect((await bot.runtime.records.get('meeting', meeting))!.record.decisions).to.deep.equal([]);
  });
});

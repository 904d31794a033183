// A forum's forward plan through the real bot on Table Storage in memory: `forward plan <forum>`
// shows it with the add form; an item added for this month is on the forum's next draft agenda
// under "Scheduled items" and, once the meeting is prepared, on its agenda; "Add to forward plan"
// on the meeting card; bad input back on the card with what was typed kept; a chair of another
// forum refused; an item that missed its meeting flagged on the next agenda and in the digest.
import { expect } from 'chai';
import { composeDigest } from '../../../records/digest.js';
import { gatherDigestSources } from '../../../records/digestSources.js';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { weekOf } from '../../../records/schedule.js';
import { actionData } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const CENTRAL = 'Central Lancashire Partnership Board';
const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };

describe('Flows in-process: a forum’s forward plan (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-12-07T10:00:00Z');
  let central = '';
  let board = '';

  async function addForum(draft: ForumDraft): Promise<string> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
    return res.stored.record.ref;
  }
  const plan = async (from: Sender = RUTH) => (await bot.say(`forward plan ${CENTRAL}`, { from }))[0]!;
  const add = async (card: unknown, verb: string, inputs: Record<string, string>, from: Sender = RUTH) =>
    bot.click(verb, { ...actionData(card, verb), planOwner: SAM.id, ...inputs }, { from });

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HELEN] });
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH, HELEN], admins: [SAM] });
    board = await addForum({
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs: [{ ...HELEN, title: 'Chair' }],
      rhythm: { ...monthly, nth: -1 },
      startTime: '14:00',
      reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    });
    central = await addForum({
      place: 'LAN',
      name: CENTRAL,
      locality: 'Central',
      chairs: [{ ...RUTH, title: 'Central Lancashire Partnership Independent Chair' }],
      rhythm: monthly,
      startTime: '09:30',
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    });
  });
  after(async () => bot?.stop());

  it('“forward plan Central Lancashire Partnership Board”: the plan, empty, with the add form for its chair', async () => {
    const card = await plan();
    expect(cardText(card)).to.contain(`Forward plan: ${CENTRAL}`).and.contain('Nothing on the forward plan yet.');
    expect(checkCard(card).executeActions.map((a) => a.verb)).to.include('forum.addToPlan');
  });

  it('a chair of another forum of the place sees the plan without the form, and a forged add from them is refused', async () => {
    const theirs = await plan(HELEN);
    expect(checkCard(theirs).executeActions.map((a) => a.verb)).not.to.include('forum.addToPlan');
    const card = await add(await plan(), 'forum.addToPlan', { planText: 'Receive the HELEN report', planDue: 'March 2027' }, HELEN);
    expect(cardText(card)).to.contain('Only a chair or the secretary of this forum, or an admin of its place');
    expect((await bot.runtime.records.get('forum', central))!.record.forwardPlan ?? []).to.have.length(0);
  });

  it('bad input: an empty item, a month in the past and 100 KB of text come back on the card with what was typed kept', async () => {
    let card = await add(await plan(), 'forum.addToPlan', { planText: '', planDue: 'November 2026' });
    expect(cardText(card)).to.contain('Item is required.').and.contain('November 2026 is in the past');
    expect(findInput(card, 'planDue')?.value).to.equal('November 2026');
    card = await add(await plan(), 'forum.addToPlan', { planText: 'x'.repeat(100_000), planDue: 'March 2027' });
    expect(cardText(card)).to.contain('Item must be 300 characters or fewer.');
    expect(String(findInput(card, 'planText')?.value)).to.have.length(300);
    expect((await bot.runtime.records.get('forum', central))!.record.forwardPlan ?? []).to.have.length(0);
  });

  it('the chair adds “Receive a further report on the Neighbourhood model” for this month: listed as scheduled, audited', async () => {
    const card = await add(await plan(), 'forum.addToPlan', {
      planText: 'Receive a further report on the Neighbourhood model',
      planDue: 'December 2026',
    });
    expect(cardText(card)).to.contain('Added to the forward plan').and.contain(`${central}/1`).and.contain('Scheduled');
    expect(cardText(card)).to.contain('Owner Sam Patel · at its meeting in December 2026');
    const history = await bot.runtime.records.history('forum', central);
    expect(history.map((e) => e.command)).to.include('addPlanItem');
  });

  it('the forum’s next draft agenda holds it under “Scheduled items”; once prepared, the plan says it is on that meeting’s agenda', async () => {
    const [form] = await bot.say(`prepare meeting ${CENTRAL}`, { from: SAM });
    expect(cardText(form)).to.contain('Scheduled items').and.contain('Receive a further report on the Neighbourhood model');
    const made = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: CENTRAL, date: '2026-12-10' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(made))?.[1];
    expect(ref).to.be.a('string');
    expect(cardText(made)).to.contain('Scheduled items');
    expect(cardText(await plan())).to.contain(`On the agenda of ${ref}`);
  });

  it('“Add to forward plan” on the meeting card: due at that meeting, the card shows it under Scheduled items', async () => {
    const meeting = (await bot.runtime.records.latestMeetings('LAN', 1)).meetings[0]!.record;
    const view = await bot.click('meeting.view', { ref: meeting.ref }, { from: RUTH });
    const card = await add(view, 'meeting.addToPlan', { planText: 'Note the winter pressures update', planDue: meeting.ref });
    expect(cardText(card)).to.contain('Added to the forward plan').and.contain('Note the winter pressures update');
    expect(cardText(card)).to.contain('Scheduled items');
  });

  it('bad input on the meeting card: a meeting of another forum is refused, the typed item kept', async () => {
    const [form] = await bot.say('prepare meeting Lancashire Place Partnership Board', { from: SAM });
    const made = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Lancashire Place Partnership Board', date: '2026-12-31' },
      { from: SAM },
    );
    const boardMeeting = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(made))![1]!;
    const meeting = (await bot.runtime.records.latestMeetings('LAN', 5)).meetings.find((m) => m.record.forumRef === central)!.record;
    const view = await bot.click('meeting.view', { ref: meeting.ref }, { from: RUTH });
    const card = await add(view, 'meeting.addToPlan', { planText: 'Receive the estates review', planDue: boardMeeting });
    expect(cardText(card)).to.contain(`${boardMeeting} is a meeting of Lancashire Place Partnership Board, not ${CENTRAL}`);
    expect(findInput(card, 'planText')?.value).to.equal('Receive the estates review');
    expect(board).to.not.equal(central);
  });

  it('two clicks at once on one plan card: the first is added, the second is told the plan changed, its text kept, nothing twice', async () => {
    const card = await plan();
    const before = (await bot.runtime.records.get('forum', central))!.record.forwardPlan!.length;
    const first = await add(card, 'forum.addToPlan', { planText: 'Receive the estates strategy', planDue: 'June 2027' });
    const second = await add(card, 'forum.addToPlan', { planText: 'Receive the workforce plan', planDue: 'June 2027' });
    expect(cardText(first)).to.contain('Added to the forward plan');
    expect(cardText(second)).to.contain('Someone else changed this forum while you had it open');
    expect(findInput(second, 'planText')?.value).to.equal('Receive the workforce plan');
    expect((await bot.runtime.records.get('forum', central))!.record.forwardPlan!.length).to.equal(before + 1);
  });

  it('forged card data: a meeting card naming another forum’s ref is out of date, and nothing is written to either plan', async () => {
    const meeting = (await bot.runtime.records.latestMeetings('LAN', 5)).meetings.find((m) => m.record.forumRef === central)!.record;
    const view = await bot.click('meeting.view', { ref: meeting.ref }, { from: RUTH });
    const stored = (await bot.runtime.records.get('forum', board))!;
    const forged = { ...actionData(view, 'meeting.addToPlan'), ref: board, etag: stored.etag };
    const card = await bot.click(
      'meeting.addToPlan',
      { ...forged, planText: 'Forged', planOwner: SAM.id, planDue: 'June 2027' },
      { from: SAM },
    );
    expect(cardText(card)).to.contain('That card is out of date');
    expect((await bot.runtime.records.get('forum', board))!.record.forwardPlan ?? []).to.have.length(0);
  });

  it('the chair withdraws an item from the plan card: it stays listed, as withdrawn', async () => {
    const card = await bot.click('forum.withdrawPlanItem', { ...actionData(await plan(), 'forum.withdrawPlanItem') }, { from: RUTH });
    expect(cardText(card)).to.contain('Withdrawn from the forward plan.').and.contain('Withdrawn by Ruth Ellison');
  });

  it('an item that missed its month is flagged on the next agenda and in the place’s digest', async () => {
    await add(await plan(), 'forum.addToPlan', { planText: 'Receive the Neighbourhood evaluation', planDue: 'January 2027' });
    now = new Date('2027-02-05T10:00:00Z');
    const [form] = await bot.say(`prepare meeting ${CENTRAL}`, { from: SAM });
    expect(cardText(form)).to.contain('Receive the Neighbourhood evaluation').and.contain('Missed: due at the January 2027 meeting');
    const settings = { place: 'LAN' as const, displayName: 'Lancashire', escalationThreshold: 15 };
    const digest = composeDigest(await gatherDigestSources(bot.runtime.records, settings, {}, weekOf(now), now));
    const section = digest.sections.find((s) => s.id === 'missedPlanItems');
    expect(section?.heading).to.equal('Forward plan items that missed their meeting');
    expect(section?.groups[0]?.items[0]?.detail).to.contain(`Missed: due at the January 2027 meeting of ${CENTRAL}`);
  });
});

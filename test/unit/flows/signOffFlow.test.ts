// A sign-off, requested and decided, through the real bot on Table Storage in memory.
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, cardsOf, invokeActivity, type ConversationOptions } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { requestForm } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // board secretary, place admin
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' }; // named approver
const GRACE: Sender = { id: 'aad-grace', name: 'Grace Okafor' }; // bystander
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:signoffs@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
const person = ({ id, name }: Sender) => ({ id, name });

describe('Flows in-process: a sign-off (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const verbs = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);

  /** What Teams sends when someone in refresh.userIds opens the card: their own view. */
  async function refresh(who: Sender, ref: string) {
    const activity = invokeActivity(bot.serviceUrl, 'signoff.refresh', { ref }, as(who));
    activity.value.trigger = 'automatic';
    const { status, body } = await bot.post(activity);
    expect(status).to.equal(200);
    return (body as { value: Record<string, unknown> }).value;
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, IMRAN, GRACE] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('request sign-off: the form becomes a pending sign-off, its card posted in the conversation for the approvers; record and create event stored', async () => {
    const before = bot.replies.length;
    const answer = await bot.click('signoff.create', requestForm(today()), as(SAM));
    expect(cardText(answer)).to.contain('Sign-off BPL-S-0001 requested');
    const [shared] = bot.replies.slice(before).flatMap((r) => cardsOf(r.activity));
    expect(cardText(shared)).to.contain('BPL-S-0001').and.contain('Phases of development for the place integration deal');
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.status).to.equal('PENDING');
    expect(stored.approvers.map((a) => a.id)).to.deep.equal([HELEN.id, IMRAN.id]);
    expect(stored.dueBy).to.equal(addDays(today(), 14));
    expect((await bot.runtime.records.history('signoff', 'BPL-S-0001')).map((e) => [e.command, e.actor.id])).to.deep.equal([
      ['create', SAM.id],
    ]);
  });

  it('the chair’s own view offers the decision buttons; a bystander’s does not', async () => {
    expect(verbs(await refresh(HELEN, 'BPL-S-0001'))).to.include.members(['signoff.approve', 'signoff.reject']);
    expect(verbs(await refresh(GRACE, 'BPL-S-0001'))).not.to.include('signoff.approve');
  });

  it('a forged approve by someone who is not an approver is refused on the card, audited, and decides nothing', async () => {
    const view = await refresh(HELEN, 'BPL-S-0001');
    const card = await bot.click('signoff.approve', actionData(view, 'signoff.approve'), as(GRACE));
    expect(cardText(card)).to.contain('Only the named approvers of BPL-S-0001, or their recorded delegates, can decide it.');
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.status).to.equal('PENDING');
    expect(stored.responses).to.deep.equal([]);
    const refused = (await bot.runtime.records.history('signoff', 'BPL-S-0001')).filter((e) => e.command === 'refused:approve');
    expect(refused.map((e) => e.actor)).to.deep.equal([person(GRACE)]);
  });

  it('approve by the chair: decided and final, the shared message updated for everyone without buttons; the decision stored once', async () => {
    const view = await refresh(HELEN, 'BPL-S-0001');
    const [posted] = await bot.runtime.records.postedCardsOf('BPL-S-0001');
    const before = bot.updates.length;
    const click = invokeActivity(bot.serviceUrl, 'signoff.approve', actionData(view, 'signoff.approve'), as(HELEN));
    click.replyToId = posted!.activityId;
    const mine = ((await bot.post(click)).body as { value: unknown }).value;
    expect(cardText(mine)).to.contain('Approved');
    const shared = bot.updates.slice(before);
    expect(shared.map((u) => u.activityId)).to.deep.equal([posted!.activityId]);
    const [card] = cardsOf(shared[0]!.activity);
    expect(cardText(card)).to.contain('Approved by Helen Price.');
    expect(checkCard(card).executeActions).to.deep.equal([]);
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.decision).to.deep.include({ outcome: 'APPROVED', by: person(HELEN) });
    const decisions = (await bot.runtime.records.history('signoff', 'BPL-S-0001')).filter((e) => e.command === 'approve');
    expect(decisions.map((e) => e.actor.id)).to.deep.equal([HELEN.id]);
  });

  it('a later approve by the other approver is told it was already decided, and nothing changes', async () => {
    const view = await refresh(IMRAN, 'BPL-S-0001');
    expect(verbs(view)).to.deep.equal([]);
    const etag = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.etag;
    const card = await bot.click('signoff.approve', { ref: 'BPL-S-0001', etag }, as(IMRAN));
    expect(cardText(card)).to.contain('BPL-S-0001 was already decided: approved.');
    expect((await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.etag).to.equal(etag);
  });
});

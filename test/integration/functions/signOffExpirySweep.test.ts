// A sign-off nobody opened before its due date is expired by the scheduled sweep: the card where it
// was requested is updated in place for everyone with the final card, and the requester is told
// 1:1 when the bot knows their personal chat. Driven through the local host with the real store on
// Azurite and a loopback "connector" that records posts and updates.
import { expect } from 'chai';
import { InvocationContext, type Timer } from '@azure/functions';
import { addDays, londonToday } from '../../../records/dates.js';
import { weeklyDigestHandler } from '../../../functions/weeklyDigest.js';
import { StoreError } from '../../../records/store/errors.js';
import { BotHarness, cardsOf, invokeActivity, type ConversationOptions, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { requestForm } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // board secretary: has a personal chat with the bot
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' }; // named approver
const GRACE: Sender = { id: 'aad-grace', name: 'Grace Okafor' }; // has never talked to the bot 1:1
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:expiry@thread.v2' };
const person = ({ id, name }: Sender) => ({ id, name });

describe('The expiry sweep tells the conversation and the requester (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const DAY = 86_400_000;

  /** Requests a sign-off due tomorrow in the group chat; its ref and the id of the message its card was posted as. */
  async function request(from: Sender, title: string): Promise<{ ref: string; activityId: string }> {
    const before = bot.replies.length;
    const answer = await bot.click('signoff.create', requestForm(londonToday(now), { title, dueBy: addDays(londonToday(now), 1) }), {
      ...GROUP,
      from,
    });
    const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(cardText(answer))?.[1];
    if (!ref) throw new Error(`not requested: ${cardText(answer)}`);
    // The connector answers the n-th post with id reply-n: the card is the post made for this request.
    const index = bot.replies.findIndex(
      (r, i) => i >= before && cardsOf(r.activity).some((c) => cardText(c).includes('Awaiting decision')),
    );
    return { ref, activityId: `reply-${index + 1}` };
  }

  /** The cards posted into a person's personal chat since `since`. */
  const personalPosts = (who: Sender, since: number) =>
    bot.replies
      .slice(since)
      .filter((r) => r.path.includes(encodeURIComponent(`a:personal-${who.id}`)))
      .flatMap((r) => cardsOf(r.activity));

  /** Runs the sweep a few days on, past every due date asked for so far. */
  const sweepLater = () => {
    now = new Date(now.getTime() + 3 * DAY);
    return bot.runtime.sweepSignOffs(now);
  };

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, IMRAN, GRACE] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
    await bot.say('help', { from: SAM }); // Sam's personal chat is saved
  });
  after(async () => bot?.stop());

  it('where the card was posted is remembered with the request', async () => {
    const { ref, activityId } = await request(SAM, 'Minutes of the October board');
    const posted = await bot.runtime.records.postedCardsOf(ref);
    expect(posted.map((p) => p.activityId)).to.deep.equal([activityId]);
    expect((posted[0]!.reference.conversation as { id: string }).id).to.equal(GROUP.conversationId);
    await sweepLater(); // leave nothing pending for the next test
  });

  it('when where the card was posted cannot be saved, the request is still saved and answered, and the sweep still expires it and tells the requester', async () => {
    const records = bot.runtime.records;
    const remember = records.rememberPostedCard;
    records.rememberPostedCard = async () => Promise.reject(new StoreError('UNAVAILABLE', 'The record store is not answering'));
    let ref: string;
    try {
      ({ ref } = await request(SAM, 'Annual report of the partnership'));
    } finally {
      records.rememberPostedCard = remember;
    }
    expect((await records.get('signoff', ref))!.record.status).to.equal('PENDING');
    expect(await records.postedCardsOf(ref)).to.deep.equal([]);
    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const swept = await sweepLater();
    expect(swept.expired).to.deep.equal([ref]);
    expect(bot.updates.length, 'no card known to update').to.equal(updates);
    expect(personalPosts(SAM, replies)).to.have.length(1);
  });

  it('an expiry updates the posted card for everyone with the expired card (no buttons) and tells the requester 1:1; a second sweep sends nothing', async () => {
    const { ref, activityId } = await request(SAM, 'Phases of development for the place integration deal');
    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const swept = await sweepLater();
    expect(swept.expired).to.deep.equal([ref]);
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('EXPIRED');

    const changed = bot.updates.slice(updates);
    expect(changed.map((u) => u.activityId)).to.deep.equal([activityId]);
    const [card] = cardsOf(changed[0]!.activity);
    expect(cardText(card))
      .to.contain('Expired')
      .and.contain(`${ref} expired on`)
      .and.contain('without a decision')
      .and.not.contain('Awaiting decision');
    expect(checkCard(card).executeActions, 'no buttons on the expired card').to.deep.equal([]);
    expect(card!.refresh, 'no per-user refresh once final').to.equal(undefined);

    const toSam = personalPosts(SAM, replies);
    expect(toSam).to.have.length(1);
    expect(cardText(toSam[0]))
      .to.contain(`Your sign-off request ${ref} expired`)
      .and.contain('Phases of development for the place integration deal');
    expect(checkCard(toSam[0]).executeActions).to.deep.equal([]);
    expect(swept.notes).to.include(`${ref}: Sam Patel told 1:1`);

    const again = await sweepLater();
    expect(again).to.deep.equal({ expired: [], skipped: [], notes: [] });
    expect(bot.updates.length, 'no update the second time').to.equal(updates + 1);
    expect(bot.replies.length, 'no message the second time').to.equal(replies + 1);
  });

  it('a requester the bot has never talked to 1:1 is not messaged, and the sweep still expires it and updates its card', async () => {
    const { ref, activityId } = await request(GRACE, 'Locality workshop feedback and associated actions');
    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const swept = await sweepLater();
    expect(swept.expired).to.deep.equal([ref]);
    expect(bot.updates.slice(updates).map((u) => u.activityId)).to.deep.equal([activityId]);
    expect(bot.replies.length, 'nothing posted anywhere').to.equal(replies);
    expect(swept.notes).to.include(`${ref}: Grace Okafor not told (they have not talked to the bot 1:1)`);
  });

  it('a card deleted meanwhile (404 on the update) is skipped and logged; the other expiries still update their cards and tell their requesters', async () => {
    const gone = await request(SAM, 'Terms of reference, December');
    const kept = await request(SAM, 'Minutes of the November board');
    bot.failingUpdates.set(gone.activityId, 404);
    try {
      const updates = bot.updates.length;
      const replies = bot.replies.length;
      const swept = await sweepLater();
      expect(swept.expired).to.have.members([gone.ref, kept.ref]);
      expect(bot.updates.slice(updates).map((u) => u.activityId)).to.deep.equal([kept.activityId]);
      expect(swept.notes.find((n) => n.startsWith(`${gone.ref}: card in`))).to.match(/not updated \(HTTP 404.*\); it is gone, skipped$/);
      expect(personalPosts(SAM, replies).map((c) => cardText(c))).to.have.length(2);
      for (const ref of [gone.ref, kept.ref]) expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('EXPIRED');
    } finally {
      bot.failingUpdates.clear();
    }
  });

  it('asked in a personal chat: the card there and the 1:1 copy sent to an approver are both updated, and the requester is told', async () => {
    await bot.say('help', { from: HELEN }); // Helen's personal chat is saved, so she is sent her own view 1:1
    const since = bot.replies.length;
    const form = requestForm(londonToday(now), {
      title: 'Better Care Fund quarterly return',
      approvers: HELEN.id,
      dueBy: addDays(londonToday(now), 1),
    });
    const answer = await bot.click('signoff.create', form, { from: SAM });
    const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(cardText(answer))![1]!;
    expect(cardText(answer)).to.contain('Helen Price was sent it in a 1:1 chat with the bot');
    const idOf = (who: Sender) =>
      `reply-${bot.replies.findIndex((r, i) => i >= since && r.path.includes(encodeURIComponent(`a:personal-${who.id}`)) && cardsOf(r.activity).some((c) => cardText(c).includes(ref))) + 1}`;
    const ids = [idOf(SAM), idOf(HELEN)];
    expect((await bot.runtime.records.postedCardsOf(ref)).map((p) => p.activityId)).to.have.members(ids);

    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const swept = await sweepLater();
    expect(swept.expired).to.deep.equal([ref]);
    const changed = bot.updates.slice(updates);
    expect(changed.map((u) => u.activityId)).to.have.members(ids);
    for (const u of changed) expect(checkCard(cardsOf(u.activity)[0]).executeActions).to.deep.equal([]);
    expect(personalPosts(SAM, replies)).to.have.length(1);
    expect(personalPosts(HELEN, replies), 'the approver is not sent a new message').to.have.length(0);
  });

  it('expired on someone’s look instead (a typed ref in another chat): the posted card is updated for everyone and the requester told 1:1, as the sweep would', async () => {
    const { ref, activityId } = await request(SAM, 'Winter plan for urgent care');
    now = new Date(now.getTime() + 3 * DAY);
    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const [opened] = await bot.say(ref, { from: GRACE });
    expect(cardText(opened)).to.contain(`${ref} expired on`);
    expect(bot.updates.slice(updates).map((u) => u.activityId)).to.deep.equal([activityId]);
    expect(checkCard(cardsOf(bot.updates[updates]!.activity)[0]).executeActions).to.deep.equal([]);
    expect(personalPosts(SAM, replies).map((c) => cardText(c))).to.have.length(1);
    expect(await bot.runtime.sweepSignOffs(now)).to.deep.equal({ expired: [], skipped: [], notes: [] });
  });

  it('expired when the requester opens the card in the chat: that card is updated once, and no 1:1 message (they see it)', async () => {
    const { ref, activityId } = await request(SAM, 'Carers strategy refresh');
    now = new Date(now.getTime() + 3 * DAY);
    const updates = bot.updates.length;
    const replies = bot.replies.length;
    const activity = invokeActivity(bot.serviceUrl, 'signoff.refresh', { ref }, { ...GROUP, from: SAM });
    activity.value.trigger = 'automatic';
    activity.replyToId = activityId;
    const { body } = await bot.post(activity);
    expect(cardText((body as { value: unknown }).value)).to.contain(`${ref} expired on`);
    expect(bot.updates.slice(updates).map((u) => u.activityId)).to.deep.equal([activityId]);
    expect(bot.replies.length).to.equal(replies);
  });

  it('the 15-minute timer logs what it updated and who it told', async () => {
    const { ref } = await request(SAM, 'Estates strategy refresh');
    now = new Date(now.getTime() + 3 * DAY);
    const logged: string[] = [];
    const context = new InvocationContext({ functionName: 'weeklyDigest', logHandler: (_level, ...args) => logged.push(args.join(' ')) });
    const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };
    await weeklyDigestHandler(
      async () => bot.runtime,
      () => now,
    )(timer, context);
    expect(logged).to.include(`sign-off ${ref}: expired`);
    expect(logged).to.include(`sign-off ${ref}: card updated in the groupChat ${GROUP.conversationId}`);
    expect(logged).to.include(`sign-off ${ref}: Sam Patel told 1:1`);
  });
});

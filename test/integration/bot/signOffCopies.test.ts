// A sign-off's card can be in more than one place: where it was requested, and the 1:1 copies sent
// to approvers who were not there. Whichever copy someone answers from, every other copy shows the
// same shared card: a chair approving from their 1:1 chat leaves no "Awaiting decision" card behind
// in the secretary's chat. Driven through the local host with the real store on Azurite and a
// loopback connector that records posts and updates.
import { expect } from 'chai';
import { londonToday } from '../../../records/dates.js';
import { actionData, BotHarness, cardsOf, invokeActivity, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { requestForm } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // board secretary
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' }; // named approver
const person = ({ id, name }: Sender) => ({ id, name });

describe('Every posted copy of a sign-off card stays current (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');

  /** The id the loopback connector gave the card for `ref` posted in `who`'s personal chat since `since`. */
  const copyIn = (who: Sender, ref: string, since: number) =>
    `reply-${bot.replies.findIndex((r, i) => i >= since && r.path.includes(encodeURIComponent(`a:personal-${who.id}`)) && cardsOf(r.activity).some((c) => cardText(c).includes(ref))) + 1}`;

  /** An invoke from `who`'s own 1:1 copy of the card (Teams names that message in replyToId). */
  async function fromCopy(who: Sender, copyId: string, verb: string, data: Record<string, unknown>) {
    const activity = invokeActivity(bot.serviceUrl, verb, data, { from: who });
    activity.replyToId = copyId;
    if (verb === 'signoff.refresh') activity.value.trigger = 'automatic';
    const { status, body } = await bot.post(activity);
    expect(status).to.equal(200);
    return (body as { value: Record<string, unknown> }).value;
  }

  /** Sam asks in his personal chat for Helen (and Imran) to sign off; both have used the bot, so both are sent a copy. */
  async function requestFromSam(overrides: Record<string, unknown>) {
    const since = bot.replies.length;
    const answer = await bot.click('signoff.create', requestForm(londonToday(now), overrides), { from: SAM });
    const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(cardText(answer))![1]!;
    return { ref, sams: copyIn(SAM, ref, since), helens: copyIn(HELEN, ref, since), imrans: copyIn(IMRAN, ref, since) };
  }

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, IMRAN] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
    for (const who of [SAM, HELEN, IMRAN]) await bot.say('help', { from: who }); // each personal chat is saved
  });
  after(async () => bot?.stop());

  it('the chair approves from her 1:1 copy: the secretary’s card and the other approver’s copy show the decision, with no buttons', async () => {
    const { ref, sams, helens, imrans } = await requestFromSam({ approvers: `${HELEN.id},${IMRAN.id}`, mode: 'FIRST' });
    expect(new Set([sams, helens, imrans]).size, 'three copies, each its own message').to.equal(3);

    const view = await fromCopy(HELEN, helens, 'signoff.refresh', { ref });
    const updates = bot.updates.length;
    const answer = await fromCopy(HELEN, helens, 'signoff.approve', {
      ...actionData(view, 'signoff.approve'),
      approveComment: 'Agreed at the pre-meet.',
    });
    expect(cardText(answer)).to.contain('Approved');

    const changed = bot.updates.slice(updates);
    expect(
      changed.map((u) => u.activityId),
      'every copy but the one clicked',
    ).to.have.members([sams, imrans]);
    for (const u of changed) {
      const card = cardsOf(u.activity)[0];
      expect(cardText(card)).to.contain('Approved by Helen Price');
      expect(checkCard(card).executeActions, 'decided: nothing to press').to.deep.equal([]);
    }
  });

  it('one answer of several (everyone must approve): the other copies show who has answered and still offer “Show my options”', async () => {
    const { ref, sams, helens, imrans } = await requestFromSam({
      title: 'Terms of reference for the delivery group',
      approvers: `${HELEN.id},${IMRAN.id}`,
      mode: 'ALL',
    });
    const view = await fromCopy(IMRAN, imrans, 'signoff.refresh', { ref });
    const updates = bot.updates.length;
    await fromCopy(IMRAN, imrans, 'signoff.approve', actionData(view, 'signoff.approve'));
    const changed = bot.updates.slice(updates);
    expect(changed.map((u) => u.activityId)).to.have.members([sams, helens]);
    for (const u of changed) {
      const card = cardsOf(u.activity)[0];
      expect(cardText(card)).to.contain('Imran Shah approved');
      expect(checkCard(card).executeActions.map((a) => a.verb)).to.include('signoff.refresh');
    }
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('PENDING');
  });
});

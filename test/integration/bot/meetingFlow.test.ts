// A board meeting as the secretary and the chair run it in Teams, driven over HTTP through the
// local host, with the real store on Azurite: prepared from what is open, actions closed and a
// chair's action ratified from its card, key decisions and matters, key messages drafted, sent to
// the chair through the sign-off flow, approved and posted once to the place's channel; every copy
// of the meeting card updated; key messages sent back by the chair. Who may not, a date too far
// off, closing at once or in one go, 100 KB entries and storage down are in meetingRefusals.test.ts;
// the people and helpers both use are in test/support/meetingChat.ts.
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { actionData, BotHarness, cardsOf } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { ALEX, ASIF, CHANNEL, HELEN, itemData, meetingChat, SAM, SECRETARY, setUpBlackpool } from '../../support/meetingChat.js';
import { signOffDraft } from '../../support/signOffFixtures.js';

const CHAIR: Actor = { ...HELEN, roles: ['chair'] };

describe('A board meeting, prepared, run and its key messages signed off, in chat (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const { group, proposedAction, prepare } = meetingChat(
    () => bot,
    () => now,
  );

  async function chairsAction(): Promise<string> {
    const created = await bot.runtime.records.create('signoff', 'BPL', (ref) =>
      createSignOff(
        signOffDraft({
          route: 'chairs-action',
          approvers: [{ id: HELEN.id, name: HELEN.name }],
          dueBy: addDays(today(), 7),
          expiresOn: addDays(today(), 7),
        }),
        ref,
        SECRETARY,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    const approved = applySignOffCommand(created.stored.record, CHAIR, { type: 'approve' }, now);
    if (!approved.ok) throw new Error(approved.refusal.message);
    await bot.runtime.records.update('signoff', created.stored, approved);
    return created.stored.record.ref;
  }

  const channelPosts = () => bot.replies.filter((r) => decodeURIComponent(r.path).includes(CHANNEL));

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, ASIF, ALEX] });
    await setUpBlackpool(bot);
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('prepare → close two actions and decline one → ratify a chair’s action → key decisions and matters → key messages → the chair approves → posted once to the channel, every step audited', async () => {
    const [a1, a2, a3] = [
      await proposedAction('Publish the neighbourhood health plan'),
      await proposedAction('Agree the estates review scope', true),
      await proposedAction('Recruit two community connectors'),
    ];
    const s1 = await chairsAction();

    // The secretary prepares the meeting: the draft agenda holds what is open, to trim.
    const { card: prepared, ref, form } = await prepare();
    for (const item of [a1, a2, a3]) expect(findInput(form, `agenda.proposedForClosure.${item}`)?.value).to.equal('true');
    expect(findInput(form, `agenda.ratification.${s1}`)?.value).to.equal('true');
    expect(cardText(prepared)).to.contain('Its card is posted in the Blackpool channel');
    expect(channelPosts()).to.have.length(1);
    expect(cardText(cardsOf(channelPosts()[0]!.activity)[0]))
      .to.contain(`${ref}`)
      .and.contain('Actions proposed for closure');

    // The chair closes two actions and declines one, from the meeting card.
    let card = await bot.click('meeting.view', { ref }, { from: HELEN, ...group });
    card = await bot.click(
      'meeting.closeAction',
      { ...itemData(card, 'meeting.closeAction', a1), [`${a1}.decision`]: 'Agreed: plan published on 20 November.' },
      { from: HELEN, ...group },
    );
    expect(cardText(card))
      .to.contain(`${a1}: Closed at this meeting.`)
      .and.contain('Closed at this meeting: Agreed: plan published on 20 November.');
    const noWeDid = await bot.click(
      'meeting.closeAction',
      { ...itemData(card, 'meeting.closeAction', a2), [`${a2}.decision`]: 'Agreed.' },
      { from: HELEN, ...group },
    );
    expect(cardText(noWeDid)).to.contain('say what we did before closing it');
    expect(findInput(noWeDid, `${a2}.decision`)?.value).to.equal('Agreed.');
    card = await bot.click(
      'meeting.closeAction',
      {
        ...itemData(noWeDid, 'meeting.closeAction', a2),
        [`${a2}.decision`]: 'Agreed.',
        [`${a2}.weDid`]: 'Scope shared at the community forum.',
      },
      { from: HELEN, ...group },
    );
    card = await bot.click(
      'meeting.declineClosure',
      { ...itemData(card, 'meeting.declineClosure', a3), [`${a3}.declineReason`]: 'One post still vacant.' },
      { from: HELEN, ...group },
    );
    expect(cardText(card)).to.contain('Closure declined at this meeting: One post still vacant.');
    const [r1, r2, r3] = await Promise.all([a1, a2, a3].map((r) => bot.runtime.records.get('action', r)));
    expect([r1!.record.status, r2!.record.status, r3!.record.status]).to.deep.equal(['CLOSED', 'CLOSED', 'IN_PROGRESS']);
    expect(r1!.record.closure?.meetingRef).to.equal(ref);
    expect(r2!.record.feedback?.weDid).to.equal('Scope shared at the community forum.');
    // Everyone else in the chat sees the meeting card updated, read-only.
    expect(cardText(bot.updates.at(-1)!.activity)).to.contain(`${a3}: Closure declined at the meeting by Helen Price.`);

    // The chair's action is ratified at this meeting, recorded by the secretary (not the chair who decided it).
    card = await bot.click('meeting.view', { ref }, { from: SAM, ...group });
    card = await bot.click(
      'meeting.ratify',
      { ...itemData(card, 'meeting.ratify', s1), [`${s1}.ratifyComment`]: 'Ratified unanimously.' },
      { from: SAM, ...group },
    );
    const ratified = await bot.runtime.records.get('signoff', s1);
    expect(ratified!.record.status).to.equal('RATIFIED');
    expect(ratified!.record.ratification?.meeting).to.contain(ref);

    // Key decisions and matters for escalation, by the secretary.
    let data = actionData(card, 'meeting.addDecision');
    card = await bot.click(
      'meeting.addDecision',
      { ...data, decisionText: 'The board approved the neighbourhood health plan.', decisionLink: a1.toLowerCase() },
      { from: SAM, ...group },
    );
    data = actionData(card, 'meeting.addMatter');
    card = await bot.click(
      'meeting.addMatter',
      { ...data, matterText: 'Workforce gaps in community connectors.', matterTo: 'icb-board' },
      { from: SAM, ...group },
    );
    expect(cardText(card))
      .to.contain(`The board approved the neighbourhood health plan (${a1}).`)
      .and.contain('Workforce gaps in community connectors (escalated to the ICB Board).');

    // Key messages: drafted from the meeting, edited on the card, sent to the chair.
    const draft = String(findInput(card, 'keyMessages')?.value);
    expect(draft.split('\n')[0]).to.equal('Blackpool Place Partnership Board – Key messages 23 November 2026');
    expect(draft)
      .to.contain('Key Decisions and Actions')
      .and.contain(`(${a1})`)
      .and.contain(`The Board did not agree to close ${a3}`)
      .and.contain('Matters for Escalation (and where to)');
    data = actionData(card, 'meeting.draftKeyMessages');
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...data, keyMessages: `${draft}\nThe board thanked the community connectors.` },
      { from: SAM, ...group },
    );
    const before = bot.replies.length;
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM, ...group });
    expect(cardText(card)).to.match(/Sent to Helen Price and Asif Khan for sign-off as BPL-S-\d{4}/);
    const signOffRef = /as (BPL-S-\d{4})/.exec(cardText(card))![1]!;
    const signOffCard = bot.replies
      .slice(before)
      .flatMap((r) => cardsOf(r.activity))
      .find((c) => cardText(c).includes(signOffRef));
    expect(signOffCard, 'the sign-off card is posted in the chat').to.not.equal(undefined);
    const asked = await bot.runtime.records.get('signoff', signOffRef);
    expect(asked!.record.itemType).to.equal('key-messages');
    expect(asked!.record.subjectRef).to.equal(ref);

    // The chair approves: the key messages are published, posted once to the Blackpool channel.
    const postsBefore = channelPosts().length;
    await bot.click('signoff.approve', { ref: signOffRef, etag: asked!.etag }, { from: HELEN, ...group });
    const posted = channelPosts().slice(postsBefore);
    expect(posted).to.have.length(1);
    const published = cardText(cardsOf(posted[0]!.activity)[0]);
    expect(published)
      .to.contain('Blackpool Place Partnership Board – Key messages 23 November 2026')
      .and.contain('Completed and Signed off by Helen Price, Chair') // no forum in this place: "Chair" (issue 24: seed 001's wording)
      .and.contain('The board thanked the community connectors.');
    const meeting = await bot.runtime.records.get('meeting', ref);
    expect(meeting!.record.status).to.equal('PUBLISHED');
    // A second answer (the other chair) changes nothing and posts nothing.
    const second = await bot.click('signoff.approve', { ref: signOffRef, etag: asked!.etag }, { from: ASIF, ...group });
    expect(cardText(second)).to.contain('already decided');
    expect(channelPosts().slice(postsBefore)).to.have.length(1);

    const history = await bot.runtime.records.history('meeting', ref);
    // One event per step (all at the same simulated instant here, so compared as a set).
    expect(history.map((e) => e.command)).to.have.members([
      'create',
      'addDecision',
      'addMatter',
      'draftKeyMessages',
      'requestSignOff',
      'publish',
    ]);
    expect((await bot.runtime.records.history('action', a1)).map((e) => e.command)).to.include('close');
    expect((await bot.runtime.records.history('action', a3)).map((e) => e.command)).to.include('declineClosure');
    expect((await bot.runtime.records.history('signoff', s1)).map((e) => e.command)).to.include('ratify');

    // "meetings Blackpool" lists it, published.
    const [list] = await bot.say('meetings Blackpool', { from: ALEX });
    expect(cardText(list)).to.contain(ref).and.contain('Key messages published');
  });

  it('a change made from another copy of the meeting card (the chair’s 1:1) updates the card posted in the channel too', async () => {
    const a = await proposedAction('Agree the carers’ strategy refresh');
    const before = channelPosts().length;
    const { ref } = await prepare(addDays(today(), 2));
    const post = channelPosts()[before]!;
    const postedId = `reply-${bot.replies.indexOf(post) + 1}`;
    const card = await bot.click('meeting.view', { ref }, { from: HELEN });
    const updates = bot.updates.length;
    await bot.click('meeting.closeAction', { ...itemData(card, 'meeting.closeAction', a), [`${a}.decision`]: 'Agreed.' }, { from: HELEN });
    const channelUpdate = bot.updates.slice(updates).find((u) => u.activityId === postedId);
    expect(channelUpdate, 'the channel’s copy is updated').to.not.equal(undefined);
    expect(cardText(channelUpdate!.activity)).to.contain(`${a}: Closed at the meeting by Helen Price.`);
  });

  it('Close on the meeting card reads the meeting once, and everyone else’s message and the channel’s copy show one drawing of it', async () => {
    const a = await proposedAction('Agree the respite pathway');
    const before = channelPosts().length;
    const { ref } = await prepare(addDays(today(), 2));
    const post = channelPosts()[before]!;
    const postedId = `reply-${bot.replies.indexOf(post) + 1}`;
    const card = await bot.click('meeting.view', { ref }, { from: HELEN, ...group });
    const records = bot.runtime.records;
    const read = records.get.bind(records);
    let meetingReads = 0;
    records.get = ((kind, r, opts) => {
      if (kind === 'meeting') meetingReads++;
      return read(kind, r, opts);
    }) as typeof records.get;
    const updates = bot.updates.length;
    try {
      const answer = await bot.click(
        'meeting.closeAction',
        { ...itemData(card, 'meeting.closeAction', a), [`${a}.decision`]: 'Agreed.' },
        { from: HELEN, ...group },
      );
      expect(cardText(answer)).to.contain(`${a}: Closed at this meeting.`);
    } finally {
      records.get = read;
    }
    expect(meetingReads).to.equal(1);
    const made = bot.updates.slice(updates);
    const channelCopy = made.find((u) => u.activityId === postedId);
    const conversation = made.find((u) => u.activityId !== postedId);
    expect(channelCopy && conversation, 'the chat’s message and the channel’s copy are both updated').to.not.equal(undefined);
    expect(JSON.stringify(channelCopy!.activity.attachments)).to.equal(JSON.stringify(conversation!.activity.attachments));
    expect(cardText(channelCopy!.activity)).to.contain(`${a}: Closed at the meeting by Helen Price.`);
  });

  it('key messages the chair rejects go back to the secretary with the comment, to edit and send again; “new action from this meeting” opens the action form prefilled', async () => {
    const { ref } = await prepare();
    let card = await bot.click('meeting.view', { ref }, { from: SAM, ...group });
    const form = await bot.click('meeting.newAction', actionData(card, 'meeting.newAction'), { from: SAM, ...group });
    expect(findInput(form, 'place')?.value).to.equal('BPL');
    expect(findInput(form, 'sourceMeeting')?.value).to.equal(`Blackpool Place Partnership Board (from meeting ${ref})`);
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: String(findInput(card, 'keyMessages')?.value) },
      { from: SAM, ...group },
    );
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM, ...group });
    const signOffRef = /as (BPL-S-\d{4})/.exec(cardText(card))![1]!;
    const asked = await bot.runtime.records.get('signoff', signOffRef);
    await bot.click(
      'signoff.reject',
      { ref: signOffRef, etag: asked!.etag, rejectReason: 'Add the estates decision.' },
      { from: HELEN, ...group },
    );
    const meeting = await bot.runtime.records.get('meeting', ref);
    expect(meeting!.record.status).to.equal('HELD');
    expect(meeting!.record.keyMessages?.returned?.comment).to.equal('Add the estates decision.');
    card = await bot.click('meeting.view', { ref }, { from: SAM, ...group });
    expect(cardText(card)).to.contain('Back from the chair (Helen Price): Add the estates decision.');
    expect(checkCard(card).executeActions.map((a) => a.verb)).to.include.members(['meeting.draftKeyMessages', 'meeting.sendKeyMessages']);
  });
});

// Sign-off in chat as the people involved meet it in Teams, driven over HTTP through the local
// host with the real store on Azurite: the request, each person's refreshed view, decisions,
// finality, concurrency, forged answers, and storage down or slow; and a request in a group chat
// some approvers are not in. What follows a request (information, withdrawal, delegation, chair's
// action, conflicts, the list, expiry, a form sent twice) is in signOffLifecycle.test.ts; the
// people and helpers both use are in test/support/signOffChat.ts.
import { expect } from 'chai';
import { UNAVAILABLE_READ } from '../../../bot/change/messages.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, BotHarness, cardsOf, invokeActivity, type ConversationOptions, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import type { AdaptiveCardJson } from '../../../cards/render.js';
import { requestForm } from '../../support/signOffFixtures.js';
import { as, GRACE, HELEN, IMRAN, person, RUTH, SAM, signOffChat, TOM } from '../../support/signOffChat.js';

describe('Sign-off in chat (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const { form, request, refresh, verbs, decisionEvents } = signOffChat(() => bot, today);

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, IMRAN, TOM, RUTH, GRACE] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN), person(TOM)],
      admins: [person(SAM)],
    });
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('"request sign-off" asks for the place, then offers its chairs and approvers, all preselected, due in 14 days', async () => {
    const [picker] = await bot.say('request sign-off', as(SAM));
    expect(verbs(picker).filter((v) => v === 'signoff.form')).to.have.length(4);
    const card = await bot.click('signoff.form', { place: 'BPL' }, as(SAM));
    const approvers = findInput(card, 'approvers')!;
    expect((approvers.choices as { title: string }[]).map((c) => c.title)).to.deep.equal([
      'Helen Price (chair)',
      'Imran Shah',
      'Tom Whitfield',
    ]);
    expect(approvers.value).to.equal(`${HELEN.id},${IMRAN.id},${TOM.id}`);
    expect(findInput(card, 'dueBy')?.value).to.equal(addDays(today(), 14));
    expect(findInput(card, 'board')?.value).to.equal('Blackpool Place Partnership Board');
  });

  it('a secretary who is also a named approver is neither offered nor preselected on their own request form, and the form as first shown (title and summary typed) requests the sign-off', async () => {
    await bot.runtime.places.put({
      place: 'BWD',
      displayName: 'Blackburn with Darwen',
      chairs: [],
      approvers: [person(IMRAN), person(SAM)],
      admins: [person(SAM)],
    });
    const card = await bot.click('signoff.form', { place: 'BWD' }, as(SAM));
    const approvers = findInput(card, 'approvers')!;
    expect((approvers.choices as { title: string }[]).map((c) => c.title)).to.deep.equal(['Imran Shah']);
    expect(approvers.value).to.equal(IMRAN.id);
    const shown = Object.fromEntries(checkCard(card).inputIds.map((id) => [id, findInput(card, id)!.value ?? '']));
    const answer = await bot.click(
      'signoff.create',
      {
        ...actionData(card, 'signoff.create'),
        ...shown,
        title: 'Re-prioritising the Better Care Fund pooled budget',
        summary: 'Agree the proposed re-prioritisation.',
      },
      as(SAM),
    );
    expect(cardText(answer)).to.match(/Sign-off BWD-S-\d{4} requested/);
    expect(cardText(answer)).to.not.contain('You cannot approve your own request');
  });

  it('a secretary who is the only approver of a place is told so, rather than given a form they cannot send', async () => {
    await bot.runtime.places.put({
      place: 'SC',
      displayName: 'South Cumbria',
      chairs: [],
      approvers: [person(SAM)],
      admins: [person(SAM)],
    });
    const card = await bot.click('signoff.form', { place: 'SC' }, as(SAM));
    expect(cardText(card)).to.contain('you cannot approve your own request').and.not.contain('Summary');
  });

  it('a form with no title, a non-https link, a date 90 days ahead and a stranger as approver comes back with every error and the input kept', async () => {
    const card = await bot.click(
      'signoff.create',
      form({ title: ' ', paperUrl: 'javascript:alert(1)', dueBy: addDays(today(), 90), approvers: `${HELEN.id},${GRACE.id}` }),
      as(SAM),
    );
    const t = cardText(card);
    expect(t).to.contain('Title is required.').and.contain('Give a full link, starting https://').and.contain('at most 60 days ahead');
    expect(t).to.contain('Only the chairs and named approvers of Blackpool can be approvers.');
    expect(findInput(card, 'summary')?.value).to.equal(form().summary);
    expect(findInput(card, 'paperUrl')?.value).to.equal('javascript:alert(1)');
    expect(await bot.runtime.records.get('signoff', 'BPL-S-0001')).to.equal(undefined);
  });

  it('a plain http link to the paper comes back beside the field asking for https, the link kept, and nothing is requested', async () => {
    const before = (await bot.runtime.records.listByPlace('signoff', 'BPL')).length;
    const card = await bot.click('signoff.create', form({ paperUrl: 'http://example.nhs.uk/papers/bpl-phases.pdf' }), as(SAM));
    expect(cardText(card)).to.contain('Give a full link, starting https://');
    expect(findInput(card, 'paperUrl')?.value).to.equal('http://example.nhs.uk/papers/bpl-phases.pdf');
    expect((await bot.runtime.records.listByPlace('signoff', 'BPL')).length).to.equal(before);
  });

  it('a chair’s action may go to the chair only', async () => {
    const card = await bot.click('signoff.create', form({ route: 'chairs-action' }), as(SAM));
    expect(cardText(card)).to.contain('decided by the chair alone: choose only the chair');
  });

  it('a request posts the sign-off card in the conversation, @mentioning the approvers, with per-user refresh for approvers and requester by their Teams ids', async () => {
    const { ref, shared } = await request();
    expect(ref).to.equal('BPL-S-0001');
    const t = cardText(shared);
    expect(t).to.contain('<at>Helen Price</at>').and.contain('<at>Imran Shah</at>').and.contain('Awaiting decision');
    const mentions = (shared.msteams as { entities: { mentioned: { id: string } }[] }).entities.map((e) => e.mentioned.id);
    expect(mentions).to.deep.equal([HELEN.id, IMRAN.id]);
    // Teams names people in refresh.userIds by their Teams user id (29:…), asked of Teams for the approvers.
    expect((shared.refresh as { userIds: string[] }).userIds).to.deep.equal([`29:${HELEN.id}`, `29:${IMRAN.id}`, `29:${SAM.id}`]);
    expect(verbs(shared)).to.have.members(['signoff.refresh', 'signoff.view']); // useful as it is: "Show my options"
    expect((await bot.runtime.records.history('signoff', ref)).map((e) => e.command)).to.deep.equal(['create']);
  });

  /** Cards the bot posted into a person's personal chat since `since` (proactive 1:1 messages). */
  const personalPosts = (who: Sender, since: number) =>
    bot.replies
      .slice(since)
      .filter((r) => r.path.includes(encodeURIComponent(`a:personal-${who.id}`)))
      .flatMap((r) => cardsOf(r.activity));

  it('asked in a personal chat, an approver who has used the bot gets their own view of the card 1:1; one who has not is named on the confirmation', async () => {
    await bot.say('help', { from: HELEN }); // Helen has a personal chat with the bot; Imran never talked to it
    const since = bot.replies.length;
    const answer = await bot.click('signoff.create', form({ title: 'Minutes of the October board' }), { from: SAM });
    const text = cardText(answer);
    expect(text)
      .to.match(/Sign-off BPL-S-\d{4} requested/)
      .and.contain('Helen Price was sent it in a 1:1 chat with the bot');
    expect(text).to.contain('Imran Shah has not used the bot yet, so could not be told: let them know yourself');
    const posted = personalPosts(HELEN, since);
    expect(posted).to.have.length(1);
    const toHelen = posted[0]!;
    expect(cardText(toHelen)).to.contain('Sam Patel asks for your sign-off').and.contain('Minutes of the October board');
    expect(verbs(toHelen)).to.include.members(['signoff.approve', 'signoff.reject']); // her own view, with her answers
    // Her Teams id (from her personal chat) is kept, so the card refreshes for her wherever she opens it.
    expect((toHelen.refresh as { userIds: string[] }).userIds).to.include(`29:${HELEN.id}`);
    expect(personalPosts(IMRAN, since)).to.have.length(0);
  });

  it('when a 1:1 message to an approver fails, the request is still saved and the confirmation says who could not be told', async () => {
    await bot.say('help', { from: HELEN });
    bot.failingConversations.set(`a:personal-${HELEN.id}`, 403); // e.g. she has blocked the bot
    try {
      const answer = await bot.click('signoff.create', form({ title: 'Terms of reference, December' }), { from: SAM });
      const text = cardText(answer);
      const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(text)?.[1];
      expect(text, text).to.contain('It could not be sent to Helen Price just now, so tell them yourself');
      expect((await bot.runtime.records.get('signoff', ref!))!.record.status).to.equal('PENDING');
    } finally {
      bot.failingConversations.clear();
    }
  });

  it('each person’s refresh returns their own view, and never touches the shared message', async () => {
    const updates = bot.updates.length;
    const chair = await refresh(HELEN, 'BPL-S-0001');
    expect(verbs(chair)).to.include.members([
      'signoff.approve',
      'signoff.approveWithConditions',
      'signoff.reject',
      'signoff.requestInfo',
      'signoff.declareConflict',
    ]);
    expect(cardText(chair)).to.contain('You are an approver.');
    const requester = await refresh(SAM, 'BPL-S-0001');
    expect(verbs(requester)).to.include('signoff.withdraw').and.not.include('signoff.approve');
    const bystander = await refresh(GRACE, 'BPL-S-0001');
    expect(verbs(bystander)).to.deep.equal(['signoff.refresh']);
    expect(cardText(bystander)).to.contain('Awaiting decision');
    const shown = await bot.click('signoff.view', { ref: 'BPL-S-0001' }, as(IMRAN)); // "Show my options" on the shared card
    expect(verbs(shown)).to.include('signoff.approve');
    expect(bot.updates.length, 'shared message untouched').to.equal(updates);
  });

  it('a refresh reads at most 2 Table transactions and writes nothing', async () => {
    const before = await bot.runtime.records.get('signoff', 'BPL-S-0001');
    bot.runtime.records.metrics.reset();
    bot.runtime.places.metrics.reset();
    await refresh(IMRAN, 'BPL-S-0001');
    expect(bot.runtime.records.metrics.transactions + bot.runtime.places.metrics.transactions).to.be.at.most(2);
    expect((await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.etag).to.equal(before!.etag);
  });

  it('a rejection without a reason is named on the card and nothing changes', async () => {
    const view = await refresh(HELEN, 'BPL-S-0001');
    const card = await bot.click('signoff.reject', { ...actionData(view, 'signoff.reject'), rejectReason: '  ' }, as(HELEN));
    expect(cardText(card)).to.contain('Reason for rejecting is required.');
    expect((await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record.status).to.equal('PENDING');
  });

  it('a bystander’s forged approve is refused with a clear line, audited, and changes nothing', async () => {
    const view = await refresh(HELEN, 'BPL-S-0001');
    const card = await bot.click('signoff.approve', actionData(view, 'signoff.approve'), as(GRACE));
    expect(cardText(card)).to.contain('Only the named approvers of BPL-S-0001, or their recorded delegates, can decide it.');
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!;
    expect(stored.record.status).to.equal('PENDING');
    expect(stored.record.responses).to.deep.equal([]);
    const refused = (await bot.runtime.records.history('signoff', 'BPL-S-0001')).filter((e) => e.command === 'refused:approve');
    expect(refused).to.have.length(1);
    expect(refused[0]!.actor).to.deep.equal(person(GRACE));
  });

  it('the chair approves with conditions: decided and final, the shared message updated for everyone, later refreshes and clicks get the final card', async () => {
    const view = await refresh(HELEN, 'BPL-S-0001');
    const before = bot.updates.length;
    // Helen answers on the card that was posted in the group chat (Teams names it in replyToId).
    const [posted, ...others] = await bot.runtime.records.postedCardsOf('BPL-S-0001');
    expect(others, 'posted once, in the group chat').to.deep.equal([]);
    const answer = invokeActivity(
      bot.serviceUrl,
      'signoff.approveWithConditions',
      {
        ...actionData(view, 'signoff.approveWithConditions'),
        conditions: 'Report progress to the March board.',
        conditionsComment: 'Supported.',
      },
      as(HELEN),
    );
    answer.replyToId = posted!.activityId;
    const mine = ((await bot.post(answer)).body as { value: unknown }).value;
    expect(cardText(mine)).to.contain('Your approval and its conditions are recorded.').and.contain('Approved with conditions');
    const shared = bot.updates.slice(before);
    expect(shared, 'that message, once').to.have.length(1);
    expect(shared[0]!.activityId).to.equal(posted!.activityId);
    const [card] = cardsOf(shared[0]!.activity);
    expect(cardText(card)).to.contain('Approved with conditions by Helen Price.').and.contain('Report progress to the March board.');
    expect(checkCard(card).executeActions, 'no buttons on the decided card').to.deep.equal([]);
    expect(card!.refresh).to.equal(undefined);
    const stored = (await bot.runtime.records.get('signoff', 'BPL-S-0001'))!.record;
    expect(stored.decision).to.deep.include({
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: 'Report progress to the March board.',
      by: person(HELEN),
    });
    const events = await decisionEvents('BPL-S-0001');
    expect(events.map((e) => [e.command, e.actor.id])).to.deep.equal([['approveWithConditions', HELEN.id]]);
    const later = await refresh(IMRAN, 'BPL-S-0001');
    expect(verbs(later)).to.deep.equal([]);
    const click = await bot.click('signoff.approve', actionData(view, 'signoff.approve'), as(IMRAN));
    expect(cardText(click)).to.contain('BPL-S-0001 was already decided: approved with conditions.');
    expect(await decisionEvents('BPL-S-0001')).to.have.length(1);
  });

  it('everyone-must-approve with three approvers, one conflicted: decided once the other two approve', async () => {
    const { ref } = await request({ approvers: `${HELEN.id},${IMRAN.id},${TOM.id}`, mode: 'ALL' });
    const tom = await refresh(TOM, ref);
    const declared = await bot.click(
      'signoff.declareConflict',
      {
        ...actionData(tom, 'signoff.declareConflict'),
        conflictNature: 'potential',
        conflictHowManaged: 'Takes no part; provider interest.',
      },
      as(TOM),
    );
    expect(cardText(declared))
      .to.contain('You have a declared conflict of interest')
      .and.contain('potential conflict of interest declared');
    expect(verbs(declared)).not.to.include('signoff.approve');
    const helen = await refresh(HELEN, ref);
    await bot.click('signoff.approve', actionData(helen, 'signoff.approve'), as(HELEN));
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('PENDING');
    const imran = await refresh(IMRAN, ref);
    expect(cardText(imran)).to.contain('Helen Price approved');
    await bot.click('signoff.approve', actionData(imran, 'signoff.approve'), as(IMRAN));
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('APPROVED');
  });

  it('a card opened before another approver answered says so, shows the latest and keeps the typed comment', async () => {
    const { ref } = await request({ mode: 'ALL' });
    const imran = await refresh(IMRAN, ref);
    const helen = await refresh(HELEN, ref);
    await bot.click('signoff.approve', actionData(helen, 'signoff.approve'), as(HELEN));
    const stale = await bot.click(
      'signoff.approve',
      { ...actionData(imran, 'signoff.approve'), approveComment: 'Content, subject to finance.' },
      as(IMRAN),
    );
    expect(cardText(stale)).to.contain('Someone else changed this sign-off while you had it open');
    expect(findInput(stale, 'approveComment')?.value).to.equal('Content, subject to finance.');
  });

  it('50 concurrent approve clicks by the same approver make exactly one decision and one decision audit event', async () => {
    const { ref } = await request();
    const view = await refresh(HELEN, ref);
    const data = actionData(view, 'signoff.approve');
    const cards = await Promise.all(Array.from({ length: 50 }, () => bot.click('signoff.approve', data, as(HELEN))));
    expect(cards.filter((c) => cardText(c).includes('Your approval is recorded.'))).to.have.length(1);
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('APPROVED');
    expect(await decisionEvents(ref)).to.have.length(1);
  });

  it('50 concurrent clicks by different approvers (first answer decides) make exactly one decision and one decision audit event', async () => {
    const { ref } = await request({ approvers: `${HELEN.id},${IMRAN.id},${TOM.id}` });
    const people = [HELEN, IMRAN, TOM];
    const views = await Promise.all(people.map((p) => refresh(p, ref)));
    const cards = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const who = i % 3;
        const verb = i % 2 ? 'signoff.approve' : 'signoff.reject';
        return bot.click(verb, { ...actionData(views[who], verb), rejectReason: 'Finance not agreed.' }, as(people[who]!));
      }),
    );
    expect(cards.filter((c) => /Your (approval|rejection)/.test(cardText(c)))).to.have.length(1);
    expect(await decisionEvents(ref)).to.have.length(1);
    expect((await bot.runtime.records.get('signoff', ref))!.record.decision).to.not.equal(undefined);
  });

  it('while storage is down an answer is not saved, and the approver’s card says so with the typed comment kept', async () => {
    const { ref } = await request();
    const view = await refresh(HELEN, ref);
    await bot.storage.stop();
    try {
      // The card's version is held by this process, so only the write fails: the approver's own
      // view comes back saying so, with the comment still in its box.
      const { body } = await bot.post(
        invokeActivity(bot.serviceUrl, 'signoff.approve', { ...actionData(view, 'signoff.approve'), approveComment: 'Agreed.' }, as(HELEN)),
      );
      const card = (body as { value: AdaptiveCardJson }).value;
      expect(cardText(card)).to.contain('nothing was saved');
      expect(findInput(card, 'approveComment')?.value).to.equal('Agreed.');
      const stillRefreshes = await refresh(HELEN, ref); // never an error card on refresh
      expect(cardText(stillRefreshes)).to.contain('cannot be loaded just now');
      expect((stillRefreshes.refresh as { userIds: string[] }).userIds).to.deep.equal([`29:${HELEN.id}`]);
    } finally {
      await bot.storage.restart();
    }
    expect((await bot.runtime.records.get('signoff', ref))!.record.status).to.equal('PENDING');
  });

  it('while storage is down, opening a sign-off or “sign-offs” (typed or clicked) says the store is not answering and nothing was changed', async () => {
    await bot.storage.stop();
    try {
      const typed = [...(await bot.say('sign-offs', as(SAM))), ...(await bot.say('BPL-S-0001', as(SAM)))];
      const clicked = [await bot.click('signoff.list', {}, as(SAM)), await bot.click('signoff.view', { ref: 'BPL-S-0001' }, as(SAM))];
      expect(typed).to.have.length(2);
      for (const card of [...typed, ...clicked]) expect(cardText(card)).to.contain(UNAVAILABLE_READ).and.not.contain('nothing was saved');
    } finally {
      await bot.storage.restart();
    }
  });

  it('when storage is too slow, a refresh still answers in time with a calm card that keeps refreshing, never an error', async () => {
    const { ref } = await request();
    const records = bot.runtime.records;
    const get = records.get.bind(records);
    records.get = (async (...args: Parameters<typeof get>) => {
      await new Promise((r) => setTimeout(r, 4000));
      return get(...args);
    }) as typeof get;
    try {
      const card = await refresh(HELEN, ref);
      expect(cardText(card)).to.contain('cannot be loaded just now');
      expect((card.refresh as { userIds: string[] }).userIds).to.deep.equal([`29:${HELEN.id}`]);
    } finally {
      records.get = get;
    }
  });
});

describe('Sign-off requested in a group chat some approvers are not in (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const OTHER_CHAT: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:estates@thread.v2', from: SAM };

  before(async () => {
    // Only Sam and Helen are members of the chat; Imran has talked to the bot 1:1 before.
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, GRACE] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
    await bot.say('help', { from: IMRAN });
  });
  after(async () => bot?.stop());

  it('the members are @mentioned in the chat; an approver not in it gets their own view 1:1, and the confirmation says so', async () => {
    const since = bot.replies.length;
    const answer = await bot.click('signoff.create', requestForm(londonToday(now)), OTHER_CHAT);
    expect(cardText(answer))
      .to.contain('posted in this conversation, with Helen Price @mentioned')
      .and.contain('Imran Shah was sent it in a 1:1 chat with the bot');
    const posted = bot.replies.slice(since);
    const toImran = posted.filter((r) => r.path.includes(encodeURIComponent(`a:personal-${IMRAN.id}`))).flatMap((r) => cardsOf(r.activity));
    expect(toImran).to.have.length(1);
    expect(cardText(toImran[0])).to.contain('Sam Patel asks for your sign-off');
    expect(posted.filter((r) => r.path.includes(encodeURIComponent(`a:personal-${HELEN.id}`)))).to.have.length(0); // Helen is in the chat
  });
});

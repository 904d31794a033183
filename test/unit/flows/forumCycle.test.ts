// The meeting cycle on the digest's timer, through the real runtime on Table Storage in memory:
// the board pack offered 1:1 (file consent cards) to the secretary and the chair 5 working days
// before the forum's meeting, the agenda and key-message reminders, each exactly once however
// many ticks run at the same instant, after a crash between claiming and sending, and for
// someone who only talks to the bot later, and after Teams refused a send; and in the week the
// clocks go back.
import { expect } from 'chai';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import { noticeKey } from '../../../records/forumCycle.js';
import { createMeeting } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { CycleStore } from '../../../records/store/cycleStore.js';
import { cardsOf } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const THURSDAY_0815 = new Date('2026-12-03T08:15:00Z'); // 5 working days before Thursday 10 December
const SECOND_THURSDAY = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };

describe('Flows in-process: the meeting cycle runs itself from the rhythm (runtime + in-memory table)', function () {
  let bot: FlowHarness;
  let forumRef = '';

  const board = (over: Partial<ForumDraft> = {}): ForumDraft => ({
    place: 'BPL',
    name: 'Blackpool Place Partnership Board',
    chairs: [{ ...HELEN, title: 'Chair, Blackpool Place Partnership' }],
    secretary: SAM,
    rhythm: SECOND_THURSDAY,
    startTime: '14:00',
    reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    ...over,
  });
  /** What reached a person's personal chat since `since`: each message's card text or file offer. */
  const chatOf = (person: Sender, since: number) =>
    bot.replies
      .slice(since)
      .filter((r) => r.path.includes(encodeURIComponent(`a:personal-${person.id}`)) || r.path.includes(`a:personal-${person.id}`))
      .map((r) => {
        const [card] = cardsOf(r.activity);
        if (card) return cardText(card);
        const attachments = (r.activity.attachments ?? []) as { contentType: string; name?: string }[];
        return attachments.map((a) => `${a.contentType}: ${a.name}`).join('; ');
      });

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => THURSDAY_0815, members: [SAM, HELEN] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [HELEN], admins: [SAM] });
    const res = await bot.runtime.records.create('forum', 'BPL', (ref) =>
      createForum(board(), ref, ADMIN, new Date('2026-11-02T10:00:00Z')),
    );
    if (!res.ok) throw new Error(res.refusal.message);
    forumRef = res.stored.record.ref;
    await bot.say('help', { from: SAM }); // Sam has a personal chat with the bot; Helen has not, yet
  });
  after(async () => bot?.stop());

  it('5 working days before: Sam is offered the board pack (six files to allow) and told the agenda is not prepared; Helen is reported as never having talked to the bot', async () => {
    const since = bot.replies.length;
    const lines = await bot.runtime.cycle.tick(THURSDAY_0815);
    expect(lines.map((l) => `${l.kind} ${l.person}: ${l.outcome}`)).to.deep.equal([
      'pack Sam Patel: sent',
      'pack Helen Price: never talked to the bot',
      'agenda Sam Patel: sent',
    ]);
    const chat = chatOf(SAM, since);
    expect(chat[0])
      .to.contain('Board pack for Blackpool Place Partnership Board')
      .and.contain('meets on Thu 10 Dec 2026, in 5 working days');
    expect(chat.slice(1, 7).every((m) => m.startsWith('application/vnd.microsoft.teams.card.file.consent: '))).to.equal(true);
    expect(chat[1]).to.match(/: BPL /);
    expect(chat[7]).to.contain('Agenda not prepared: Blackpool Place Partnership Board meets on Thu 10 Dec 2026, in 7 days');
    expect(chat).to.have.length(8);
  });

  it('two ticks at the same instant, and a tick later that day, send nothing more', async () => {
    const since = bot.replies.length;
    const [a, b] = await Promise.all([bot.runtime.cycle.tick(THURSDAY_0815), bot.runtime.cycle.tick(THURSDAY_0815)]);
    const later = await bot.runtime.cycle.tick(new Date('2026-12-03T15:00:00Z'));
    for (const lines of [a!, b!, later]) expect(lines.filter((l) => l.outcome === 'sent')).to.deep.equal([]);
    expect(later.find((l) => l.kind === 'pack' && l.person === 'Sam Patel')?.outcome).to.equal('already sent');
    expect(bot.replies.length).to.equal(since);
  });

  it('once Helen talks to the bot, the next tick offers her the pack, once', async () => {
    await bot.say('help', { from: HELEN });
    const since = bot.replies.length;
    const lines = await bot.runtime.cycle.tick(new Date('2026-12-04T08:00:00Z'));
    expect(lines.filter((l) => l.outcome === 'sent').map((l) => `${l.kind} ${l.person}`)).to.deep.equal(['pack Helen Price']);
    expect(chatOf(HELEN, since)).to.have.length(7);
    const again = await bot.runtime.cycle.tick(new Date('2026-12-04T08:15:00Z'));
    expect(again.filter((l) => l.outcome === 'sent')).to.deep.equal([]);
  });

  it('a crash between claiming and sending: the claim is left alone at once, and the next tick (after the lease) sends it once', async () => {
    // The meeting is held on 10 December without key messages; on Monday 14th Sam is to be told.
    const held = await bot.runtime.records.create('meeting', 'BPL', (ref) =>
      createMeeting(
        { place: 'BPL', forumRef, board: 'Blackpool Place Partnership Board', date: '2026-12-10', agenda: [] },
        ref,
        ADMIN,
        new Date('2026-12-10T16:00:00Z'),
      ),
    );
    if (!held.ok) throw new Error(held.refusal.message);
    const crashAt = new Date('2026-12-14T08:00:00Z');
    const notice = {
      kind: 'draft' as const,
      place: 'BPL' as const,
      forumRef,
      forum: 'Blackpool Place Partnership Board',
      meetingDate: '2026-12-10',
      to: { id: SAM.id, name: SAM.name },
      title: '',
      text: '',
    };
    // The instance that claimed it died before sending.
    expect((await bot.runtime.cycleNotices.claim(CycleStore.markerOf(notice, noticeKey(notice), crashAt))).claimed).to.equal(true);
    const since = bot.replies.length;
    const sameTick = await bot.runtime.cycle.tick(crashAt);
    expect(sameTick.find((l) => l.kind === 'draft')?.outcome).to.equal('in progress elsewhere');
    expect(chatOf(SAM, since)).to.deep.equal([]);
    const [next, twin] = await Promise.all([
      bot.runtime.cycle.tick(new Date('2026-12-14T08:15:00Z')),
      bot.runtime.cycle.tick(new Date('2026-12-14T08:15:00Z')),
    ]);
    expect([next!, twin!].flat().filter((l) => l.kind === 'draft' && l.outcome === 'sent')).to.have.length(1);
    const told = chatOf(SAM, since);
    expect(told).to.have.length(1);
    expect(told[0])
      .to.contain(`Key messages for ${held.stored.record.ref} not drafted`)
      .and.contain(`Blackpool Place Partnership Board met on Thu 10 Dec 2026, 4 days ago, and its key messages are not drafted yet`);
    const marker = await bot.runtime.cycleNotices.get('BPL', noticeKey(notice));
    expect(marker?.marker).to.deep.include({ state: 'sent', attempts: 1 });
  });

  it('in the week the clocks go back: nothing at 07:55 UK time, the pack at 08:05 (07:05 UTC)', async () => {
    const res = await bot.runtime.records.create('forum', 'BPL', (ref) =>
      createForum(
        board({ name: 'Place Integration Deal Delivery Group', rhythm: { type: 'dates', dates: ['2026-10-29'] } }),
        ref,
        ADMIN,
        new Date('2026-10-01T10:00:00Z'),
      ),
    );
    if (!res.ok) throw new Error(res.refusal.message);
    expect(await bot.runtime.cycle.tick(new Date('2026-10-22T06:55:00Z'))).to.deep.equal([]);
    const lines = await bot.runtime.cycle.tick(new Date('2026-10-22T07:05:00Z'));
    expect(
      lines.filter((l) => l.forum === 'Place Integration Deal Delivery Group').map((l) => `${l.kind} ${l.person}: ${l.outcome}`),
    ).to.deep.equal(['pack Sam Patel: sent', 'pack Helen Price: sent', 'agenda Sam Patel: sent']);
  });

  it('the add-forum form takes “board pack offered N working days before”; 20 is refused on the card, everything typed kept', async () => {
    const [blank] = await bot.say('add forum Blackpool', { from: SAM });
    const formId = String((checkCard(blank).executeActions.find((a) => a.verb === 'forum.create')?.data as { formId?: string }).formId);
    const typed = {
      place: 'BPL',
      name: 'Blackpool Health Equity Forum',
      locality: '',
      chairs: 'Helen Price | Chair',
      viceChair: '',
      secretary: 'Sam Patel',
      rhythm: 'monthly on the third Tuesday',
      startTime: '10:00',
      reportingLines: 'place-board | Blackpool Place Partnership Board',
    };
    const refused = await bot.click('forum.create', { ...typed, packDaysBefore: '20', formId }, { from: SAM });
    expect(cardText(refused)).to.contain('as a whole number from 1 to 15');
    expect(findInput(refused, 'packDaysBefore')?.value).to.equal('20');
    expect(findInput(refused, 'name')?.value).to.equal('Blackpool Health Equity Forum');
    const added = await bot.click('forum.create', { ...typed, packDaysBefore: '8', formId }, { from: SAM });
    expect(cardText(added)).to.contain('Board pack offered').and.contain('8 working days before');
  });

  it('Teams refusing a send (400: not a chat that is gone): reported, and tried again at a tick after the lease, once', async () => {
    // The forum just added meets on Tuesday 15 December and offers its pack 8 working days before: from Thursday 3rd.
    bot.failingConversations.set(`a:personal-${SAM.id}`, 400);
    const first = await bot.runtime.cycle.tick(new Date('2026-12-07T08:00:00Z'));
    const equity = (lines: typeof first) =>
      lines.filter((l) => l.forum === 'Blackpool Health Equity Forum').map((l) => `${l.person}: ${l.outcome}`);
    expect(equity(first)).to.deep.equal(['Sam Patel: failed', 'Helen Price: sent']);
    expect(first.find((l) => l.forum === 'Blackpool Health Equity Forum' && l.outcome === 'failed')?.reason).to.contain(
      'tried again at a later tick',
    );
    bot.failingConversations.clear();
    const since = bot.replies.length;
    expect(equity(await bot.runtime.cycle.tick(new Date('2026-12-07T08:05:00Z')))).to.deep.equal([
      'Sam Patel: in progress elsewhere',
      'Helen Price: already sent',
    ]);
    expect(equity(await bot.runtime.cycle.tick(new Date('2026-12-07T08:15:00Z')))).to.deep.equal([
      'Sam Patel: sent',
      'Helen Price: already sent',
    ]);
    expect(chatOf(SAM, since)).to.have.length(7);
    expect(equity(await bot.runtime.cycle.tick(new Date('2026-12-07T08:30:00Z')))).to.deep.equal([
      'Sam Patel: already sent',
      'Helen Price: already sent',
    ]);
  });
});

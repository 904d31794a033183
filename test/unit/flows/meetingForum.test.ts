// A meeting of a forum through the real bot on Table Storage in memory: "prepare meeting Lancashire"
// proposes its board's name and the next date of its rhythm; "prepare meeting <forum>" a locality
// board's, stored with the forum's ref; an archived forum, a forum of another place named in a
// place's channel, a guest naming a forum of a place they cannot see, a forged forum ref, and a
// rhythm that gives no date (14 days ahead, with a line saying so).
import { expect } from 'chai';
import { createForum, applyForumCommand, type ForumDraft } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { actionData, cardsOf } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const GITA: Sender = { id: 'aad-gita', name: 'Gita Guest', teamsId: '29:gita', guest: true };
const BPL_CHANNEL = '19:channel@thread.tacv2';
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: a meeting of a forum (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-03-20T10:00:00Z');
  const refs: Record<string, string> = {};

  async function addForum(key: string, draft: ForumDraft): Promise<string> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
    return (refs[key] = res.stored.record.ref);
  }
  const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };
  const chairs = [{ ...RUTH, title: 'Independent Chair' }];

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HELEN], conversationMembers: { [BPL_CHANNEL]: [GITA, SAM] } });
    // The place's chairs are Ruth and Helen; its forums' chair is Ruth alone.
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH, HELEN], admins: [SAM] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [RUTH],
      admins: [SAM],
      channels: [{ id: BPL_CHANNEL, name: 'Blackpool Partnership' }],
    });
    const toBoard = [{ to: 'place-board' as const, name: 'Lancashire Place Partnership Board' }];
    await addForum('board', {
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs,
      rhythm: { ...monthly, nth: -1 },
      startTime: '14:00',
      reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    });
    await addForum('central', {
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs,
      rhythm: monthly,
      startTime: '09:30',
      reportingLines: toBoard,
    });
    await addForum('old', { place: 'LAN', name: 'Old Partnership', chairs, rhythm: monthly, startTime: '09:30', reportingLines: toBoard });
    await addForum('listed', {
      place: 'LAN',
      name: 'Estates Group',
      chairs,
      rhythm: { type: 'dates', dates: ['2026-03-26'] },
      startTime: '09:30',
      reportingLines: toBoard,
    });
    const old = (await bot.runtime.records.get('forum', refs.old!))!;
    const archived = await bot.runtime.records.update('forum', old, applyForumCommand(old.record, ADMIN, { type: 'archive' }, now));
    if (!archived.ok) throw new Error('not archived');
  });
  after(async () => bot?.stop());

  it('"prepare meeting Lancashire": its board’s name and the last Thursday its rhythm gives, not 14 days ahead', async () => {
    const [form] = await bot.say('prepare meeting Lancashire', { from: SAM });
    expect(cardText(form)).to.contain('Prepare a meeting: Lancashire Place Partnership Board (Lancashire)');
    expect(findInput(form, 'board')?.value).to.equal('Lancashire Place Partnership Board');
    expect(findInput(form, 'date')?.value).to.equal('2026-03-26');
  });

  it('"prepare meeting Central Lancashire Partnership Board": its next date; saved, the meeting names the forum and its locality', async () => {
    const [form] = await bot.say('prepare meeting central lancashire partnership board', { from: SAM });
    expect(findInput(form, 'date')?.value).to.equal('2026-04-09');
    const data = actionData(form, 'meeting.create');
    expect(data.forumRef).to.equal(refs.central);
    const card = await bot.click(
      'meeting.create',
      { ...data, board: 'Central Lancashire Partnership Board', date: '2026-04-09' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))?.[1];
    const stored = (await bot.runtime.records.get('meeting', ref!))!.record;
    expect(stored).to.deep.include({ forumRef: refs.central, locality: 'Central', board: 'Central Lancashire Partnership Board' });
  });

  it('a matter goes up one of the forum’s named reporting lines; key messages go to the forum’s chairs only and publish as seed 001, signed with the forum title', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    let card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Central Lancashire Partnership Board', date: '2026-03-20' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))![1]!;
    card = await bot.click('meeting.view', { ref }, { from: SAM });
    card = await bot.click(
      'meeting.addMatter',
      { ...actionData(card, 'meeting.addMatter'), matterText: 'Estates funding needs a decision.', matterTo: 'line:0', matterToDetail: '' },
      { from: SAM },
    );
    expect(cardText(card)).to.contain('Estates funding needs a decision (escalated to the Lancashire Place Partnership Board).');
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: String(findInput(card, 'keyMessages')?.value) },
      { from: SAM },
    );
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM });
    expect(cardText(card)).to.match(/Sent to Ruth Ellison for sign-off as LAN-S-\d{4}/);
    const signOffRef = /as (LAN-S-\d{4})/.exec(cardText(card))![1]!;
    const asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    expect(asked.record.approvers.map((a) => a.id)).to.deep.equal([RUTH.id]);
    const before = bot.replies.length;
    await bot.click('signoff.approve', { ref: signOffRef, etag: asked.etag }, { from: RUTH });
    const published = bot.replies
      .slice(before)
      .flatMap((r) => cardsOf(r.activity))
      .map((c) => cardText(c))
      .find((t) => t.includes('Completed and Signed off by'));
    expect(published).to.contain('Completed and Signed off by Ruth Ellison, Independent Chair');
    expect(published!.indexOf('Date posted: 20 March 2026')).to.be.above(-1).and.below(published!.indexOf('Meeting Date 20 March 2026'));
    expect((await bot.runtime.records.get('meeting', ref))!.record.keyMessages?.published?.role).to.equal('Independent Chair');
  });

  it('bad input: an archived forum chosen is refused with a clear line', async () => {
    const [answer] = await bot.say('prepare meeting Old Partnership', { from: SAM });
    expect(cardText(answer)).to.contain('Old Partnership is archived, so no meeting of it can be prepared');
  });

  it('bad input: a forum of another place named in a place’s channel is refused', async () => {
    const [answer] = await bot.mention('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    expect(cardText(answer)).to.contain('is a forum of Lancashire, not Blackpool');
  });

  it('bad input: a guest naming a forum of a place they cannot see is told no such forum (nothing of it shown)', async () => {
    const [answer] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: GITA });
    expect(cardText(answer)).to.contain('No such forum or place').and.not.contain('Lancashire Place Partnership Board');
  });

  it('bad input: a forged forum ref on the form (another place’s, or archived) is refused and nothing is stored', async () => {
    const [form] = await bot.say('prepare meeting Lancashire', { from: SAM });
    const data = actionData(form, 'meeting.create');
    for (const forumRef of ['BPL-F-0001', refs.old!]) {
      const card = await bot.click('meeting.create', { ...data, forumRef, board: 'X', date: '2026-03-26' }, { from: SAM });
      expect(cardText(card)).to.match(/names no forum of Lancashire|has been archived since the form was drawn/);
    }
    expect((await bot.runtime.records.latestMeetings('LAN', 10)).meetings).to.have.length(2);
  });

  it('bad input: a forum whose rhythm gives no date falls back to 14 days ahead, with a line saying so', async () => {
    now = new Date('2026-03-27T10:00:00Z');
    const [form] = await bot.say('prepare meeting Estates Group', { from: SAM });
    expect(findInput(form, 'date')?.value).to.equal('2026-04-10');
    expect(cardText(form)).to.contain('Estates Group’s rhythm gives no meeting date from today'.replace('’', "'"));
  });
});

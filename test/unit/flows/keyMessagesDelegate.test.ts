// Who speaks for a forum, through the real bot on Table Storage in memory: only a chair of the forum
// names a delegate for its key messages (a place admin or another place chair trying is refused and
// audited); the key messages sent for sign-off carry that delegate; a place chair who is not the
// forum's chair approving is refused and audited; the delegate's approval publishes them as
// "Completed and Signed off by <delegate> on behalf of <chair>, <title>", never as "Chair".
import { expect } from 'chai';
import { createForum } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { actionData, cardsOf } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const TOM: Sender = { id: 'aad-tom', name: 'Tom Reid' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const TITLE = 'Central Lancashire Partnership Independent Chair';

describe('Flows in-process: a chair’s delegate for a forum’s key messages (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  let forumRef = '';
  const verbsOf = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);
  const history = (kind: 'forum' | 'signoff', ref: string) => bot.runtime.records.history(kind, ref);

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HELEN, TOM] });
    // Helen chairs in the place, but not this forum; Tom is a named approver of the place.
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH, HELEN], approvers: [TOM], admins: [SAM] });
    const created = await bot.runtime.records.create('forum', 'LAN', (ref) =>
      createForum(
        {
          place: 'LAN',
          name: 'Central Lancashire Partnership Board',
          locality: 'Central',
          chairs: [{ ...RUTH, title: TITLE }],
          secretary: SAM,
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '14:00',
          reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
        },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    forumRef = created.stored.record.ref;
  });
  after(async () => bot?.stop());

  it('the forum’s chair is offered the delegate panel on its card; a place admin and a place chair who is not its chair are not', async () => {
    expect(verbsOf(await bot.click('forum.view', { ref: forumRef }, { from: RUTH }))).to.include('forum.nameDelegate');
    expect(verbsOf(await bot.click('forum.view', { ref: forumRef }, { from: SAM }))).not.to.include('forum.nameDelegate');
    expect(verbsOf(await bot.click('forum.view', { ref: forumRef }, { from: HELEN }))).not.to.include('forum.nameDelegate');
  });

  it('a place admin or another place chair naming a delegate (a forged card) is refused and the attempt audited', async () => {
    const card = await bot.click('forum.view', { ref: forumRef }, { from: RUTH });
    const data = actionData(card, 'forum.nameDelegate');
    for (const who of [SAM, HELEN]) {
      const refused = await bot.click('forum.nameDelegate', { ...data, delegate: who.id === SAM.id ? SAM.id : HELEN.id }, { from: who });
      expect(cardText(refused)).to.contain('Only a chair of Central Lancashire Partnership Board can name a delegate');
    }
    const refused = (await history('forum', forumRef)).filter((e) => e.command === 'refused:nameDelegate');
    expect(refused.map((e) => e.actor.id))
      .to.have.members([SAM.id, HELEN.id])
      .and.have.length(2);
    expect((await bot.runtime.records.get('forum', forumRef))!.record.delegates ?? []).to.deep.equal([]);
  });

  it('the chair naming a delegate for a meeting that is not the forum’s is told so, the entry kept', async () => {
    const card = await bot.click('forum.view', { ref: forumRef }, { from: RUTH });
    const refused = await bot.click(
      'forum.nameDelegate',
      { ...actionData(card, 'forum.nameDelegate'), delegate: TOM.id, delegateMeeting: 'LAN-M-0999' },
      { from: RUTH },
    );
    expect(cardText(refused)).to.contain('LAN-M-0999 is not a meeting of Central Lancashire Partnership Board');
    expect(findInput(refused, 'delegateMeeting')?.value).to.equal('LAN-M-0999');
    expect(findInput(refused, 'delegate')?.value).to.equal(TOM.id);
  });

  it('the chair names a standing delegate: shown on the forum’s card, audited', async () => {
    const card = await bot.click('forum.view', { ref: forumRef }, { from: RUTH });
    const saved = await bot.click('forum.nameDelegate', { ...actionData(card, 'forum.nameDelegate'), delegate: TOM.id }, { from: RUTH });
    expect(cardText(saved)).to.contain('Tom Reid for Ruth Ellison (standing)');
    const named = (await history('forum', forumRef)).filter((e) => e.command === 'nameDelegate');
    expect(named.map((e) => e.actor.id)).to.deep.equal([RUTH.id]);
  });

  it('the key messages go to the chair with the delegate; a place chair who is not the forum’s approving is refused and audited; the delegate’s approval publishes them on behalf of the chair, with the chair’s title', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    let card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Central Lancashire Partnership Board', date: '2026-03-20' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))![1]!;
    card = await bot.click('meeting.view', { ref }, { from: SAM });
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: String(findInput(card, 'keyMessages')?.value) },
      { from: SAM },
    );
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM });
    const signOffRef = /as (LAN-S-\d{4})/.exec(cardText(card))![1]!;
    let asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    expect(asked.record.approvers.map((a) => a.id)).to.deep.equal([RUTH.id]);
    expect(asked.record.delegates).to.deep.equal([{ approverId: RUTH.id, delegate: { id: TOM.id, name: TOM.name } }]);

    const forged = await bot.click('signoff.approve', { ref: signOffRef, etag: asked.etag }, { from: HELEN });
    expect(cardText(forged)).to.contain(`Only the named approvers of ${signOffRef}`);
    expect((await history('signoff', signOffRef)).filter((e) => e.command === 'refused:approve').map((e) => e.actor.id)).to.deep.equal([
      HELEN.id,
    ]);
    expect((await bot.runtime.records.get('meeting', ref))!.record.status).to.equal('KEY_MESSAGES_AWAITING_SIGNOFF');

    asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    const before = bot.replies.length;
    await bot.click('signoff.approve', { ref: signOffRef, etag: asked.etag }, { from: TOM });
    const published = bot.replies
      .slice(before)
      .flatMap((r) => cardsOf(r.activity))
      .map((c) => cardText(c))
      .find((t) => t.includes('Completed and Signed off by'));
    expect(published).to.contain(`Completed and Signed off by Tom Reid on behalf of Ruth Ellison, ${TITLE}`);
    expect(published).not.to.match(/Tom Reid[^,]*, Chair\b/);
    expect((await bot.runtime.records.get('meeting', ref))!.record.keyMessages?.published).to.deep.include({ role: TITLE });
  });

  it('the chair ends their delegate from the card; it is gone from the forum and the end audited', async () => {
    const card = await bot.click('forum.view', { ref: forumRef }, { from: RUTH });
    const ended = await bot.click('forum.endDelegate', actionData(card, 'forum.endDelegate'), { from: RUTH });
    expect(cardText(ended)).to.contain('That delegate is ended.').and.not.contain('(standing)');
    expect((await bot.runtime.records.get('forum', forumRef))!.record.delegates).to.deep.equal([]);
    expect((await history('forum', forumRef)).some((e) => e.command === 'endDelegate' && e.actor.id === RUTH.id)).to.equal(true);
  });

  it('for one meeting, on its sign-off card: the chair records a delegate for their own seat (a place admin doing so is refused and audited); the delegate’s approval is signed on behalf of the chair', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    let card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Central Lancashire Partnership Board', date: '2026-03-20' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))![1]!;
    card = await bot.click('meeting.view', { ref }, { from: SAM });
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: String(findInput(card, 'keyMessages')?.value) },
      { from: SAM },
    );
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM });
    const signOffRef = /as (LAN-S-\d{4})/.exec(cardText(card))![1]!;
    let asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    expect(asked.record.delegates).to.deep.equal([]);

    const forged = await bot.click(
      'signoff.addDelegate',
      { ref: signOffRef, etag: asked.etag, delegateFor: RUTH.id, delegate: TOM.id },
      { from: SAM },
    );
    expect(cardText(forged)).to.contain('Only Ruth Ellison, a chair of the forum, can name a delegate');
    expect((await history('signoff', signOffRef)).filter((e) => e.command === 'refused:addDelegate').map((e) => e.actor.id)).to.deep.equal([
      SAM.id,
    ]);

    const recorded = await bot.click(
      'signoff.addDelegate',
      { ref: signOffRef, etag: asked.etag, delegateFor: RUTH.id, delegate: TOM.id },
      { from: RUTH },
    );
    expect(cardText(recorded)).to.contain('The delegate is recorded');
    asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    await bot.click('signoff.approve', { ref: signOffRef, etag: asked.etag }, { from: TOM });
    expect((await bot.runtime.records.get('meeting', ref))!.record.keyMessages?.published).to.deep.include({
      signedOffBy: { id: TOM.id, name: 'Tom Reid on behalf of Ruth Ellison' },
      role: TITLE,
    });
  });

  it('the chair names a delegate for one of the forum’s own meetings: shown as for that meeting only', async () => {
    const [meeting] = (await bot.runtime.records.latestMeetings('LAN', 10)).meetings;
    const card = await bot.click('forum.view', { ref: forumRef }, { from: RUTH });
    const saved = await bot.click(
      'forum.nameDelegate',
      { ...actionData(card, 'forum.nameDelegate'), delegate: TOM.id, delegateMeeting: meeting!.record.ref.toLowerCase() },
      { from: RUTH },
    );
    expect(cardText(saved)).to.contain(`Tom Reid for Ruth Ellison (meeting ${meeting!.record.ref} only)`);
  });
});

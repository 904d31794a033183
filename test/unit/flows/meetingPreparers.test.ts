// Who prepares a forum's meeting, through the real bot on Table Storage in memory: the forum's own
// secretary prepares it; the secretary of another forum is refused (typed, and with a form made
// for someone else) and the attempt audited on the forum; a forged forum ref in the form's data
// (another place's forum, one that does not exist, an archived one) is refused, audited, and
// nothing is stored.
import { expect } from 'chai';
import { applyForumCommand, createForum, type ForumDraft } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { actionData } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const NINA: Sender = { id: 'aad-nina', name: 'Nina Shah' };
const PAT: Sender = { id: 'aad-pat', name: 'Pat Doyle' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: who prepares a forum’s meeting (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  const refs: Record<string, string> = {};
  const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };

  async function addForum(key: string, draft: ForumDraft): Promise<void> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
    refs[key] = res.stored.record.ref;
  }
  const refusedPrepares = async (ref: string) =>
    (await bot.runtime.records.history('forum', ref)).filter((e) => e.command === 'refused:prepareMeeting');
  const meetings = async () => (await bot.runtime.records.latestMeetings('LAN', 10)).meetings;

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, NINA, PAT] });
    // Nina and Pat hold no role in the place: each is the secretary of one forum.
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH], admins: [SAM] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [RUTH], admins: [SAM] });
    const base = { chairs: [{ ...RUTH, title: 'Independent Chair' }], rhythm: monthly, startTime: '14:00', reportingLines: [] };
    await addForum('central', {
      ...base,
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      secretary: NINA,
    });
    await addForum('north', { ...base, place: 'LAN', name: 'North Lancashire Partnership Board', locality: 'North', secretary: PAT });
    await addForum('old', { ...base, place: 'LAN', name: 'Old Partnership', secretary: NINA });
    await addForum('blackpool', { ...base, place: 'BPL', name: 'Blackpool Place Partnership Board' });
    const old = (await bot.runtime.records.get('forum', refs.old!))!;
    await bot.runtime.records.update('forum', old, applyForumCommand(old.record, ADMIN, { type: 'archive' }, now));
  });
  after(async () => bot?.stop());

  it('the forum’s own secretary (no place role) prepares its meeting', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: NINA });
    const card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Central Lancashire Partnership Board', date: '2026-04-09' },
      { from: NINA },
    );
    expect(cardText(card)).to.match(/Meeting LAN-M-\d{4} prepared/);
    expect((await meetings()).map((m) => m.record.preparedBy.id)).to.deep.equal([NINA.id]);
  });

  it('the secretary of another forum is refused, typed or with a form drawn for someone else, and each attempt audited on the forum', async () => {
    const [typed] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: PAT });
    expect(cardText(typed)).to.contain(
      'Only the secretary or a chair of Central Lancashire Partnership Board, or an admin of Lancashire, can prepare its meetings.',
    );
    const [ninas] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: NINA });
    const forged = await bot.click(
      'meeting.create',
      { ...actionData(ninas, 'meeting.create'), board: 'Central Lancashire Partnership Board', date: '2026-05-14' },
      { from: PAT },
    );
    expect(cardText(forged)).to.contain('Only the secretary or a chair of Central Lancashire Partnership Board');
    expect((await refusedPrepares(refs.central!)).map((e) => e.actor.id)).to.deep.equal([PAT.id, PAT.id]);
    expect(await meetings()).to.have.length(1);
    // Pat prepares their own forum's.
    const [own] = await bot.say('prepare meeting North Lancashire Partnership Board', { from: PAT });
    expect(cardText(own)).to.contain('Prepare a meeting: North Lancashire Partnership Board');
  });

  it('a forged forum ref on the form (another place’s, one that does not exist, an archived one) is refused, audited, and nothing stored', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    const data = actionData(form, 'meeting.create');
    const lines: Record<string, RegExp> = {
      [refs.blackpool!]: /names no forum of Lancashire/,
      'LAN-F-0999': /names no forum of Lancashire/,
      [refs.old!]: /has been archived since the form was drawn/,
    };
    for (const [forumRef, line] of Object.entries(lines)) {
      const card = await bot.click('meeting.create', { ...data, forumRef, board: 'X', date: '2026-04-09' }, { from: SAM });
      expect(cardText(card)).to.match(line);
    }
    expect(await meetings()).to.have.length(1);
    for (const ref of [refs.blackpool!, 'LAN-F-0999', refs.old!]) {
      const kept = (await bot.runtime.records.history('forum', ref)).filter((e) => e.command === 'refused:prepareMeeting');
      expect(
        kept.map((e) => e.actor.id),
        ref,
      ).to.deep.equal([SAM.id]);
    }
  });

  it('the forum’s secretary who prepared it runs it: records a decision; the secretary of another forum cannot, from a card drawn for them', async () => {
    const [meeting] = await meetings();
    const ninas = await bot.click('meeting.view', { ref: meeting!.record.ref }, { from: NINA });
    const recorded = await bot.click(
      'meeting.addDecision',
      { ...actionData(ninas, 'meeting.addDecision'), decisionText: 'The Board agreed the neighbourhood plan.' },
      { from: NINA },
    );
    expect(cardText(recorded)).to.contain('The Board agreed the neighbourhood plan.');
    const stored = (await bot.runtime.records.get('meeting', meeting!.record.ref))!;
    expect(stored.record.runBy?.map((p) => p.id)).to.deep.equal([NINA.id, RUTH.id]);
    expect(stored.record.decisions.map((d) => d.by.id)).to.deep.equal([NINA.id]);

    const pats = await bot.click('meeting.view', { ref: meeting!.record.ref }, { from: PAT });
    expect(JSON.stringify(pats)).not.to.contain('meeting.addDecision');
    const refused = await bot.click(
      'meeting.addDecision',
      { ...actionData(recorded, 'meeting.addDecision'), decisionText: 'Not mine to record' },
      { from: PAT },
    );
    expect(cardText(refused)).to.contain('or the secretary or a chair of its forum, can do that');
    expect((await bot.runtime.records.get('meeting', meeting!.record.ref))!.record.decisions).to.have.length(1);
  });
});

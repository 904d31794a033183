// "Since the last meeting" on a forum's agenda is that forum's last meeting, not the place's,
// through the real bot on Table Storage in memory. Lancashire's board met on 19 March (a meeting
// stored before meetings named a forum: its place board's) and Central's board on 12 March; an
// action escalated on 15 March is on Central's next agenda, not the place board's. `meetings
// Lancashire` lists them grouped by forum.
import { expect } from 'chai';
import { applyActionCommand, createAction } from '../../../records/action.js';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import { createMeeting, type MeetingDraft } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: a forum’s agenda runs from that forum’s last meeting (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-01-10T10:00:00Z');
  const chairs = [{ ...RUTH, title: 'Independent Chair' }];
  const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };
  let escalated = '';

  async function addForum(draft: ForumDraft): Promise<string> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
    return res.stored.record.ref;
  }
  async function held(draft: Omit<MeetingDraft, 'place' | 'agenda'>): Promise<void> {
    const res = await bot.runtime.records.create('meeting', 'LAN', (ref) =>
      createMeeting({ place: 'LAN', agenda: [], ...draft }, ref, ADMIN, now),
    );
    if (!res.ok) throw new Error(res.refusal.message);
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH] });
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH], admins: [SAM] });
    const board = await addForum({
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs,
      rhythm: { ...monthly, nth: -1 },
      startTime: '14:00',
      reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    });
    const central = await addForum({
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs,
      rhythm: monthly,
      startTime: '09:30',
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    });
    // Meetings prepared ahead of their dates, as a secretary does.
    await held({ forumRef: board, board: 'Lancashire Place Partnership Board', date: '2026-02-19' });
    await held({ forumRef: central, locality: 'Central', board: 'Central Lancashire Partnership Board', date: '2026-03-12' });
    await held({ board: 'Lancashire Place Partnership Board', date: '2026-03-19' });
    now = new Date('2026-03-15T10:00:00Z');
    const created = await bot.runtime.records.create('action', 'LAN', (ref) =>
      createAction(
        { place: 'LAN', locality: 'Central', description: 'Preston hub lease', owner: SAM, dueDate: '2026-09-30', links: {} },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    escalated = created.stored.record.ref;
    const up = applyActionCommand(created.stored.record, ADMIN, { type: 'escalate', to: 'ICB Board', why: 'Lease at risk' }, now);
    const written = await bot.runtime.records.update('action', created.stored, up);
    if (!written.ok) throw new Error(written.refusal.message);
    now = new Date('2026-03-20T10:00:00Z');
  });
  after(async () => bot?.stop());

  it('Central’s board, last met 12 March, has the action escalated on 15 March among “Escalated since the last meeting”', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    expect(findInput(form, `agenda.escalations.${escalated}`)?.value).to.equal('true');
  });

  it('the place board, last met 19 March (a meeting stored before meetings named a forum), does not: it was escalated before that', async () => {
    const [form] = await bot.say('prepare meeting Lancashire Place Partnership Board', { from: SAM });
    expect(findInput(form, `agenda.escalations.${escalated}`)).to.equal(undefined);
  });

  it('"meetings Lancashire" lists the meetings grouped by forum: the place board’s (with the one stored before forums), then Central’s', async () => {
    const [card] = await bot.say('meetings Lancashire', { from: SAM });
    const text = cardText(card);
    const at = (line: string) => {
      expect(text).to.contain(line);
      return text.indexOf(line);
    };
    const board = at('Lancashire Place Partnership Board\n');
    const central = at('Central Lancashire Partnership Board\n');
    expect(board).to.be.below(at('19 Mar 2026')).and.below(at('19 Feb 2026'));
    expect(at('19 Feb 2026')).to.be.below(central);
    expect(central).to.be.below(at('12 Mar 2026'));
  });
});

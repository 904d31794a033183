// A forum's meeting draws that forum's agenda, through the real bot on Table Storage in memory:
// the Central Lancashire Partnership Board's form holds Central's actions and the Lancashire-wide
// ones, never North's; the place board's holds the whole place. At the meeting, a chair of the
// place who does not chair the forum is offered no Close and is refused "Close agreed actions".
import { expect } from 'chai';
import { createAction, type ActionDraft } from '../../../records/action.js';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { actionData } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: a forum’s meeting draws that forum’s agenda (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };
  const chairs = [{ ...RUTH, title: 'Independent Chair' }];

  async function addForum(draft: ForumDraft): Promise<void> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
  }
  async function addAction(description: string, locality?: 'Central' | 'North'): Promise<string> {
    const draft: ActionDraft = {
      place: 'LAN',
      description,
      owner: { id: SAM.id, name: SAM.name },
      dueDate: '2026-03-25',
      links: {},
      ...(locality ? { locality } : {}),
    };
    const res = await bot.runtime.records.create('action', 'LAN', (ref) => createAction(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
    return res.stored.record.ref;
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HELEN] });
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH, HELEN], admins: [SAM] });
    await addForum({
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs,
      rhythm: { ...monthly, nth: -1 },
      startTime: '14:00',
      reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    });
    await addForum({
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs,
      rhythm: monthly,
      startTime: '09:30',
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    });
    await addAction('Central: open the Preston hub', 'Central');
    await addAction('North: Morecambe outreach', 'North');
    await addAction('Lancashire-wide: winter plan');
  });
  after(async () => bot?.stop());

  it('the secretary preparing the Central board’s meeting sees Central’s and Lancashire-wide actions, not North’s', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    const seen = cardText(form);
    expect(seen).to.contain('Central: open the Preston hub');
    expect(seen).to.contain('Lancashire-wide: winter plan');
    expect(seen).not.to.contain('North: Morecambe outreach');
  });

  it('the secretary preparing the place board’s meeting sees the whole place, as before', async () => {
    const [form] = await bot.say('prepare meeting Lancashire Place Partnership Board', { from: SAM });
    const seen = cardText(form);
    for (const line of ['Central: open the Preston hub', 'North: Morecambe outreach', 'Lancashire-wide: winter plan'])
      expect(seen).to.contain(line);
  });

  it('bad input: a chair of the place who does not chair the forum is refused "Close agreed actions" at its meeting', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: SAM });
    const data = actionData(form, 'meeting.create');
    const made = await bot.click(
      'meeting.create',
      { ...data, board: 'Central Lancashire Partnership Board', date: '2026-04-09' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(made))?.[1];
    expect(ref).to.be.a('string');
    const stored = (await bot.runtime.records.get('meeting', ref!))!;
    const card = await bot.click(
      'meeting.closeAgreed',
      { ref: ref!, etag: stored.etag, agreed: 'LAN-A-0001', batchDecision: 'Agreed' },
      { from: HELEN },
    );
    expect(cardText(card)).to.contain('Only a chair of this forum or a place admin');
  });
});

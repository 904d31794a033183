// At a forum's meeting, only its chairs and the place's admins close actions and ratify chair's
// actions, also from an item's own panel on the meeting card: a forged click (the card data names the
// meeting) by a chair of the place who does not chair the forum is refused by the meeting's rule
// (records/meetingDeciders.ts), not just the item's own rule (which accepts any chair of the place).
// Through the real bot on Table Storage in memory.
import { expect } from 'chai';
import { applyActionCommand, createAction } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { createForum } from '../../../records/forum.js';
import { createMeeting } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { signOffDraft } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: a forum’s chairs decide at its meeting, item by item (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-04-09T10:00:00Z');
  const today = londonToday(now);
  let action = { ref: '', etag: '' };
  let chairsAction = { ref: '', etag: '' };
  let meeting = '';

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HELEN, ALEX] });
    // Helen chairs Lancashire (the place) but not the Central board, which Ruth chairs.
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [RUTH, HELEN], admins: [SAM] });
    const forum = await bot.runtime.records.create('forum', 'LAN', (ref) =>
      createForum(
        {
          place: 'LAN',
          name: 'Central Lancashire Partnership Board',
          locality: 'Central',
          chairs: [{ ...RUTH, title: 'Independent Chair' }],
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '09:30',
          reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
        },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!forum.ok) throw new Error(forum.refusal.message);
    const created = await bot.runtime.records.create('action', 'LAN', (ref) =>
      createAction(
        { place: 'LAN', locality: 'Central', description: 'Open the Preston hub', owner: SAM, dueDate: addDays(today, 20), links: {} },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    const proposed = await bot.runtime.records.update(
      'action',
      created.stored,
      applyActionCommand(created.stored.record, ADMIN, { type: 'proposeClosure', note: 'Open.' }, now),
    );
    if (!proposed.ok) throw new Error(proposed.refusal.message);
    action = { ref: proposed.stored.record.ref, etag: proposed.stored.etag };
    const asked = await bot.runtime.records.create('signoff', 'LAN', (ref) =>
      createSignOff(
        signOffDraft({
          place: 'LAN',
          board: 'Central',
          route: 'chairs-action',
          approvers: [ALEX],
          dueBy: addDays(today, 7),
          expiresOn: addDays(today, 7),
        }),
        ref,
        ADMIN,
        now,
      ),
    );
    if (!asked.ok) throw new Error(asked.refusal.message);
    const approved = await bot.runtime.records.update(
      'signoff',
      asked.stored,
      applySignOffCommand(asked.stored.record, { ...ALEX, roles: ['chair'] }, { type: 'approve' }, now),
    );
    if (!approved.ok) throw new Error(approved.refusal.message);
    chairsAction = { ref: approved.stored.record.ref, etag: approved.stored.etag };
    const m = await bot.runtime.records.create('meeting', 'LAN', (ref) =>
      createMeeting(
        {
          place: 'LAN',
          locality: 'Central',
          forumRef: forum.stored.record.ref,
          board: 'Central Lancashire Partnership Board',
          date: today,
          agenda: [
            { section: 'proposedForClosure', ref: action.ref, title: 'Open the Preston hub' },
            { section: 'ratification', ref: chairsAction.ref, title: 'Chair’s action' },
          ],
        },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!m.ok) throw new Error(m.refusal.message);
    meeting = m.stored.record.ref;
  });
  after(async () => bot?.stop());

  it('bad input: a forged Close from the action’s panel by a chair of the place, not of the forum, is refused on the card; the action stays proposed for closure', async () => {
    const card = await bot.click(
      'meeting.closeAction',
      { from: 'list', ref: action.ref, etag: action.etag, meetingRef: meeting, [`${action.ref}.decision`]: 'Agreed by me.' },
      { from: HELEN },
    );
    expect(cardText(card)).to.contain('Only a chair of this forum or a place admin').and.contain(meeting);
    expect((await bot.runtime.records.get('action', action.ref))!.record.status).to.equal('PROPOSED_FOR_CLOSURE');
    expect((await bot.runtime.records.history('action', action.ref)).map((e) => e.command)).not.to.include('close');
  });

  it('bad input: a forged Ratify from the chair’s action’s panel by that same place chair is refused and audited; it still awaits ratification', async () => {
    const card = await bot.click(
      'meeting.ratify',
      { from: 'list', ref: chairsAction.ref, etag: chairsAction.etag, meetingRef: meeting, [`${chairsAction.ref}.ratifyComment`]: 'Fine.' },
      { from: HELEN },
    );
    expect(cardText(card)).to.contain('Only a chair of this forum or a place admin');
    expect((await bot.runtime.records.get('signoff', chairsAction.ref))!.record.status).to.equal('AWAITING_RATIFICATION');
    const refused = (await bot.runtime.records.history('signoff', chairsAction.ref)).filter((e) => e.actor.id === HELEN.id);
    expect(refused, 'the refusal is audited').to.have.length(1);
  });

  it('the forum’s own chair closes the action and ratifies the chair’s action from the same panels', async () => {
    const closed = await bot.click(
      'meeting.closeAction',
      { from: 'list', ref: action.ref, etag: action.etag, meetingRef: meeting, [`${action.ref}.decision`]: 'Agreed: the hub is open.' },
      { from: RUTH },
    );
    expect(cardText(closed)).to.contain(`${action.ref}: Closed at this meeting.`);
    const ratified = await bot.click(
      'meeting.ratify',
      { from: 'list', ref: chairsAction.ref, etag: chairsAction.etag, meetingRef: meeting, [`${chairsAction.ref}.ratifyComment`]: '' },
      { from: RUTH },
    );
    expect(cardText(ratified)).to.contain(`${chairsAction.ref}: Ratified at this meeting.`);
    expect((await bot.runtime.records.get('signoff', chairsAction.ref))!.record.status).to.equal('RATIFIED');
  });
});

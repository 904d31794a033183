// Verbs on the meeting card name a second record: the meeting (`meetingRef`). A forged one — a
// meeting of a place the speaker may not see, or one the item is not on — gets "That card is out
// of date" with nothing of that meeting, and nothing changes (issue 27, finding 1).
import { expect } from 'chai';
import { applyActionCommand, createAction } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import type { PlaceCode } from '../../../records/places.js';
import { createSignOff } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { signOffDraft } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
/** A guest, chair of South Cumbria, in South Cumbria's channel only. */
const GUEST: Sender = { id: 'aad-guest-vic', name: 'Vic Guest', teamsId: '29:guest-vic', guest: true };
const SC_CHANNEL = '19:sc-partnership@thread.tacv2';
const BPL_CHANNEL = '19:bpl-partnership@thread.tacv2';
const SECRET = 'Blackpool secret decision about the estates deal';

describe('A meeting named by a card is checked, never trusted (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = londonToday(now);
  const secretary = (_place: PlaceCode): Actor => ({ ...SAM, roles: ['admin'] });

  async function proposed(place: PlaceCode): Promise<{ ref: string; etag: string }> {
    const c = await bot.runtime.records.create('action', place, (ref) =>
      createAction(
        { place, description: `Deliver the ${place} plan`, owner: { id: SAM.id, name: SAM.name }, dueDate: addDays(today, 20), links: {} },
        ref,
        secretary(place),
        now,
      ),
    );
    if (!c.ok) throw new Error(c.refusal.message);
    const p = applyActionCommand(c.stored.record, secretary(place), { type: 'proposeClosure', note: 'Delivered.' }, now);
    if (!p.ok) throw new Error(p.refusal.message);
    const u = await bot.runtime.records.update('action', c.stored, p);
    if (!u.ok) throw new Error(u.refusal.message);
    return { ref: u.stored.record.ref, etag: u.stored.etag };
  }

  async function chairsAction(place: PlaceCode, approver: Sender): Promise<{ ref: string; etag: string }> {
    const c = await bot.runtime.records.create('signoff', place, (ref) =>
      createSignOff(
        signOffDraft({
          place,
          board: `${place} board`,
          route: 'chairs-action',
          approvers: [{ id: approver.id, name: approver.name }],
          dueBy: addDays(today, 7),
          expiresOn: addDays(today, 7),
        }),
        ref,
        secretary(place),
        now,
      ),
    );
    if (!c.ok) throw new Error(c.refusal.message);
    const a = applySignOffCommand(c.stored.record, { ...approver, roles: ['chair'] }, { type: 'approve' }, now);
    if (!a.ok) throw new Error(a.refusal.message);
    const u = await bot.runtime.records.update('signoff', c.stored, a);
    if (!u.ok) throw new Error(u.refusal.message);
    return { ref: u.stored.record.ref, etag: u.stored.etag };
  }

  async function meeting(place: PlaceCode, agenda: { section: 'proposedForClosure' | 'ratification'; ref: string }[]): Promise<string> {
    const c = await bot.runtime.records.create('meeting', place, (ref) =>
      createMeeting(
        {
          place,
          board: `${place === 'BPL' ? 'Blackpool' : 'South Cumbria'} Place Partnership Board`,
          date: today,
          agenda: agenda.map((a) => ({ ...a, title: `Item ${a.ref}` })),
        },
        ref,
        secretary(place),
        now,
      ),
    );
    if (!c.ok) throw new Error(c.refusal.message);
    // A key decision on the meeting: what a forged verb must never show.
    const d = applyMeetingCommand(c.stored.record, secretary(place), { type: 'addDecision', text: SECRET }, now);
    const u = await bot.runtime.records.update('meeting', c.stored, d);
    if (!u.ok) throw new Error(u.refusal.message);
    return c.stored.record.ref;
  }

  let bplAction: { ref: string; etag: string };
  let bplSignOff: { ref: string; etag: string };
  let scAction: { ref: string; etag: string };
  let scAction2: { ref: string; etag: string };
  let scSignOff: { ref: string; etag: string };
  let bplMeeting: string;
  let scMeeting: string;

  before(async () => {
    bot = await BotHarness.start({
      clock: () => now,
      env: { ALLOWED_TENANT_IDS: 'tenant-1' },
      members: [SAM, HELEN],
      conversationMembers: { [SC_CHANNEL]: [GUEST, SAM], [BPL_CHANNEL]: [SAM, HELEN] },
    });
    await bot.runtime.places.put({
      place: 'SC',
      displayName: 'South Cumbria',
      chairs: [{ id: GUEST.id, name: GUEST.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
      channels: [{ id: SC_CHANNEL, name: 'SC Partnership' }],
    });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: HELEN.id, name: HELEN.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
      channels: [{ id: BPL_CHANNEL, name: 'BPL Partnership' }],
    });
    bplAction = await proposed('BPL');
    bplSignOff = await chairsAction('BPL', HELEN);
    scAction = await proposed('SC');
    scAction2 = await proposed('SC');
    scSignOff = await chairsAction('SC', HELEN);
    bplMeeting = await meeting('BPL', [
      { section: 'proposedForClosure', ref: bplAction.ref },
      { section: 'ratification', ref: bplSignOff.ref },
    ]);
    scMeeting = await meeting('SC', [
      { section: 'proposedForClosure', ref: scAction.ref },
      { section: 'ratification', ref: scSignOff.ref },
    ]);
  });
  after(async () => bot?.stop());

  const outOfDate = (card: unknown, what: string) => {
    const text = cardText(card);
    expect(text, what).to.contain('That card is out of date');
    expect(text, what).to.not.contain(SECRET).and.not.contain('Blackpool').and.not.contain(bplMeeting);
  };

  it("a guest closing their own place's action “at” another place's meeting gets “out of date”, sees nothing of that meeting, and the action stays open", async () => {
    for (const [verb, extra] of [
      ['meeting.closeAction', { [`${scAction.ref}.decision`]: 'Agreed.', [`${scAction.ref}.weDid`]: 'Done.' }],
      ['meeting.declineClosure', { [`${scAction.ref}.declineReason`]: 'Not yet.' }],
    ] as const) {
      const card = await bot.click(
        verb,
        { from: 'list', ref: scAction.ref, etag: scAction.etag, meetingRef: bplMeeting, ...extra },
        { from: GUEST },
      );
      outOfDate(card, verb);
    }
    expect((await bot.runtime.records.get('action', scAction.ref))!.record.status).to.equal('PROPOSED_FOR_CLOSURE');
  });

  it("a guest ratifying or not ratifying their place's chair's action “at” another place's meeting gets “out of date”, and nothing is ratified", async () => {
    for (const [verb, extra] of [
      ['meeting.ratify', { [`${scSignOff.ref}.ratifyComment`]: 'Fine.' }],
      ['meeting.notRatify', { [`${scSignOff.ref}.notRatifyReason`]: 'No.' }],
    ] as const) {
      const card = await bot.click(
        verb,
        { from: 'list', ref: scSignOff.ref, etag: scSignOff.etag, meetingRef: bplMeeting, ...extra },
        { from: SAM },
      );
      outOfDate(card, verb);
    }
    expect((await bot.runtime.records.get('signoff', scSignOff.ref))!.record.status).to.equal('AWAITING_RATIFICATION');
  });

  it('a guest naming a Blackpool meeting with a Blackpool item they cannot see gets “out of date”, never the meeting card', async () => {
    const card = await bot.click(
      'meeting.closeAction',
      { ref: bplAction.ref, etag: bplAction.etag, meetingRef: bplMeeting, [`${bplAction.ref}.decision`]: 'x' },
      { from: GUEST },
    );
    outOfDate(card, 'closeAction on a hidden meeting');
    const ratify = await bot.click(
      'meeting.ratify',
      { ref: bplSignOff.ref, etag: bplSignOff.etag, meetingRef: bplMeeting },
      { from: GUEST },
    );
    outOfDate(ratify, 'ratify on a hidden meeting');
  });

  it("an action that is not on the named meeting's agenda (same place) is not closed “at” it: “out of date”", async () => {
    const card = await bot.click(
      'meeting.closeAction',
      {
        from: 'list',
        ref: scAction2.ref,
        etag: scAction2.etag,
        meetingRef: scMeeting,
        [`${scAction2.ref}.decision`]: 'Agreed.',
        [`${scAction2.ref}.weDid`]: 'Done.',
      },
      { from: GUEST },
    );
    expect(cardText(card)).to.contain('That card is out of date');
    expect((await bot.runtime.records.get('action', scAction2.ref))!.record.status).to.equal('PROPOSED_FOR_CLOSURE');
  });

  it('the same verbs with the real meeting still work: the guest chair closes their action at their own meeting', async () => {
    const card = await bot.click(
      'meeting.closeAction',
      {
        from: 'list',
        ref: scAction.ref,
        etag: scAction.etag,
        meetingRef: scMeeting,
        [`${scAction.ref}.decision`]: 'Agreed.',
        [`${scAction.ref}.weDid`]: 'Done.',
      },
      { from: GUEST },
    );
    expect(cardText(card), cardText(card)).to.contain(`${scAction.ref}: Closed at this meeting.`);
    const a = await bot.runtime.records.get('action', scAction.ref);
    expect(a!.record.closure?.meetingRef).to.equal(scMeeting);
  });
});

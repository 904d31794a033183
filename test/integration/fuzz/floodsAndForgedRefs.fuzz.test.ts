// The abuse run's floods and forged second refs, kept: through the real local host to the real bot
// on Azurite, seeded as the generated-activities run is (support.ts). Forged second refs: the
// meeting verbs naming a meeting of another place, or one not holding the item, fuzzed with a fixed
// seed: never a 5xx, never that meeting shown, nothing changed. Floods: valid creates by one person
// in one place, and refused changes by one person on one action, answered with the rate line.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, londonToday } from '../../../records/dates.js';
import type { Actor } from '../../../records/people.js';
import { parseRef } from '../../../records/refs.js';
import { applyActionCommand, createAction } from '../../../records/action.js';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import { ALEX, BotHarness, invokeActivity } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { CARRIED, CHAIR, fuzzClock, GENERIC, MEMBERS, seed, sender, STRANGER, type Live } from './support.js';

describe('Fuzz: floods and forged second refs through the local host to the bot on Azurite', function () {
  this.timeout(600_000);
  let bot: BotHarness;
  const { time, clock } = fuzzClock();
  const live: Live = { refs: [], etags: new Map(), fields: [...CARRIED] };

  before(async () => {
    bot = await BotHarness.start({ clock, members: MEMBERS });
    await seed(bot, clock, live);
  });
  after(async () => {
    await bot?.stop();
  });

  it('a flood of valid creates by one person in one place saves 30 and answers the rest with one line, keeping the form', async () => {
    const before = (await bot.runtime.records.listByPlace('action', 'SC')).length;
    const answers: string[] = [];
    for (let i = 0; i < 35; i++) {
      const card = await bot.click(
        'action.create',
        {
          place: 'SC',
          description: `Flood ${i}`,
          owner: STRANGER.id,
          dueDate: addDays(londonToday(clock()), 20),
          people: [STRANGER],
          formId: randomUUID(),
        },
        { from: STRANGER },
      );
      answers.push(cardText(card));
    }
    // The clock moves 1 s a reading, so all 35 fall in one ten-minute window.
    expect(answers.filter((t) => /Action SC-A-\d{4} logged/.test(t))).to.have.length(30);
    expect(answers.filter((t) => t.includes('You have created 30 records in South Cumbria'))).to.have.length(5);
    expect((await bot.runtime.records.listByPlace('action', 'SC')).length - before).to.equal(30);
  });

  it('forged second refs: meeting.closeAction / declineClosure / ratify / notRatify naming a meeting of another place, or one not holding the item, never answer 5xx, never show that meeting, and change nothing', async () => {
    const SECRET = 'Fuzz secret decision about the Blackpool estate';
    const admin = (_place: 'BPL' | 'SC'): Actor => ({ id: CHAIR.id, name: CHAIR.name, roles: ['admin', 'chair'] });
    const at = clock();
    const proposedIn = async (place: 'BPL' | 'SC') => {
      const c = await bot.runtime.records.create('action', place, (ref) =>
        createAction(
          {
            place,
            description: `Second-ref fuzz ${place}`,
            owner: { id: ALEX.id, name: ALEX.name },
            dueDate: addDays(londonToday(at), 20),
            links: {},
          },
          ref,
          admin(place),
          clock(),
        ),
      );
      if (!c.ok) throw new Error(c.refusal.message);
      const u = await bot.runtime.records.update(
        'action',
        c.stored,
        applyActionCommand(c.stored.record, admin(place), { type: 'proposeClosure', note: 'Delivered.' }, clock()),
      );
      if (!u.ok) throw new Error(u.refusal.message);
      return u.stored.record.ref;
    };
    const meetingIn = async (place: 'BPL' | 'SC', agendaRef: string) => {
      const c = await bot.runtime.records.create('meeting', place, (ref) =>
        createMeeting(
          {
            place,
            board: `${place} board`,
            date: londonToday(at),
            agenda: [{ section: 'proposedForClosure', ref: agendaRef, title: `Item ${agendaRef}` }],
          },
          ref,
          admin(place),
          clock(),
        ),
      );
      if (!c.ok) throw new Error(c.refusal.message);
      const u = await bot.runtime.records.update(
        'meeting',
        c.stored,
        applyMeetingCommand(c.stored.record, admin(place), { type: 'addDecision', text: SECRET }, clock()),
      );
      if (!u.ok) throw new Error(u.refusal.message);
      return c.stored.record.ref;
    };
    const bplItem = await proposedIn('BPL');
    const scItem = await proposedIn('SC');
    const bplMeeting = await meetingIn('BPL', bplItem);
    const scMeetingWithout = await meetingIn('SC', bplItem); // holds no SC item
    const items = [scItem, bplItem, ...live.refs.filter((r) => r.includes('-S-'))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('meeting.closeAction', 'meeting.declineClosure', 'meeting.ratify', 'meeting.notRatify'),
        fc.constantFrom(...items),
        fc.constantFrom(bplMeeting, scMeetingWithout, 'SC-M-9999', 'BPL-M-0000', `${bplMeeting} `, 'x'.repeat(300)),
        sender,
        async (verb, ref, meetingRef, from) => {
          // The item's real ETag (a stale one is easier still): only the meeting is forged.
          const etag = (await bot.runtime.records.get(parseRef(ref)!.kind, ref))?.etag ?? '';
          const data = {
            from: 'list',
            ref,
            etag,
            meetingRef,
            [`${ref}.decision`]: 'Agreed.',
            [`${ref}.weDid`]: 'Done.',
            [`${ref}.declineReason`]: 'Not yet.',
            ratifyComment: 'Noted.',
          };
          const { status, body } = await bot.post(invokeActivity(bot.serviceUrl, verb, data, { from }));
          expect(status, `${verb} ${ref} @ ${meetingRef}`).to.be.below(500);
          const text = JSON.stringify(body);
          expect(text).to.not.match(GENERIC);
          // Only the meeting that truly holds the item, in its place, may be drawn: never the secret of a forged one.
          if (!(meetingRef === bplMeeting && ref === bplItem)) expect(text, `${verb} ${ref} @ ${meetingRef}`).to.not.contain(SECRET);
        },
      ),
      { seed: 20261207, numRuns: 40, endOnFailure: true },
    );
    // The SC item was never closed or declined at a meeting that does not hold it.
    const sc = (await bot.runtime.records.get('action', scItem))!.record;
    expect(sc.status).to.equal('PROPOSED_FOR_CLOSURE');
  });

  it('a change flood: 130 refused changes by one person on one action in one place; after 120 each is answered with the rate line, and nothing is saved', async () => {
    const at = clock();
    const owner: Actor = { id: ALEX.id, name: ALEX.name, roles: [] };
    const c = await bot.runtime.records.create('action', 'LAN', (ref) =>
      createAction(
        {
          place: 'LAN',
          description: 'Change flood target',
          owner: { id: ALEX.id, name: ALEX.name },
          dueDate: addDays(londonToday(at), 20),
          links: {},
        },
        ref,
        owner,
        at,
      ),
    );
    if (!c.ok) throw new Error(c.refusal.message);
    const ref = c.stored.record.ref;
    const answers: string[] = [];
    time.step = 10;
    for (let i = 0; i < 130; i++) {
      const etag = (await bot.runtime.records.get('action', ref))!.etag;
      const { status, body } = await bot.post(
        invokeActivity(bot.serviceUrl, 'action.addUpdate', { ref, etag, updateText: `Flood ${i} ${'x'.repeat(1900)}` }, { from: STRANGER }),
      );
      expect(status).to.be.below(500);
      answers.push(cardText((body as { value?: unknown }).value ?? body));
    }
    time.step = 1000;
    time.tick += 11 * 60_000; // past the window, for what follows
    const limited = answers.map((t) => t.includes('the most one person can'));
    expect(limited.slice(0, 100).filter(Boolean)).to.have.length(0);
    expect(limited.slice(120).every(Boolean)).to.equal(true);
    expect((await bot.runtime.records.get('action', ref))!.record.updates).to.deep.equal([]);
  });
});

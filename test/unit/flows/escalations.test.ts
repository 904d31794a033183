// Escalations go somewhere and come back, through the real bot on Table Storage in memory:
// "escalations Blackpool" lists what each forum sent, where, when and whether acknowledged; the
// person named to receive for a reporting line (or a place admin) acknowledges from the card with
// a note. Bad input: an empty or 100 KB note, a forged matter or meeting ref, a matter already
// acknowledged, someone else's line, two people at once. The digest names those waiting 14 days.
import { expect } from 'chai';
import { composeDigest } from '../../../records/digest.js';
import { gatherDigestSources } from '../../../records/digestSources.js';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import { applyMeetingCommand, createMeeting, type MeetingCommand } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import type { PlaceCode } from '../../../records/places.js';
import { weekOf } from '../../../records/schedule.js';
import { actionData } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // admin of Blackpool
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' }; // chair of Blackpool, named on no line
const HANA: Sender = { id: 'aad-hana', name: 'Hana Officer' }; // receives for the Health and Wellbeing Board
const IAN: Sender = { id: 'aad-ian', name: 'Ian Secretary' }; // receives for the ICB Board
const TOM: Sender = { id: 'aad-tom', name: 'Tom Chair' }; // chair and admin of South Cumbria
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const TOM_ADMIN: Actor = { ...TOM, roles: ['admin'] };

const HWB_NOTE = 'Received: on the Health and Wellbeing Board agenda for 3 December.';

/** The Acknowledge buttons on a card: the data of each, by the matter it names. */
function ackButtons(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.Execute' && v.verb === 'meeting.acknowledgeMatter') found.push(v.data);
    return v;
  });
  return found;
}

describe('Flows in-process: escalations go somewhere and come back (bot + in-memory table)', function () {
  let bot: FlowHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  let bpl = '';
  let sc = '';

  async function meetingWithMatters(place: PlaceCode, forumRef: string, draft: ForumDraft, by: Actor, matters: MeetingCommand[]) {
    const made = await bot.runtime.records.create('meeting', place, (ref) =>
      createMeeting(
        { place, forumRef, reportingLines: draft.reportingLines, board: draft.name, date: '2026-11-19', agenda: [] },
        ref,
        by,
        now,
      ),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    let stored = made.stored;
    for (const command of matters) {
      const done = await bot.runtime.records.update('meeting', stored, applyMeetingCommand(stored.record, by, command, now));
      if (!done.ok) throw new Error(done.refusal.message);
      stored = done.stored;
    }
    return stored.record.ref;
  }

  const boardDraft: ForumDraft = {
    place: 'BPL',
    name: 'Blackpool Place Partnership Board',
    chairs: [{ ...RUTH, title: 'Chair, Blackpool Place Partnership' }],
    rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
    startTime: '14:00',
    reportingLines: [
      { to: 'icb-board', name: 'ICB Board', receiver: IAN },
      { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: HANA },
    ],
  };
  const scDraft: ForumDraft = {
    ...boardDraft,
    place: 'SC',
    name: 'South Cumbria Place Partnership Board',
    chairs: [{ ...TOM, title: 'Chair' }],
    reportingLines: [{ to: 'council-team', name: 'Westmorland and Furness Council management team', receiver: TOM }],
  };

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH, HANA, IAN, TOM] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [RUTH], admins: [SAM] });
    await bot.runtime.places.put({ place: 'SC', displayName: 'South Cumbria', chairs: [TOM], admins: [TOM] });
    const forum = await bot.runtime.records.create('forum', 'BPL', (ref) => createForum(boardDraft, ref, ADMIN, now));
    const scForum = await bot.runtime.records.create('forum', 'SC', (ref) => createForum(scDraft, ref, TOM_ADMIN, now));
    if (!forum.ok || !scForum.ok) throw new Error('forums not added');
    bpl = await meetingWithMatters('BPL', forum.stored.record.ref, boardDraft, ADMIN, [
      { type: 'addMatter', text: 'Winter capacity needs ICB funding.', to: 'line:0' },
      { type: 'addMatter', text: 'Healthy weight plan needs the HWB’s support.', to: 'line:1' },
      { type: 'addMatter', text: 'Estates risk for the corporate register.', to: 'icb-corporate-register' },
    ]);
    sc = await meetingWithMatters('SC', scForum.stored.record.ref, scDraft, TOM_ADMIN, [
      { type: 'addMatter', text: 'Discharge delays for the council.', to: 'line:0' },
    ]);
  });
  after(async () => bot?.stop());

  const history = async (ref: string) => (await bot.runtime.records.history('meeting', ref)).map((e) => e.command);
  const listFor = async (who: Sender) => (await bot.say('escalations Blackpool', { from: who }))[0]!;
  const ackOf = (card: unknown, matter: number) => ackButtons(card).find((d) => d.matter === matter);

  it('"escalations Blackpool": per forum, what it sent, where (and who receives), when, and not acknowledged yet', async () => {
    const text = cardText(await listFor(RUTH));
    expect(text).to.contain('Escalations from Blackpool').and.contain('3 matters sent, 3 not acknowledged');
    expect(text).to.contain('Blackpool Place Partnership Board');
    expect(text).to.contain('Healthy weight plan needs the HWB’s support.');
    expect(text).to.contain(
      `To Blackpool Health and Wellbeing Board (received by Hana Officer) · from the meeting of Thu 19 Nov 2026 (${bpl})`,
    );
    expect(text).to.contain('To ICB corporate risk register').and.contain('Not acknowledged yet.');
    expect(text).not.to.contain('Discharge delays');
  });

  it('the Acknowledge button is offered to whoever may: the named person for that line only, every matter to a place admin, none to a chair named nowhere', async () => {
    expect(ackButtons(await listFor(HANA)).map((d) => d.matter)).to.deep.equal([1]);
    expect(ackButtons(await listFor(IAN)).map((d) => d.matter)).to.deep.equal([0]);
    expect(ackButtons(await listFor(SAM)).map((d) => d.matter)).to.deep.equal([0, 1, 2]);
    expect(ackButtons(await listFor(RUTH))).to.deep.equal([]);
  });

  it('bad input: an empty note is refused on the card, nothing written', async () => {
    const data = ackOf(await listFor(HANA), 1)!;
    const card = await bot.click('meeting.acknowledgeMatter', { ...data, [`ackNote.${bpl}.1`]: '  ' }, { from: HANA });
    expect(cardText(card)).to.contain('Acknowledgement note is required.');
    expect(await history(bpl)).not.to.include('acknowledgeMatter');
  });

  it('bad input: a 100 KB note is refused, the first 2,000 characters kept in the box, nothing written', async () => {
    const data = ackOf(await listFor(HANA), 1)!;
    const card = await bot.click('meeting.acknowledgeMatter', { ...data, [`ackNote.${bpl}.1`]: 'x'.repeat(100_000) }, { from: HANA });
    expect(cardText(card)).to.contain(
      'Acknowledgement note must be 2,000 characters or fewer. Your note was longer than 2,000 characters: the first ones are kept below.',
    );
    expect(String(findInput(card, `ackNote.${bpl}.1`)?.value)).to.have.length(2000);
    expect(await history(bpl)).not.to.include('acknowledgeMatter');
  });

  it('bad input: acknowledging someone else’s line (forged card data) is refused with who may, and the attempt audited', async () => {
    const data = ackOf(await listFor(HANA), 1)!;
    const card = await bot.click('meeting.acknowledgeMatter', { ...data, matter: 0, [`ackNote.${bpl}.0`]: 'Seen.' }, { from: HANA });
    expect(cardText(card)).to.contain(
      'Only Ian Secretary, named to receive for ICB Board, or an admin of Blackpool can acknowledge that matter.',
    );
    const trail = await bot.runtime.records.history('meeting', bpl);
    expect(trail.at(-1)).to.deep.include({ command: 'refused:acknowledgeMatter', actor: { id: HANA.id, name: HANA.name } });
  });

  it('bad input: a forged matter index (beyond the list, not a number) is refused with a clear line, nothing written', async () => {
    const data = ackOf(await listFor(SAM), 0)!;
    for (const matter of [7, 'abc']) {
      const card = await bot.click('meeting.acknowledgeMatter', { ...data, matter, [`ackNote.${bpl}.${matter}`]: 'Seen.' }, { from: SAM });
      expect(cardText(card)).to.match(/That matter is not on (BPL-M-0001|this meeting): open the escalations again\./);
    }
    expect(await history(bpl)).not.to.include('acknowledgeMatter');
  });

  it('bad input: a forged meeting ref — another place’s meeting — is refused to a chair of this place and audited; one that does not exist is "no meeting"', async () => {
    const list = await bot.say('escalations South Cumbria', { from: TOM });
    const scEtag = ackButtons(list[0])[0]!.etag;
    const card = await bot.click(
      'meeting.acknowledgeMatter',
      { ref: sc, etag: scEtag, matter: 0, place: 'BPL', [`ackNote.${sc}.0`]: 'Seen.' },
      { from: RUTH },
    );
    expect(cardText(card)).to.contain('or an admin of South Cumbria can acknowledge that matter');
    expect(await history(sc))
      .to.include('refused:acknowledgeMatter')
      .and.not.include('acknowledgeMatter');
    const none = await bot.click('meeting.acknowledgeMatter', { ref: 'BPL-M-9999', etag: 'x', matter: 0 }, { from: SAM });
    expect(cardText(none)).to.contain('No meeting BPL-M-9999');
  });

  it('the named person acknowledges with a note: the card shows by whom, when and the note; stored once and audited', async () => {
    const data = ackOf(await listFor(HANA), 1)!;
    const card = await bot.click('meeting.acknowledgeMatter', { ...data, [`ackNote.${bpl}.1`]: HWB_NOTE }, { from: HANA });
    const text = cardText(card);
    expect(text).to.contain('Acknowledged: your note is on the matter');
    expect(text).to.contain(`Acknowledged by Hana Officer on Mon 23 Nov 2026: ${HWB_NOTE}`);
    expect(ackButtons(card)).to.deep.equal([]);
    const stored = (await bot.runtime.records.get('meeting', bpl))!.record;
    expect(stored.matters[1]!.acknowledged).to.deep.include({ note: HWB_NOTE, by: { id: HANA.id, name: HANA.name } });
    expect((await history(bpl)).filter((c) => c === 'acknowledgeMatter')).to.have.length(1);
  });

  it('bad input: a matter already acknowledged is not acknowledged again: the card says by whom', async () => {
    const card = await listFor(SAM);
    const etag = ackOf(card, 0)!.etag;
    const again = await bot.click(
      'meeting.acknowledgeMatter',
      { ref: bpl, etag, matter: 1, place: 'BPL', [`ackNote.${bpl}.1`]: 'Me too.' },
      { from: SAM },
    );
    expect(cardText(again)).to.contain('Not saved: that matter is already acknowledged. Acknowledged by Hana Officer');
    expect((await history(bpl)).filter((c) => c === 'acknowledgeMatter')).to.have.length(1);
  });

  it('two people acknowledging at once: one wins, the other is told by whom, with their note not written', async () => {
    const [ians, sams] = [await listFor(IAN), await listFor(SAM)];
    const first = await bot.click(
      'meeting.acknowledgeMatter',
      { ...ackOf(ians, 0)!, [`ackNote.${bpl}.0`]: 'For the ICB Board in January.' },
      { from: IAN },
    );
    expect(cardText(first)).to.contain('Acknowledged by Ian Secretary');
    const second = await bot.click(
      'meeting.acknowledgeMatter',
      { ...ackOf(sams, 0)!, [`ackNote.${bpl}.0`]: 'Noted by the secretary.' },
      { from: SAM },
    );
    expect(cardText(second)).to.contain('Not saved: that matter is already acknowledged. Acknowledged by Ian Secretary');
    const stored = (await bot.runtime.records.get('meeting', bpl))!.record;
    expect(stored.matters[0]!.acknowledged?.note).to.equal('For the ICB Board in January.');
    expect((await history(bpl)).filter((c) => c === 'acknowledgeMatter')).to.have.length(2);
  });

  it('the meeting card shows who acknowledged and opens the escalations', async () => {
    const card = await bot.click('meeting.view', { ref: bpl }, { from: SAM });
    expect(cardText(card)).to.contain('(escalated to the Blackpool Health and Wellbeing Board). Acknowledged by Hana Officer.');
    const list = await bot.click('escalations.show', actionData(card, 'escalations.show'), { from: SAM });
    expect(cardText(list)).to.contain('3 matters sent, 1 not acknowledged');
  });

  it('the weekly digest names the matter not acknowledged after 14 days, and not before', async () => {
    const settings = { place: 'BPL' as const, displayName: 'Blackpool', escalationThreshold: 15 };
    const digestAt = async (at: Date) =>
      composeDigest(await gatherDigestSources(bot.runtime.records, settings, {}, weekOf(at), at)).sections.find(
        (s) => s.id === 'mattersUnacknowledged',
      );
    expect(await digestAt(new Date('2026-11-30T09:00:00Z'))).to.equal(undefined);
    const section = (await digestAt(new Date('2026-12-14T09:00:00Z')))!;
    expect(section.heading).to.equal('Matters escalated and not acknowledged after 14 days');
    expect(section.groups.flatMap((g) => g.items.map((i) => i.title))).to.deep.equal(['Estates risk for the corporate register.']);
  });
});

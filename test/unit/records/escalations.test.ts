// Matters for escalation come back: who may acknowledge one is a relation between people — the
// person a forum's reporting line names to receive for it, or an admin of the meeting's place;
// not the receiver of another line, not a chair of another place, not someone named nowhere. One
// acknowledgement per matter, with a bounded note, audited; the list per forum and the digest's
// "not acknowledged after 14 days".
import { expect } from 'chai';
import { escalationsByForum, unacknowledgedDigestItems } from '../../../records/escalationList.js';
import { acknowledgeMatter, mayAcknowledge, refusedAcknowledgement } from '../../../records/escalations.js';
import type { Forum, ReportingLine } from '../../../records/forum.js';
import { applyMeetingCommand, createMeeting, type Meeting } from '../../../records/meeting.js';
import { forumDraftFrom } from '../../../records/forumInput.js';
import { actor, admin, days, NOW, ok } from './fixtures.js';

const officer = actor('u-hwb', 'Hana Officer');
const otherOfficer = actor('u-icb', 'Ian Secretary');
const chairElsewhere = actor('u-sc-chair', 'Cath Other', []); // a chair of South Cumbria: no role in Blackpool
const chairHere = actor('u-chair', 'Chris Chadwick', ['chair']);
const adminElsewhere = actor('u-sc-admin', 'Sue Admin', []); // an admin of South Cumbria: no role in Blackpool

const LINES: ReportingLine[] = [
  { to: 'icb-board', name: 'ICB Board', receiver: { id: otherOfficer.id, name: otherOfficer.name } },
  { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: { id: officer.id, name: officer.name } },
  { to: 'hosc', name: 'Overview and Scrutiny' },
];

/** A Blackpool meeting held a week ago, with a matter up each line and one to the ICB's corporate register. */
function meeting(): Meeting {
  const sent = days(-7);
  let m = ok(
    createMeeting(
      {
        place: 'BPL',
        forumRef: 'BPL-F-0001',
        reportingLines: LINES,
        board: 'Blackpool Place Partnership Board',
        date: '2026-11-16',
        agenda: [],
      },
      'BPL-M-0001',
      admin,
      sent,
    ),
  );
  for (const [text, to] of [
    ['Winter capacity needs ICB funding.', 'line:0'],
    ['Healthy weight plan needs the HWB’s support.', 'line:1'],
    ['Dental access for scrutiny.', 'line:2'],
    ['Estates risk to the corporate register.', 'icb-corporate-register'],
  ] as const)
    m = ok(applyMeetingCommand(m, admin, { type: 'addMatter', text, to }, sent));
  return m;
}

const ack = (matter: number, note = 'Received: on the HWB agenda for 3 December.') => ({
  type: 'acknowledgeMatter' as const,
  matter,
  note,
});

describe('records/escalations: acknowledging a matter for escalation', () => {
  it('the person named to receive for the line acknowledges it with a note: by whom, when, audited, nothing else changes', () => {
    const before = meeting();
    const t = applyMeetingCommand(before, officer, ack(1), NOW);
    expect(t.ok).to.equal(true);
    if (!t.ok) return;
    expect(t.record.matters[1]!.acknowledged).to.deep.equal({
      note: 'Received: on the HWB agenda for 3 December.',
      by: { id: officer.id, name: officer.name },
      at: NOW.toISOString(),
    });
    expect(t.record.matters.filter((m) => m.acknowledged)).to.have.length(1);
    expect(t.record.status).to.equal(before.status);
    expect(t.event).to.include({ command: 'acknowledgeMatter', ref: 'BPL-M-0001', place: 'BPL' });
    expect(t.event.actor).to.deep.equal({ id: officer.id, name: officer.name });
    expect(t.event.after).to.have.property('matters');
  });

  it('a place admin may acknowledge any matter of the place, one with no receiver too; so may it after key messages are published', () => {
    const m = meeting();
    expect(applyMeetingCommand(m, admin, ack(2), NOW).ok).to.equal(true);
    expect(applyMeetingCommand(m, admin, ack(3), NOW).ok).to.equal(true);
    expect(applyMeetingCommand({ ...m, status: 'PUBLISHED' }, officer, ack(1), NOW).ok).to.equal(true);
  });

  it('who may acknowledge is a relation between people: the named person of another line, a chair here or of another place, an admin of another place, someone named nowhere → refused', () => {
    const m = meeting();
    for (const who of [otherOfficer, chairHere, chairElsewhere, adminElsewhere, actor('u-nobody', 'No Body')]) {
      const t = applyMeetingCommand(m, who, ack(1), NOW);
      expect(t.ok, who.name).to.equal(false);
      if (t.ok) continue;
      expect(t.refusal.code).to.equal('WRONG_PERSON');
      expect(t.refusal.message).to.equal(
        'Only Hana Officer, named to receive for Blackpool Health and Wellbeing Board, or an admin of Blackpool can acknowledge that matter.',
      );
    }
    // And the other way round: the HWB's officer may not acknowledge what went to the ICB Board.
    expect(mayAcknowledge(m.matters[0]!, LINES, officer)).to.equal(false);
    expect(mayAcknowledge(m.matters[0]!, LINES, otherOfficer)).to.equal(true);
    const none = applyMeetingCommand(m, officer, ack(2), NOW);
    expect(!none.ok && none.refusal.message).to.equal(
      'Only an admin of Blackpool can acknowledge that matter: nobody is named to receive for where it went.',
    );
  });

  it('the forum’s lines as they are now decide: a receiver named since the meeting was prepared may acknowledge, the one replaced may not', () => {
    const m = meeting();
    const now: ReportingLine[] = [
      { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: { id: 'u-new', name: 'New Officer' } },
    ];
    expect(acknowledgeMatter(m, actor('u-new', 'New Officer'), { ...ack(1), lines: now }, NOW).ok).to.equal(true);
    expect(acknowledgeMatter(m, officer, { ...ack(1), lines: now }, NOW).ok).to.equal(false);
  });

  it('an empty note, a blank one and a 100 KB one are refused on the note, nothing written', () => {
    const m = meeting();
    for (const note of ['', '   ', 'x'.repeat(100_000)]) {
      const t = applyMeetingCommand(m, officer, ack(1, note), NOW);
      expect(t.ok).to.equal(false);
      if (t.ok) continue;
      expect(t.refusal.code).to.equal('INVALID_INPUT');
      expect(t.refusal.fieldErrors?.note).to.match(/Acknowledgement note/);
    }
  });

  it('a forged matter (not on the meeting, negative, not a whole number) is refused with a line saying so', () => {
    const m = meeting();
    const beyond = applyMeetingCommand(m, admin, ack(9), NOW);
    expect(!beyond.ok && beyond.refusal.message).to.equal('That matter is not on BPL-M-0001: open the escalations again.');
    for (const matter of [-1, 1.5, Number.NaN, 400]) {
      const t = applyMeetingCommand(m, admin, ack(matter), NOW);
      expect(t.ok, String(matter)).to.equal(false);
    }
  });

  it('a matter already acknowledged is not acknowledged twice: the refusal says by whom and when', () => {
    const once = ok(applyMeetingCommand(meeting(), officer, ack(1), NOW));
    const again = applyMeetingCommand(once, admin, ack(1, 'Me too.'), days(1));
    expect(again.ok).to.equal(false);
    if (again.ok) return;
    expect(again.refusal.code).to.equal('WRONG_STATE');
    expect(again.refusal.message).to.equal(
      'That matter was already acknowledged. Acknowledged by Hana Officer on Mon 23 Nov 2026: Received: on the HWB agenda for 3 December.',
    );
  });

  it('a refused acknowledgement is kept as an audit event that changes nothing', () => {
    const e = refusedAcknowledgement(meeting(), chairElsewhere, 1, 'Only …', NOW);
    expect(e).to.deep.include({ kind: 'meeting', ref: 'BPL-M-0001', command: 'refused:acknowledgeMatter', before: null });
    expect(e.after).to.deep.equal({ refused: 'acknowledgeMatter', matter: 1, reason: 'Only …' });
  });
});

describe('records/escalationList: what each forum sent, and what waits too long', () => {
  const forum = { ref: 'BPL-F-0001', place: 'BPL', name: 'Blackpool Place Partnership Board', reportingLines: LINES } as unknown as Forum;

  it('per forum: each matter, where it went (and who receives), its meeting’s date and ref, and whether acknowledged', () => {
    const m = ok(applyMeetingCommand(meeting(), officer, ack(1), NOW));
    const [group] = escalationsByForum([m], [forum], NOW);
    expect(group!.forum).to.equal('Blackpool Place Partnership Board');
    expect(group!.matters.map((x) => [x.where, x.receiver?.name, x.meetingRef, x.meetingDate, !!x.acknowledged])).to.deep.equal([
      ['ICB Board', 'Ian Secretary', 'BPL-M-0001', '2026-11-16', false],
      ['Blackpool Health and Wellbeing Board', 'Hana Officer', 'BPL-M-0001', '2026-11-16', true],
      ['Overview and Scrutiny', undefined, 'BPL-M-0001', '2026-11-16', false],
      ['ICB corporate risk register', undefined, 'BPL-M-0001', '2026-11-16', false],
    ]);
  });

  it('the digest names the matters not acknowledged after 14 days, not those acknowledged or younger', () => {
    const m = ok(applyMeetingCommand(meeting(), officer, ack(1), NOW));
    expect(unacknowledgedDigestItems([m], 'BPL', days(6))).to.deep.equal([]);
    const items = unacknowledgedDigestItems([m], 'BPL', days(8));
    expect(items.map((i) => i.title)).to.deep.equal([
      'Winter capacity needs ICB funding.',
      'Dental access for scrutiny.',
      'Estates risk to the corporate register.',
    ]);
    expect(items[0]!.detail).to.equal(
      'To ICB Board · sent Mon 16 Nov 2026 from Blackpool Place Partnership Board, 16 November 2026 · not acknowledged',
    );
    expect(unacknowledgedDigestItems([m], 'SC', days(8))).to.deep.equal([]);
    expect(escalationsByForum([m], [forum], days(8))[0]!.matters.map((x) => x.waitedTooLong)).to.deep.equal([true, false, true, true]);
  });
});

describe('records/forumInput: who receives for a reporting line', () => {
  const people = [
    { id: 'u-ruth', name: 'Ruth Ellison' },
    { id: 'u-hwb', name: 'Hana Officer' },
  ];
  const input = (reportingLines: string) => ({
    name: 'Blackpool Place Partnership Board',
    locality: '',
    chairs: 'Ruth Ellison | Chair',
    viceChair: '',
    secretary: '',
    rhythm: 'monthly on the second Thursday',
    startTime: '14:00',
    reportingLines,
  });

  it('“where | name | who receives” names the receiver from the place’s people; without a third part, nobody', () => {
    const d = forumDraftFrom(
      'BPL',
      input('hwb | Blackpool Health and Wellbeing Board | hana officer\nicb-board | ICB Board'),
      people,
      '2026-11-23',
    );
    expect(d.ok && d.draft.reportingLines).to.deep.equal([
      { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: { id: 'u-hwb', name: 'Hana Officer' } },
      { to: 'icb-board', name: 'ICB Board' },
    ]);
  });

  it('a receiver who is not one of the place’s people is refused on the reporting lines', () => {
    const d = forumDraftFrom('BPL', input('hwb | Blackpool Health and Wellbeing Board | Nobody Known'), people, '2026-11-23');
    expect(!d.ok && d.errors.reportingLines).to.equal('Nobody Known is not one of this place’s named people: name them in setup first.');
  });
});

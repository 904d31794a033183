// A forum's rhythm and its rules, with fixed dates: the next meeting across month ends and the
// clocks changing, a rhythm that gives no date, and who may add, change or archive a forum.
import { expect } from 'chai';
import { applyForumCommand, createForum, type ForumDraft } from '../../../records/forum.js';
import { forumDraftFrom } from '../../../records/forumInput.js';
import { describeRhythm, meetingStart, nextMeetingDate, parseRhythm, type Rhythm } from '../../../records/forumRhythm.js';
import type { Actor } from '../../../records/people.js';

const NOW = new Date('2026-03-20T10:00:00Z');
const ADMIN: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-judith', name: 'Judith Mills', roles: ['chair'] };
const monthly = (nth: 1 | 2 | 3 | 4 | -1, weekday: number, every = 1, from = '2026-01'): Rhythm => ({
  type: 'monthly',
  nth,
  weekday,
  every,
  from,
});

const draft = (over: Partial<ForumDraft> = {}): ForumDraft => ({
  place: 'LAN',
  name: 'Central Lancashire Partnership Board',
  locality: 'Central',
  chairs: [{ id: CHAIR.id, name: CHAIR.name, title: 'Central Lancashire Partnership Independent Chair' }],
  rhythm: monthly(2, 4),
  startTime: '14:00',
  reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
  ...over,
});

describe('A forum’s rhythm (records/forumRhythm.ts)', () => {
  it('monthly on the second Thursday: the next one on or after today, into the next month once it has passed', () => {
    expect(nextMeetingDate(monthly(2, 4), '2026-03-01')).to.equal('2026-03-12');
    expect(nextMeetingDate(monthly(2, 4), '2026-03-12')).to.equal('2026-03-12');
    expect(nextMeetingDate(monthly(2, 4), '2026-03-13')).to.equal('2026-04-09');
  });

  it('the last Friday across month ends and the year end', () => {
    expect(nextMeetingDate(monthly(-1, 5), '2026-01-31')).to.equal('2026-02-27');
    expect(nextMeetingDate(monthly(-1, 5), '2026-12-26')).to.equal('2027-01-29');
    expect(nextMeetingDate(monthly(-1, 1), '2026-08-30')).to.equal('2026-08-31');
  });

  it('every two months from March: only March, May, July …', () => {
    const r = monthly(1, 2, 2, '2026-03');
    expect(nextMeetingDate(r, '2026-03-04')).to.equal('2026-05-05');
    expect(nextMeetingDate(r, '2026-01-10')).to.equal('2026-03-03');
  });

  it('across the clocks changing: the date is the London calendar day, the start is 14:00 London in GMT and BST', () => {
    // Clocks go forward on Sun 29 March 2026 and back on Sun 25 October 2026.
    expect(nextMeetingDate(monthly(-1, 7), '2026-03-02')).to.equal('2026-03-29');
    expect(nextMeetingDate(monthly(-1, 7), '2026-10-02')).to.equal('2026-10-25');
    expect(meetingStart('2026-03-12', '14:00').toISOString()).to.equal('2026-03-12T14:00:00.000Z');
    expect(meetingStart('2026-04-09', '14:00').toISOString()).to.equal('2026-04-09T13:00:00.000Z');
  });

  it('listed dates: the next listed; none left gives no date', () => {
    const r: Rhythm = { type: 'dates', dates: ['2026-01-15', '2026-05-14'] };
    expect(nextMeetingDate(r, '2026-02-01')).to.equal('2026-05-14');
    expect(nextMeetingDate(r, '2026-06-01')).to.equal(undefined);
  });

  it('reads what an admin types, and says what to write when it gives no date', () => {
    expect(parseRhythm('Monthly on the second Thursday', '2026-03-20')).to.deep.equal({ ok: true, rhythm: monthly(2, 4, 1, '2026-03') });
    expect(parseRhythm('every two months on the first Tuesday from March 2026', '2026-01-01')).to.deep.equal({
      ok: true,
      rhythm: monthly(1, 2, 2, '2026-03'),
    });
    const bad = parseRhythm('whenever the chair fancies', '2026-03-20');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.problem).to.match(/e\.g\. “monthly on the second Thursday”/);
    expect(describeRhythm(monthly(2, 4))).to.equal('monthly on the second Thursday');
  });
});

describe('A forum’s rules (records/forum.ts)', () => {
  it('a place admin adds one; the create is audited', () => {
    const t = createForum(draft(), 'LAN-F-0002', ADMIN, NOW);
    expect(t.ok).to.equal(true);
    if (t.ok) expect(t.event).to.include({ kind: 'forum', command: 'create', ref: 'LAN-F-0002' });
  });

  it('a chair who is not an admin may not add, change or archive one', () => {
    expect(createForum(draft(), 'LAN-F-0002', CHAIR, NOW).ok).to.equal(false);
    const t = createForum(draft(), 'LAN-F-0002', ADMIN, NOW);
    if (!t.ok) throw new Error('refused');
    const archived = applyForumCommand(t.record, CHAIR, { type: 'archive' }, NOW);
    expect(archived.ok).to.equal(false);
    if (!archived.ok) expect(archived.refusal.code).to.equal('WRONG_PERSON');
  });

  it('archived, never deleted: an archived forum cannot be changed until restored; each step audited', () => {
    const t = createForum(draft(), 'LAN-F-0002', ADMIN, NOW);
    if (!t.ok) throw new Error('refused');
    const archived = applyForumCommand(t.record, ADMIN, { type: 'archive' }, NOW);
    if (!archived.ok) throw new Error('refused');
    expect(archived.record.status).to.equal('ARCHIVED');
    expect(archived.event.after).to.deep.equal({ status: 'ARCHIVED' });
    const { kind: _k, ref: _r, place: _p, status: _s, createdAt: _c, createdBy: _b, ...fields } = archived.record;
    expect(applyForumCommand(archived.record, ADMIN, { type: 'change', fields }, NOW).ok).to.equal(false);
    expect(applyForumCommand(archived.record, ADMIN, { type: 'restore' }, NOW).ok).to.equal(true);
  });

  it('refuses a rhythm with no date ahead, a locality outside Lancashire, a chair with no title, 100 KB of text', () => {
    const past = createForum(draft({ rhythm: { type: 'dates', dates: ['2025-01-01'] } }), 'LAN-F-0002', ADMIN, NOW);
    expect(!past.ok && past.refusal.fieldErrors?.rhythm).to.match(/gives no meeting date/);
    const locality = createForum(draft({ place: 'BPL' }), 'BPL-F-0002', ADMIN, NOW);
    expect(!locality.ok && locality.refusal.fieldErrors?.locality).to.match(/Only Lancashire/);
    const untitled = createForum(draft({ chairs: [{ id: CHAIR.id, name: CHAIR.name, title: '' }] }), 'LAN-F-0002', ADMIN, NOW);
    expect(untitled.ok).to.equal(false);
    const huge = createForum(draft({ name: 'x'.repeat(100_000) }), 'LAN-F-0002', ADMIN, NOW);
    expect(!huge.ok && huge.refusal.fieldErrors?.name).to.be.a('string');
  });

  it('the form: people from the place, chairs with titles, reporting lines with names; each problem on its field', () => {
    const people = [
      { id: CHAIR.id, name: CHAIR.name },
      { id: ADMIN.id, name: ADMIN.name },
    ];
    const input = {
      name: 'Central Lancashire Partnership Board',
      locality: 'central',
      chairs: 'Judith Mills | Independent Chair',
      viceChair: '',
      secretary: 'Sam Patel',
      rhythm: 'monthly on the second Thursday',
      startTime: '14:00',
      reportingLines: 'place-board | Lancashire Place Partnership Board\nhwb | Lancashire Health and Wellbeing Board',
    };
    const ok = forumDraftFrom('LAN', input, people, '2026-03-20');
    expect(ok.ok).to.equal(true);
    if (ok.ok) expect(ok.draft.reportingLines).to.have.length(2);
    const bad = forumDraftFrom(
      'LAN',
      { ...input, chairs: 'Judith Mills', rhythm: 'fortnightly-ish', reportingLines: 'hwb |', secretary: 'Nobody Known' },
      people,
      '2026-03-20',
    );
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).to.have.members(['chairs', 'rhythm', 'reportingLines', 'secretary']);
  });
});

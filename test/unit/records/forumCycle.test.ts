// The meeting cycle's schedule (records/forumCycle.ts), with fixed instants: the board pack N
// working days before a forum's next meeting (over weekends, month ends and the clocks changing),
// the agenda, key-message and sign-off reminders, and who is sent what.
import { expect } from 'chai';
import { createForum, PACK_DAYS_PROBLEM, type Forum } from '../../../records/forum.js';
import { forumDraftFrom } from '../../../records/forumInput.js';
import { dueCycleDay, dueCycleNotices, noticeKey, type CycleSources } from '../../../records/forumCycle.js';
import type { Rhythm } from '../../../records/forumRhythm.js';
import type { Meeting } from '../../../records/meeting.js';
import { isWorkingDay, workingDaysBefore } from '../../../records/workingDays.js';

const SAM = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN = { id: 'aad-helen', name: 'Helen Dodd' };
const IMRAN = { id: 'aad-imran', name: 'Imran Shah' };
const SECOND_THURSDAY: Rhythm = { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' };

const forum = (over: Partial<Forum> = {}): Forum => ({
  kind: 'forum',
  ref: 'BPL-F-0001',
  place: 'BPL',
  status: 'ACTIVE',
  name: 'Blackpool Place Partnership Board',
  chairs: [{ ...HELEN, title: 'Chair, Blackpool Place Partnership' }],
  secretary: SAM,
  rhythm: SECOND_THURSDAY,
  startTime: '14:00',
  reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
  createdBy: SAM,
  createdAt: '2026-01-05T10:00:00.000Z',
  ...over,
});

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  kind: 'meeting',
  ref: 'BPL-M-0001',
  place: 'BPL',
  forumRef: 'BPL-F-0001',
  board: 'Blackpool Place Partnership Board',
  date: '2026-12-10',
  status: 'PREPARING',
  agenda: [],
  decisions: [],
  matters: [],
  preparedBy: SAM,
  preparedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

const due = (now: string, over: Partial<CycleSources> = {}) =>
  dueCycleNotices({
    place: 'BPL',
    forums: [forum()],
    meetings: [],
    signOffRequestedAt: {},
    settings: { chairs: [HELEN], admins: [SAM] },
    now: new Date(now),
    ...over,
  });
const summary = (notices: ReturnType<typeof due>) => notices.map((n) => `${n.kind} ${n.meetingDate} ${n.to.name}`);

describe('Working days (records/workingDays.ts)', () => {
  it('are Monday to Friday: 1 before a Monday is the Friday, 5 before a Thursday the Thursday before', () => {
    expect(isWorkingDay('2026-12-12')).to.equal(false);
    expect(workingDaysBefore('2026-12-14', 1)).to.equal('2026-12-11');
    expect(workingDaysBefore('2026-12-10', 5)).to.equal('2026-12-03');
    expect(workingDaysBefore('2026-12-14', 5)).to.equal('2026-12-07');
  });
});

describe('The meeting cycle run from a forum’s rhythm (records/forumCycle.ts)', () => {
  it('offers the board pack to the secretary and the chair 5 working days before the next meeting, from 08:00 UK time', () => {
    expect(due('2026-12-02T09:00:00Z')).to.deep.equal([]);
    expect(due('2026-12-03T07:59:00Z')).to.deep.equal([]);
    const notices = due('2026-12-03T08:00:00Z').filter((n) => n.kind === 'pack');
    expect(summary(notices)).to.deep.equal(['pack 2026-12-10 Sam Patel', 'pack 2026-12-10 Helen Dodd']);
    expect(notices[0]!.title).to.equal('Board pack for Blackpool Place Partnership Board');
    expect(notices[0]!.text).to.contain('meets on Thu 10 Dec 2026, in 5 working days');
  });

  it('still offers it on the days after (a missed tick is caught up), until the meeting day', () => {
    expect(summary(due('2026-12-07T10:00:00Z')).filter((s) => s.startsWith('pack'))).to.have.length(2);
    expect(summary(due('2026-12-10T10:00:00Z')).filter((s) => s.startsWith('pack'))).to.have.length(2);
    expect(summary(due('2026-12-11T10:00:00Z')).filter((s) => s.startsWith('pack 2026-12-10'))).to.deep.equal([]);
  });

  it('counts N working days over a weekend: 1 before a Monday meeting is the Friday, and nothing goes on the Saturday', () => {
    const monday = forum({ rhythm: { type: 'dates', dates: ['2026-12-14'] }, packDaysBefore: 1 });
    expect(due('2026-12-10T10:00:00Z', { forums: [monday] }).filter((n) => n.kind === 'pack')).to.deep.equal([]);
    expect(summary(due('2026-12-11T08:30:00Z', { forums: [monday] }).filter((n) => n.kind === 'pack'))).to.have.length(2);
    expect(dueCycleDay(new Date('2026-12-12T10:00:00Z'))).to.equal(undefined);
    expect(due('2026-12-12T10:00:00Z', { forums: [monday] })).to.deep.equal([]);
  });

  it('across a month end: 5 working days before Thursday 1 October is Thursday 24 September', () => {
    const october = forum({ rhythm: { type: 'dates', dates: ['2026-10-01'] } });
    expect(due('2026-09-23T10:00:00Z', { forums: [october] }).filter((n) => n.kind === 'pack')).to.deep.equal([]);
    expect(due('2026-09-24T10:00:00Z', { forums: [october] }).filter((n) => n.kind === 'pack')).to.have.length(2);
  });

  it('in the week the clocks go back, 08:00 is still UK time (07:00 UTC in summer)', () => {
    const afterChange = forum({ rhythm: { type: 'dates', dates: ['2026-10-29'] } });
    expect(due('2026-10-22T06:55:00Z', { forums: [afterChange] })).to.deep.equal([]);
    const notices = due('2026-10-22T07:05:00Z', { forums: [afterChange] });
    expect(summary(notices)).to.include('pack 2026-10-29 Sam Patel').and.include('agenda 2026-10-29 Sam Patel');
    expect(notices.find((n) => n.kind === 'agenda')!.title).to.equal(
      'Agenda not prepared: Blackpool Place Partnership Board meets on Thu 29 Oct 2026, in 7 days',
    );
  });

  it('in the week the clocks go forward, 08:00 is 08:00 UTC before the change', () => {
    const afterChange = forum({ rhythm: { type: 'dates', dates: ['2026-04-02'] } });
    expect(due('2026-03-26T07:55:00Z', { forums: [afterChange] })).to.deep.equal([]);
    expect(summary(due('2026-03-26T08:05:00Z', { forums: [afterChange] }))).to.include('pack 2026-04-02 Helen Dodd');
  });

  it('a forum may set its own days before (packDaysBefore): 10 working days', () => {
    expect(due('2026-11-26T10:00:00Z', { forums: [forum({ packDaysBefore: 10 })] }).filter((n) => n.kind === 'pack')).to.have.length(2);
    expect(due('2026-11-25T10:00:00Z', { forums: [forum({ packDaysBefore: 10 })] }).filter((n) => n.kind === 'pack')).to.deep.equal([]);
  });

  it('names the prepared meeting in the offer, and follows its date when it was moved from the rhythm’s', () => {
    const moved = meeting({ date: '2026-12-09' });
    const notices = due('2026-12-02T10:00:00Z', { meetings: [moved] });
    expect(summary(notices)).to.deep.equal(['pack 2026-12-09 Sam Patel', 'pack 2026-12-09 Helen Dodd']);
    expect(notices[0]!.meetingRef).to.equal('BPL-M-0001');
  });

  it('offers the pack to a chair of the forum who is not a chair or admin of the place: the forum’s own people may have its pack', () => {
    const delivery = forum({ chairs: [{ ...IMRAN, title: 'Director of Health and Care Integration' }] });
    const notices = due('2026-12-03T10:00:00Z', { forums: [delivery] }).filter((n) => n.kind === 'pack');
    expect(summary(notices)).to.deep.equal(['pack 2026-12-10 Sam Patel', 'pack 2026-12-10 Imran Shah']);
    expect(notices[1]!.text).to.contain('the Blackpool board pack follows');
  });

  it('"Agenda not prepared" to the secretary 7 days before, unless a meeting of that forum is prepared for that date', () => {
    expect(due('2026-12-02T10:00:00Z').filter((n) => n.kind === 'agenda')).to.deep.equal([]);
    expect(summary(due('2026-12-03T10:00:00Z').filter((n) => n.kind === 'agenda'))).to.deep.equal(['agenda 2026-12-10 Sam Patel']);
    expect(due('2026-12-03T10:00:00Z', { meetings: [meeting()] }).filter((n) => n.kind === 'agenda')).to.deep.equal([]);
    const otherForums = meeting({ forumRef: 'BPL-F-0002' });
    expect(due('2026-12-03T10:00:00Z', { meetings: [otherForums] }).filter((n) => n.kind === 'agenda')).to.have.length(1);
  });

  it('with no secretary named, the agenda reminder goes to the place’s admins', () => {
    const { secretary: _s, ...noSecretary } = forum();
    const notices = due('2026-12-04T10:00:00Z', { forums: [noSecretary], settings: { chairs: [HELEN], admins: [IMRAN] } });
    expect(notices.find((n) => n.kind === 'agenda')!.to).to.deep.equal(IMRAN);
    expect(notices.find((n) => n.kind === 'agenda')!.title).to.contain('in 6 days');
  });

  it('"Key messages for <ref> not drafted" to the secretary 2 days after a meeting held without them', () => {
    const held = meeting({ status: 'HELD' });
    expect(due('2026-12-11T10:00:00Z', { meetings: [held] }).filter((n) => n.kind === 'draft')).to.deep.equal([]);
    const [notice] = due('2026-12-14T10:00:00Z', { meetings: [held] }).filter((n) => n.kind === 'draft');
    expect(notice!.title).to.equal('Key messages for BPL-M-0001 not drafted');
    expect(notice!.to).to.deep.equal(SAM);
    const drafted = meeting({ status: 'HELD', keyMessages: { text: 'x', draftedBy: SAM, draftedAt: '2026-12-11T10:00:00.000Z' } });
    expect(due('2026-12-14T10:00:00Z', { meetings: [drafted] }).filter((n) => n.kind === 'draft')).to.deep.equal([]);
  });

  it('"Key messages for <ref> await your sign-off" to each chair once they have waited 2 days', () => {
    const awaiting = meeting({
      status: 'KEY_MESSAGES_AWAITING_SIGNOFF',
      keyMessages: { text: 'x', draftedBy: SAM, draftedAt: '2026-12-14T10:00:00.000Z', signOffRef: 'BPL-S-0009' },
    });
    const two = forum({
      chairs: [
        { ...HELEN, title: 'Chair' },
        { ...IMRAN, title: 'Co-chair' },
      ],
    });
    const sources = { meetings: [awaiting], forums: [two], signOffRequestedAt: { 'BPL-S-0009': '2026-12-14T10:05:00.000Z' } };
    expect(due('2026-12-15T10:00:00Z', sources).filter((n) => n.kind === 'signoff')).to.deep.equal([]);
    const notices = due('2026-12-16T10:00:00Z', sources).filter((n) => n.kind === 'signoff');
    expect(notices.map((n) => n.to.name)).to.deep.equal(['Helen Dodd', 'Imran Shah']);
    expect(notices[0]!.title).to.equal('Key messages for BPL-M-0001 await your sign-off');
  });

  it('an archived forum is sent nothing; a meeting stored before forums counts as its place board’s', () => {
    expect(due('2026-12-03T10:00:00Z', { forums: [forum({ status: 'ARCHIVED' })] })).to.deep.equal([]);
    const { forumRef: _f, ...old } = meeting({ status: 'HELD' });
    expect(due('2026-12-14T10:00:00Z', { meetings: [old] }).filter((n) => n.kind === 'draft')).to.have.length(1);
  });

  it('each notice has its own key per forum, meeting, kind and person', () => {
    const keys = due('2026-12-03T10:00:00Z').map(noticeKey);
    expect(keys).to.deep.equal([
      '2026-12-10|BPL-F-0001|pack|aad-sam',
      '2026-12-10|BPL-F-0001|pack|aad-helen',
      '2026-12-10|BPL-F-0001|agenda|aad-sam',
    ]);
  });
});

describe('A forum’s “board pack offered N working days before” setting (packDaysBefore)', () => {
  const input = (packDaysBefore: string) => ({
    name: 'Blackpool Place Partnership Board',
    locality: '',
    chairs: 'Helen Dodd | Chair',
    viceChair: '',
    secretary: 'Sam Patel',
    rhythm: 'monthly on the second Thursday',
    startTime: '14:00',
    reportingLines: 'icb-board | ICB Board',
    packDaysBefore,
  });
  const people = [SAM, HELEN];

  it('takes a whole number from 1 to 15, and empty means the default (5)', () => {
    const ten = forumDraftFrom('BPL', input('10'), people, '2026-12-01');
    expect(ten.ok && ten.draft.packDaysBefore).to.equal(10);
    const empty = forumDraftFrom('BPL', input(' '), people, '2026-12-01');
    expect(empty.ok && empty.draft.packDaysBefore).to.equal(undefined);
  });

  for (const bad of ['0', '16', '2.5', 'five', '-3'])
    it(`refuses “${bad}” on the card, with what to give`, () => {
      const drafted = forumDraftFrom('BPL', input(bad), people, '2026-12-01');
      expect(drafted.ok).to.equal(false);
      if (!drafted.ok) expect(drafted.errors.packDaysBefore).to.equal(PACK_DAYS_PROBLEM);
    });

  it('the rule refuses it too when forged past the form (e.g. 40)', () => {
    const made = createForum(
      { ...forum(), packDaysBefore: 40 },
      'BPL-F-0002',
      { ...SAM, roles: ['admin'] },
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(made.ok).to.equal(false);
    if (!made.ok) expect(made.refusal.fieldErrors?.packDaysBefore).to.equal(PACK_DAYS_PROBLEM);
  });
});

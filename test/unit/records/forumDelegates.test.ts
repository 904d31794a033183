// Who speaks for a forum (records/forumDelegates.ts), as relations between people: only a chair of
// the forum names or ends a delegate, for their own seat; the key messages sign-off starts with the
// delegate named for that meeting, else the standing one; and approved key messages are signed by
// the delegate on behalf of the chair, with the chair's title, never as "Chair".
import { expect } from 'chai';
import fc from 'fast-check';
import { applyForumCommand, createForum, type Forum, type ForumFields } from '../../../records/forum.js';
import { applyForumDelegateCommand, keyMessagesDelegates, keyMessagesSigner, mayNameDelegate } from '../../../records/forumDelegates.js';
import type { Actor, Person } from '../../../records/people.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { signOff } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-03-20T10:00:00Z');
const ADMIN: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const RUTH: Actor = { id: 'aad-ruth', name: 'Ruth Ellison', roles: ['chair'] };
const ASIF: Actor = { id: 'aad-asif', name: 'Asif Khan', roles: [] };
const HELEN: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair', 'admin'] };
const TOM: Person = { id: 'aad-tom', name: 'Tom Reid' };
const GRACE: Person = { id: 'aad-grace', name: 'Grace Okafor' };
const p = ({ id, name }: Person): Person => ({ id, name });

/** Central's board: Ruth and Asif its chairs (Asif holds no place role); Helen chairs the place but not this forum. */
function forum(): Forum {
  const t = createForum(
    {
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      chairs: [
        { ...p(RUTH), title: 'Independent Chair' },
        { ...p(ASIF), title: 'Chair of Lancashire Teaching Hospitals' },
      ],
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
      startTime: '14:00',
      reportingLines: [],
    },
    'LAN-F-0002',
    ADMIN,
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

const name = (f: Forum, by: Actor, delegate: Person, meeting?: { ref: string; forumRef: string | undefined }) =>
  applyForumDelegateCommand(f, by, { type: 'nameDelegate', delegate, ...(meeting ? { meeting } : {}) }, NOW);
const fieldsOf = ({ name: n, chairs, rhythm, startTime, reportingLines }: Forum): ForumFields => ({
  name: n,
  chairs,
  rhythm,
  startTime,
  reportingLines,
});
const must = (t: ReturnType<typeof name>) => {
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
};

describe('A forum’s delegates for key messages (records/forumDelegates.ts)', () => {
  it('as a relation: a person may name a delegate exactly when they chair this forum, whatever their place roles', () => {
    fc.assert(
      fc.property(fc.constantFrom(ADMIN, RUTH, ASIF, HELEN), (who) => {
        const t = name(forum(), who, TOM);
        const chairsIt = who.id === RUTH.id || who.id === ASIF.id;
        expect(t.ok).to.equal(chairsIt);
        expect(mayNameDelegate(forum(), who)).to.equal(chairsIt);
        if (!t.ok) expect(t.refusal.code).to.equal('WRONG_PERSON');
        else expect(t.record.delegates).to.deep.equal([{ chairId: who.id, delegate: TOM, namedAt: NOW.toISOString() }]);
      }),
      { seed: 24_002, numRuns: 20 },
    );
  });

  it('a chair cannot name themselves or another chair; a meeting not of this forum is refused; naming again replaces', () => {
    const f = forum();
    expect(name(f, RUTH, RUTH).ok).to.equal(false);
    expect(name(f, RUTH, ASIF).ok).to.equal(false);
    const other = name(f, RUTH, TOM, { ref: 'LAN-M-0004', forumRef: 'LAN-F-0001' });
    expect(!other.ok && other.refusal.fieldErrors?.delegateMeeting).to.contain('is not a meeting of Central');
    const twice = must(name(must(name(f, RUTH, TOM)), RUTH, GRACE));
    expect(twice.delegates!.map((d) => d.delegate.id)).to.deep.equal([GRACE.id]);
  });

  it('a chair ends only a delegate they named: another chair or an admin ending it is refused', () => {
    const f = must(name(forum(), RUTH, TOM));
    for (const who of [ASIF, ADMIN]) {
      const t = applyForumDelegateCommand(f, who, { type: 'endDelegate', delegateId: TOM.id }, NOW);
      expect(t.ok).to.equal(false);
    }
    const ended = applyForumDelegateCommand(f, RUTH, { type: 'endDelegate', delegateId: TOM.id }, NOW);
    expect(ended.ok && ended.record.delegates).to.deep.equal([]);
    expect(ended.ok && ended.event.command).to.equal('endDelegate');
  });

  it('an admin’s edit that drops a chair drops that chair’s delegates; the other chair’s stay', () => {
    const f = must(name(must(name(forum(), RUTH, TOM)), ASIF, GRACE));
    const t = applyForumCommand(f, ADMIN, { type: 'change', fields: { ...fieldsOf(f), chairs: [f.chairs[1]!] } }, NOW);
    expect(t.ok && t.record.delegates!.map((d) => d.delegate.id)).to.deep.equal([GRACE.id]);
  });

  it('the sign-off starts with the delegate named for that meeting, else the standing one; never the sender or a chair', () => {
    const f = must(name(must(name(forum(), RUTH, TOM)), RUTH, GRACE, { ref: 'LAN-M-0007', forumRef: 'LAN-F-0002' }));
    const approvers = [p(RUTH), p(ASIF)];
    expect(keyMessagesDelegates(f, 'LAN-M-0007', approvers, ADMIN.id)).to.deep.equal([{ approverId: RUTH.id, delegate: GRACE }]);
    expect(keyMessagesDelegates(f, 'LAN-M-0008', approvers, ADMIN.id)).to.deep.equal([{ approverId: RUTH.id, delegate: TOM }]);
    expect(keyMessagesDelegates(f, 'LAN-M-0008', approvers, TOM.id)).to.deep.equal([]);
    expect(keyMessagesDelegates(undefined, 'LAN-M-0008', approvers, ADMIN.id)).to.deep.equal([]);
  });

  it('approved by the delegate: signed “<delegate> on behalf of <chair>” with the chair’s title; by the chair: their own name and title', () => {
    const chairs = forum().chairs;
    const asked = signOff(NOW, {
      place: 'LAN',
      itemType: 'key-messages',
      route: 'meeting',
      approvers: [p(RUTH)],
      delegates: [{ approverId: RUTH.id, delegate: TOM }],
    });
    const byDelegate = applySignOffCommand(asked, { ...TOM, roles: [] }, { type: 'approve' }, NOW);
    expect(byDelegate.ok && keyMessagesSigner(byDelegate.record, chairs)).to.deep.equal({
      signedOffBy: { id: TOM.id, name: 'Tom Reid on behalf of Ruth Ellison' },
      role: 'Independent Chair',
    });
    const byChair = applySignOffCommand(asked, RUTH, { type: 'approve' }, NOW);
    expect(byChair.ok && keyMessagesSigner(byChair.record, chairs)).to.deep.equal({ signedOffBy: p(RUTH), role: 'Independent Chair' });
    expect(keyMessagesSigner(asked, chairs)).to.equal(undefined);
  });
});

// Who prepares a forum's meeting (records/meetingPreparers.ts), as a relation between people and
// forums: its secretary and its chairs, and the place's admins; not the secretary or chair of
// another forum, not a place chair who does not chair it; and the meeting rule itself refuses them.
import { expect } from 'chai';
import fc from 'fast-check';
import { createForum, type Forum } from '../../../records/forum.js';
import { applyMeetingCommand, createMeeting, mayRunMeeting } from '../../../records/meeting.js';
import { mayPrepareMeeting } from '../../../records/meetingPreparers.js';
import type { Actor, Person } from '../../../records/people.js';

const NOW = new Date('2026-03-20T10:00:00Z');
const ADMIN: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const NINA: Person = { id: 'aad-nina', name: 'Nina Shah' };
const PAT: Person = { id: 'aad-pat', name: 'Pat Doyle' };
const RUTH: Person = { id: 'aad-ruth', name: 'Ruth Ellison' };
const OLU: Person = { id: 'aad-olu', name: 'Olu Ade' };
const HELEN: Person = { id: 'aad-helen', name: 'Helen Price' };

function forum(ref: string, name: string, chair: Person, secretary: Person): Forum {
  const t = createForum(
    {
      place: 'LAN',
      name,
      chairs: [{ ...chair, title: 'Chair' }],
      secretary,
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
      startTime: '14:00',
      reportingLines: [],
    },
    ref,
    ADMIN,
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

const CENTRAL = forum('LAN-F-0001', 'Central Lancashire Partnership Board', RUTH, NINA);
const NORTH = forum('LAN-F-0002', 'North Lancashire Partnership Board', OLU, PAT);

describe('Who prepares a forum’s meeting (records/meetingPreparers.ts)', () => {
  it('as a relation: exactly the forum’s secretary and chairs and the place’s admins, whatever else they hold', () => {
    const people = [ADMIN, NINA, PAT, RUTH, OLU, HELEN];
    fc.assert(
      fc.property(
        fc.constantFrom(...people),
        fc.constantFrom<Actor['roles']>([], ['chair'], ['approver']),
        fc.constantFrom(CENTRAL, NORTH),
        (p, roles, f) => {
          const actor: Actor = { id: p.id, name: p.name, roles: p.id === ADMIN.id ? ['admin'] : roles };
          const expected = p.id === ADMIN.id || f.secretary?.id === p.id || f.chairs.some((c) => c.id === p.id);
          expect(mayPrepareMeeting(actor, f)).to.equal(expected);
        },
      ),
      { seed: 24_003, numRuns: 80 },
    );
  });

  it('a meeting with no forum: the place’s chairs and admins, as before forums', () => {
    expect(mayPrepareMeeting({ ...HELEN, roles: ['chair'] }, undefined)).to.equal(true);
    expect(mayPrepareMeeting({ ...NINA, roles: [] }, undefined)).to.equal(false);
  });

  it('the meeting rule: the forum’s secretary prepares it; the other forum’s secretary, or a draft naming another forum, is refused', () => {
    const draft = { place: 'LAN' as const, forumRef: CENTRAL.ref, board: CENTRAL.name, date: '2026-04-09', agenda: [] };
    expect(createMeeting(draft, 'LAN-M-0001', { ...NINA, roles: [] }, NOW, CENTRAL).ok).to.equal(true);
    const pat = createMeeting(draft, 'LAN-M-0001', { ...PAT, roles: [] }, NOW, CENTRAL);
    expect(!pat.ok && pat.refusal.message).to.contain('Only the secretary or a chair of Central Lancashire Partnership Board');
    expect(createMeeting({ ...draft, forumRef: NORTH.ref }, 'LAN-M-0001', { ...NINA, roles: [] }, NOW, CENTRAL).ok).to.equal(false);
  });

  it('who runs the meeting once prepared (decisions, matters, key messages): the forum’s secretary and chairs named on it, and the place’s chairs and admins', () => {
    const draft = { place: 'LAN' as const, forumRef: CENTRAL.ref, board: CENTRAL.name, date: '2026-03-20', agenda: [] };
    const made = createMeeting(draft, 'LAN-M-0001', { ...NINA, roles: [] }, NOW, CENTRAL);
    if (!made.ok) throw new Error(made.refusal.message);
    const people = [ADMIN, NINA, PAT, RUTH, OLU, HELEN];
    fc.assert(
      fc.property(fc.constantFrom(...people), fc.constantFrom<Actor['roles']>([], ['chair'], ['approver']), (p, roles) => {
        const actor: Actor = { id: p.id, name: p.name, roles: p.id === ADMIN.id ? ['admin'] : roles };
        const expected = p.id === ADMIN.id || roles.includes('chair') || p.id === NINA.id || p.id === RUTH.id;
        expect(mayRunMeeting(actor, made.record), p.name).to.equal(expected);
        const decided = applyMeetingCommand(made.record, actor, { type: 'addDecision', text: 'Agreed.' }, NOW);
        expect(decided.ok, p.name).to.equal(expected);
      }),
      { seed: 24_004, numRuns: 60 },
    );
  });
});

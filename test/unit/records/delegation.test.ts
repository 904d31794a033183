// Issue 27, findings 3 and 6, as relations between people: who names a delegate, which sign-offs
// take none, how a delegate's decision reads, and who decides an everyone-must-approve sign-off.
import { expect } from 'chai';
import fc from 'fast-check';
import { delegationProblem, takesNoDelegate } from '../../../records/delegation.js';
import type { Actor } from '../../../records/people.js';
import { permissionsOf } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { APPROVER, CHAIR, DEPUTY, SECRETARY, person, signOff, then } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const OTHER: Actor = { id: 'aad-tom', name: 'Tom Reid', roles: ['approver'] };

describe('delegates (issue 27)', () => {
  it('as a relation: a person may name a delegate for a seat exactly when it is their own seat, on a sign-off that takes delegates', () => {
    const people = [CHAIR, APPROVER, OTHER, SECRETARY, DEPUTY];
    fc.assert(
      fc.property(
        fc.constantFrom(...people),
        fc.constantFrom(CHAIR, APPROVER),
        fc.constantFrom('decision', 'key-messages'),
        fc.constantFrom('between-meetings', 'chairs-action'),
        (actor, seat, itemType, route) => {
          const s = signOff(NOW, {
            itemType: itemType as 'decision',
            route: route as 'between-meetings',
            approvers: [person(CHAIR), person(APPROVER)],
            ...(route === 'chairs-action' ? { approvers: [person(CHAIR), person(APPROVER)] } : {}),
          });
          const allowed = delegationProblem(s, actor, seat.id) === undefined;
          expect(allowed).to.equal(actor.id === seat.id && !takesNoDelegate(s));
          expect(permissionsOf(s, actor).canDelegateFor.some((p) => p.id === seat.id)).to.equal(allowed);
        },
      ),
      { seed: 27_003, numRuns: 120 },
    );
  });

  it('a chair or admin cannot fill another approver’s seat with a person they choose', () => {
    for (const who of [CHAIR, SECRETARY]) {
      const t = applySignOffCommand(signOff(NOW), who, { type: 'addDelegate', approverId: APPROVER.id, delegate: person(DEPUTY) }, NOW);
      expect(t.ok ? 'OK' : t.refusal.message).to.contain('Only Imran Shah can name a delegate');
    }
  });

  it('a chair’s action takes no delegate, even one named by the chair for their own seat', () => {
    const t = applySignOffCommand(
      signOff(NOW, { route: 'chairs-action', approvers: [person(CHAIR)] }),
      CHAIR,
      { type: 'addDelegate', approverId: CHAIR.id, delegate: person(DEPUTY) },
      NOW,
    );
    expect(t.ok ? 'OK' : t.refusal.message).to.contain('takes no delegate');
  });

  it('key messages (issue 24): the forum’s chair names a delegate for their own seat, for this meeting; an admin or another chair naming one for them is refused', () => {
    const km = signOff(NOW, { itemType: 'key-messages', route: 'meeting' });
    const named = applySignOffCommand(km, CHAIR, { type: 'addDelegate', approverId: CHAIR.id, delegate: person(DEPUTY) }, NOW);
    expect(named.ok && named.record.delegates).to.deep.equal([{ approverId: CHAIR.id, delegate: person(DEPUTY) }]);
    for (const who of [SECRETARY, APPROVER]) {
      const t = applySignOffCommand(km, who, { type: 'addDelegate', approverId: CHAIR.id, delegate: person(DEPUTY) }, NOW);
      expect(t.ok ? 'OK' : t.refusal.code).to.equal('WRONG_PERSON');
    }
  });

  it('a decision made by a delegate is recorded as “<delegate> on behalf of <approver>”', () => {
    const s = then(
      then(signOff(NOW), APPROVER, { type: 'addDelegate', approverId: APPROVER.id, delegate: person(DEPUTY) }, NOW),
      DEPUTY,
      { type: 'approve' },
      NOW,
    );
    expect(s.decision?.by).to.deep.equal({ id: DEPUTY.id, name: 'Ruth Ellison on behalf of Imran Shah' });
  });
});

describe('the decider of an everyone-must-approve sign-off (issue 27, finding 6)', () => {
  it('approve as one approver, then the other declares a conflict: the one who approved decided it, not the one who declared', () => {
    let s = signOff(NOW, { mode: 'ALL' });
    s = then(s, CHAIR, { type: 'approve' }, NOW);
    s = then(s, APPROVER, { type: 'declareConflict', person: person(APPROVER), nature: 'actual', howManaged: 'Left the room' }, NOW);
    expect(s.status).to.equal('APPROVED');
    expect(s.decision?.by).to.deep.equal(person(CHAIR));
  });

  it('when every approver approves, the last to approve is the decider', () => {
    let s = signOff(NOW, { mode: 'ALL' });
    s = then(s, APPROVER, { type: 'approve' }, NOW);
    s = then(s, CHAIR, { type: 'approve' }, NOW);
    expect(s.decision?.by).to.deep.equal(person(CHAIR));
  });
});

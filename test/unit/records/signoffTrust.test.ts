// Who may answer for whom on a sign-off: delegates, ratification and conflicts (issue 19, items 1–3).
// Rules between people, so they are checked for any people and any order of commands (fast-check, fixed seed).
import { expect } from 'chai';
import fc from 'fast-check';
import type { Actor, PlaceRole } from '../../../records/people.js';
import { createSignOff, seatsOf, type SignOff } from '../../../records/signoff.js';
import { applySignOffCommand, type SignOffCommand } from '../../../records/signoffCommands.js';
import { admin, approverA, approverB, chair, delegateA, newSignOff, NOW, ok, raiser, signOffDraft, stranger } from './fixtures.js';

const apply = (s: SignOff, by: Actor, command: SignOffCommand) => applySignOffCommand(s, by, command, NOW);
const code = (t: ReturnType<typeof apply>) => (t.ok ? 'OK' : t.refusal.code);
const refusal = (t: ReturnType<typeof apply>) => (t.ok ? '' : [t.refusal.message, ...Object.values(t.refusal.fieldErrors ?? {})].join(' '));
const person = ({ id, name }: Actor) => ({ id, name });
const both = { approvers: [person(approverA), person(approverB)] };
const allMustApprove = () => newSignOff({ ...both, mode: 'ALL' });

describe('Recording a delegate on a sign-off', () => {
  it('a chair cannot record themselves as delegate for an approver', () => {
    const t = apply(allMustApprove(), chair, { type: 'addDelegate', approverId: approverA.id, delegate: person(chair) });
    expect(code(t)).to.equal('INVALID_INPUT');
    expect(refusal(t)).to.match(/cannot record yourself as a delegate/);
  });

  it('an admin cannot record themselves as delegate for every approver and so approve alone', () => {
    const first = apply(allMustApprove(), admin, { type: 'addDelegate', approverId: approverA.id, delegate: person(admin) });
    expect(code(first)).to.equal('INVALID_INPUT');
  });

  it('another approver of the same sign-off cannot be a delegate', () => {
    const t = apply(allMustApprove(), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: person(approverB) });
    expect(refusal(t)).to.match(/Ben Barlow is an approver of LAN-S-0003/);
  });

  it('the requester cannot be a delegate', () => {
    const t = apply(allMustApprove(), chair, { type: 'addDelegate', approverId: approverA.id, delegate: person(raiser) });
    expect(refusal(t)).to.match(/person who asked cannot be a delegate/);
  });

  it('someone who has declared a conflict on it cannot be a delegate', () => {
    const withDelegate = ok(
      apply(allMustApprove(), approverB, { type: 'addDelegate', approverId: approverB.id, delegate: person(delegateA) }),
    );
    const conflicted = ok(
      apply(withDelegate, delegateA, { type: 'declareConflict', person: person(delegateA), nature: 'actual', howManaged: 'Steps aside' }),
    );
    const t = apply(conflicted, approverA, { type: 'addDelegate', approverId: approverA.id, delegate: person(delegateA) });
    expect(refusal(t)).to.match(/declared a conflict of interest/);
  });

  it('one person answers for at most one seat: a delegate for one approver cannot be recorded for another', () => {
    const s = ok(apply(allMustApprove(), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: person(delegateA) }));
    const t = apply(s, approverB, { type: 'addDelegate', approverId: approverB.id, delegate: person(delegateA) });
    expect(refusal(t)).to.match(/already answers for Priya Patel/);
  });

  it('the approver naming their own delegate is recorded; a chair naming someone for another approver’s seat is not (issue 27)', () => {
    expect(
      code(apply(allMustApprove(), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: person(delegateA) })),
    ).to.equal('OK');
    expect(code(apply(allMustApprove(), chair, { type: 'addDelegate', approverId: approverA.id, delegate: person(delegateA) }))).to.equal(
      'WRONG_PERSON',
    );
  });

  it('a request naming a delegate who is another approver, or one delegate for two seats, is refused on the form', () => {
    const twoSeats = createSignOff(
      signOffDraft({ ...both, delegates: [{ approverId: approverA.id, delegate: person(approverB) }] }),
      'LAN-S-0004',
      raiser,
      NOW,
    );
    expect(!twoSeats.ok && twoSeats.refusal.fieldErrors?.delegates).to.match(/is an approver/);
    const doubled = createSignOff(
      signOffDraft({
        ...both,
        delegates: [
          { approverId: approverA.id, delegate: person(delegateA) },
          { approverId: approverB.id, delegate: person(delegateA) },
        ],
      }),
      'LAN-S-0004',
      raiser,
      NOW,
    );
    expect(!doubled.ok && doubled.refusal.fieldErrors?.delegates).to.match(/already answers for/);
  });
});

describe('Ratifying a chair’s action', () => {
  const decidedBy = (who: Actor) =>
    ok(apply(newSignOff({ route: 'chairs-action', approvers: [person(who)], mode: 'FIRST' }), who, { type: 'approve' }));

  it('the chair who decided it cannot record its ratification, nor that it was not ratified', () => {
    const chairAndAdmin: Actor = { ...chair, roles: ['chair', 'admin'] };
    const s = decidedBy(chairAndAdmin);
    for (const cmd of [
      { type: 'ratify', meeting: 'Board, 14 Jan 2027' },
      { type: 'notRatify', meeting: 'Board', reason: 'No' },
    ] as SignOffCommand[]) {
      const t = apply(s, chairAndAdmin, cmd);
      expect(code(t), cmd.type).to.equal('WRONG_PERSON');
      expect(refusal(t)).to.match(/decided LAN-S-0003 .* another chair or place admin/);
    }
  });

  it('nor can a delegate decide it in the chair’s seat: a chair’s action takes no delegate, on the form or from the card (issue 27)', () => {
    const t = createSignOff(
      signOffDraft({
        route: 'chairs-action',
        approvers: [person(chair)],
        delegates: [{ approverId: chair.id, delegate: person(delegateA) }],
      }),
      'LAN-S-0003',
      raiser,
      NOW,
    );
    expect(!t.ok && t.refusal.fieldErrors?.delegates).to.match(/takes no delegate/);
    const s0 = newSignOff({ route: 'chairs-action', approvers: [person(chair)] });
    expect(code(apply(s0, chair, { type: 'addDelegate', approverId: chair.id, delegate: person(delegateA) }))).to.equal('WRONG_PERSON');
  });

  it('another chair or admin records it', () => {
    expect(code(apply(decidedBy(chair), admin, { type: 'ratify', meeting: 'Board, 14 Jan 2027' }))).to.equal('OK');
  });
});

describe('Declaring a conflict of interest', () => {
  it('a chair, an admin or the requester who is not an approver or delegate is refused as the wrong person', () => {
    for (const who of [chair, admin, raiser, stranger]) {
      const t = apply(newSignOff(both), who, { type: 'declareConflict', person: person(approverA), nature: 'actual', howManaged: 'x' });
      expect(code(t), who.name).to.equal('WRONG_PERSON');
    }
  });

  it('an approver cannot declare a conflict for another approver, so cannot knock the others out and decide alone', () => {
    const t = apply(allMustApprove(), approverA, { type: 'declareConflict', person: person(approverB), nature: 'actual', howManaged: 'x' });
    expect(code(t)).to.equal('WRONG_PERSON');
  });

  it('an approver or a recorded delegate declares their own', () => {
    const s = ok(apply(allMustApprove(), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: person(delegateA) }));
    expect(
      code(apply(s, approverB, { type: 'declareConflict', person: person(approverB), nature: 'potential', howManaged: 'Left the room' })),
    ).to.equal('OK');
    expect(
      code(apply(s, delegateA, { type: 'declareConflict', person: person(delegateA), nature: 'potential', howManaged: 'Steps aside' })),
    ).to.equal('OK');
  });
});

// ------------------------------------------------------------------------------- properties

const ROLES: PlaceRole[][] = [[], ['chair'], ['admin'], ['approver'], ['chair', 'admin']];
const NAMES = ['Ann', 'Bob', 'Cat', 'Dev', 'Eve', 'Fay'];
/** Six people, each with some roles in the place. */
const anyPeople = fc
  .tuple(...NAMES.map(() => fc.constantFrom(...ROLES)))
  .map((roles) => roles.map((r, i): Actor => ({ id: `p-${i}`, name: NAMES[i]!, roles: r })));
const anyCommand = (n: number): fc.Arbitrary<{ by: number; cmd: (people: Actor[]) => SignOffCommand }> =>
  fc
    .record({
      by: fc.nat(n - 1),
      what: fc.constantFrom('addDelegate', 'declareConflict', 'approve', 'reject', 'ratify'),
      who: fc.nat(n - 1),
      seat: fc.nat(n - 1),
    })
    .map(({ by, what, who, seat }) => ({
      by,
      cmd: (people: Actor[]) => {
        if (what === 'addDelegate') return { type: 'addDelegate', approverId: people[seat]!.id, delegate: person(people[who]!) };
        if (what === 'declareConflict')
          return { type: 'declareConflict', person: person(people[who]!), nature: 'actual', howManaged: 'Steps aside' };
        if (what === 'ratify') return { type: 'ratify', meeting: 'Board' };
        return what === 'approve' ? { type: 'approve' } : { type: 'reject', reason: 'No' };
      },
    }));

const SEED = { seed: 19_2026, numRuns: 400 };

describe('Property: whoever records what, in any order', () => {
  it('nobody answers for two seats, a delegate is never the requester, an approver or conflicted, and an everyone-must-approve sign-off is approved only by as many people as it has seats', () => {
    fc.assert(
      fc.property(
        anyPeople,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<'ALL' | 'FIRST'>('ALL', 'FIRST'),
        fc.constantFrom<'meeting' | 'chairs-action'>('meeting', 'chairs-action'),
        fc.array(anyCommand(NAMES.length), { maxLength: 25 }),
        (people, nApprovers, mode, route, commands) => {
          const requester = people[0]!;
          const approvers = people.slice(1, 1 + nApprovers).map(person);
          const created = createSignOff(
            signOffDraft({ approvers, mode: route === 'chairs-action' ? 'FIRST' : mode, route }),
            'LAN-S-0009',
            requester,
            NOW,
          );
          if (!created.ok) return;
          let s = created.record;
          for (const { by, cmd } of commands) {
            const t = applySignOffCommand(s, people[by]!, cmd(people), NOW);
            if (t.ok) s = t.record;
            // Each delegate: not the requester, not an approver, not conflicted when recorded, one seat only.
            const delegateIds = s.delegates.map((d) => d.delegate.id);
            expect(new Set(delegateIds).size).to.equal(delegateIds.length);
            for (const d of s.delegates) {
              expect(d.delegate.id).to.not.equal(s.requestedBy.id);
              expect(s.approvers.some((a) => a.id === d.delegate.id)).to.equal(false);
            }
            for (const p of people) expect(seatsOf(s, p.id).length).to.be.at.most(1);
            // Each answer is given by a different person.
            const answeredBy = s.responses.map((r) => r.by.id);
            expect(new Set(answeredBy).size).to.equal(answeredBy.length);
            if (s.mode === 'ALL' && s.decision && s.decision.outcome.startsWith('APPROVED')) {
              const approvedBy = new Set(s.responses.filter((r) => r.outcome.startsWith('APPROVED')).map((r) => r.by.id));
              expect(approvedBy.size).to.be.at.least(s.approvers.filter((a) => !s.conflicts.some((c) => c.person.id === a.id)).length);
            }
            // Ratification is never recorded by someone who took part in the decision.
            if (s.ratification) {
              expect(s.ratification.by.id).to.not.equal(s.decision?.by.id);
              expect(s.responses.some((r) => r.by.id === s.ratification!.by.id || r.approver.id === s.ratification!.by.id)).to.equal(false);
            }
            // A conflict is only ever declared by the person themselves.
            for (const c of s.conflicts.filter((c) => c.declaredBy.id !== requester.id)) expect(c.declaredBy.id).to.equal(c.person.id);
          }
        },
      ),
      SEED,
    );
  });
});

import { expect } from 'chai';
import type { Actor } from '../../../records/people.js';
import { createSignOff, deciders, permissionsOf, viewers, signOffSchema, type SignOff } from '../../../records/signoff.js';
import { applySignOffCommand, CLOCK_ACTOR, expiryDue, refusedAttempt, type SignOffCommand } from '../../../records/signoffCommands.js';
import { admin, approverA, approverB, chair, days, delegateA, newSignOff, NOW, ok, raiser, signOffDraft, stranger } from './fixtures.js';

const apply = (s: SignOff, by: Actor, command: SignOffCommand, now = NOW) => applySignOffCommand(s, by, command, now);
const code = (t: ReturnType<typeof apply>) => (t.ok ? 'OK' : t.refusal.code);
const both = { approvers: [approverA, approverB].map(({ id, name }) => ({ id, name })) };

describe('Asking for a sign-off', () => {
  it('starts PENDING, expiring 30 days after the request by default', () => {
    const s = newSignOff();
    expect(s.status).to.equal('PENDING');
    expect(s.expiresOn).to.equal('2026-12-23');
    expect(s.requestedBy.id).to.equal(raiser.id);
    expect(s.mode).to.equal('FIRST');
    expect(signOffSchema.safeParse(s).success).to.equal(true);
  });

  it('refuses a request with no approver, and one where the requester approves their own request', () => {
    const none = createSignOff(signOffDraft({ approvers: [] }), 'LAN-S-0001', raiser, NOW);
    expect(!none.ok && none.refusal.fieldErrors).to.have.property('approvers');
    const own = createSignOff(signOffDraft(), 'LAN-S-0001', approverA, NOW);
    expect(!own.ok && own.refusal.fieldErrors!.approvers).to.match(/own request/);
  });

  it('refuses a due date in the past and an expiry before the due date', () => {
    expect(code(createSignOff(signOffDraft({ dueBy: '2026-11-22' }), 'LAN-S-0001', raiser, NOW) as never)).to.equal('INVALID_INPUT');
    const t = createSignOff(signOffDraft({ expiresOn: '2026-12-01' }), 'LAN-S-0001', raiser, NOW);
    expect(!t.ok && t.refusal.fieldErrors).to.have.property('expiresOn');
  });

  it('refuses a link to the paper that is not http(s), so a card can never carry script', () => {
    const t = createSignOff(signOffDraft({ paperUrl: 'javascript:alert(1)' }), 'LAN-S-0001', raiser, NOW);
    expect(!t.ok && t.refusal.fieldErrors).to.have.property('paperUrl');
  });

  it('refuses a plain http link to the paper, asking for https, on the request and on a resubmission', () => {
    const t = createSignOff(signOffDraft({ paperUrl: 'http://example.nhs.uk/papers/int-model.pdf' }), 'LAN-S-0001', raiser, NOW);
    expect(!t.ok && t.refusal.fieldErrors!.paperUrl).to.equal('Give a full link, starting https://');
    const asked = ok(apply(newSignOff(), approverA, { type: 'requestInfo', question: 'Where is the paper?' }));
    const r = apply(asked, raiser, { type: 'resubmit', answer: 'Here', paperUrl: 'http://example.nhs.uk/p.pdf' });
    expect(!r.ok && r.refusal.fieldErrors).to.have.property('paperUrl');
  });

  it('refuses a request where every approver has declared a conflict', () => {
    const t = createSignOff(
      signOffDraft({ conflicts: [{ person: approverA, nature: 'actual', howManaged: 'Left the room' }] }),
      'LAN-S-0001',
      raiser,
      NOW,
    );
    expect(!t.ok && t.refusal.fieldErrors!.approvers).to.match(/conflict/);
  });

  it('records a correction as a new sign-off naming the one it corrects', () => {
    expect(newSignOff({ corrects: 'lan-s-0002' }).corrects).to.equal('LAN-S-0002');
    expect(code(createSignOff(signOffDraft({ corrects: 'LAN-A-0002' }), 'LAN-S-0004', raiser, NOW) as never)).to.equal('INVALID_INPUT');
  });
});

describe('Deciding a sign-off (first response decides)', () => {
  it('an approver approves: APPROVED with who and when', () => {
    const s = ok(apply(newSignOff(), approverA, { type: 'approve', comment: 'Content with this' }));
    expect(s.status).to.equal('APPROVED');
    expect(s.decision).to.deep.equal({
      outcome: 'APPROVED',
      by: { id: approverA.id, name: approverA.name },
      at: NOW.toISOString(),
      comment: 'Content with this',
    });
  });

  it('approval with conditions needs the conditions', () => {
    const t = apply(newSignOff(), approverA, { type: 'approveWithConditions', conditions: ' ' });
    expect(!t.ok && t.refusal.fieldErrors).to.have.property('conditions');
    const s = ok(apply(newSignOff(), approverA, { type: 'approveWithConditions', conditions: 'Report back in March' }));
    expect(s.status).to.equal('APPROVED_WITH_CONDITIONS');
    expect(s.decision!.conditions).to.equal('Report back in March');
  });

  it('rejection needs a reason, which is kept as the decision comment', () => {
    expect(code(apply(newSignOff(), approverA, { type: 'reject', reason: '' }))).to.equal('INVALID_INPUT');
    const s = ok(apply(newSignOff(), approverA, { type: 'reject', reason: 'Finance not agreed' }));
    expect(s.status).to.equal('REJECTED');
    expect(s.decision).to.include({ outcome: 'REJECTED', comment: 'Finance not agreed' });
  });

  it('someone who is not a named approver or delegate cannot decide, even a chair', () => {
    for (const who of [stranger, chair, raiser])
      expect(code(apply(newSignOff(), who, { type: 'approve' })), who.name).to.equal('WRONG_PERSON');
  });

  it('a recorded delegate decides for their approver; the response names both', () => {
    const s0 = newSignOff({ delegates: [{ approverId: approverA.id, delegate: { id: delegateA.id, name: delegateA.name } }] });
    const s = ok(apply(s0, delegateA, { type: 'approve' }));
    expect(s.status).to.equal('APPROVED');
    expect(s.responses[0]!.approver.id).to.equal(approverA.id);
    expect(s.responses[0]!.by.id).to.equal(delegateA.id);
  });

  it('only the approver can record their own delegate while it is pending; a chair, an admin or a stranger cannot (issue 27)', () => {
    const s = ok(apply(newSignOff(), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: delegateA }));
    expect(code(apply(s, delegateA, { type: 'approve' }))).to.equal('OK');
    expect(code(apply(newSignOff(), stranger, { type: 'addDelegate', approverId: approverA.id, delegate: stranger }))).to.equal(
      'WRONG_PERSON',
    );
    expect(code(apply(newSignOff(), chair, { type: 'addDelegate', approverId: approverA.id, delegate: delegateA }))).to.equal(
      'WRONG_PERSON',
    );
    expect(code(apply(newSignOff(), admin, { type: 'addDelegate', approverId: approverA.id, delegate: delegateA }))).to.equal(
      'WRONG_PERSON',
    );
  });

  it('a declared conflict bars the approver, and their delegate, from deciding', () => {
    const s0 = newSignOff({ ...both, delegates: [{ approverId: approverA.id, delegate: delegateA }] });
    const s = ok(
      apply(s0, approverA, { type: 'declareConflict', person: approverA, nature: 'perceived', howManaged: 'Will not take part' }),
    );
    expect(s.conflicts[0]).to.include({ nature: 'perceived', howManaged: 'Will not take part' });
    expect(code(apply(s, approverA, { type: 'approve' }))).to.equal('WRONG_PERSON');
    expect(code(apply(s, delegateA, { type: 'approve' }))).to.equal('WRONG_PERSON');
    expect(code(apply(s, approverB, { type: 'approve' }))).to.equal('OK');
  });

  it('refuses a conflict declaration that would leave nobody free to decide', () => {
    const t = apply(newSignOff(), approverA, { type: 'declareConflict', person: approverA, nature: 'actual', howManaged: 'Excluded' });
    expect(code(t)).to.equal('NOT_ALLOWED');
  });
});

describe('Deciding a sign-off (all must approve)', () => {
  const all = () => newSignOff({ ...both, mode: 'ALL' });

  it('stays pending until every approver has approved, then is APPROVED', () => {
    const one = ok(apply(all(), approverA, { type: 'approve' }));
    expect(one.status).to.equal('PENDING');
    expect(deciders(one).map((p) => p.id)).to.deep.equal([approverB.id]);
    const two = ok(apply(one, approverB, { type: 'approve' }, days(1)));
    expect(two.status).to.equal('APPROVED');
    expect(two.decision!.by.id).to.equal(approverB.id);
  });

  it('one rejection decides REJECTED at once', () => {
    const s = ok(apply(all(), approverB, { type: 'reject', reason: 'Not yet' }));
    expect(s.status).to.equal('REJECTED');
  });

  it('any conditions make the whole approval conditional, each named', () => {
    const one = ok(apply(all(), approverA, { type: 'approveWithConditions', conditions: 'Add an EIA' }));
    const two = ok(apply(one, approverB, { type: 'approve' }));
    expect(two.status).to.equal('APPROVED_WITH_CONDITIONS');
    expect(two.decision!.conditions).to.equal(`${approverA.name}: Add an EIA`);
  });

  it('an approver cannot answer twice', () => {
    const one = ok(apply(all(), approverA, { type: 'approve' }));
    expect(code(apply(one, approverA, { type: 'approve' }))).to.equal('NOT_ALLOWED');
  });

  it('a conflict declared after the others approved drops that approver and completes the approval', () => {
    const one = ok(apply(all(), approverA, { type: 'approve' }));
    const s = ok(
      apply(one, approverB, { type: 'declareConflict', person: approverB, nature: 'actual', howManaged: 'Declared at the board' }),
    );
    expect(s.status).to.equal('APPROVED');
  });

  it('a conflicted approver’s earlier approval no longer counts', () => {
    const one = ok(apply(all(), approverA, { type: 'approve' }));
    const s = ok(apply(one, approverA, { type: 'declareConflict', person: approverA, nature: 'potential', howManaged: 'Recused' }));
    expect(s.status).to.equal('PENDING');
    expect(s.responses).to.deep.equal([]);
  });
});

describe('More information requested', () => {
  it('goes back to the requester, who resubmits with an answer: PENDING again with a fresh expiry', () => {
    const asked = ok(apply(newSignOff(), approverA, { type: 'requestInfo', question: 'What is the cost in year 2?' }, days(20)));
    expect(asked.status).to.equal('INFO_REQUESTED');
    expect(asked.infoRequests[0]).to.include({ question: 'What is the cost in year 2?' });
    expect(code(apply(asked, approverA, { type: 'approve' }))).to.equal('WRONG_STATE');
    expect(code(apply(asked, stranger, { type: 'resubmit', answer: '£1.2m' }))).to.equal('WRONG_PERSON');
    const again = ok(apply(asked, raiser, { type: 'resubmit', answer: '£1.2m, see appendix B' }, days(25)));
    expect(again.status).to.equal('PENDING');
    expect(again.responses).to.deep.equal([]);
    expect(again.infoRequests[0]).to.include({ answer: '£1.2m, see appendix B' });
    expect(again.expiresOn).to.equal('2027-01-17');
    expect(code(apply(again, approverA, { type: 'approve' }))).to.equal('OK');
  });

  it('needs the question to be said', () => {
    expect(code(apply(newSignOff(), approverA, { type: 'requestInfo', question: '' }))).to.equal('INVALID_INPUT');
  });
});

describe('Withdrawal and expiry', () => {
  it('the requester or an admin may withdraw a pending request; an approver may not', () => {
    expect(code(apply(newSignOff(), approverA, { type: 'withdraw' }))).to.equal('WRONG_PERSON');
    expect(ok(apply(newSignOff(), admin, { type: 'withdraw', reason: 'Superseded' })).decision).to.include({
      outcome: 'WITHDRAWN',
      comment: 'Superseded',
    });
    expect(ok(apply(newSignOff(), raiser, { type: 'withdraw' })).status).to.equal('WITHDRAWN');
  });

  it('expires only after its expiry date has passed (London)', () => {
    const s = newSignOff();
    expect(code(apply(s, stranger, { type: 'expire' }, new Date('2026-12-23T23:30:00Z')))).to.equal('NOT_ALLOWED');
    const expired = ok(apply(s, stranger, { type: 'expire' }, new Date('2026-12-24T00:01:00Z')));
    expect(expired.status).to.equal('EXPIRED');
    expect(expired.decision!.outcome).to.equal('EXPIRED');
  });
});

describe("Chair's action", () => {
  const chairs = () => newSignOff({ route: 'chairs-action' });

  it('an approval waits for ratification at a named meeting, then is RATIFIED', () => {
    const s = ok(apply(chairs(), approverA, { type: 'approve' }));
    expect(s.status).to.equal('AWAITING_RATIFICATION');
    expect(s.decision!.outcome).to.equal('APPROVED');
    expect(code(apply(s, approverA, { type: 'ratify', meeting: 'Board 14 Jan 2027' }))).to.equal('WRONG_PERSON');
    const r = ok(apply(s, admin, { type: 'ratify', meeting: 'Lancashire Place Partnership Board, 14 Jan 2027' }));
    expect(r.status).to.equal('RATIFIED');
    expect(r.ratification).to.include({ outcome: 'RATIFIED', meeting: 'Lancashire Place Partnership Board, 14 Jan 2027' });
    expect(r.decision).to.deep.equal(s.decision);
  });

  it('the board may decline to ratify, with a reason', () => {
    const s = ok(apply(chairs(), approverA, { type: 'approve' }));
    const r = ok(apply(s, chair, { type: 'notRatify', meeting: 'Board 14 Jan 2027', reason: 'Should have come to the board' }));
    expect(r.status).to.equal('NOT_RATIFIED');
    expect(r.ratification!.comment).to.equal('Should have come to the board');
  });

  it('a rejection by chair’s action is final, with nothing to ratify', () => {
    const s = ok(apply(chairs(), approverA, { type: 'reject', reason: 'Needs the full board' }));
    expect(s.status).to.equal('REJECTED');
    expect(code(apply(s, chair, { type: 'ratify', meeting: 'Board' }))).to.equal('WRONG_STATE');
  });
});

describe('A decided sign-off never changes', () => {
  it('refuses every command on an approved sign-off as WRONG_STATE, even garbled ones', () => {
    const s = ok(apply(newSignOff(), approverA, { type: 'approve' }));
    const commands: SignOffCommand[] = [
      { type: 'approve' },
      { type: 'reject', reason: '' },
      { type: 'withdraw' },
      { type: 'expire' },
      { type: 'resubmit', answer: 'x' },
      { type: 'declareConflict', person: approverA, nature: 'actual', howManaged: 'x' },
      { type: 'ratify', meeting: 'x' },
    ];
    for (const c of commands) {
      const t = apply(s, admin, c, days(400));
      expect(code(t), c.type).to.equal('WRONG_STATE');
      expect(!t.ok && t.refusal.message, c.type).to.match(/new sign-off/);
    }
  });
});

describe('Who sees what on a sign-off card (permissionsOf)', () => {
  const withDelegate = () => ok(apply(newSignOff(both), approverA, { type: 'addDelegate', approverId: approverA.id, delegate: delegateA }));

  it('an approver who has not answered may answer their own seat and declare a conflict', () => {
    const p = permissionsOf(newSignOff(both), approverA);
    expect(p.seats.map((s) => s.id)).to.deep.equal([approverA.id]);
    expect(p).to.include({ conflicted: false, canDeclareConflict: true, canWithdraw: false, canRatify: false });
  });

  it('a recorded delegate may answer for their approver, but not declare the approver’s conflict', () => {
    const p = permissionsOf(withDelegate(), delegateA);
    expect(p.seats.map((s) => s.id)).to.deep.equal([approverA.id]);
    expect(p.canDeclareConflict).to.equal(false);
  });

  it('a conflicted approver has no seat left and is told so', () => {
    const s = ok(
      apply(newSignOff(both), approverA, {
        type: 'declareConflict',
        person: approverA,
        nature: 'potential',
        howManaged: 'Left the discussion',
      }),
    );
    expect(permissionsOf(s, approverA)).to.include({ conflicted: true, canDeclareConflict: false });
    expect(permissionsOf(s, approverA).seats).to.deep.equal([]);
  });

  it('the requester may withdraw, and resubmit once information is asked for; a bystander may do nothing', () => {
    const s = newSignOff();
    expect(permissionsOf(s, raiser)).to.include({ canWithdraw: true, canResubmit: false });
    const asked = ok(apply(s, approverA, { type: 'requestInfo', question: 'What does it cost?' }));
    expect(permissionsOf(asked, raiser)).to.include({ canWithdraw: true, canResubmit: true });
    const bystander = permissionsOf(s, stranger);
    expect(bystander).to.deep.equal({
      seats: [],
      conflicted: false,
      answered: [],
      canDeclareConflict: false,
      canWithdraw: false,
      canResubmit: false,
      canRatify: false,
      canDelegateFor: [],
    });
  });

  it('a chair or admin may record ratification of a chair’s action, nobody may do anything once decided', () => {
    const s = ok(apply(newSignOff({ route: 'chairs-action' }), approverA, { type: 'approve' }));
    expect(permissionsOf(s, chair).canRatify).to.equal(true);
    expect(permissionsOf(s, raiser).canRatify).to.equal(false);
    const decided = ok(apply(newSignOff(), approverA, { type: 'approve' }));
    for (const who of [approverA, raiser, chair, admin]) {
      const p = permissionsOf(decided, who);
      expect(
        [p.seats.length, p.canWithdraw, p.canResubmit, p.canRatify, p.canDelegateFor.length, p.canDeclareConflict],
        who.name,
      ).to.deep.equal([0, false, false, false, 0, false]);
    }
  });

  it('each view is for the approvers, their delegates and the requester: never more than 60 people', () => {
    expect(viewers(withDelegate())).to.deep.equal([approverA.id, approverB.id, delegateA.id, raiser.id]);
  });

  it('names people by their Teams user id where the bot learned it, as Teams’ refresh.userIds wants', () => {
    const s = newSignOff({
      ...both,
      teamsIds: [
        { personId: approverB.id, teamsId: '29:ben' },
        { personId: raiser.id, teamsId: '29:rhiannon' },
      ],
    });
    expect(viewers(s)).to.deep.equal([approverA.id, '29:ben', '29:rhiannon']);
  });
});

describe('Expiry when the due date has passed', () => {
  it('is due only after the expiry date, recorded as done by the bot', () => {
    const s = newSignOff({ expiresOn: '2026-12-07' });
    expect(expiryDue(s, new Date('2026-12-07T23:00:00Z'))).to.equal(undefined);
    const t = expiryDue(s, new Date('2026-12-08T09:00:00Z'));
    expect(t && t.ok && t.record.status).to.equal('EXPIRED');
    expect(t && t.ok && t.event.actor.id).to.equal(CLOCK_ACTOR.id);
    expect(expiryDue(ok(apply(s, approverA, { type: 'approve' })), days(400))).to.equal(undefined);
  });
});

describe('A refused answer is kept in the audit trail', () => {
  it('names who tried, what, and why, and changes nothing', () => {
    const s = newSignOff();
    const e = refusedAttempt(s, stranger, { type: 'approve' }, 'Only the named approvers can decide it.', NOW);
    expect(e).to.deep.include({ ref: s.ref, command: 'refused:approve', actor: { id: stranger.id, name: stranger.name } });
    expect(e.after).to.deep.include({ status: 'PENDING', reason: 'Only the named approvers can decide it.' });
  });
});

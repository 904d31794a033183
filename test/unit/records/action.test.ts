import { expect } from 'chai';
import {
  applyActionCommand,
  closureDeclinedAt,
  createAction,
  currentDueDate,
  mayGive,
  ragOf,
  type Action,
  type ActionCommand,
} from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { action, CHAIR, draft, OWNER, SECRETARY, STAFF } from '../../support/actionFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // Monday
const ownerActor: Actor = { ...OWNER, roles: [] };

function apply(a: Action, actor: Actor, command: ActionCommand, now = NOW): Action {
  const t = applyActionCommand(a, actor, command, now);
  if (!t.ok) throw new Error(`${t.refusal.code}: ${t.refusal.message}`);
  return t.record;
}

function refusal(a: Action, actor: Actor, command: ActionCommand) {
  const t = applyActionCommand(a, actor, command, NOW);
  if (t.ok) throw new Error('expected a refusal');
  return t.refusal;
}

describe('Action rules', () => {
  it('logs an action as open, raised by the speaker, with an audit event of everything set', () => {
    const t = createAction(draft(NOW), 'BPL-A-0001', SECRETARY, NOW);
    expect(t.ok).to.equal(true);
    if (!t.ok) return;
    expect(t.record).to.include({ ref: 'BPL-A-0001', status: 'OPEN', raisedAt: NOW.toISOString() });
    expect(t.record.raisedBy).to.deep.equal({ id: SECRETARY.id, name: SECRETARY.name });
    expect(t.event).to.include({ command: 'create', ref: 'BPL-A-0001', place: 'BPL', before: null });
  });

  it('refuses a due date before today in London, naming the field', () => {
    const t = createAction(draft(NOW, { dueDate: '2026-11-22' }), 'BPL-A-0001', SECRETARY, NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) expect(t.refusal.fieldErrors).to.deep.equal({ dueDate: 'The due date must be today or later.' });
  });

  it('accepts today as a due date', () => {
    expect(createAction(draft(NOW, { dueDate: '2026-11-23' }), 'BPL-A-0001', SECRETARY, NOW).ok).to.equal(true);
  });

  it('keeps a locality only for Lancashire', () => {
    expect(action(NOW, { place: 'LAN', locality: 'East' }, 'LAN-A-0001').locality).to.equal('East');
    expect(action(NOW, { place: 'BPL', locality: 'East' }).locality).to.equal(undefined);
  });

  describe('RAG, computed from the dates', () => {
    const a = action(NOW, { dueDate: '2026-12-07' }); // 14 days ahead
    it('is amber when due within 14 days', () => expect(ragOf(a, NOW)).to.equal('AMBER'));
    it('is green when due later than that', () => expect(ragOf(a, new Date('2026-11-22T10:00:00Z'))).to.equal('GREEN'));
    it('is red the day after it was due', () => expect(ragOf(a, new Date('2026-12-08T00:30:00Z'))).to.equal('RED'));
    it('is blue once proposed for closure, even when overdue', () => {
      const proposed = apply(a, ownerActor, { type: 'proposeClosure' });
      expect(ragOf(proposed, new Date('2027-01-30T10:00:00Z'))).to.equal('BLUE');
    });
    it('has no RAG once closed', () => expect(ragOf(apply(a, CHAIR, { type: 'close', decision: 'Board 1 Dec' }), NOW)).to.equal('NONE'));
  });

  it('an update moves an open action to in progress and is kept with who and when', () => {
    const a = apply(action(NOW), ownerActor, { type: 'addUpdate', text: 'Draft circulated.' });
    expect(a.status).to.equal('IN_PROGRESS');
    expect(a.updates).to.deep.equal([{ by: { id: OWNER.id, name: OWNER.name }, at: NOW.toISOString(), text: 'Draft circulated.' }]);
  });

  it('revising the due date keeps the history and the reason; the current due date follows it', () => {
    let a = action(NOW);
    a = apply(a, ownerActor, { type: 'reviseDueDate', dueDate: '2027-01-10', reason: 'Council legal view awaited' });
    a = apply(a, ownerActor, { type: 'reviseDueDate', dueDate: '2027-02-10', reason: 'Board moved' });
    expect(a.revisions.map((r) => [r.from, r.to])).to.deep.equal([
      [a.dueDate, '2027-01-10'],
      ['2027-01-10', '2027-02-10'],
    ]);
    expect(currentDueDate(a)).to.equal('2027-02-10');
  });

  it('a revision needs a reason and a date today or later', () => {
    expect(refusal(action(NOW), ownerActor, { type: 'reviseDueDate', dueDate: '2027-01-10', reason: ' ' }).fieldErrors).to.have.property(
      'reason',
    );
    expect(refusal(action(NOW), ownerActor, { type: 'reviseDueDate', dueDate: '2026-11-01', reason: 'x' }).fieldErrors).to.have.property(
      'dueDate',
    );
  });

  it('only the owner, the raiser or a chair/admin may change an action', () => {
    const a = action(NOW);
    expect(refusal(a, STAFF, { type: 'addUpdate', text: 'hi' }).code).to.equal('WRONG_PERSON');
    expect(mayGive(a, STAFF, 'addUpdate')).to.equal(false);
    for (const who of [ownerActor, SECRETARY, CHAIR]) expect(mayGive(a, who, 'addUpdate'), who.name).to.equal(true);
  });

  it('closing and cancelling are for a chair or place admin, recording the decision', () => {
    const proposed = apply(action(NOW), ownerActor, { type: 'proposeClosure', note: 'ToR approved' });
    expect(refusal(proposed, ownerActor, { type: 'close', decision: 'Board 1 Dec' }).code).to.equal('WRONG_PERSON');
    const closed = apply(proposed, CHAIR, { type: 'close', decision: 'Approved at Board, 1 Dec 2026' });
    expect(closed.status).to.equal('CLOSED');
    expect(closed.closure?.decision).to.equal('Approved at Board, 1 Dec 2026');
    expect(refusal(closed, CHAIR, { type: 'addUpdate', text: 'late' }).code).to.equal('WRONG_STATE');
  });

  it('declining a proposed closure returns the action to in progress with the reason noted', () => {
    const proposed = apply(action(NOW), ownerActor, { type: 'proposeClosure' });
    const declined = apply(proposed, CHAIR, { type: 'declineClosure', reason: 'Needs the council sign-off too' });
    expect(declined.status).to.equal('IN_PROGRESS');
    expect(declined.updates.at(-1)?.text).to.equal('Closure declined: Needs the council sign-off too');
  });

  it('closure declined at a meeting is read back with its reason, for that meeting only and while the action is open', () => {
    const proposed = apply(action(NOW), ownerActor, { type: 'proposeClosure' });
    const declined = apply(proposed, CHAIR, { type: 'declineClosure', reason: 'One post still vacant', atMeeting: 'BPL-M-0003' });
    expect(declined.updates.at(-1)?.text).to.equal('Closure declined at BPL-M-0003: One post still vacant');
    expect(closureDeclinedAt(declined, 'BPL-M-0003')).to.equal('One post still vacant');
    expect(closureDeclinedAt(declined, 'BPL-M-0004')).to.equal(undefined);
    expect(
      closureDeclinedAt(apply(declined, CHAIR, { type: 'cancel', decision: 'Superseded by the estates review' }), 'BPL-M-0003'),
    ).to.equal(undefined);
  });

  it('on hold and back returns to where it was; closing from hold leaves no trace of the hold', () => {
    const held = apply(apply(action(NOW), ownerActor, { type: 'addUpdate', text: 'Started.' }), ownerActor, {
      type: 'hold',
      reason: 'Awaiting PID decision',
    });
    expect(held.status).to.equal('ON_HOLD');
    expect(apply(held, ownerActor, { type: 'resume' }).status).to.equal('IN_PROGRESS');
    expect(apply(held, CHAIR, { type: 'close', decision: 'Superseded' })).not.to.have.property('heldFrom');
  });

  it('an action answering community feedback cannot close without saying what we did', () => {
    const a = action(NOW, { feedback: { youSaid: 'Build on existing partnerships.' } });
    expect(refusal(a, CHAIR, { type: 'close', decision: 'Board' }).fieldErrors).to.have.property('weDid');
    const closed = apply(a, CHAIR, { type: 'close', decision: 'Board', weDid: 'Locality forums use district partnerships.' });
    expect(closed.feedback).to.deep.equal({
      youSaid: 'Build on existing partnerships.',
      weDid: 'Locality forums use district partnerships.',
    });
  });

  it('refuses the 101st update rather than dropping an old one', () => {
    let a = action(NOW);
    for (let i = 0; i < 100; i++) a = apply(a, ownerActor, { type: 'addUpdate', text: `Update ${i}` });
    expect(refusal(a, ownerActor, { type: 'addUpdate', text: 'one more' }).code).to.equal('NOT_ALLOWED');
    expect(refusal(a, CHAIR, { type: 'hold', reason: 'pause' }).code).to.equal('NOT_ALLOWED');
  });

  it('an over-long update is refused with a message naming the field', () => {
    expect(refusal(action(NOW), ownerActor, { type: 'addUpdate', text: 'x'.repeat(2001) }).fieldErrors).to.deep.equal({
      text: 'Update must be 2,000 characters or fewer.',
    });
  });

  it('the audit event of a change holds only the fields that changed, before and after', () => {
    const a = action(NOW);
    const t = applyActionCommand(a, ownerActor, { type: 'reviseDueDate', dueDate: '2027-01-10', reason: 'Moved' }, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    expect(Object.keys(t.event.after)).to.deep.equal(['revisions']);
    expect(t.event.before).to.deep.equal({ revisions: [] });
  });
});

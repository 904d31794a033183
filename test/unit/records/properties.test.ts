// Property tests: the rules hold for any scores, any command sequence, any clock.
import { expect } from 'chai';
import fc from 'fast-check';
import { actionSchema, applyActionCommand, ragOf, type Action, type ActionCommand, type ActionStatus } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { riskSchema, type Risk } from '../../../records/risk.js';
import { applyRiskCommand, type RiskCommand } from '../../../records/riskCommands.js';
import { BAND_RANGES, RISK_BANDS, riskBand, riskScore, type Rating } from '../../../records/scoring.js';
import { eligibleApprovers, FINAL_SIGNOFF_STATUSES, hasConflict, seatsOf, signOffSchema, type SignOff } from '../../../records/signoff.js';
import { applySignOffCommand, type SignOffCommand } from '../../../records/signoffCommands.js';
import { addDays } from '../../../records/dates.js';
import { admin, approverA, approverB, chair, delegateA, newAction, newRisk, newSignOff, NOW, owner, raiser, stranger } from './fixtures.js';

const RUNS = { numRuns: 300 };
const people: Actor[] = [owner, raiser, chair, admin, approverA, approverB, delegateA, stranger];
const anyActor = fc.constantFrom(...people);
/** Clocks from the request day to two years on, so expiry and overdue both happen. */
const anyClock = fc.integer({ min: 0, max: 730 * 24 }).map((h) => new Date(NOW.getTime() + h * 3_600_000));
/** Mostly a good answer, sometimes blank or too long, so both paths are walked. */
const maybeBlank = fc.oneof(
  { arbitrary: fc.constant('Agreed at the board'), weight: 3 },
  { arbitrary: fc.constantFrom('', '  ', 'x'.repeat(2001)), weight: 1 },
);
const step = fc.integer({ min: 0, max: 6 });
const anyDate = fc.integer({ min: -60, max: 400 }).map((n) => addDays('2026-11-23', n));

describe('Property: NPSA scoring', () => {
  it('every likelihood × consequence is L×C and lands in exactly one band', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (l, c) => {
        const rating = { likelihood: l, consequence: c } as Rating;
        const score = riskScore(rating);
        expect(score).to.equal(l * c);
        const containing = RISK_BANDS.filter((b) => score >= BAND_RANGES[b].min && score <= BAND_RANGES[b].max);
        expect(containing).to.deep.equal([riskBand(rating)]);
      }),
    );
  });
});

// ---- Actions -------------------------------------------------------------------------

const actionCommand: fc.Arbitrary<ActionCommand> = fc.oneof(
  maybeBlank.map((text) => ({ type: 'addUpdate' as const, text })),
  anyDate.map((dueDate) => ({ type: 'reviseDueDate' as const, dueDate, reason: 'Slipped' })),
  fc.constant({ type: 'proposeClosure' as const }),
  maybeBlank.map((decision) => ({ type: 'close' as const, decision })),
  maybeBlank.map((reason) => ({ type: 'declineClosure' as const, reason })),
  maybeBlank.map((reason) => ({ type: 'hold' as const, reason })),
  fc.constant({ type: 'resume' as const }),
  maybeBlank.map((decision) => ({ type: 'cancel' as const, decision })),
  fc.constant({ type: 'escalate' as const, to: 'ICB', why: 'Stuck' }),
  anyActor.map((p) => ({ type: 'reassign' as const, owner: { id: p.id, name: p.name } })),
);

/** Every status change the action machine may make. */
const ACTION_EDGES = new Set([
  'OPEN>IN_PROGRESS',
  'OPEN>PROPOSED_FOR_CLOSURE',
  'OPEN>ON_HOLD',
  'OPEN>CLOSED',
  'OPEN>CANCELLED',
  'IN_PROGRESS>PROPOSED_FOR_CLOSURE',
  'IN_PROGRESS>ON_HOLD',
  'IN_PROGRESS>CLOSED',
  'IN_PROGRESS>CANCELLED',
  'PROPOSED_FOR_CLOSURE>IN_PROGRESS',
  'PROPOSED_FOR_CLOSURE>CLOSED',
  'PROPOSED_FOR_CLOSURE>CANCELLED',
  'ON_HOLD>OPEN',
  'ON_HOLD>IN_PROGRESS',
  'ON_HOLD>CLOSED',
  'ON_HOLD>CANCELLED',
]);
const isEnded = (s: ActionStatus) => s === 'CLOSED' || s === 'CANCELLED';

describe('Property: the action state machine', () => {
  it('no command sequence reaches a state the machine forbids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyActor, actionCommand, anyClock), { maxLength: 25 }), (steps) => {
        let action: Action = newAction();
        for (const [who, cmd, now] of steps) {
          const before = structuredClone(action);
          const t = applyActionCommand(action, who, cmd, now);
          expect(action, 'the input is never mutated').to.deep.equal(before);
          if (!t.ok) continue;
          const next = t.record;
          expect(actionSchema.safeParse(next).success, 'still a valid action').to.equal(true);
          if (next.status !== action.status)
            expect(ACTION_EDGES.has(`${action.status}>${next.status}`), `${action.status}>${next.status}`).to.equal(true);
          expect(isEnded(action.status), 'closed and cancelled actions never change').to.equal(false);
          if (isEnded(next.status)) {
            expect(who.roles.includes('chair') || who.roles.includes('admin'), 'only a chair or admin closes').to.equal(true);
            expect(next.closure).to.not.equal(undefined);
          }
          if (next.status === 'ON_HOLD') expect(next.heldFrom).to.be.oneOf(['OPEN', 'IN_PROGRESS']);
          expect(t.event).to.include({ kind: 'action', ref: action.ref, command: cmd.type });
          action = next;
        }
      }),
      RUNS,
    );
  });
});

/** London's calendar date, worked out without luxon so the check is independent. */
function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function plusDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

describe('Property: RAG matches the dates for any clock', () => {
  it('red overdue, amber within 14 days, green beyond, blue proposed, none when ended', () => {
    const statuses: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD', 'CLOSED', 'CANCELLED'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: -40, max: 40 }),
        fc.constantFrom(...statuses),
        fc.boolean(),
        (ms, offset, status, revised) => {
          const now = new Date(ms);
          const today = londonDate(now);
          const due = plusDays(today, offset);
          const base = { status, dueDate: due, revisions: [] as Action['revisions'] };
          const action = revised
            ? {
                ...base,
                dueDate: plusDays(due, 99),
                revisions: [{ from: plusDays(due, 99), to: due, reason: 'r', by: owner, at: now.toISOString() }],
              }
            : base;
          const expected =
            status === 'CLOSED' || status === 'CANCELLED'
              ? 'NONE'
              : status === 'PROPOSED_FOR_CLOSURE'
                ? 'BLUE'
                : due < today
                  ? 'RED'
                  : due <= plusDays(today, 14)
                    ? 'AMBER'
                    : 'GREEN';
          expect(ragOf(action, now)).to.equal(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ---- Risks ---------------------------------------------------------------------------

const riskCommand: fc.Arbitrary<RiskCommand> = fc.oneof(
  fc.tuple(step, step).map(([likelihood, consequence]) => ({ type: 'rescore' as const, likelihood, consequence })),
  fc.constant({ type: 'review' as const }),
  fc.tuple(step, step).map(([likelihood, consequence]) => ({ type: 'setTarget' as const, likelihood, consequence })),
  maybeBlank.map((title) => ({ type: 'edit' as const, title })),
  fc.constantFrom('averse', 'minimal', 'cautious', 'open', 'seek').map((level) => ({ type: 'setAppetite' as const, level })),
  fc.constantFrom('treat', 'tolerate', 'transfer', 'terminate').map((response) => ({ type: 'setResponse' as const, response })),
  fc.constantFrom('BPL-A-0001', 'BPL-A-0002', 'nonsense').map((actionRef) => ({ type: 'linkAction' as const, actionRef })),
  fc.constantFrom('BPL-A-0001', 'BPL-A-0002').map((actionRef) => ({ type: 'unlinkAction' as const, actionRef })),
  fc.constantFrom('monthly', 'quarterly', 'six-monthly').map((frequency) => ({ type: 'setReviewFrequency' as const, frequency })),
  anyActor.map((p) => ({ type: 'reassign' as const, owner: { id: p.id, name: p.name } })),
  fc.constantFrom('PLACE', 'ICB_CORPORATE', 'BAF').map((to) => ({ type: 'changeLevel' as const, to, reason: 'Board agreed' })),
  { arbitrary: maybeBlank.map((reason) => ({ type: 'close' as const, reason })), weight: 4 },
  { arbitrary: maybeBlank.map((reason) => ({ type: 'reopen' as const, reason })), weight: 4 },
) as fc.Arbitrary<RiskCommand>;

describe('Property: the risk state machine', () => {
  it('no command sequence reaches a state the machine forbids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyActor, riskCommand, anyClock), { maxLength: 25 }), (steps) => {
        let risk: Risk = newRisk();
        for (const [who, cmd, now] of steps) {
          const before = structuredClone(risk);
          const t = applyRiskCommand(risk, who, cmd, now);
          expect(risk, 'the input is never mutated').to.deep.equal(before);
          if (!t.ok) continue;
          const next = t.record;
          expect(riskSchema.safeParse(next).success, 'still a valid risk').to.equal(true);
          const last = next.scoreHistory.at(-1)!;
          expect({ likelihood: last.likelihood, consequence: last.consequence }, 'current is the latest assessment').to.deep.equal(
            next.current,
          );
          expect(riskScore(next.target)).to.be.at.most(riskScore(next.initial));
          expect(next.initial, 'the baseline never changes').to.deep.equal(risk.initial);
          if (next.status !== risk.status) {
            expect(['OPEN>CLOSED', 'REOPENED>CLOSED', 'CLOSED>REOPENED']).to.include(`${risk.status}>${next.status}`);
            expect(who.roles.includes('chair') || who.roles.includes('admin')).to.equal(true);
          }
          if (risk.status === 'CLOSED') expect(next.status, 'a closed risk only reopens').to.equal('REOPENED');
          if (next.status === 'CLOSED') expect(next.closure).to.not.equal(undefined);
          risk = next;
        }
      }),
      RUNS,
    );
  });
});

// ---- Sign-offs -----------------------------------------------------------------------

const signOffCommand: fc.Arbitrary<SignOffCommand> = fc.oneof(
  fc.constant({ type: 'approve' as const }),
  maybeBlank.map((conditions) => ({ type: 'approveWithConditions' as const, conditions })),
  maybeBlank.map((reason) => ({ type: 'reject' as const, reason })),
  maybeBlank.map((question) => ({ type: 'requestInfo' as const, question })),
  maybeBlank.map((answer) => ({ type: 'resubmit' as const, answer })),
  fc.constant({ type: 'withdraw' as const }),
  fc.constant({ type: 'expire' as const }),
  anyActor.map((p) => ({
    type: 'declareConflict' as const,
    person: { id: p.id, name: p.name },
    nature: 'actual' as const,
    howManaged: 'Recused',
  })),
  fc.constant({ type: 'addDelegate' as const, approverId: approverA.id, delegate: { id: delegateA.id, name: delegateA.name } }),
  maybeBlank.map((meeting) => ({ type: 'ratify' as const, meeting })),
  maybeBlank.map((meeting) => ({ type: 'notRatify' as const, meeting, reason: 'Should have come to the board' })),
);

const anySignOff = fc
  .record({
    mode: fc.constantFrom('ALL' as const, 'FIRST' as const),
    route: fc.constantFrom('meeting' as const, 'chairs-action' as const, 'between-meetings' as const),
  })
  .map(({ mode, route }) => newSignOff({ mode, route, approvers: [approverA, approverB].map(({ id, name }) => ({ id, name })) }));

const isFinalStatus = (s: SignOff) => FINAL_SIGNOFF_STATUSES.includes(s.status);
const approving = (o: string | undefined) => o === 'APPROVED' || o === 'APPROVED_WITH_CONDITIONS';

function checkSignOff(prev: SignOff, next: SignOff, who: Actor, cmd: SignOffCommand): void {
  expect(signOffSchema.safeParse(next).success, 'still a valid sign-off').to.equal(true);
  if (next.status === 'PENDING' || next.status === 'INFO_REQUESTED') expect(next.decision).to.equal(undefined);
  if (isFinalStatus(next) || next.status === 'AWAITING_RATIFICATION') expect(next.decision).to.not.equal(undefined);
  if (next.status === 'AWAITING_RATIFICATION' || next.status === 'RATIFIED' || next.status === 'NOT_RATIFIED') {
    expect(next.route).to.equal('chairs-action');
    expect(approving(next.decision!.outcome)).to.equal(true);
  }
  if (next.status === 'APPROVED' || next.status === 'APPROVED_WITH_CONDITIONS') expect(next.route).to.not.equal('chairs-action');
  if (next.status === 'RATIFIED' || next.status === 'NOT_RATIFIED') expect(next.ratification?.outcome).to.equal(next.status);
  if (prev.decision) expect(next.decision, 'a decision never changes').to.deep.equal(prev.decision);
  // Every counted answer comes from an unconflicted seat, given by its holder or their delegate.
  for (const r of next.responses) {
    expect(eligibleApprovers(next).map((a) => a.id)).to.include(r.approver.id);
    expect(seatsOf(next, r.by.id).map((a) => a.id)).to.include(r.approver.id);
  }
  if (['approve', 'approveWithConditions', 'reject', 'requestInfo'].includes(cmd.type)) {
    const free = seatsOf(prev, who.id).filter((seat) => eligibleApprovers(prev).some((a) => a.id === seat.id));
    expect(free.length, 'only an unconflicted approver or their delegate decides').to.be.greaterThan(0);
    expect(hasConflict(prev, who.id), 'a conflicted person never decides').to.equal(false);
  }
}

describe('Property: the sign-off state machine', () => {
  it('no command sequence reaches a state the machine forbids', () => {
    fc.assert(
      fc.property(anySignOff, fc.array(fc.tuple(anyActor, signOffCommand, anyClock), { maxLength: 25 }), (start, steps) => {
        let s = start;
        for (const [who, cmd, now] of steps) {
          const before = structuredClone(s);
          const t = applySignOffCommand(s, who, cmd, now);
          expect(s, 'the input is never mutated').to.deep.equal(before);
          if (!t.ok) continue;
          checkSignOff(s, t.record, who, cmd);
          s = t.record;
        }
      }),
      RUNS,
    );
  });

  it('a decided sign-off is refused every command, by anyone, at any time, as WRONG_STATE', () => {
    // Walk at random until a decision is final, then throw everything at it.
    fc.assert(
      fc.property(
        anySignOff,
        fc.array(fc.tuple(anyActor, signOffCommand, anyClock), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(anyActor, signOffCommand, anyClock), { minLength: 1, maxLength: 20 }),
        (start, walk, attack) => {
          let s = start;
          for (const [who, cmd, now] of walk) {
            const t = applySignOffCommand(s, who, cmd, now);
            if (t.ok) s = t.record;
            if (isFinalStatus(s)) break;
          }
          fc.pre(isFinalStatus(s));
          const frozen = structuredClone(s);
          for (const [who, cmd, now] of attack) {
            const t = applySignOffCommand(s, who, cmd, now);
            expect(t.ok).to.equal(false);
            expect(!t.ok && t.refusal.code).to.equal('WRONG_STATE');
          }
          expect(s).to.deep.equal(frozen);
        },
      ),
      { numRuns: 300 },
    );
  });
});

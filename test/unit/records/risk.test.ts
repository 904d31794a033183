import { expect } from 'chai';
import { createRisk, escalationReasons, isEscalated, riskSchema, trendOf, type Risk } from '../../../records/risk.js';
import { applyRiskCommand, levelsAbove, levelsBelow, mayGiveRisk, type RiskCommand } from '../../../records/riskCommands.js';
import type { Actor } from '../../../records/people.js';
import { admin, chair, days, newRisk, NOW, ok, owner, raiser, riskDraft, stranger } from './fixtures.js';

const apply = (risk: Risk, by: Actor, command: RiskCommand, now = NOW) => applyRiskCommand(risk, by, command, now);

describe('Raising a risk', () => {
  it('opens on the place register with the current score equal to the score with existing controls', () => {
    const r = newRisk();
    expect(r.status).to.equal('OPEN');
    expect(r.registerLevel).to.equal('PLACE');
    expect(r.current).to.deep.equal({ likelihood: 4, consequence: 4 });
    expect(r.scoreHistory).to.have.length(1);
    expect(r.raisedBy.id).to.equal(raiser.id);
    expect(riskSchema.safeParse(r).success).to.equal(true);
  });

  it('sets the review frequency from the band: extreme monthly, high bimonthly, moderate quarterly, low six-monthly', () => {
    expect(newRisk({ initial: { likelihood: 4, consequence: 4 } }).reviewFrequency).to.equal('monthly');
    expect(newRisk({ initial: { likelihood: 3, consequence: 3 } }).reviewFrequency).to.equal('bimonthly');
    expect(newRisk({ initial: { likelihood: 2, consequence: 3 }, target: { likelihood: 1, consequence: 1 } }).reviewFrequency).to.equal(
      'quarterly',
    );
    expect(newRisk({ initial: { likelihood: 1, consequence: 3 }, target: { likelihood: 1, consequence: 1 } }).reviewFrequency).to.equal(
      'six-monthly',
    );
  });

  it('sets the next review date one review period from today (London)', () => {
    expect(newRisk().nextReviewDate).to.equal('2026-12-23');
    expect(newRisk({ reviewFrequency: 'quarterly' }).nextReviewDate).to.equal('2027-02-23');
  });

  it('uses the appetite given, filling the tolerated score from its level, else cautious (12)', () => {
    expect(newRisk({ appetite: { level: 'minimal' } }).appetite).to.deep.equal({ level: 'minimal', toleratedScore: 6 });
    expect(newRisk({ appetite: { level: 'open', toleratedScore: 10 } }).appetite).to.deep.equal({ level: 'open', toleratedScore: 10 });
    expect(newRisk().appetite).to.deep.equal({ level: 'cautious', toleratedScore: 12 });
  });

  it('refuses a target higher than the score with existing controls, naming the target field', () => {
    const t = createRisk(riskDraft({ target: { likelihood: 5, consequence: 5 } }), 'BPL-R-0001', raiser, NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) {
      expect(t.refusal.code).to.equal('INVALID_INPUT');
      expect(t.refusal.fieldErrors).to.have.property('target');
    }
  });

  it('refuses a missing title and a too-long cause with messages naming the fields', () => {
    const t = createRisk(riskDraft({ title: '  ', cause: 'x'.repeat(2001) }), 'BPL-R-0001', raiser, NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) {
      expect(t.refusal.fieldErrors!.title).to.equal('Title is required.');
      expect(t.refusal.fieldErrors!.cause).to.match(/^Cause must be 2,000 characters or fewer/);
    }
  });

  it('flattens a bad likelihood to a card input id', () => {
    const t = createRisk(riskDraft({ initial: { likelihood: 9 as never, consequence: 1 } }), 'BPL-R-0001', raiser, NOW);
    expect(!t.ok && t.refusal.fieldErrors).to.have.property('initialLikelihood');
  });

  it('records a create audit event with the whole risk', () => {
    const t = createRisk(riskDraft(), 'BPL-R-0009', raiser, NOW);
    expect(t.ok && t.event).to.include({ kind: 'risk', ref: 'BPL-R-0009', place: 'BPL', command: 'create', before: null });
  });

  it('fits one Table entity even with every list and text filled to its limit', () => {
    let r = newRisk({
      title: 't'.repeat(300),
      cause: 'c'.repeat(2000),
      event: 'e'.repeat(2000),
      effect: 'f'.repeat(2000),
      controls: Array.from({ length: 20 }, () => 'c'.repeat(1000)),
      gapsInControl: Array.from({ length: 20 }, () => 'g'.repeat(1000)),
      assurances: Array.from({ length: 20 }, () => 'a'.repeat(1000)),
      linkedActions: Array.from({ length: 50 }, (_, i) => `BPL-A-${String(i + 1).padStart(4, '0')}`),
    });
    for (let i = 0; i < 70; i++) r = ok(apply(r, owner, { type: 'review', note: 'n'.repeat(2000) }));
    expect(r.scoreHistory).to.have.length(60);
    // UTF-16 storage: 2 bytes a character, and the entity limit is 1 MiB.
    expect(JSON.stringify(r).length * 2).to.be.lessThan(1024 * 1024);
  });
});

describe('Changing a risk', () => {
  it('rescoring records the new current score in the history and resets the review date', () => {
    const r = ok(apply(newRisk(), owner, { type: 'rescore', likelihood: 3, consequence: 4, note: 'Recruitment plan agreed' }, days(10)));
    expect(r.current).to.deep.equal({ likelihood: 3, consequence: 4 });
    expect(r.scoreHistory.at(-1)).to.include({ likelihood: 3, consequence: 4, note: 'Recruitment plan agreed' });
    expect(r.nextReviewDate).to.equal('2027-02-03');
    expect(r.reviewFrequency).to.equal('bimonthly');
  });

  it('keeps a review frequency someone chose when the band changes', () => {
    const r = newRisk({ reviewFrequency: 'quarterly' });
    expect(ok(apply(r, owner, { type: 'rescore', likelihood: 1, consequence: 2 })).reviewFrequency).to.equal('quarterly');
  });

  it('a review with no change keeps the score and moves the next review date on', () => {
    const r = ok(apply(newRisk(), owner, { type: 'review' }, days(35)));
    expect(r.current).to.deep.equal({ likelihood: 4, consequence: 4 });
    expect(r.scoreHistory).to.have.length(2);
    expect(r.nextReviewDate).to.equal('2027-01-28');
  });

  it('lets the owner, the person who raised it, or a chair/admin change it, and nobody else', () => {
    const cmd: RiskCommand = { type: 'setResponse', response: 'tolerate' };
    for (const who of [owner, raiser, chair, admin]) expect(apply(newRisk(), who, cmd).ok, who.name).to.equal(true);
    const t = apply(newRisk(), stranger, cmd);
    expect(!t.ok && t.refusal.code).to.equal('WRONG_PERSON');
  });

  it('only a chair or admin may close, reopen or move it between registers', () => {
    for (const cmd of [
      { type: 'close', reason: 'Mitigated' },
      { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'System-wide' },
    ] as RiskCommand[]) {
      const t = apply(newRisk(), owner, cmd);
      expect(!t.ok && t.refusal.code, cmd.type).to.equal('WRONG_PERSON');
      expect(apply(newRisk(), chair, cmd).ok, cmd.type).to.equal(true);
    }
  });

  it('closes with a reason and reopens as REOPENED, never back to OPEN', () => {
    const closed = ok(apply(newRisk(), chair, { type: 'close', reason: 'Controls now effective' }));
    expect(closed.status).to.equal('CLOSED');
    expect(closed.closure).to.include({ reason: 'Controls now effective' });
    const reopened = ok(apply(closed, admin, { type: 'reopen', reason: 'Vacancies rose again' }, days(90)));
    expect(reopened.status).to.equal('REOPENED');
    expect(reopened.reopening).to.include({ reason: 'Vacancies rose again' });
    // Reopened on 21 Feb 2027: a fresh monthly cycle, not instantly overdue.
    expect(reopened.nextReviewDate).to.equal('2027-03-21');
  });

  it('refuses to close without a reason', () => {
    const t = apply(newRisk(), chair, { type: 'close', reason: '' });
    expect(!t.ok && t.refusal.fieldErrors).to.deep.equal({ reason: 'Reason for closing is required.' });
  });

  it('refuses any change to a closed risk except reopening', () => {
    const closed = ok(apply(newRisk(), chair, { type: 'close', reason: 'Done' }));
    const t = apply(closed, chair, { type: 'rescore', likelihood: 2, consequence: 2 });
    expect(!t.ok && t.refusal.code).to.equal('WRONG_STATE');
    const again = apply(newRisk(), chair, { type: 'reopen', reason: 'x' });
    expect(!again.ok && again.refusal.code).to.equal('WRONG_STATE');
  });

  it('escalates to the ICB corporate register and then the BAF, keeping each move', () => {
    let r = ok(apply(newRisk(), chair, { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'Affects every place' }));
    r = ok(apply(r, chair, { type: 'changeLevel', to: 'BAF', reason: 'Threatens SO3' }));
    expect(r.registerLevel).to.equal('BAF');
    expect(r.levelChanges.map((c) => `${c.from}>${c.to}`)).to.deep.equal(['PLACE>ICB_CORPORATE', 'ICB_CORPORATE>BAF']);
  });

  it('links and unlinks an action by its ref, refusing a duplicate and a non-action ref', () => {
    let r = ok(apply(newRisk(), owner, { type: 'linkAction', actionRef: 'bpl-a-0042' }));
    expect(r.linkedActions).to.include('BPL-A-0042');
    const dup = apply(r, owner, { type: 'linkAction', actionRef: 'BPL-A-0042' });
    expect(!dup.ok && dup.refusal.code).to.equal('INVALID_INPUT');
    const wrong = apply(r, owner, { type: 'linkAction', actionRef: 'BPL-R-0002' });
    expect(!wrong.ok && wrong.refusal.fieldErrors).to.have.property('actionRef');
    r = ok(apply(r, owner, { type: 'unlinkAction', actionRef: 'BPL-A-0042' }));
    expect(r.linkedActions).to.not.include('BPL-A-0042');
  });

  it('edits only the fields given and refuses an edit that changes nothing', () => {
    const r = ok(apply(newRisk(), owner, { type: 'edit', title: 'INT workforce gaps' }));
    expect(r.title).to.equal('INT workforce gaps');
    expect(r.cause).to.equal(newRisk().cause);
    const t = apply(newRisk(), owner, { type: 'edit' });
    expect(!t.ok && t.refusal.code).to.equal('INVALID_INPUT');
  });

  it('records before and after of only the changed fields in the audit event', () => {
    const t = apply(newRisk(), owner, { type: 'setResponse', response: 'transfer' });
    expect(t.ok && t.event.before).to.deep.equal({ response: 'treat' });
    expect(t.ok && t.event.after).to.deep.equal({ response: 'transfer' });
  });

  it('refuses a new target above the score with existing controls', () => {
    const t = apply(newRisk(), owner, { type: 'setTarget', likelihood: 5, consequence: 4 });
    expect(!t.ok && t.refusal.fieldErrors).to.have.property('target');
  });
});

describe('Risk escalation flag', () => {
  const moderate = () =>
    newRisk({ initial: { likelihood: 2, consequence: 3 }, target: { likelihood: 1, consequence: 1 }, appetite: { level: 'cautious' } });

  it('flags a risk whose current score reaches the place threshold (15 by default)', () => {
    const r = newRisk({ initial: { likelihood: 5, consequence: 3 }, appetite: { level: 'seek' } });
    expect(escalationReasons(r, { now: NOW })).to.deep.equal(['AT_THRESHOLD']);
    expect(isEscalated(r, { now: NOW, threshold: 16 })).to.equal(false);
  });

  it('flags a risk above its appetite’s tolerated score', () => {
    const r = newRisk({ initial: { likelihood: 3, consequence: 3 }, appetite: { level: 'minimal' } });
    expect(escalationReasons(r, { now: NOW })).to.deep.equal(['ABOVE_APPETITE']);
  });

  it('does not flag a risk exactly at its tolerated score', () => {
    const r = newRisk({
      initial: { likelihood: 2, consequence: 3 },
      target: { likelihood: 1, consequence: 1 },
      appetite: { level: 'minimal' },
    });
    expect(isEscalated(r, { now: NOW })).to.equal(false);
  });

  it('flags a risk whose review date has passed, from the day after it', () => {
    const r = moderate();
    expect(isEscalated(r, { now: NOW })).to.equal(false);
    expect(isEscalated(r, { now: new Date('2027-02-23T23:00:00Z') })).to.equal(false);
    expect(escalationReasons(r, { now: new Date('2027-02-24T00:30:00Z') })).to.deep.equal(['REVIEW_OVERDUE']);
  });

  it('never flags a closed risk', () => {
    const closed = ok(apply(newRisk({ initial: { likelihood: 5, consequence: 5 } }), chair, { type: 'close', reason: 'Terminated' }));
    expect(isEscalated(closed, { now: days(400) })).to.equal(false);
  });
});

describe('Risk trend', () => {
  it('is unchanged with one assessment', () => {
    expect(trendOf(newRisk())).to.equal('unchanged');
  });

  it('is improving when the latest score is lower, deteriorating when higher, unchanged when equal', () => {
    const down = ok(apply(newRisk(), owner, { type: 'rescore', likelihood: 3, consequence: 4 }));
    expect(trendOf(down)).to.equal('improving');
    const up = ok(apply(down, owner, { type: 'rescore', likelihood: 5, consequence: 4 }));
    expect(trendOf(up)).to.equal('deteriorating');
    expect(trendOf(ok(apply(up, owner, { type: 'review' })))).to.equal('unchanged');
  });

  it('compares scores, not the ratings: 4×3 then 3×4 is unchanged', () => {
    const r = ok(apply(newRisk({ initial: { likelihood: 4, consequence: 3 } }), owner, { type: 'rescore', likelihood: 3, consequence: 4 }));
    expect(trendOf(r)).to.equal('unchanged');
  });
});

describe('Reviewing a risk with a chosen next review date', () => {
  it('keeps the date the reviewer chose instead of the one the band gives', () => {
    const r = ok(apply(newRisk(), owner, { type: 'rescore', likelihood: 3, consequence: 4, nextReviewDate: '2027-01-05' }));
    expect(r.nextReviewDate).to.equal('2027-01-05');
    expect(r.scoreHistory.at(-1)).to.deep.include({ likelihood: 3, consequence: 4 });
  });

  it('refuses a chosen date in the past, naming the field', () => {
    const t = apply(newRisk(), owner, { type: 'rescore', likelihood: 3, consequence: 4, nextReviewDate: '2026-11-01' });
    expect(!t.ok && t.refusal.fieldErrors).to.deep.equal({ nextReviewDate: 'The next review date must be today or later.' });
  });

  it('offers buttons only to those who may use them: review to the owner, escalate and close to a chair or admin', () => {
    const r = newRisk();
    expect(mayGiveRisk(r, owner, 'rescore')).to.equal(true);
    expect(mayGiveRisk(r, stranger, 'rescore')).to.equal(false);
    expect(mayGiveRisk(r, owner, 'changeLevel')).to.equal(false);
    expect(mayGiveRisk(r, chair, 'changeLevel') && mayGiveRisk(r, admin, 'close')).to.equal(true);
    expect(mayGiveRisk(r, chair, 'reopen')).to.equal(false);
    expect([levelsAbove('PLACE'), levelsBelow('PLACE'), levelsBelow('BAF')]).to.deep.equal([
      ['ICB_CORPORATE', 'BAF'],
      [],
      ['PLACE', 'ICB_CORPORATE'],
    ]);
  });
});

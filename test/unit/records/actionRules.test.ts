// Who may give each of an action's other rules (reassign, hold, resume, cancel, escalate), as a
// relation between the person acting and the action: owner, raiser, chair, place admin, anyone else.
import { expect } from 'chai';
import { applyActionCommand, mayGive, type Action, type ActionCommand } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { action, CHAIR, OWNER, SECRETARY, STAFF } from '../../support/actionFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const RAISER: Actor = { id: 'aad-raiser', name: 'Pat Raiser', roles: [] };
const WHO: Record<string, Actor> = {
  owner: { ...OWNER, roles: [] },
  raiser: RAISER,
  chair: CHAIR,
  admin: SECRETARY,
  stranger: STAFF,
};
type Who = keyof typeof WHO;

const EVERYONE_WITH_A_SAY: Who[] = ['owner', 'raiser', 'chair', 'admin'];
const RULES: { type: ActionCommand['type']; command: ActionCommand; may: Who[]; from?: (a: Action) => Action }[] = [
  { type: 'reassign', command: { type: 'reassign', owner: { id: 'aad-new', name: 'New Owner' } }, may: EVERYONE_WITH_A_SAY },
  { type: 'hold', command: { type: 'hold', reason: 'Waiting for funding.' }, may: EVERYONE_WITH_A_SAY },
  {
    type: 'resume',
    command: { type: 'resume' },
    may: EVERYONE_WITH_A_SAY,
    from: (a) => ({ ...a, status: 'ON_HOLD', heldFrom: 'IN_PROGRESS' }),
  },
  { type: 'cancel', command: { type: 'cancel', decision: 'Superseded.' }, may: ['chair', 'admin'] },
  { type: 'escalate', command: { type: 'escalate', to: 'ICB Board', why: 'Beyond the place.' }, may: EVERYONE_WITH_A_SAY },
];

describe('Action rules reachable from the card: who may give each', () => {
  const base = action(NOW, {}, 'BPL-A-0001', RAISER);
  for (const rule of RULES) {
    for (const who of Object.keys(WHO) as Who[]) {
      const allowed = rule.may.includes(who);
      it(`${rule.type}: the ${who} ${allowed ? 'may' : 'may not'}, and the offer matches the rule`, () => {
        const a = rule.from ? rule.from(base) : base;
        expect(mayGive(a, WHO[who]!, rule.type)).to.equal(allowed);
        expect(applyActionCommand(a, WHO[who]!, rule.command, NOW).ok).to.equal(allowed);
      });
    }
  }

  it('reassign to nobody, or to the owner already, is refused naming the owner field', () => {
    for (const owner of [{ id: ' ', name: 'nobody' }, OWNER]) {
      const t = applyActionCommand(base, CHAIR, { type: 'reassign', owner }, NOW);
      expect(t.ok).to.equal(false);
      if (!t.ok) expect(Object.keys(t.refusal.fieldErrors ?? {})).to.deep.equal(['owner']);
    }
  });

  it('escalate only to a listed place, with a reason; a closed or cancelled action cannot be escalated', () => {
    const bad = applyActionCommand(base, CHAIR, { type: 'escalate', to: 'The newspapers', why: 'x' }, NOW);
    expect(bad.ok || Object.keys(bad.refusal.fieldErrors ?? {})).to.deep.equal(['to']);
    const noWhy = applyActionCommand(base, CHAIR, { type: 'escalate', to: 'ICB Board', why: ' ' }, NOW);
    expect(noWhy.ok || Object.keys(noWhy.refusal.fieldErrors ?? {})).to.deep.equal(['why']);
    for (const status of ['CLOSED', 'CANCELLED'] as const) {
      expect(mayGive({ ...base, status }, CHAIR, 'escalate')).to.equal(false);
    }
  });

  it('reassigning keeps everything else and audits the owner before and after', () => {
    const t = applyActionCommand(base, CHAIR, { type: 'reassign', owner: { id: 'aad-new', name: 'New Owner' } }, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    expect(t.record).to.deep.equal({ ...base, owner: { id: 'aad-new', name: 'New Owner' } });
    expect(t.event.before).to.deep.equal({ owner: OWNER });
  });
});

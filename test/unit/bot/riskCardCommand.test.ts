import { expect } from 'chai';
import { applyRiskCardCommand } from '../../../bot/risk/riskFlow.js';
import { CHAIR } from '../../support/actionFixtures.js';
import { evolve, risk } from '../../support/riskFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('Escalate and de-escalate from a risk card', () => {
  it('escalating moves the risk up to the register chosen, with the reason kept', () => {
    const t = applyRiskCardCommand(risk(NOW), CHAIR, { type: 'escalate', to: 'BAF', reason: 'Strategic.' }, NOW);
    expect(t.ok && [t.record.registerLevel, t.record.levelChanges.at(-1)?.reason]).to.deep.equal(['BAF', 'Strategic.']);
  });

  it('refuses a direction that does not match the button, or a level that does not exist, naming the field', () => {
    const up = applyRiskCardCommand(risk(NOW), CHAIR, { type: 'escalate', to: 'PLACE', reason: 'x' }, NOW);
    expect(!up.ok && up.refusal.fieldErrors).to.deep.equal({
      escalateTo: 'Choose a register above the Place register, where BPL-R-0001 is now.',
    });
    const onIcb = evolve(risk(NOW), CHAIR, NOW, { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'x' });
    const down = applyRiskCardCommand(onIcb, CHAIR, { type: 'deescalate', to: 'BAF', reason: 'x' }, NOW);
    expect(!down.ok && down.refusal.fieldErrors).to.deep.equal({
      deescalateTo: 'Choose a register below the ICB corporate register, where BPL-R-0001 is now.',
    });
    const nowhere = applyRiskCardCommand(onIcb, CHAIR, { type: 'deescalate', to: 'MOON', reason: 'x' }, NOW);
    expect(nowhere.ok).to.equal(false);
    const ok = applyRiskCardCommand(onIcb, CHAIR, { type: 'deescalate', to: 'PLACE', reason: 'Managed locally.' }, NOW);
    expect(ok.ok && ok.record.registerLevel).to.equal('PLACE');
  });

  it('a reason is still required, as for any change of register', () => {
    const t = applyRiskCardCommand(risk(NOW), CHAIR, { type: 'escalate', to: 'ICB_CORPORATE', reason: ' ' }, NOW);
    expect(!t.ok && t.refusal.code).to.equal('INVALID_INPUT');
  });
});

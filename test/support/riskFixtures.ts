// Real-looking risks for tests, built through the domain's own rules.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../records/people.js';
import type { PlaceCode } from '../../records/places.js';
import { createRisk, type Risk, type RiskDraft } from '../../records/risk.js';
import { applyRiskCommand, type RiskCommand } from '../../records/riskCommands.js';
import { OWNER, SECRETARY } from './actionFixtures.js';

export function riskDraftFor(place: PlaceCode = 'BPL', overrides: Partial<RiskDraft> = {}): RiskDraft {
  return {
    place,
    title: 'Too many asks on the same neighbourhood capacity',
    event: 'neighbourhood teams cannot take on every new programme at once',
    cause: 'several partners asking the same small teams for the same things',
    effect: 'delays to care closer to home and staff burnout',
    category: 'workforce',
    owner: OWNER,
    initial: { likelihood: 4, consequence: 5 },
    target: { likelihood: 2, consequence: 3 },
    controls: ['Monthly capacity review at the place leadership team'],
    gapsInControl: ['No single log of asks across partners'],
    response: 'treat',
    ...overrides,
  };
}

export function risk(now: Date, overrides: Partial<RiskDraft> = {}, ref = 'BPL-R-0001', by: Actor = SECRETARY): Risk {
  const t = createRisk(riskDraftFor(overrides.place ?? 'BPL', overrides), ref, by, now);
  if (!t.ok) throw new Error(`${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors)}`);
  return t.record;
}

/** Applies commands in turn, as people would over time. */
export function evolve(r: Risk, by: Actor, now: Date, ...commands: RiskCommand[]): Risk {
  for (const c of commands) {
    const t = applyRiskCommand(r, by, c, now);
    if (!t.ok) throw new Error(`${c.type}: ${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors)}`);
    r = t.record;
  }
  return r;
}

/** The raise-risk form as Teams submits it (its inputs, the people it offered, a fresh form id), owned by `owner`. */
export function riskFormData(owner: { id: string; name: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    place: 'BPL',
    title: 'Too many asks on the same neighbourhood capacity',
    event: 'neighbourhood teams cannot take on every new programme at once',
    cause: 'several partners asking the same small teams',
    effect: 'delays to care closer to home',
    category: 'workforce',
    owner: owner.id,
    initialLikelihood: '4',
    initialConsequence: '4',
    targetLikelihood: '2',
    targetConsequence: '2',
    response: 'treat',
    people: [{ id: owner.id, name: owner.name }],
    formId: randomUUID(),
    ...overrides,
  };
}

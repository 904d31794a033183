// Shared people, clocks and records for the records/ unit tests.
import { createAction, type Action, type ActionDraft } from '../../../records/action.js';
import type { Actor, PlaceRole } from '../../../records/people.js';
import { createRisk, type Risk, type RiskDraft } from '../../../records/risk.js';
import { createSignOff, type SignOff, type SignOffDraft } from '../../../records/signoff.js';
import type { Transition } from '../../../records/outcome.js';

export const actor = (id: string, name: string, roles: PlaceRole[] = []): Actor => ({ id, name, roles });

export const owner = actor('u-owner', 'Olu Owen');
export const raiser = actor('u-raiser', 'Rhiannon Rees');
export const chair = actor('u-chair', 'Chris Chadwick', ['chair']);
export const admin = actor('u-admin', 'Ada Adams', ['admin']);
export const approverA = actor('u-appr-a', 'Priya Patel', ['approver']);
export const approverB = actor('u-appr-b', 'Ben Barlow', ['approver']);
export const delegateA = actor('u-del-a', 'Dee Dawson');
export const stranger = actor('u-stranger', 'Sam Stranger');

/** Monday 23 November 2026, 10:00 in London (GMT). */
export const NOW = new Date('2026-11-23T10:00:00Z');
export const days = (n: number, from: Date = NOW) => new Date(from.getTime() + n * 86_400_000);

export function ok<T>(t: Transition<T>): T {
  if (!t.ok)
    throw new Error(`expected success, got ${t.refusal.code}: ${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors ?? {})}`);
  return t.record;
}

export function riskDraft(over: Partial<RiskDraft> = {}): RiskDraft {
  return {
    place: 'BPL',
    title: 'Workforce gaps in integrated neighbourhood teams',
    cause: 'Vacancies in community nursing and competing system asks',
    event: 'Neighbourhood teams cannot staff the agreed model',
    effect: 'Delayed discharges and poorer experience for residents',
    category: 'workforce',
    owner,
    strategicObjective: 'SO3',
    initial: { likelihood: 4, consequence: 4 },
    target: { likelihood: 2, consequence: 3 },
    controls: ['Place workforce group meets monthly'],
    gapsInControl: ['No shared vacancy data across partners'],
    assurances: ['Quarterly report to the place partnership board'],
    response: 'treat',
    ...over,
  };
}

export function newRisk(over: Partial<RiskDraft> = {}, by: Actor = raiser, now: Date = NOW): Risk {
  return ok(createRisk(riskDraft(over), 'BPL-R-0001', by, now));
}

export function signOffDraft(over: Partial<SignOffDraft> = {}): SignOffDraft {
  return {
    place: 'LAN',
    board: 'Lancashire Place Partnership Board',
    title: 'Integrated neighbourhood team model for Lancashire',
    summary: 'Approve the INT model and the locality delivery plan.',
    paperUrl: 'https://example.nhs.uk/papers/int-model.pdf',
    itemType: 'decision',
    route: 'meeting',
    approvers: [{ id: approverA.id, name: approverA.name }],
    mode: 'FIRST',
    dueBy: '2026-12-07',
    ...over,
  };
}

export function newSignOff(over: Partial<SignOffDraft> = {}, by: Actor = raiser, now: Date = NOW): SignOff {
  return ok(createSignOff(signOffDraft(over), 'LAN-S-0003', by, now));
}

export function actionDraft(over: Partial<ActionDraft> = {}): ActionDraft {
  return {
    place: 'SC',
    description: 'Agree the community services specification with partners',
    owner,
    dueDate: '2026-12-18',
    links: {},
    ...over,
  };
}

export function newAction(over: Partial<ActionDraft> = {}, now: Date = NOW): Action {
  return ok(createAction(actionDraft(over), 'SC-A-0007', raiser, now));
}

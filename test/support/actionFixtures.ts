// Real-looking actions for tests, built through the domain's own rules.
import { createAction, type Action, type ActionDraft } from '../../records/action.js';
import { addDays, londonToday } from '../../records/dates.js';
import type { Actor, Person } from '../../records/people.js';

export const SECRETARY: Actor = { id: 'aad-secretary', name: 'Sam Patel', roles: ['admin'] };
export const CHAIR: Actor = { id: 'aad-chair', name: 'Helen Price', roles: ['chair'] };
export const STAFF: Actor = { id: 'aad-staff', name: 'Imran Shah', roles: [] };
export const OWNER: Person = { id: 'aad-owner', name: 'Ruth Ellison' };

export function draft(now: Date, overrides: Partial<ActionDraft> = {}): ActionDraft {
  return {
    place: 'BPL',
    description: 'Draft terms of reference for the Place Integration Deal delivery group.',
    owner: OWNER,
    dueDate: addDays(londonToday(now), 10),
    links: {},
    ...overrides,
  };
}

export function action(now: Date, overrides: Partial<ActionDraft> = {}, ref = 'BPL-A-0001', by: Actor = SECRETARY): Action {
  const t = createAction(draft(now, overrides), ref, by, now);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

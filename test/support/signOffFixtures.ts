// Sign-offs with real shapes for card and flow tests: a Blackpool board decision, its people.
import { randomUUID } from 'node:crypto';
import { addDays } from '../../records/dates.js';
import type { Actor, Person } from '../../records/people.js';
import { createSignOff, type SignOff, type SignOffDraft } from '../../records/signoff.js';
import { applySignOffCommand, type SignOffCommand } from '../../records/signoffCommands.js';

export const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
export const CHAIR: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair', 'approver'] };
export const APPROVER: Actor = { id: 'aad-imran', name: 'Imran Shah', roles: ['approver'] };
export const DEPUTY: Actor = { id: 'aad-ruth', name: 'Ruth Ellison', roles: [] };
export const BYSTANDER: Actor = { id: 'aad-grace', name: 'Grace Okafor', roles: [] };

export const person = ({ id, name }: Person): Person => ({ id, name });

export function signOffDraft(over: Partial<SignOffDraft> = {}): SignOffDraft {
  return {
    place: 'BPL',
    board: 'Blackpool Place Partnership Board',
    title: 'Phases of development for the Blackpool place integration deal',
    summary: 'Support the proposed phases of development and associated actions, as set out in the paper.',
    paperUrl: 'https://www.lancashireandsouthcumbria.icb.nhs.uk/papers/blackpool-place-phases.pdf',
    itemType: 'decision',
    route: 'between-meetings',
    approvers: [person(CHAIR), person(APPROVER)],
    mode: 'FIRST',
    dueBy: '2026-12-07',
    expiresOn: '2026-12-07',
    ...over,
  };
}

export function signOff(now: Date, over: Partial<SignOffDraft> = {}, ref = 'BPL-S-0003'): SignOff {
  const t = createSignOff(signOffDraft(over), ref, SECRETARY, now);
  if (!t.ok) throw new Error(`${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors)}`);
  return t.record;
}

export function then(s: SignOff, by: Actor, command: SignOffCommand, now: Date): SignOff {
  const t = applySignOffCommand(s, by, command, now);
  if (!t.ok) throw new Error(`${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors)}`);
  return t.record;
}

/** The request form (chat) as Sam fills it in: Blackpool, Helen and Imran asked, due in 14 days. */
export const requestForm = (today: string, overrides: Record<string, unknown> = {}) => ({
  place: 'BPL',
  board: 'Blackpool Place Partnership Board',
  title: 'Phases of development for the place integration deal',
  summary: 'Support the proposed phases of development and associated actions.',
  paperUrl: 'https://example.nhs.uk/papers/bpl-phases.pdf',
  itemType: 'decision',
  route: 'between-meetings',
  approvers: `${CHAIR.id},${APPROVER.id}`,
  mode: 'FIRST',
  dueBy: addDays(today, 14),
  conflictNature: 'none',
  formId: randomUUID(),
  ...overrides,
});

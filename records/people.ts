import { z } from 'zod';
import { boundedText } from './limits.js';

/** A person as Teams knows them: the AAD object id where we have it, else the Teams user id. */
export const personSchema = z.object({
  id: z.string().trim().min(1).max(200),
  name: boundedText('Name', 200),
});
export type Person = z.infer<typeof personSchema>;

export type PlaceRole = 'chair' | 'approver' | 'admin';

/** Who is acting, and the roles they hold in the place of the record being acted on. */
export interface Actor extends Person {
  roles: readonly PlaceRole[];
}

export function samePerson(a: Pick<Person, 'id'>, b: Pick<Person, 'id'>): boolean {
  return a.id === b.id;
}

export function isChairOrAdmin(actor: Actor): boolean {
  return actor.roles.includes('chair') || actor.roles.includes('admin');
}

/** Just the id and name: what records and audit events keep of a person. */
export function toPerson(p: Person): Person {
  return { id: p.id, name: p.name };
}

/** The owner, the person who raised it, or a chair/admin of the place may change a record. */
export function mayChangeOwned(record: { owner: Person; raisedBy: Person }, actor: Actor): boolean {
  return samePerson(actor, record.owner) || samePerson(actor, record.raisedBy) || isChairOrAdmin(actor);
}

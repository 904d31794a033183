// Who may import a spreadsheet into a place's log: a place admin (the board secretary), never a
// guest. A rule of people and roles, pure; the flow asks it before a file is read.
import type { Viewer } from '../access.js';
import type { Actor } from '../people.js';
import { PLACE_NAMES, type PlaceCode } from '../places.js';

export function mayImport(viewer: Pick<Viewer, 'guest'>, actor: Pick<Actor, 'roles'>): boolean {
  return !viewer.guest && actor.roles.includes('admin');
}

/** The one line a person is told when they may not import into the place. */
export function importRefused(place: PlaceCode): string {
  return `Only a place admin (the board secretary) of ${PLACE_NAMES[place]} can import an action log there. Nothing was read or saved.`;
}

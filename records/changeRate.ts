// How fast one person may change records in one place: at most CHANGE_RATE.max changes and
// refused attempts (every card click that reaches a record) in any CHANGE_RATE.windowMinutes.
// Pure, like records/createRate.ts: the caller keeps the instants (the store, in a row of the
// place's partition) and passes the clock.
import { admitCreate, type CreateAdmission } from './createRate.js';
import { formatInstant } from './dates.js';
import { PLACE_NAMES, type PlaceCode } from './places.js';

export const CHANGE_RATE = { max: 120, windowMinutes: 10 } as const;

/** Lets one more change attempt through if the person made fewer than `max` in the window before `now`. */
export function admitChange(recent: readonly unknown[], now: Date): CreateAdmission {
  return admitCreate(recent, now, CHANGE_RATE);
}

/** The line on the card when over the rate; what was typed is kept below it. */
export function changeRateLine(place: PlaceCode, retryAt: string): string {
  return `You have made ${CHANGE_RATE.max} changes in ${PLACE_NAMES[place]} in the last ${CHANGE_RATE.windowMinutes} minutes, the most one person can. Nothing was saved and your entry is kept below: try again after ${formatInstant(retryAt)}.`;
}

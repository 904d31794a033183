// How fast one person may create records in one place: at most CREATE_RATE.max creates in any
// CREATE_RATE.windowMinutes, across actions, risks and sign-offs. Pure: the caller keeps the
// instants of the person's recent creates (the store, in a row of the place's partition written in
// the create's own transaction) and passes the clock.
import { formatInstant } from './dates.js';
import { PLACE_NAMES, type PlaceCode } from './places.js';
import type { Refusal } from './outcome.js';

export const CREATE_RATE = { max: 30, windowMinutes: 10 } as const;

export type CreateAdmission =
  /** `recent`: what to keep now, this create included (never more than `max` instants). */
  | { ok: true; recent: string[] }
  /** The earliest instant a create would be let through again. */
  | { ok: false; retryAt: string };

/**
 * Lets a create through if the person made fewer than `max` in the window before `now`; instants
 * outside the window are forgotten. `recent` may be anything read back from storage: what is not
 * an ISO instant is ignored.
 */
export function admitCreate(
  recent: readonly unknown[],
  now: Date,
  rate: { max: number; windowMinutes: number } = CREATE_RATE,
): CreateAdmission {
  const windowStart = now.getTime() - rate.windowMinutes * 60_000;
  const inWindow = recent
    .filter((at): at is string => typeof at === 'string')
    .map((at) => Date.parse(at))
    .filter((t) => Number.isFinite(t) && t > windowStart && t <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length >= rate.max) {
    const oldest = inWindow[inWindow.length - rate.max]!;
    return { ok: false, retryAt: new Date(oldest + rate.windowMinutes * 60_000).toISOString() };
  }
  return { ok: true, recent: [...inWindow, now.getTime()].map((t) => new Date(t).toISOString()) };
}

/** The one line a person is told when they are over the rate; their form is kept. */
export function createRateRefusal(place: PlaceCode, retryAt: string): Refusal {
  return {
    code: 'NOT_ALLOWED',
    message: `You have created ${CREATE_RATE.max} records in ${PLACE_NAMES[place]} in the last ${CREATE_RATE.windowMinutes} minutes, the most one person can. Nothing was saved and your entries are kept: submit again after ${formatInstant(retryAt)}.`,
  };
}

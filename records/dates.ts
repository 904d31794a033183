// Calendar dates as people in the partnerships mean them: Europe/London, whatever the server's zone.
import { DateTime } from 'luxon';
import { z } from 'zod';

export const LONDON = 'Europe/London';

/** An ISO calendar date, YYYY-MM-DD. Strings compare in date order. */
export const isoDateSchema = z
  .string({ required_error: 'Date is required.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine((s) => DateTime.fromISO(s, { zone: LONDON }).isValid, 'That is not a real date.');
export type IsoDate = string;

/** An ISO instant with offset, e.g. 2026-11-22T09:00:00.000Z. */
export const isoInstantSchema = z.string().datetime({ offset: true });
export type IsoInstant = string;

export function londonToday(now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone: LONDON }).toISODate()!;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate()!;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
  );
}

/** "Mon 7 Dec 2026": how dates read on cards. */
export function formatDate(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: LONDON }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
}

export function formatInstant(at: IsoInstant): string {
  return DateTime.fromISO(at).setZone(LONDON).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
}

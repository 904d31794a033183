// Calendar dates as people in the partnerships mean them: Europe/London, whatever the server's zone.
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import { z } from 'zod';

export const LONDON = 'Europe/London';

/**
 * How many answers each date helper below keeps. Converting to Europe/London asks Intl for the
 * zone's offset every time (a few hundred µs a card: every card shows dates), and the answers
 * never change, so recent ones are kept; the least recently used go beyond this many.
 */
export const DATE_MEMO_MAX = 2_000;

/** `fn` with its answers for the last DATE_MEMO_MAX distinct keys kept (pure functions only). */
export function memoized<A extends unknown[], R extends {}>(
  key: (...args: A) => string,
  fn: (...args: A) => R,
  max = DATE_MEMO_MAX,
): ((...args: A) => R) & { cache: LRUCache<string, R> } {
  const cache = new LRUCache<string, R>({ max });
  const wrapped = (...args: A): R => {
    const k = key(...args);
    let value = cache.get(k);
    if (value === undefined) {
      value = fn(...args);
      cache.set(k, value);
    }
    return value;
  };
  return Object.assign(wrapped, { cache });
}

const validIsoDate = memoized(
  (s: string) => s,
  (s: string) => DateTime.fromISO(s, { zone: LONDON }).isValid,
);

/** An ISO calendar date, YYYY-MM-DD. Strings compare in date order. */
export const isoDateSchema = z
  .string({ required_error: 'Date is required.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine((s) => validIsoDate(s), 'That is not a real date.');
export type IsoDate = string;

/** An ISO instant with offset, e.g. 2026-11-22T09:00:00.000Z. */
export const isoInstantSchema = z.string().datetime({ offset: true });
export type IsoInstant = string;

/** The London calendar day last asked about, and the instants it spans: [start, end). */
let day: { date: IsoDate; start: number; end: number } | undefined;

export function londonToday(now: Date): IsoDate {
  const t = now.getTime();
  if (day && t >= day.start && t < day.end) return day.date;
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const start = local.startOf('day');
  // A day is 23, 24 or 25 hours long in London: its end is the start of the next one.
  day = { date: local.toISODate()!, start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
  return day.date;
}

export const addDays = memoized(
  (date: IsoDate, days: number) => `${date}|${days}`,
  (date: IsoDate, days: number): IsoDate => DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate()!,
);

/** The instant a London calendar day starts (midnight, in GMT or BST). */
export function londonStartOf(date: IsoDate): Date {
  return DateTime.fromISO(date, { zone: LONDON }).startOf('day').toJSDate();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** "Mon 7 Dec 2026": how dates read on cards. */
export const formatDate = memoized(
  (date: IsoDate) => date,
  (date: IsoDate): string => DateTime.fromISO(date, { zone: LONDON }).setLocale('en-GB').toFormat('ccc d LLL yyyy'),
);

export const formatInstant = memoized(
  (at: IsoInstant) => at,
  (at: IsoInstant): string => DateTime.fromISO(at).setZone(LONDON).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm'),
);

// When digests and reminders are due, in Europe/London whatever the server's zone or the season.
// Timers fire in UTC (Linux/Flex Functions plans); these pure functions decide, from an instant,
// which ISO week's digest is due and which weekday's reminders are due. Luxon does the zone work.
import { DateTime } from 'luxon';
import { LONDON, type IsoDate } from './dates.js';

/** An ISO week as people in the partnerships count it (Europe/London), e.g. 2026-W48. */
export type WeekKey = string;

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The weekly digest goes out at this local time on the Monday of each ISO week. */
export const DIGEST_LOCAL = { weekday: 1, hour: 9, minute: 0 } as const;
/** Personal reminders go out at this local time, Monday to Friday. */
export const REMINDER_LOCAL = { hour: 8, minute: 0 } as const;

/** The ISO week (Europe/London) that contains `at`. */
export function weekOf(at: Date): WeekKey {
  const local = DateTime.fromJSDate(at, { zone: LONDON });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

function parseWeek(week: WeekKey): { weekYear: number; weekNumber: number } {
  const m = WEEK_KEY.exec(week);
  if (!m) throw new RangeError(`Not an ISO week: ${week}`);
  return { weekYear: Number(m[1]), weekNumber: Number(m[2]) };
}

/** Monday 09:00 Europe/London of an ISO week, as an instant (08:00 or 09:00 UTC by season). */
export function digestTimeOf(week: WeekKey): Date {
  const local = DateTime.fromObject(
    { ...parseWeek(week), weekday: DIGEST_LOCAL.weekday, hour: DIGEST_LOCAL.hour, minute: DIGEST_LOCAL.minute },
    { zone: LONDON },
  );
  if (!local.isValid) throw new RangeError(`Not an ISO week: ${week}`);
  return local.toJSDate();
}

/** The week before (or `n` weeks after, when positive). */
export function shiftWeek(week: WeekKey, n: number): WeekKey {
  return weekOf(DateTime.fromJSDate(digestTimeOf(week)).plus({ weeks: n }).toJSDate());
}

/** The week whose digest is due at `now`: the current London week once its Monday 09:00 has passed. */
export function dueDigestWeek(now: Date): WeekKey | undefined {
  const week = weekOf(now);
  return now.getTime() >= digestTimeOf(week).getTime() ? week : undefined;
}

/** The first digest time strictly after `now`. */
export function nextDigestTime(now: Date): Date {
  const thisWeek = digestTimeOf(weekOf(now));
  return now.getTime() < thisWeek.getTime() ? thisWeek : digestTimeOf(shiftWeek(weekOf(now), 1));
}

/**
 * What a week's digest covers: from the previous digest time to this one, so consecutive digests
 * neither overlap nor leave a gap, across clock changes too.
 */
export function digestWindow(week: WeekKey): { from: Date; to: Date } {
  return { from: digestTimeOf(shiftWeek(week, -1)), to: digestTimeOf(week) };
}

/** "Monday 30 November 2026": how a week's digest is named on its card. */
export function weekLabel(week: WeekKey): string {
  return DateTime.fromJSDate(digestTimeOf(week), { zone: LONDON }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** The London weekday whose 08:00 reminders are due at `now` (Monday–Friday, from 08:00), else undefined. */
export function dueReminderDay(now: Date): IsoDate | undefined {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  if (local.weekday > 5) return undefined;
  if (local.hour * 60 + local.minute < REMINDER_LOCAL.hour * 60 + REMINDER_LOCAL.minute) return undefined;
  return local.toISODate()!;
}

// Working days as the partnerships' offices keep them: Monday to Friday, Europe/London calendar
// days. The repository knows no bank holidays (England and Wales), so they count as working days.
import { DateTime } from 'luxon';
import { LONDON, type IsoDate } from './dates.js';

export function isWorkingDay(date: IsoDate): boolean {
  return DateTime.fromISO(date, { zone: LONDON }).weekday <= 5;
}

/** The working day `n` working days before `date` (n ≥ 1): 5 before a Thursday is the Thursday before; 1 before a Monday is the Friday. */
export function workingDaysBefore(date: IsoDate, n: number): IsoDate {
  let day = DateTime.fromISO(date, { zone: LONDON });
  for (let left = n; left > 0;) {
    day = day.minus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day.toISODate()!;
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let day = DateTime.fromISO(from, { zone: LONDON }).plus({ days: 1 }); day.toISODate()! <= to; day = day.plus({ days: 1 }))
    if (day.weekday <= 5) count += 1;
  return count;
}

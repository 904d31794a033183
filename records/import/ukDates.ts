// Dates as UK logs write them (31/12/2026, 31 Dec 2026, 31st December 2026, 2026-12-31) and as
// Excel keeps them (a date cell, or its serial number), read with luxon. Pure. Never US order:
// 01/02/2027 is 1 February.
import { DateTime } from 'luxon';
import type { IsoDate } from '../dates.js';

const FORMATS = ['d/M/yyyy', 'd/M/yy', 'd-M-yyyy', 'd.M.yyyy', 'd MMM yyyy', 'd MMMM yyyy', 'd MMM yy', 'd MMMM yy', 'yyyy-MM-dd'];

/** Excel's serial day 1 is 1 January 1900; it counts a 29 February 1900 that never was, so later serials start a day earlier. */
const EXCEL_EPOCH = DateTime.fromISO('1899-12-30', { zone: 'utc' });

/** The calendar date a cell holds, or undefined when it holds none that can be read. */
export function readUkDate(cell: string | number | Date): IsoDate | undefined {
  // exceljs reads a date cell as midnight UTC of that day.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : DateTime.fromJSDate(cell, { zone: 'utc' }).toISODate()!;
  if (typeof cell === 'number') return fromSerial(cell);
  const text = cell
    .trim()
    .replace(/(\d)(st|nd|rd|th)\b/i, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? /i, '');
  if (!text) return undefined;
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  for (const format of FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { locale: 'en-GB', zone: 'utc' });
    if (parsed.isValid) return parsed.toISODate()!;
  }
  return undefined;
}

function fromSerial(n: number): IsoDate | undefined {
  // 1 Jan 2000 to 31 Dec 2099: anything else in a due date column is not a date.
  if (!Number.isFinite(n) || n < 36526 || n > 73415) return undefined;
  return EXCEL_EPOCH.plus({ days: Math.floor(n) }).toISODate()!;
}

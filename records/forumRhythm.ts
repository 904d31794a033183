// A forum's rhythm: when it meets ("monthly on the second Thursday", "every two months on the
// first Tuesday from March 2026", or listed dates), read from what an admin types, and the next
// meeting date it gives. Pure; dates are Europe/London calendar days, so DST never moves a meeting.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isoDateSchema, LONDON, type IsoDate } from './dates.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const ORDINALS = { first: 1, second: 2, third: 3, fourth: 4, last: -1 } as const;
const EVERY: Record<string, number> = { two: 2, three: 3, four: 4, six: 6 };

export const rhythmSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('monthly'),
    /** Which weekday of the month: 1–4, or -1 for the last. */
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
    /** ISO weekday, Monday 1 … Sunday 7. */
    weekday: z.number().int().min(1).max(7),
    /** Every this many months, counted from `from` (a month, yyyy-mm). */
    every: z.number().int().min(1).max(12),
    from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  }),
  z.object({ type: z.literal('dates'), dates: z.array(isoDateSchema).min(1).max(24) }),
]);
export type Rhythm = z.infer<typeof rhythmSchema>;

export const RHYTHM_EXAMPLE =
  'e.g. “monthly on the second Thursday”, “every two months on the first Tuesday from March 2026”, or “dates 2026-01-15, 2026-03-12”';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A rhythm from what an admin typed, or why it gives no date (with an example). `today` anchors "monthly". */
export function parseRhythm(text: string, today: IsoDate): { ok: true; rhythm: Rhythm } | { ok: false; problem: string } {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 300);
  const fail = { ok: false as const, problem: `That rhythm gives no meeting date: write it as ${RHYTHM_EXAMPLE}.` };
  if (t.startsWith('dates')) {
    const dates = [...new Set(t.match(/\d{4}-\d{2}-\d{2}/g) ?? [])].sort();
    const parsed = z.array(isoDateSchema).min(1).max(24).safeParse(dates);
    return parsed.success ? { ok: true, rhythm: { type: 'dates', dates: parsed.data } } : fail;
  }
  const m =
    /^(?:monthly|every month|every (two|three|four|six|[2-9]|1[0-2]) months)(?: on)?(?: the)? (first|second|third|fourth|last) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: from (\w+) (\d{4}))?$/.exec(
      t,
    );
  if (!m) return fail;
  const every = m[1] ? (EVERY[m[1]] ?? Number(m[1])) : 1;
  let from = today.slice(0, 7);
  if (m[4]) {
    const month = MONTHS.indexOf(m[4]);
    if (month < 0) return fail;
    from = `${m[5]}-${String(month + 1).padStart(2, '0')}`;
  }
  const nth = ORDINALS[m[2] as keyof typeof ORDINALS];
  const weekday = WEEKDAYS.indexOf(m[3] as (typeof WEEKDAYS)[number]) + 1;
  return { ok: true, rhythm: { type: 'monthly', nth, weekday, every, from } };
}

/** The rhythm in words, as the card and the list show it. */
export function describeRhythm(r: Rhythm): string {
  if (r.type === 'dates') return `on ${r.dates.join(', ')}`;
  const nth = Object.entries(ORDINALS).find(([, n]) => n === r.nth)![0];
  const day = WEEKDAYS[r.weekday - 1]!;
  const weekday = `${day[0]!.toUpperCase()}${day.slice(1)}`;
  const month = DateTime.fromFormat(r.from, 'yyyy-MM').toFormat('LLLL yyyy');
  return r.every === 1 ? `monthly on the ${nth} ${weekday}` : `every ${r.every} months on the ${nth} ${weekday} from ${month}`;
}

/**
 * The rhythm as an admin would type it, so the edit form shows it and reads it back unchanged:
 * parseRhythm(rhythmAsTyped(r)) gives r again (the month it counts from included).
 */
export function rhythmAsTyped(r: Rhythm): string {
  if (r.type === 'dates') return `dates ${r.dates.join(', ')}`;
  const nth = Object.entries(ORDINALS).find(([, n]) => n === r.nth)![0];
  const weekday = WEEKDAYS[r.weekday - 1]!;
  const from = DateTime.fromFormat(r.from, 'yyyy-MM').toFormat('LLLL yyyy').toLowerCase();
  return `${r.every === 1 ? 'monthly' : `every ${r.every} months`} on the ${nth} ${weekday} from ${from}`;
}

/** How far ahead the next meeting is looked for: a rhythm with none in two years gives none. */
const HORIZON_MONTHS = 24;

/** The `nth` `weekday` of a month (yyyy-mm), as a London calendar day. */
function nthWeekday(year: number, month: number, nth: number, weekday: number): IsoDate {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: LONDON });
  if (nth > 0) return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (nth - 1) * 7 }).toISODate()!;
  const last = first.endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 }).toISODate()!;
}

/** The first meeting the rhythm gives on or after `today` (a London date), or undefined when it gives none. */
export function nextMeetingDate(rhythm: Rhythm, today: IsoDate): IsoDate | undefined {
  if (rhythm.type === 'dates') return rhythm.dates.filter((d) => d >= today).sort()[0];
  const start = DateTime.fromFormat(rhythm.from, 'yyyy-MM', { zone: LONDON });
  const now = DateTime.fromISO(today, { zone: LONDON });
  // Begin at the first meeting month not before the month before today (a month's meeting may still be to come).
  const monthsSince = Math.max(0, Math.floor(now.diff(start, 'months').months) - 1);
  let k = Math.floor(monthsSince / rhythm.every) * rhythm.every;
  for (; k <= monthsSince + HORIZON_MONTHS; k += rhythm.every) {
    const month = start.plus({ months: k });
    const date = nthWeekday(month.year, month.month, rhythm.nth, rhythm.weekday);
    if (date >= today) return date;
  }
  return undefined;
}

/** A meeting's start as an instant: the London wall-clock time on that day, whatever the season. */
export function meetingStart(date: IsoDate, startTime: string): Date {
  const [hour, minute] = startTime.split(':').map(Number);
  return DateTime.fromISO(date, { zone: LONDON }).set({ hour: hour!, minute: minute! }).toJSDate();
}

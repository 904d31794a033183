// A forum as an admin types it on the form: chairs as "name | title" lines, reporting lines as
// "where | name" lines, people named from the place's known people, the rhythm in words. Pure:
// the draft, or a message per field (the form comes back with everything typed kept).
import {
  PACK_DAYS_PROBLEM,
  PACK_DAYS_RANGE,
  REPORTING_TARGETS,
  type Forum,
  type ForumChair,
  type ForumDraft,
  type ReportingLine,
  type ReportingTarget,
} from './forum.js';
import { parseRhythm, rhythmAsTyped } from './forumRhythm.js';
import type { IsoDate } from './dates.js';
import type { Person } from './people.js';
import { LANCASHIRE_LOCALITIES, type Locality, type PlaceCode } from './places.js';

/** What the form sends, each as typed. */
export interface ForumFormInput {
  name: string;
  locality: string;
  chairs: string;
  viceChair: string;
  secretary: string;
  rhythm: string;
  startTime: string;
  reportingLines: string;
  /** Working days before a meeting to offer its board pack (1–15); empty: the default. */
  packDaysBefore?: string;
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The draft a form gives, or what to fix per field. `people`: whom the place knows (its settings). */
export function forumDraftFrom(
  place: PlaceCode,
  input: ForumFormInput,
  people: readonly Person[],
  today: IsoDate,
): { ok: true; draft: ForumDraft } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const byName = (typed: string, field: string): Person | undefined => {
    const found = people.find((p) => p.name.toLowerCase() === typed.trim().toLowerCase());
    if (!found) errors[field] ??= `${typed.trim().slice(0, 80)} is not one of this place’s named people: name them in setup first.`;
    return found;
  };
  const chairs: ForumChair[] = [];
  for (const line of lines(input.chairs)) {
    const [name = '', title = ''] = line.split('|').map((s) => s.trim());
    if (!title) {
      errors.chairs ??= `Give ${name.slice(0, 80) || 'each chair'} the title they sign with, e.g. “${name.slice(0, 80) || 'Judith Mills'} | Independent Chair”.`;
      continue;
    }
    const person = byName(name, 'chairs');
    if (person) chairs.push({ id: person.id, name: person.name, title });
  }
  if (!chairs.length) errors.chairs ??= 'Name at least one chair, one a line: name | the title they sign with.';
  const reportingLines: ReportingLine[] = [];
  for (const line of lines(input.reportingLines)) {
    // An optional third part names who receives for it (they may acknowledge its matters).
    const [where = '', name = '', receivedBy = ''] = line.split('|').map((s) => s.trim());
    if (!(where in REPORTING_TARGETS)) {
      errors.reportingLines ??= `“${where.slice(0, 40)}” is not a reporting line: use one of ${Object.keys(REPORTING_TARGETS).join(', ')}.`;
      continue;
    }
    if (!name) {
      errors.reportingLines ??= `Name the ${REPORTING_TARGETS[where as ReportingTarget]} it reports to, e.g. “hwb | Blackpool Health and Wellbeing Board”.`;
      continue;
    }
    const receiver = receivedBy ? byName(receivedBy, 'reportingLines') : undefined;
    if (receivedBy && !receiver) continue;
    reportingLines.push({ to: where as ReportingTarget, name, ...(receiver ? { receiver } : {}) });
  }
  const rhythm = parseRhythm(input.rhythm, today);
  if (!rhythm.ok) errors.rhythm = rhythm.problem;
  const locality = input.locality.trim();
  const loc = LANCASHIRE_LOCALITIES.find((l) => l.toLowerCase() === locality.toLowerCase());
  if (locality && !loc) errors.locality = 'Choose Central, North or East, or leave it empty.';
  const viceChair = input.viceChair.trim() ? byName(input.viceChair, 'viceChair') : undefined;
  const secretary = input.secretary.trim() ? byName(input.secretary, 'secretary') : undefined;
  const packDays = (input.packDaysBefore ?? '').trim();
  const packDaysBefore = packDays ? Number(packDays) : undefined;
  if (
    packDaysBefore !== undefined &&
    !(Number.isInteger(packDaysBefore) && packDaysBefore >= PACK_DAYS_RANGE.min && packDaysBefore <= PACK_DAYS_RANGE.max)
  )
    errors.packDaysBefore = PACK_DAYS_PROBLEM;
  if (!input.name.trim()) errors.name = 'Give the forum a name.';
  if (Object.keys(errors).length || !rhythm.ok) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      place,
      name: input.name.trim(),
      ...(loc ? { locality: loc as Locality } : {}),
      chairs,
      ...(viceChair ? { viceChair } : {}),
      ...(secretary ? { secretary } : {}),
      rhythm: rhythm.rhythm,
      startTime: input.startTime.trim() || '14:00',
      reportingLines,
      ...(packDaysBefore !== undefined ? { packDaysBefore } : {}),
    },
  };
}

/** A forum as the form shows it: what an admin would type to get it, so submitting it unchanged changes nothing. */
export function forumAsTyped(forum: Forum): ForumFormInput {
  return {
    name: forum.name,
    locality: forum.locality ?? '',
    chairs: forum.chairs.map((c) => `${c.name} | ${c.title}`).join('\n'),
    viceChair: forum.viceChair?.name ?? '',
    secretary: forum.secretary?.name ?? '',
    rhythm: rhythmAsTyped(forum.rhythm),
    startTime: forum.startTime,
    packDaysBefore: forum.packDaysBefore === undefined ? '' : String(forum.packDaysBefore),
    reportingLines: forum.reportingLines.map((l) => [l.to, l.name, ...receiverOf(l).map((r) => r.name)].join(' | ')).join('\n'),
  };
}

/** Who receives for a reporting line, where the line names someone (lines may name a receiver: escalations). */
function receiverOf(line: Forum['reportingLines'][number]): Person[] {
  const receiver = (line as { receiver?: Person }).receiver;
  return receiver ? [receiver] : [];
}

/** The people a forum already names (its chairs, vice-chair, secretary, its lines' receivers): an edit may keep them. */
export function peopleOfForum(forum: Forum): Person[] {
  return [
    ...forum.chairs,
    ...(forum.viceChair ? [forum.viceChair] : []),
    ...(forum.secretary ? [forum.secretary] : []),
    ...forum.reportingLines.flatMap(receiverOf),
  ].map((p) => ({
    id: p.id,
    name: p.name,
  }));
}

// Turns the action form's submitted data into a typed draft, or a message per field.
import { z } from 'zod';
import { ACTION_FORM_FIELDS, type ActionFormField, type ActionFormValues } from '../cards/actionCards.js';
import { actionDraftSchema, dueDateProblem, type ActionDraft } from '../records/action.js';
import { LIMITS } from '../records/limits.js';
import { personSchema, type Person } from '../records/people.js';

/** The longest value we echo back into a form field, so a card stays well under Teams' size limit. */
const ECHO_LIMIT: Record<ActionFormField, number> = {
  place: 10,
  locality: 20,
  description: LIMITS.description,
  owner: 200,
  dueDate: 10,
  sourceMeeting: LIMITS.title,
  sourceDate: 10,
  priority: 20,
};

const submittedSchema = z
  .object({
    people: z.array(personSchema).max(200).catch([]),
    ...Object.fromEntries(ACTION_FORM_FIELDS.map((f) => [f, z.unknown()])),
  })
  .passthrough();

/** Values as the person typed them, clipped to what a card can carry back. */
export function formValues(data: unknown): ActionFormValues {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(
    ACTION_FORM_FIELDS.map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string).slice(0, ECHO_LIMIT[f]) : '']),
  );
}

export function offeredPeople(data: unknown): Person[] {
  const parsed = submittedSchema.safeParse(data);
  return parsed.success ? parsed.data.people : [];
}

/** Where each draft field's error is shown on the form. */
function formFieldOf(path: (string | number)[]): ActionFormField {
  const [head, sub] = path;
  if (head === 'source') return sub === 'date' ? 'sourceDate' : 'sourceMeeting';
  if (head === 'links') return 'priority';
  if (head === 'owner') return 'owner';
  return (ACTION_FORM_FIELDS as readonly string[]).includes(String(head)) ? (head as ActionFormField) : 'description';
}

const FRIENDLY: Partial<Record<ActionFormField, string>> = {
  place: 'Choose a place.',
  owner: 'Choose who owns the action.',
  dueDate: 'Choose a due date, today or later.',
  priority: 'Choose one of the listed priorities.',
  locality: 'Choose Central, North or East.',
};

export type ParsedForm = { ok: true; draft: ActionDraft } | { ok: false; errors: Partial<Record<ActionFormField, string>> };

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * Validates everything at once so the person sees every problem in one go.
 * `owner` must already be resolved to a person (or undefined when none was chosen).
 */
export function parseActionForm(data: unknown, owner: Person | undefined, now: Date): ParsedForm {
  const v = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const sourceMeeting = blank(v.sourceMeeting);
  const sourceDate = blank(v.sourceDate);
  const candidate = {
    place: blank(v.place),
    locality: blank(v.locality),
    description: v.description ?? '',
    owner,
    dueDate: blank(v.dueDate),
    source: sourceMeeting !== undefined || sourceDate !== undefined ? { meeting: sourceMeeting ?? '', date: sourceDate } : undefined,
    links: { priority: blank(v.priority) },
  };
  const errors: Partial<Record<ActionFormField, string>> = {};
  const result = actionDraftSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = formFieldOf(issue.path);
      const custom = issue.code === 'custom' || issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'invalid_string';
      errors[field] ??= custom || !FRIENDLY[field] ? issue.message : FRIENDLY[field];
    }
  }
  if (typeof v.description === 'string' && v.description.length > LIMITS.description) {
    const n = v.description.length.toLocaleString('en-GB');
    errors.description = `The description is ${n} characters; the limit is 2,000. The first 2,000 are kept below: shorten it and submit again.`;
  }
  if (sourceDate !== undefined && sourceMeeting === undefined) errors.sourceMeeting = 'Name the meeting or forum for that date.';
  if (candidate.locality !== undefined && candidate.place !== undefined && candidate.place !== 'LAN') {
    errors.locality ??= 'Localities apply to Lancashire only.';
  }
  if (typeof candidate.dueDate === 'string' && !errors.dueDate) {
    const problem = dueDateProblem(candidate.dueDate, now);
    if (problem) errors.dueDate = problem;
  }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, draft: result.data };
}

// The one way a submitted card form becomes a typed draft or a message per field, for every
// kind (actions, risks, sign-offs, message capture): values echoed back clipped to what a card
// can carry, blank text read as absent, zod's issues turned into one friendly line per form
// field, every problem reported at once. A form declares its fields; it never re-implements this.
import { z } from 'zod';
import type { FormSource } from '../../cards/commonCards.js';
import { LIMITS, teamsMessageLinkSchema } from '../../records/limits.js';
import { personSchema, type Person } from '../../records/people.js';

export type FieldErrors<E extends string> = Partial<Record<E, string>>;
export type FormValues<F extends string> = Partial<Record<F, string>>;
export type FormResult<D, E extends string> = { ok: true; draft: D } | { ok: false; errors: FieldErrors<E> };

/** What a form declares: its input ids, how much of each is echoed, and where a draft's issue is shown. */
export interface FormSpec<F extends string, E extends string = F> {
  fields: readonly F[];
  /** The longest value echoed back into each input, so a card stays well under Teams' size limit. */
  echoLimit: Record<F, number>;
  /** Where an issue on this draft path is shown on the form. */
  fieldOf(path: (string | number)[]): E;
  /** A plainer line for a field than zod's, used unless the issue is about length or a custom rule. */
  friendly?: Partial<Record<E, string>>;
  /** Free-text inputs with a hard limit: an over-long value is named with its length, and clipped on the echo. */
  maxLength?: Partial<Record<F & E, { label: string; max: number }>>;
}

/** The submitted data as a plain object; anything else (a forged or empty submission) reads as empty. */
export function submitted(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** Text as typed, or '' when the value is not text (as a forged submission might send). */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * The one way a card change reads an input: from the record's own card, or from that record's
 * panel on a list card, whose input ids carry the record's ref (`listId(ref, field)`). As typed:
 * the command gets it whole, so too long is refused, never cut; '' when absent or not text.
 */
export function cardInput(data: Record<string, unknown>, field: string, listId?: (ref: string, field: string) => string): string {
  const ref = text(data.ref);
  return data.from === 'list' && ref && listId ? text(data[listId(ref, field)]) : text(data[field]);
}

/** Empty or whitespace-only text counts as not given. */
export function blank(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}

/** Values as the person typed them, clipped to what a card can carry back. */
export function echoValues<F extends string>(spec: Pick<FormSpec<F, string>, 'fields' | 'echoLimit'>, data: unknown): FormValues<F> {
  const raw = submitted(data);
  return Object.fromEntries(spec.fields.map((f) => [f, text(raw[f]).slice(0, spec.echoLimit[f])])) as FormValues<F>;
}

const offeredSchema = z.object({ people: z.array(personSchema).max(200).catch([]) }).passthrough();

/** The people a form offered as choices (carried in its submit data), for resolving a chosen id. */
export function offeredPeople(data: unknown): Person[] {
  const parsed = offeredSchema.safeParse(data);
  return parsed.success ? parsed.data.people : [];
}

const sourceSchema = z.object({
  sourceUrl: teamsMessageLinkSchema,
  sourceLabel: z
    .string()
    .catch('')
    .transform((s) => s.slice(0, LIMITS.shortText)),
});

/** The source link a prefilled form carried (a Teams message link only), to keep it on the form when it comes back with errors. */
export function submittedSource(data: unknown): FormSource | undefined {
  const parsed = sourceSchema.safeParse(data);
  return parsed.success ? { url: parsed.data.sourceUrl, label: parsed.data.sourceLabel || 'a message' } : undefined;
}

const LENGTH_CODES = new Set(['custom', 'too_big', 'too_small', 'invalid_string']);

/** The first message per form field, friendlier than zod's where the form says how. */
export function issueErrors<F extends string, E extends string>(spec: FormSpec<F, E>, error: z.ZodError): FieldErrors<E> {
  const errors: FieldErrors<E> = {};
  for (const issue of error.issues) {
    const field = spec.fieldOf(issue.path);
    const friendly = spec.friendly?.[field];
    errors[field] ??= LENGTH_CODES.has(issue.code) || !friendly ? issue.message : friendly;
  }
  return errors;
}

/** "The description is 5,000 characters; the limit is 2,000. The first 2,000 are kept below: …" */
export function tooLongMessage(label: string, length: number, max: number): string {
  const n = length.toLocaleString('en-GB');
  const m = max.toLocaleString('en-GB');
  return `The ${label} is ${n} characters; the limit is ${m}. The first ${m} are kept below: shorten it and submit again.`;
}

/**
 * Validates a candidate draft against its schema and the form's own checks, all at once, so the
 * person sees every problem in one go. `checks` may add errors (cross-field rules, dates) and sees
 * the draft when the schema accepted it.
 */
export function parseForm<F extends string, E extends string, S extends z.ZodTypeAny>(
  spec: FormSpec<F, E>,
  schema: S,
  data: unknown,
  candidate: unknown,
  checks?: (errors: FieldErrors<E>, draft: z.output<S> | undefined) => void,
): FormResult<z.output<S>, E> {
  const raw = submitted(data);
  const result = schema.safeParse(candidate);
  const errors: FieldErrors<E> = result.success ? {} : issueErrors(spec, result.error);
  for (const [field, limit] of Object.entries(spec.maxLength ?? {}) as [F & E, { label: string; max: number }][]) {
    const v = raw[field];
    if (typeof v === 'string' && v.length > limit.max) errors[field] = tooLongMessage(limit.label, v.length, limit.max);
  }
  checks?.(errors, result.success ? result.data : undefined);
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, draft: result.data };
}

/** The input an issue's path names when it is one of the form's `fields`, else `fallback` (where the form shows the rest). */
export function fieldNamed<F extends string>(fields: readonly F[], head: unknown, fallback: F): F {
  const name = String(head ?? '');
  return (fields as readonly string[]).includes(name) ? (name as F) : fallback;
}

// What every rule returns: the next record and its audit event, or a typed refusal.
import type { z } from 'zod';
import type { AuditEvent } from './audit.js';

export type RefusalCode = 'NOT_ALLOWED' | 'WRONG_STATE' | 'WRONG_PERSON' | 'INVALID_INPUT';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** For INVALID_INPUT: a message per input field, keyed by the field's name. */
  fieldErrors?: Record<string, string>;
}

export type Transition<T> = { ok: true; record: T; event: AuditEvent } | { ok: false; refusal: Refusal };

export function refuse(code: RefusalCode, message: string, fieldErrors?: Record<string, string>): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: fieldErrors ? { code, message, fieldErrors } : { code, message } };
}

export function invalid(fieldErrors: Record<string, string>): { ok: false; refusal: Refusal } {
  return refuse('INVALID_INPUT', 'Check the highlighted fields.', fieldErrors);
}

/** The first message per field. By default a field is the top-level key of the input. */
export function fieldErrorsOf(
  error: z.ZodError,
  fieldOf: (path: (string | number)[]) => string = (path) => String(path[0] ?? 'form'),
): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[fieldOf(issue.path)] ??= issue.message;
  return fieldErrors;
}

// What every rule returns: the next record and its audit event, or a typed refusal.
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

// What every rule returns: the next record and its audit event, or a typed refusal.
import type { z } from 'zod';
import type { AuditEvent } from './audit.js';
import { isChairOrAdmin, mayChangeOwned, type Actor, type Person } from './people.js';

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

/**
 * The two checks every owned record's commands share: is the command allowed from this status,
 * and may this person give it (chair-only commands, else owner, raiser, chair or admin)?
 */
export function checkCommand<S extends string>(
  record: { ref: string; status: S; owner: Person; raisedBy: Person },
  actor: Actor,
  rule: { allowedFrom: readonly S[]; chairOnly: boolean; statusLabel: string },
): { ok: false; refusal: Refusal } | undefined {
  if (!rule.allowedFrom.includes(record.status)) {
    return refuse('WRONG_STATE', `${record.ref} is ${rule.statusLabel.toLowerCase()}, so that cannot be done now.`);
  }
  if (rule.chairOnly ? !isChairOrAdmin(actor) : !mayChangeOwned(record, actor)) {
    return refuse(
      'WRONG_PERSON',
      rule.chairOnly
        ? `Only a chair or place admin can do that to ${record.ref}.`
        : `Only the owner, the person who raised it, or a chair or place admin can change ${record.ref}.`,
    );
  }
  return undefined;
}

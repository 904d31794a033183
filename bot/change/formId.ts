// Every form the bot draws carries an id, drawn with the form and kept by its submit button.
// The store writes it with the record in the create's own transaction, so a form submitted twice
// (a double click, or a retry after "Unable to reach app") creates one record, and the second
// submit is answered with the record the first one created.
import { randomUUID } from 'node:crypto';
import { FORM_ID } from '../ports.js';

export function newFormId(): string {
  return randomUUID();
}

/** The id the submitted form carries, or undefined for an old form without one (or a mangled id). */
export function submittedFormId(data: Record<string, unknown>): string | undefined {
  return typeof data.formId === 'string' && FORM_ID.test(data.formId) ? data.formId : undefined;
}

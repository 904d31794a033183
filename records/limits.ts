// Bounds on every string so an entity always fits Azure Table limits (a string property
// ≤ 64 KiB, an entity ≤ 1 MiB). Too long is a validation message naming the field,
// never a storage error.
import { z } from 'zod';

export const LIMITS = {
  shortText: 200,
  title: 300,
  description: 2000,
  note: 2000,
  longText: 4000,
  url: 1000,
  listItems: 100,
} as const;

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a surrogate
 * without its pair): a workbook or Word document holding one does not open, so stored text never
 * keeps them.
 */
const XML_ILLEGAL =
  // oxlint-disable-next-line no-control-regex -- matching the characters XML 1.0 cannot hold is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 cannot hold; everything else as typed. */
export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** The text on one line (a heading, a name in a heading): line breaks and tabs become spaces. */
export function oneLine(text: string): string {
  return xmlSafe(text)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .trim();
}

/** A required, trimmed string of 1..max characters whose messages name the field; characters XML cannot hold are dropped. */
export function boundedText(field: string, max: number) {
  return z
    .string({ required_error: `${field} is required.`, invalid_type_error: `${field} must be text.` })
    .transform(xmlSafe)
    .pipe(boundedTextOf(field, max));
}

function boundedTextOf(field: string, max: number) {
  return z
    .string({ required_error: `${field} is required.`, invalid_type_error: `${field} must be text.` })
    .trim()
    .min(1, `${field} is required.`)
    .max(max, `${field} must be ${max.toLocaleString('en-GB')} characters or fewer.`);
}

/** An optional string: empty or whitespace counts as absent. */
export function optionalText(field: string, max: number) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), boundedText(field, max).optional());
}

/** A bounded list, so a record cannot grow past what one entity can hold. */
export function boundedList<T extends z.ZodTypeAny>(field: string, item: T, max: number = LIMITS.listItems) {
  return z.array(item).max(max, `${field} can hold at most ${max} entries.`);
}

/** A full https link (e.g. to the Teams message a record came from); the message says how to fix it. */
export const httpsUrlSchema = z
  .string()
  .trim()
  .url('Give a full https link.')
  .max(LIMITS.url, `A link must be ${LIMITS.url.toLocaleString('en-GB')} characters or fewer.`)
  .startsWith('https://', 'Give a full https link.');

/** Where Teams links to one message: https://teams.microsoft.com/l/message/… (no other host, port or credentials). */
export function isTeamsMessageLink(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.hostname === 'teams.microsoft.com' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith('/l/message/')
  );
}

/**
 * The source of a new record: a link to the Teams message it came from, and nothing else, since
 * it is shown to everyone as a button. (Stored records keep httpsUrlSchema; their cards show the
 * button only for a Teams message link.)
 */
export const teamsMessageLinkSchema = httpsUrlSchema.refine(
  isTeamsMessageLink,
  'Only a link to a Teams message (https://teams.microsoft.com/l/message/…) can be a source.',
);

/** What a person is told when a link to a paper is not https. */
export const paperLinkMessage = 'Give a full link, starting https://';

// The cover sheet a board paper carries (after the ICB's board cover sheet): what the board is
// asked to do, who wrote and sponsors it, where it has been before, its impacts, and the place
// priority it serves. Kept with the sign-off; shown on its card, found by search, printed in the pack.
// Pure.
import { z } from 'zod';
import { boundedText, LIMITS, optionalText } from './limits.js';
import { PLACE_PRIORITIES, placePrioritySchema, type PlaceCode } from './places.js';

export const COVER_PURPOSES = {
  decision: 'For decision',
  assurance: 'For assurance',
  information: 'For information',
  discussion: 'For discussion',
} as const;
export type CoverPurpose = keyof typeof COVER_PURPOSES;
const purposeSchema = z.enum(Object.keys(COVER_PURPOSES) as [CoverPurpose, ...CoverPurpose[]], {
  errorMap: () => ({ message: 'Choose what the paper is for: decision, assurance, information or discussion.' }),
});

/** A risk's ref as a person types it, e.g. BPL-R-0007 (upper-cased). */
const RISK_REF = /^(BPL|BWD|LAN|SC)-R-\d{4,}$/;

export const coverSheetSchema = z.object({
  purpose: purposeSchema,
  /** What the board is requested to do, one recommendation a line ("Note…", "Support…"). */
  recommendations: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    boundedText('A recommendation (what the board is asked to do)', LIMITS.note),
  ),
  author: optionalText('Report author', LIMITS.shortText),
  /** The accountable director. */
  sponsor: optionalText('Accountable director', LIMITS.shortText),
  /** Where the paper has been before: forum, date, outcome. */
  previously: optionalText('Previous consideration', LIMITS.note),
  finance: optionalText('Financial impact', LIMITS.note),
  quality: optionalText('Quality impact', LIMITS.note),
  equality: optionalText('Equality and health inequalities impact', LIMITS.note),
  risk: optionalText('Risk impact', LIMITS.note),
  riskRef: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toUpperCase()) : v),
    z.string().max(20, 'Give a risk reference, like BPL-R-0007.').regex(RISK_REF, 'Give a risk reference, like BPL-R-0007.').optional(),
  ),
  priority: z.preprocess((v) => (v === '' ? undefined : v), placePrioritySchema.optional()),
});
export type CoverSheet = z.infer<typeof coverSheetSchema>;

/** The form's cover-sheet inputs, by the cover sheet's own field names. */
export const COVER_FIELDS = [
  'purpose',
  'recommendations',
  'author',
  'sponsor',
  'previously',
  'finance',
  'quality',
  'equality',
  'risk',
  'riskRef',
  'priority',
] as const;
export type CoverField = (typeof COVER_FIELDS)[number];

/** Whether a requester has started a cover sheet: any of its fields filled. */
export function coverStarted(values: Partial<Record<CoverField, unknown>>): boolean {
  return COVER_FIELDS.some((f) => typeof values[f] === 'string' && (values[f] as string).trim() !== '');
}

/** Why the risk ref cannot be named on this place's paper; undefined when it can (existence is checked by the caller). */
export function coverRiskRefProblem(riskRef: string | undefined, place: PlaceCode): string | undefined {
  if (!riskRef) return undefined;
  return riskRef.startsWith(`${place}-`) ? undefined : `${riskRef} is not a risk of this place: name one from its own register.`;
}

/** The cover sheet as labelled lines, in the order the board reads it. */
export function coverLines(c: CoverSheet): { title: string; value: string }[] {
  const lines: { title: string; value: string }[] = [
    { title: 'Purpose', value: COVER_PURPOSES[c.purpose] },
    { title: 'Recommendations', value: c.recommendations },
  ];
  const add = (title: string, value: string | undefined) => {
    if (value) lines.push({ title, value });
  };
  add('Report author', c.author);
  add('Accountable director', c.sponsor);
  add('Previously considered', c.previously);
  add('Financial impact', c.finance);
  add('Quality impact', c.quality);
  add('Equality and health inequalities', c.equality);
  add('Risk impact', [c.risk, c.riskRef ? `(risk ${c.riskRef})` : ''].filter(Boolean).join(' ') || undefined);
  add('Place priority', c.priority ? PLACE_PRIORITIES[c.priority] : undefined);
  return lines;
}

/** One line for a table cell or search: purpose, then the recommendations. */
export function coverSummary(c: CoverSheet | undefined): string {
  if (!c) return '';
  return coverLines(c)
    .map((l) => `${l.title}: ${l.value}`)
    .join('\n');
}

/** The form input for a cover-sheet field: `recommendations` → `coverRecommendations`. */
export function coverInputId<F extends CoverField>(field: F): `cover${Capitalize<F>}` {
  return `cover${field.charAt(0).toUpperCase()}${field.slice(1)}` as `cover${Capitalize<F>}`;
}

// The cover sheet's part of the sign-off request form: its inputs read into the draft's `cover`
// (absent until the requester starts it), and how long each may be.
import { COVER_FIELDS, coverInputId, coverStarted, type CoverField } from '../../records/coverSheet.js';
import { LIMITS } from '../../records/limits.js';
import { blank } from '../change/forms.js';

type CoverInput = ReturnType<typeof coverInputId<CoverField>>;

const SHORT: readonly CoverField[] = ['author', 'sponsor'];
const CHOICE: readonly CoverField[] = ['purpose', 'priority', 'riskRef'];

const maxOf = (f: CoverField) => (SHORT.includes(f) ? LIMITS.shortText : CHOICE.includes(f) ? 30 : LIMITS.note);

/** What a card may carry back of each cover-sheet input. */
export const COVER_ECHO = Object.fromEntries(COVER_FIELDS.map((f) => [coverInputId(f), maxOf(f)])) as Record<CoverInput, number>;

/** Free-text cover-sheet inputs: an over-long one is named with its length and clipped on the echo. */
export const COVER_MAX_LENGTH = Object.fromEntries(
  COVER_FIELDS.filter((f) => !CHOICE.includes(f)).map((f) => [coverInputId(f), { label: labelOf(f), max: maxOf(f) }]),
) as Partial<Record<CoverInput, { label: string; max: number }>>;

function labelOf(f: CoverField): string {
  const labels: Partial<Record<CoverField, string>> = {
    recommendations: 'recommendation',
    author: 'report author',
    sponsor: 'accountable director',
    previously: 'previous consideration',
    finance: 'financial impact',
    quality: 'quality impact',
    equality: 'equality and health inequalities impact',
    risk: 'risk impact',
  };
  return labels[f] ?? f;
}

/** `{ cover }` from the submitted inputs once any is filled; nothing when the requester left it closed. */
export function coverCandidate(v: Record<string, unknown>): { cover?: Record<CoverField, unknown> } {
  const values = Object.fromEntries(COVER_FIELDS.map((f) => [f, v[coverInputId(f)]])) as Record<CoverField, unknown>;
  if (!coverStarted(values)) return {};
  return { cover: Object.fromEntries(COVER_FIELDS.map((f) => [f, blank(values[f])])) as Record<CoverField, unknown> };
}

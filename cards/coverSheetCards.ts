// The cover sheet on the sign-off request form and card: its inputs (seed 004's sections, each
// one the requester opens), their choices, and the labelled lines the card shows in seed 004's
// order. Pure.
import { COVER_PURPOSES, coverLines, type CoverSheet } from '../records/coverSheet.js';
import { COVER_ROWS, RECOMMENDATION_ACTIONS, STRATEGIC_OBJECTIVES, YES_NO_NA } from '../records/coverSheetSections.js';
import { PLACE_PRIORITIES } from '../records/places.js';
import { plain } from './text.js';

const rows = <const N extends number>(n: N) => Array.from({ length: n }, (_, i) => i + 1);

// The rows the form offers (records/coverSheetSections.ts COVER_ROWS); a forged card's further rows are read too, and refused.
type AskRow = 1 | 2 | 3 | 4 | 5;
type DiscussedRow = 1 | 2 | 3 | 4;
type AskInput = `coverAsk${AskRow}${'Action' | 'Text'}`;
type DiscussedInput = `coverDiscussed${DiscussedRow}${'Forum' | 'Date' | 'Outcome'}`;

/** Recommendation row `i` (1-based): what the board is asked to do, and its text. */
export const askInputs = (i: number) => ({ action: `coverAsk${i}Action` as AskInput, text: `coverAsk${i}Text` as AskInput });
/** Where-discussed row `i` (1-based). */
export const discussedInputs = (i: number) => ({
  forum: `coverDiscussed${i}Forum` as DiscussedInput,
  date: `coverDiscussed${i}Date` as DiscussedInput,
  outcome: `coverDiscussed${i}Outcome` as DiscussedInput,
});

/** The cover sheet's inputs that are not rows, in the order the form shows them. */
const SINGLE_INPUTS = [
  'coverPurpose',
  'coverObjectives',
  'coverPriority',
  'coverRiskRefs',
  'coverRisksNa',
  'coverFinancial',
  'coverFinancialComment',
  'coverConflicts',
  'coverQia',
  'coverQiaComment',
  'coverEia',
  'coverEiaComment',
  'coverDpia',
  'coverDpiaComment',
  'coverPublic',
  'coverAuthor',
  'coverSponsor',
  'coverAuthorisedName',
  'coverAuthorisedRole',
] as const;
export type CoverSingleInput = (typeof SINGLE_INPUTS)[number];
export type CoverInput = CoverSingleInput | AskInput | DiscussedInput;

/** Every cover-sheet input id on the request form. */
export const COVER_INPUTS: readonly CoverInput[] = [
  ...SINGLE_INPUTS,
  ...rows(COVER_ROWS.recommendations).flatMap((i) => Object.values(askInputs(i))),
  ...rows(COVER_ROWS.discussed).flatMap((i) => Object.values(discussedInputs(i))),
];

/** The form's optional sections, each opened by its own button, and the inputs each holds. */
const SECTIONS = {
  recommendations: ['coverPurpose', ...rows(COVER_ROWS.recommendations).flatMap((i) => Object.values(askInputs(i)))],
  objectives: ['coverObjectives', 'coverPriority'],
  implications: ['coverRiskRefs', 'coverRisksNa', 'coverFinancial', 'coverFinancialComment'],
  discussed: rows(COVER_ROWS.discussed).flatMap((i) => Object.values(discussedInputs(i))),
  conflicts: ['coverConflicts'],
  assessments: ['coverQia', 'coverQiaComment', 'coverEia', 'coverEiaComment', 'coverDpia', 'coverDpiaComment', 'coverPublic'],
  authorised: ['coverAuthor', 'coverSponsor', 'coverAuthorisedName', 'coverAuthorisedRole'],
} satisfies Record<string, readonly string[]>;

/** An input left at what the form first shows: blank, or the N/A toggle left off (whatever a client sends for off). */
export function untouched(v: unknown, id?: string): boolean {
  if (id === 'coverRisksNa') return v !== 'na';
  return typeof v !== 'string' || v.trim() === '';
}

/** The choices the form's cover-sheet pickers offer, and which sections show open (those with input or a message). */
export function coverFormChoices(values: Record<string, string> = {}, errors: Record<string, string> = {}) {
  const choices = (o: Record<string, string>) => Object.entries(o).map(([value, title]) => ({ title, value }));
  return {
    purposes: choices(COVER_PURPOSES),
    priorities: choices(PLACE_PRIORITIES),
    asksOffered: choices(RECOMMENDATION_ACTIONS),
    objectives: Object.entries(STRATEGIC_OBJECTIVES).map(([value, words]) => ({ title: `${value} ${words}`, value })),
    yesNoNa: choices(YES_NO_NA),
    coverOpen: Object.fromEntries(
      Object.entries(SECTIONS).map(([name, ids]) => [name, ids.some((id) => !untouched(values[id], id) || !!errors[id])]),
    ),
  };
}

/** What the card shows of the cover sheet: a heading and its lines, or nothing when there is none. */
export function coverCardData(cover: CoverSheet | undefined) {
  if (!cover) return { coverHeading: '', cover: [] };
  // The card shows enough to decide; the record and the pack keep it all.
  const clip = (t: string) => {
    const p = plain(t).trim();
    return p.length <= 600 ? p : `${p.slice(0, 599).trimEnd()}…`;
  };
  return { coverHeading: 'Cover sheet', cover: coverLines(cover).map((l) => ({ title: l.title, value: clip(l.value) })) };
}

// The cover sheet a board paper carries (after the ICB's board cover sheet, seed 004): what it is
// for, who wrote and sponsors it, the place priority it serves, and seed 004's sections
// (coverSheetSections.ts). Kept with the sign-off; shown on its card, found by search, printed in
// the pack, always in seed 004's order. Pure.
import { z } from 'zod';
import { LIMITS, optionalText } from './limits.js';
import { PLACE_PRIORITIES, placePrioritySchema, type PlaceCode } from './places.js';
import {
  answeredLine,
  coverSectionsSchema,
  discussedLines,
  icbRegisterLine,
  objectivesLine,
  recommendationLine,
  RISK_REF,
} from './coverSheetSections.js';

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

export const coverSheetSchema = z
  .object({
    purpose: purposeSchema,
    /** What the board is requested to do, as one text: requests made before the rows below (`asks`) were offered. */
    recommendations: optionalText('A recommendation (what the board is asked to do)', LIMITS.note),
    author: optionalText('Report author', LIMITS.shortText),
    /** The accountable director. */
    sponsor: optionalText('Accountable director', LIMITS.shortText),
    // Free text kept by requests made before seed 004's sections (coverSheetSections.ts) were
    // offered: read as stored and shown under those sections' headings, never rewritten.
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
  })
  .merge(coverSectionsSchema)
  .superRefine((c, ctx) => {
    if (c.risksNotApplicable && c.associatedRisks?.length)
      ctx.addIssue({ code: 'custom', path: ['associatedRisks'], message: 'Name the associated risks or mark them N/A, not both.' });
    if (!c.recommendations && !c.asks?.length)
      ctx.addIssue({ code: 'custom', path: ['asks'], message: 'Give at least one recommendation: what the board is asked to do.' });
  });
export type CoverSheet = z.infer<typeof coverSheetSchema>;

/** Why a risk named on this place's paper cannot be (another place's); undefined when all can (existence is checked by the caller). */
export function coverRiskRefProblem(riskRef: string | undefined, place: PlaceCode): string | undefined {
  if (!riskRef) return undefined;
  return riskRef.startsWith(`${place}-`) ? undefined : `${riskRef} is not a risk of this place: name one from its own register.`;
}

/** The first associated risk that is another place's, said so; undefined when every one is this place's. */
export function coverRisksProblem(cover: Pick<CoverSheet, 'associatedRisks'> | undefined, place: PlaceCode): string | undefined {
  for (const r of cover?.associatedRisks ?? []) {
    const problem = coverRiskRefProblem(r.ref, place);
    if (problem) return problem;
  }
  return undefined;
}

/** The cover sheet as labelled lines, in the order of the ICB's board cover sheet (seed 004). */
export function coverLines(c: CoverSheet): { title: string; value: string }[] {
  const lines: { title: string; value: string }[] = [{ title: 'Purpose', value: COVER_PURPOSES[c.purpose] }];
  const add = (title: string, value: string | undefined) => {
    if (value) lines.push({ title, value });
  };
  const asks = (c.asks ?? []).map(recommendationLine);
  add('Recommendations', [c.recommendations, ...(asks.length ? ['The Board is requested to:', ...asks] : [])].filter(Boolean).join('\n'));
  add('Strategic objectives', c.objectives?.length ? objectivesLine(c.objectives) : undefined);
  add('Place priority', c.priority ? PLACE_PRIORITIES[c.priority] : undefined);
  const risks = [...(c.associatedRisks ?? []), ...(c.riskRef ? [{ ref: c.riskRef }] : [])];
  const na = c.risksNotApplicable && !risks.length;
  add('Associated risks', na ? 'N/A' : risks.map((r) => r.ref).join(', '));
  add('On the ICB risk register', na ? 'N/A' : risks.length ? icbRegisterLine(risks) : undefined);
  add('Risk impact', c.risk);
  add('Financial implications', c.financial ? answeredLine(c.financial) : undefined);
  add('Financial impact', c.finance);
  add('Where discussed', c.discussed?.length ? discussedLines(c.discussed) : undefined);
  add('Previously considered', c.previously);
  add('Conflicts of interest', c.conflictsOfInterest);
  add('Quality impact assessment completed', c.qia ? answeredLine(c.qia) : undefined);
  add('Quality impact', c.quality);
  add('Equality impact assessment completed', c.eia ? answeredLine(c.eia) : undefined);
  add('Equality and health inequalities', c.equality);
  add('Data privacy impact assessment completed', c.dpia ? answeredLine(c.dpia) : undefined);
  add('Public involvement', c.publicInvolvement);
  add('Report author', c.author);
  add('Accountable director', c.sponsor);
  add('Report authorised by', c.authorisedBy ? `${c.authorisedBy.name}, ${c.authorisedBy.role}` : undefined);
  return lines;
}

/** One line for a table cell or search: purpose, then the recommendations. */
export function coverSummary(c: CoverSheet | undefined): string {
  if (!c) return '';
  return coverLines(c)
    .map((l) => `${l.title}: ${l.value}`)
    .join('\n');
}

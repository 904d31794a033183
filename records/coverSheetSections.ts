// The fuller sections of a paper's cover sheet, after the ICB board's own (seed 004): what the
// board is requested to do, the strategic objectives it serves, associated risks and whether they
// are on the ICB risk register, financial implications, where it has been discussed, conflicts of
// interest, the impact assessments completed, public involvement (seed 003) and who authorised it.
// Each section is optional; a section once started must be whole. Pure.
import { z } from 'zod';
import { DateTime } from 'luxon';
import { isoDateSchema } from './dates.js';
import { boundedText, LIMITS, optionalText } from './limits.js';
import type { RegisterLevel } from './risk.js';

/** The ICB's six strategic objectives, in the words of its board cover sheet (seed 004). */
export const STRATEGIC_OBJECTIVES = {
  SO1: 'Improve quality, including safety, clinical outcomes, and patient experience',
  SO2: 'To equalise opportunities and clinical outcomes across the area',
  SO3: 'Make working in Lancashire and South Cumbria an attractive and desirable option for existing and potential employees',
  SO4: 'Meet financial targets and deliver improved productivity',
  SO5: 'Meet national and locally determined performance standards and targets',
  SO6: 'To develop and implement ambitious, deliverable strategies',
} as const;
export type StrategicObjective = keyof typeof STRATEGIC_OBJECTIVES;
const OBJECTIVE_CODES = Object.keys(STRATEGIC_OBJECTIVES) as [StrategicObjective, ...StrategicObjective[]];

/** What the board is requested to do with a recommendation ("The Board is requested to: 1. Note…"). */
export const RECOMMENDATION_ACTIONS = { approve: 'Approve', support: 'Support', note: 'Note', receive: 'Receive' } as const;
export type RecommendationAction = keyof typeof RECOMMENDATION_ACTIONS;

export const YES_NO_NA = { yes: 'Yes', no: 'No', na: 'N/A' } as const;
export type YesNoNa = keyof typeof YES_NO_NA;

/** How many rows a section holds: what the form offers, and what a forged card may not exceed. */
export const COVER_ROWS = { recommendations: 5, discussed: 4, risks: 10 } as const;

/** The longest text of each new cover-sheet input. */
export const SECTION_LIMITS = {
  recommendation: 500,
  comment: 500,
  forum: 200,
  outcome: 200,
  conflicts: 1000,
  involvement: LIMITS.note,
} as const;

/** A risk's ref as a person types it, e.g. BPL-R-0007 (upper-cased). */
export const RISK_REF = /^(BPL|BWD|LAN|SC)-R-\d{4,}$/;

const recommendationSchema = z.object({
  action: z.enum(Object.keys(RECOMMENDATION_ACTIONS) as [RecommendationAction, ...RecommendationAction[]], {
    errorMap: () => ({ message: 'Choose what the board is asked to do: approve, support, note or receive.' }),
  }),
  text: boundedText('The recommendation', SECTION_LIMITS.recommendation),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** An associated risk, with whether it is on the ICB risk register as its register level said when the paper was sent. */
const associatedRiskSchema = z.object({
  ref: z.string().max(20).regex(RISK_REF, 'Give risk references, like BPL-R-0007.'),
  /** Filled from the risk's register level when the request is made; absent only before that look-up. */
  onIcbRegister: z.boolean().optional(),
});
export type AssociatedRisk = z.infer<typeof associatedRiskSchema>;

const yesNoNaSchema = (what: string) =>
  z.enum(['yes', 'no', 'na'], { errorMap: () => ({ message: `Choose Yes, No or N/A for ${what}.` }) });

/** A Yes / No / N/A answer with a comment, which must be given with `commentWith` ("explain a Yes"). */
function answeredSchema(what: string, commentWith: YesNoNa, why: string) {
  return z
    .object({ answer: yesNoNaSchema(what), comment: optionalText(`The comment on ${what}`, SECTION_LIMITS.comment) })
    .superRefine((a, ctx) => {
      if (a.answer === commentWith && !a.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: why });
    });
}
export type Answered = { answer: YesNoNa; comment?: string | undefined };

// An assessment not completed is the one a board asks about: a No says why (a Yes or N/A may).
const assessment = (name: string) => answeredSchema(`the ${name}`, 'no', `Say why the ${name} was not completed.`);

const discussedSchema = z.object({
  forum: boundedText('The meeting or forum', SECTION_LIMITS.forum),
  date: isoDateSchema,
  outcome: boundedText('The outcome', SECTION_LIMITS.outcome),
});
export type Discussed = z.infer<typeof discussedSchema>;

/**
 * Rows as the form numbers them: a row left blank between filled ones is a hole (undefined), so a
 * problem's index is the row the person sees; the holes are dropped once checked.
 */
function rowsOf<T extends z.ZodTypeAny>(row: T, max: number, tooMany: string) {
  return z
    .array(row.optional())
    .max(max, tooMany)
    .transform((list) => list.filter((r): r is z.output<T> => r !== undefined))
    .optional();
}

export const coverSectionsSchema = z.object({
  /** "The Board is requested to:", one row per recommendation. */
  asks: rowsOf(
    recommendationSchema,
    COVER_ROWS.recommendations,
    `A cover sheet holds at most ${COVER_ROWS.recommendations} recommendations.`,
  ),
  objectives: z
    .array(z.enum(OBJECTIVE_CODES, { errorMap: () => ({ message: 'Tick strategic objectives SO1 to SO6 only.' }) }))
    .max(OBJECTIVE_CODES.length)
    .refine((list) => new Set(list).size === list.length, 'Tick each strategic objective once.')
    .optional(),
  /** Refs from the place's register. */
  associatedRisks: z
    .array(associatedRiskSchema)
    .max(COVER_ROWS.risks, `Name at most ${COVER_ROWS.risks} associated risks.`)
    .refine((list) => new Set(list.map((r) => r.ref)).size === list.length, 'Name each associated risk once.')
    .optional(),
  /** The paper has no associated risks: N/A on the cover sheet. */
  risksNotApplicable: z.literal(true).optional(),
  financial: answeredSchema('financial implications', 'yes', 'Say what the financial implications are.').optional(),
  discussed: rowsOf(discussedSchema, COVER_ROWS.discussed, `List at most ${COVER_ROWS.discussed} meetings where the paper was discussed.`),
  conflictsOfInterest: optionalText('Conflicts of interest', SECTION_LIMITS.conflicts),
  qia: assessment('quality impact assessment').optional(),
  eia: assessment('equality impact assessment').optional(),
  dpia: assessment('data privacy impact assessment').optional(),
  publicInvolvement: optionalText('Public involvement', SECTION_LIMITS.involvement),
  authorisedBy: z
    .object({
      name: boundedText('The name of who authorised the report', LIMITS.shortText),
      role: boundedText('The role of who authorised the report', LIMITS.shortText),
    })
    .optional(),
});

/** Whether a register level puts a risk on the ICB risk register (its corporate register or the BAF). */
export function onIcbRegister(level: RegisterLevel): boolean {
  return level !== 'PLACE';
}

/** "1. Note the contents of the report." — the verb once, even when the text starts with it. */
export function recommendationLine(r: Recommendation, i: number): string {
  const verb = RECOMMENDATION_ACTIONS[r.action];
  const text = r.text.trim();
  const said = text.toLowerCase().startsWith(`${verb.toLowerCase()} `) ? text : `${verb} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return `${i + 1}. ${said}`;
}

/** "Yes: within the BCF allocation", "N/A". */
export function answeredLine(a: Answered): string {
  return a.comment ? `${YES_NO_NA[a.answer]}: ${a.comment}` : YES_NO_NA[a.answer];
}

/** The ticked objectives, each with its wording: "SO1 Improve quality, …". */
export function objectivesLine(list: readonly StrategicObjective[]): string {
  return OBJECTIVE_CODES.filter((o) => list.includes(o))
    .map((o) => `${o} ${STRATEGIC_OBJECTIVES[o]}`)
    .join('\n');
}

/** "Executive Management Team, 31 October 2023: Approved", a row a line. */
export function discussedLines(rows: readonly Discussed[]): string {
  // The date as the ICB's cover sheet writes it: 31 October 2023.
  return rows.map((r) => `${r.forum}, ${DateTime.fromISO(r.date).setLocale('en-GB').toFormat('d MMMM yyyy')}: ${r.outcome}`).join('\n');
}

/** Each associated risk with its ICB register answer: "BPL-R-0001: Yes". */
export function icbRegisterLine(risks: readonly AssociatedRisk[]): string {
  return risks.map((r) => `${r.ref}: ${r.onIcbRegister === undefined ? 'not recorded' : r.onIcbRegister ? 'Yes' : 'No'}`).join('; ');
}

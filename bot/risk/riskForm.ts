// Turns the risk form's submitted data into a typed draft, or a message per field,
// through the shared form mechanics in forms.ts.
import type { z } from 'zod';
import { LIST_EDIT_LIMIT } from '../../cards/riskCards.js';
import { RISK_FORM_FIELDS, type RiskFormErrorField, type RiskFormField, type RiskFormValues } from '../../cards/riskFormCard.js';
import { londonToday } from '../../records/dates.js';
import { LIMITS, teamsMessageLinkSchema } from '../../records/limits.js';
import type { Person } from '../../records/people.js';
import { riskDraftSchema, type Appetite } from '../../records/risk.js';
import { ratingSchema, riskScore } from '../../records/scoring.js';
import { blank, echoValues, fieldNamed, parseForm, submitted, text, type FormResult, type FormSpec } from '../change/forms.js';

/** The echo limit of a one-per-line list: the card's edit box holds no more. */
const LIST_ECHO = LIST_EDIT_LIMIT;

const DRAFT_FIELD: Record<string, RiskFormErrorField> = { gapsInControl: 'gaps', appetite: 'appetite', sourceUrl: 'title' };

export const RISK_FORM: FormSpec<RiskFormField, RiskFormErrorField> = {
  fields: RISK_FORM_FIELDS,
  echoLimit: {
    place: 10,
    locality: 20,
    title: LIMITS.title,
    event: LIMITS.description,
    cause: LIMITS.description,
    effect: LIMITS.description,
    category: 30,
    owner: 200,
    initialLikelihood: 2,
    initialConsequence: 2,
    currentLikelihood: 2,
    currentConsequence: 2,
    targetLikelihood: 2,
    targetConsequence: 2,
    controls: LIST_ECHO,
    gaps: LIST_ECHO,
    appetite: 20,
    response: 20,
    nextReviewDate: 10,
    priority: 20,
    strategicObjective: 5,
    lifeCourse: 20,
  },
  fieldOf([head]) {
    const h = String(head ?? '');
    if (h in DRAFT_FIELD) return DRAFT_FIELD[h]!;
    if (h === 'initial' || h === 'current' || h === 'target') return h;
    return fieldNamed(RISK_FORM_FIELDS, h, 'title');
  },
  friendly: {
    place: 'Choose a place.',
    locality: 'Choose Central, North or East.',
    category: 'Choose a category.',
    owner: 'Choose who owns the risk.',
    initial: 'Choose the initial likelihood and consequence.',
    current: 'Choose both a likelihood and a consequence, or leave both blank.',
    target: 'Choose the target likelihood and consequence.',
    appetite: 'Choose one of the listed appetites.',
    response: 'Choose treat, tolerate, transfer or terminate.',
    priority: 'Choose one of the listed priorities.',
    strategicObjective: 'Choose one of SO1 to SO6.',
    lifeCourse: 'Choose one of the listed life-course stages.',
  },
  maxLength: {
    title: { label: 'title', max: LIMITS.title },
    event: { label: 'risk event', max: LIMITS.description },
    cause: { label: 'cause', max: LIMITS.description },
    effect: { label: 'effect', max: LIMITS.description },
    controls: { label: 'list of controls', max: LIST_ECHO },
    gaps: { label: 'list of gaps', max: LIST_ECHO },
  },
};

/** Values as the person typed them, clipped to what a card can carry back. */
export function riskFormValues(data: unknown): RiskFormValues {
  return echoValues(RISK_FORM, data);
}

/** One statement per line; blank lines dropped. */
export function lines(v: unknown): string[] {
  return text(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function rating(v: Record<string, unknown>, prefix: 'initial' | 'current' | 'target'): unknown {
  const likelihood = blank(v[`${prefix}Likelihood`]);
  const consequence = blank(v[`${prefix}Consequence`]);
  if (prefix === 'current' && likelihood === undefined && consequence === undefined) return undefined;
  return { likelihood, consequence };
}

const sourceUrlSchema = teamsMessageLinkSchema;

export type RiskDraftFromForm = z.output<typeof riskDraftSchema>;
export type ParsedRiskForm = FormResult<RiskDraftFromForm, RiskFormErrorField>;

export interface RiskFormContext {
  /** The chosen owner, resolved to a person (undefined when none was chosen). */
  owner: Person | undefined;
  now: Date;
  /** Used when no appetite was chosen: the place's default. */
  defaultAppetite: Appetite;
}

/** Validates everything at once so the person sees every problem in one go. */
export function parseRiskForm(data: unknown, { owner, now, defaultAppetite }: RiskFormContext): ParsedRiskForm {
  const v = submitted(data);
  const appetiteLevel = blank(v.appetite);
  const source = sourceUrlSchema.safeParse(v.sourceUrl);
  const candidate = {
    place: blank(v.place),
    locality: blank(v.locality),
    title: v.title ?? '',
    event: v.event ?? '',
    cause: v.cause ?? '',
    effect: v.effect ?? '',
    category: blank(v.category),
    owner,
    initial: rating(v, 'initial'),
    current: rating(v, 'current'),
    target: rating(v, 'target'),
    controls: lines(v.controls),
    gapsInControl: lines(v.gaps),
    appetite:
      appetiteLevel === undefined ? defaultAppetite : appetiteLevel === defaultAppetite.level ? defaultAppetite : { level: appetiteLevel },
    response: blank(v.response),
    nextReviewDate: blank(v.nextReviewDate),
    priority: blank(v.priority),
    strategicObjective: blank(v.strategicObjective),
    lifeCourse: blank(v.lifeCourse),
    // A source link that is not a Teams message link is dropped, never shown as an error the person cannot fix.
    sourceUrl: source.success ? source.data : undefined,
  };
  return parseForm(RISK_FORM, riskDraftSchema, data, candidate, (errors) => {
    if (candidate.locality !== undefined && candidate.place !== undefined && candidate.place !== 'LAN') {
      errors.locality ??= 'Localities apply to Lancashire only.';
    }
    if (typeof candidate.nextReviewDate === 'string' && !errors.nextReviewDate && candidate.nextReviewDate < londonToday(now)) {
      errors.nextReviewDate = 'The next review date must be today or later.';
    }
    // Scores are compared whatever else is wrong, so every problem shows at once.
    const initial = ratingSchema.safeParse(candidate.initial);
    const current = candidate.current === undefined ? undefined : ratingSchema.safeParse(candidate.current);
    const target = ratingSchema.safeParse(candidate.target);
    if (!initial.success || !target.success || (current && !current.success)) return;
    const t = riskScore(target.data);
    const i = riskScore(initial.data);
    const c = current?.success ? riskScore(current.data) : undefined;
    if (c !== undefined && t > c) errors.target ??= `The target score (${t}) cannot be higher than the current score (${c}).`;
    else if (t > i) errors.target ??= `The target score (${t}) cannot be higher than the initial score (${i}).`;
  });
}

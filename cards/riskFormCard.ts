// The raise-risk form: its fields, their labels and what the form holds when it comes back with
// something to fix (the form card itself is cards/templates/riskForm.json).
import { londonToday } from '../records/dates.js';
import type { Person } from '../records/people.js';
import {
  LANCASHIRE_LOCALITIES,
  LIFE_COURSE,
  PLACE_PRIORITIES,
  STRATEGIC_OBJECTIVES,
  type PlaceCode,
  type PlacePriority,
  type StrategicObjective,
} from '../records/places.js';
import {
  APPETITE_LABELS,
  APPETITE_LEVELS,
  DEFAULT_APPETITE,
  RISK_CATEGORIES,
  RISK_RESPONSES,
  type AppetiteLevel,
  type RiskCategory,
} from '../records/risk.js';
import { CONSEQUENCE_CHOICES, LIKELIHOOD_CHOICES } from '../records/scoring.js';
import { placeChoices, sourceBinding, type FormSource } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, speech } from './text.js';

export const RISK_FORM_FIELDS = [
  'place',
  'locality',
  'title',
  'event',
  'cause',
  'effect',
  'category',
  'owner',
  'initialLikelihood',
  'initialConsequence',
  'currentLikelihood',
  'currentConsequence',
  'targetLikelihood',
  'targetConsequence',
  'controls',
  'gaps',
  'appetite',
  'response',
  'nextReviewDate',
  'priority',
  'strategicObjective',
  'lifeCourse',
] as const;
export type RiskFormField = (typeof RISK_FORM_FIELDS)[number];
/** Where a message can show on the form: beside an input, or under a likelihood × consequence pair. */
export type RiskFormErrorField = RiskFormField | 'initial' | 'current' | 'target';
export type RiskFormValues = Partial<Record<RiskFormField, string>>;

export const RESPONSE_LABELS: Record<(typeof RISK_RESPONSES)[number], string> = {
  treat: 'Treat',
  tolerate: 'Tolerate',
  transfer: 'Transfer',
  terminate: 'Terminate',
};

export interface RiskFormInput {
  /** Drawn with the form and kept by its submit button, so submitting it twice raises one risk. */
  formId: string;
  /** The places offered (default all four; a guest's own, records/access.ts). */
  places?: readonly PlaceCode[];
  people: Person[];
  now: Date;
  /** What the person typed (echoed after an error), or initial values for a new form. */
  values?: RiskFormValues;
  errors?: Partial<Record<RiskFormErrorField, string>>;
  banner?: string;
  /** The appetite preselected when none was chosen: the place's default. */
  defaultAppetite?: AppetiteLevel;
  source?: FormSource;
  /** A line above the form saying where its contents came from (e.g. a Teams message), or why it is empty. */
  intro?: string;
}

const ERROR_FIELDS: readonly RiskFormErrorField[] = [...RISK_FORM_FIELDS, 'initial', 'current', 'target'];

export function riskFormCard({
  formId,
  places,
  people,
  now,
  values = {},
  errors = {},
  banner = '',
  defaultAppetite = DEFAULT_APPETITE.level,
  source,
  intro = '',
}: RiskFormInput): AdaptiveCardJson {
  const fieldValues: Record<string, string> = Object.fromEntries(RISK_FORM_FIELDS.map((f) => [f, plain(values[f] ?? '')]));
  fieldValues.appetite ||= defaultAppetite;
  fieldValues.response ||= 'treat';
  return renderCard('riskForm', {
    speak: speech(
      'Raise a risk: a form for the place risk register, scored on the NPSA 5 by 5 matrix',
      intro,
      banner,
      ...ERROR_FIELDS.map((f) => errors[f]),
    ),
    formId,
    intro: plain(intro),
    banner,
    today: londonToday(now),
    values: fieldValues,
    errors: Object.fromEntries(ERROR_FIELDS.map((f) => [f, errors[f] ?? ''])),
    source: sourceBinding(source),
    places: placeChoices(places),
    localities: LANCASHIRE_LOCALITIES.map((l) => ({ title: l, value: l })),
    categories: (Object.keys(RISK_CATEGORIES) as RiskCategory[]).map((k) => ({ title: RISK_CATEGORIES[k], value: k })),
    likelihoods: LIKELIHOOD_CHOICES,
    consequences: CONSEQUENCE_CHOICES,
    appetites: APPETITE_LEVELS.map((a) => ({ title: APPETITE_LABELS[a], value: a })),
    responses: RISK_RESPONSES.map((r) => ({ title: RESPONSE_LABELS[r], value: r })),
    priorities: (Object.keys(PLACE_PRIORITIES) as PlacePriority[]).map((k) => ({ title: PLACE_PRIORITIES[k], value: k })),
    objectives: (Object.keys(STRATEGIC_OBJECTIVES) as StrategicObjective[]).map((k) => ({
      title: `${k}: ${STRATEGIC_OBJECTIVES[k]}`,
      value: k,
    })),
    lifeCourse: LIFE_COURSE.map((l) => ({ title: l, value: l })),
    people: people.map((p) => ({ id: p.id, name: plain(p.name) })),
  });
}

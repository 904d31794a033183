// The risk register's columns, shared by the CSV, the workbook and the pack's risk table: the
// risk as one sentence, its scores (initial, current, target) each named for what it is, and when
// it was raised and last reviewed. Pure functions.
import { PLACE_NAMES, PLACE_PRIORITIES } from '../places.js';
import {
  APPETITE_LABELS,
  escalationReasons,
  ESCALATION_REASON_LABELS,
  REGISTER_LEVEL_LABELS,
  RISK_CATEGORIES,
  RISK_STATUS_LABELS,
  trendOf,
  TREND_LABELS,
  type ReviewFrequency,
  type Risk,
} from '../risk.js';
import { BAND_COLOURS, BAND_LABELS, riskBand, riskScore, type RiskBand } from '../scoring.js';
import { BAND_TEXT, dayOf, pick, type CellContext, type Column } from './cells.js';

/** How often a risk is reviewed, as a secretary writes it. */
export const REVIEW_FREQUENCY_LABELS: Record<ReviewFrequency, string> = {
  monthly: 'Monthly',
  bimonthly: 'Every two months',
  quarterly: 'Quarterly',
  'six-monthly': 'Every six months',
};

/** A clause inside a sentence: no closing full stop, and a capital dropped unless it starts an acronym ("NHS"). */
function clause(text: string): string {
  const t = text.trim().replace(/[.\s]+$/, '');
  return /^\p{Lu}\p{Ll}/u.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

/** "There is a risk that <event>, caused by <cause>, resulting in <effect>.": the register's standard wording. */
export function riskSentence(r: Pick<Risk, 'cause' | 'event' | 'effect'>): string {
  return `There is a risk that ${clause(r.event)}, caused by ${clause(r.cause)}, resulting in ${clause(r.effect)}.`;
}

function bandFill(band: RiskBand) {
  return { background: BAND_COLOURS[band], text: BAND_TEXT };
}

export function riskColumns(context: CellContext): Column<Risk>[] {
  const reasons = (r: Risk) => escalationReasons(r, context);
  const lastReview = (r: Risk) => r.scoreHistory.at(-1);
  // As for actions: a one-place file names its place in its title, not on every row.
  const place: Column<Risk>[] = context.manyPlaces
    ? [{ header: 'Place', width: 14, kind: 'text', value: (r) => PLACE_NAMES[r.place] }]
    : [];
  return [
    { header: 'Ref', width: 12, kind: 'text', value: (r) => r.ref },
    ...place,
    { header: 'Locality', width: 10, kind: 'text', value: (r) => r.locality },
    { header: 'Title', width: 40, kind: 'text', value: (r) => r.title },
    { header: 'The risk', width: 60, kind: 'text', value: riskSentence },
    { header: 'Date raised', width: 12, kind: 'date', value: (r) => dayOf(r.raisedAt) },
    { header: 'Category', width: 16, kind: 'text', value: (r) => RISK_CATEGORIES[r.category] },
    { header: 'Cause', width: 40, kind: 'text', value: (r) => r.cause },
    { header: 'Event', width: 40, kind: 'text', value: (r) => r.event },
    { header: 'Effect', width: 40, kind: 'text', value: (r) => r.effect },
    { header: 'Owner', width: 22, kind: 'text', value: (r) => r.owner.name },
    { header: 'Strategic objective', width: 10, kind: 'text', value: (r) => r.strategicObjective },
    { header: 'Place priority', width: 28, kind: 'text', value: (r) => (r.priority ? PLACE_PRIORITIES[r.priority] : undefined) },
    { header: 'Life-course stage', width: 14, kind: 'text', value: (r) => r.lifeCourse },
    // The first assessment, never rescored: "initial", so it is not read as today's score.
    { header: 'Initial likelihood', width: 10, kind: 'number', value: (r) => r.initial.likelihood },
    { header: 'Initial consequence', width: 10, kind: 'number', value: (r) => r.initial.consequence },
    { header: 'Initial score', width: 10, kind: 'number', value: (r) => riskScore(r.initial) },
    { header: 'Current likelihood', width: 10, kind: 'number', value: (r) => r.current.likelihood },
    { header: 'Current consequence', width: 10, kind: 'number', value: (r) => r.current.consequence },
    { header: 'Current score', width: 10, kind: 'number', value: (r) => riskScore(r.current), fill: (r) => bandFill(riskBand(r.current)) },
    {
      header: 'Current band',
      width: 11,
      kind: 'band',
      value: (r) => BAND_LABELS[riskBand(r.current)],
      fill: (r) => bandFill(riskBand(r.current)),
    },
    { header: 'Target likelihood', width: 10, kind: 'number', value: (r) => r.target.likelihood },
    { header: 'Target consequence', width: 10, kind: 'number', value: (r) => r.target.consequence },
    { header: 'Target score', width: 10, kind: 'number', value: (r) => riskScore(r.target) },
    { header: 'Trend', width: 12, kind: 'text', value: (r) => TREND_LABELS[trendOf(r)] },
    { header: 'Appetite', width: 11, kind: 'text', value: (r) => APPETITE_LABELS[r.appetite.level] },
    { header: 'Tolerated score', width: 10, kind: 'number', value: (r) => r.appetite.toleratedScore },
    { header: 'Response', width: 11, kind: 'text', value: (r) => r.response.charAt(0).toUpperCase() + r.response.slice(1) },
    { header: 'Controls', width: 40, kind: 'text', value: (r) => r.controls.join('\n') },
    { header: 'Gaps in control', width: 40, kind: 'text', value: (r) => r.gapsInControl.join('\n') },
    { header: 'Assurances', width: 40, kind: 'text', value: (r) => r.assurances.join('\n') },
    { header: 'Linked actions', width: 16, kind: 'text', value: (r) => r.linkedActions.join(' ') },
    { header: 'Last reviewed', width: 12, kind: 'date', value: (r) => dayOf(lastReview(r)?.at ?? r.raisedAt) },
    { header: 'Last review note', width: 30, kind: 'text', value: (r) => lastReview(r)?.note },
    { header: 'Review frequency', width: 12, kind: 'text', value: (r) => REVIEW_FREQUENCY_LABELS[r.reviewFrequency] },
    { header: 'Next review date', width: 12, kind: 'date', value: (r) => r.nextReviewDate },
    { header: 'Register', width: 20, kind: 'text', value: (r) => REGISTER_LEVEL_LABELS[r.registerLevel] },
    { header: 'Status', width: 10, kind: 'text', value: (r) => RISK_STATUS_LABELS[r.status] },
    { header: 'Escalate', width: 9, kind: 'text', value: (r) => (reasons(r).length > 0 ? 'Yes' : 'No') },
    {
      header: 'Why escalate',
      width: 30,
      kind: 'text',
      value: (r) =>
        reasons(r)
          .map((x) => ESCALATION_REASON_LABELS[x])
          .join('; '),
    },
  ];
}

const PRINTED_RISK_HEADERS = [
  'Ref',
  'Risk',
  'Owner',
  'Initial score',
  'Current score',
  'Current band',
  'Target score',
  'Trend',
  'Controls',
  'Gaps in control',
  'Last reviewed',
  'Next review date',
  'Why escalate',
] as const;

/**
 * The risk table the printed pack shows (Word, HTML): the title over the risk as one sentence in a
 * single "Risk" column, so the sentence is printed without taking a column of its own.
 */
export function printedRiskColumns(context: CellContext): Column<Risk>[] {
  const risk: Column<Risk> = { header: 'Risk', width: 50, kind: 'text', value: (r) => `${r.title}\n${riskSentence(r)}` };
  return pick([...riskColumns(context), risk], PRINTED_RISK_HEADERS);
}

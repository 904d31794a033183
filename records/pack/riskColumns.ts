// The risk register's columns, shared by the CSV, the workbook and the pack's risk table: the
// risk as one sentence, its scores (initial, current, target) each named for what it is, and when
// it was raised and last reviewed. Pure functions.
import { PLACE_NAMES } from '../places.js';
import {
  APPETITE_LABELS,
  escalationReasons,
  ESCALATION_REASON_LABELS,
  REGISTER_LEVEL_LABELS,
  RISK_CATEGORIES,
  RISK_STATUS_LABELS,
  trendOf,
  TREND_LABELS,
  type Risk,
} from '../risk.js';
import { BAND_COLOURS, BAND_LABELS, riskBand, riskScore, type RiskBand } from '../scoring.js';
import { BAND_TEXT, type CellContext, type Column } from './cells.js';

function bandFill(band: RiskBand) {
  return { background: BAND_COLOURS[band], text: BAND_TEXT };
}

export function riskColumns(context: CellContext): Column<Risk>[] {
  const reasons = (r: Risk) => escalationReasons(r, context);
  return [
    { header: 'Ref', width: 12, kind: 'text', value: (r) => r.ref },
    { header: 'Place', width: 14, kind: 'text', value: (r) => PLACE_NAMES[r.place] },
    { header: 'Title', width: 40, kind: 'text', value: (r) => r.title },
    { header: 'Category', width: 16, kind: 'text', value: (r) => RISK_CATEGORIES[r.category] },
    { header: 'Cause', width: 40, kind: 'text', value: (r) => r.cause },
    { header: 'Event', width: 40, kind: 'text', value: (r) => r.event },
    { header: 'Effect', width: 40, kind: 'text', value: (r) => r.effect },
    { header: 'Owner', width: 22, kind: 'text', value: (r) => r.owner.name },
    { header: 'Strategic objective', width: 10, kind: 'text', value: (r) => r.strategicObjective },
    { header: 'Likelihood with existing controls', width: 10, kind: 'number', value: (r) => r.initial.likelihood },
    { header: 'Consequence with existing controls', width: 10, kind: 'number', value: (r) => r.initial.consequence },
    { header: 'Score with existing controls', width: 10, kind: 'number', value: (r) => riskScore(r.initial) },
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
    { header: 'Review frequency', width: 12, kind: 'text', value: (r) => r.reviewFrequency },
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

export const PRINTED_RISK_HEADERS = [
  'Ref',
  'Title',
  'Owner',
  'Score with existing controls',
  'Current score',
  'Current band',
  'Target score',
  'Trend',
  'Controls',
  'Gaps in control',
  'Next review date',
  'Why escalate',
] as const;

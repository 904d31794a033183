// Board-pack exports of a place's action log and risk register: CSV that Excel opens
// cleanly, and a printable HTML table with RAG / band colours and a legend. Pure functions.
import { currentDueDate, ragOf, STATUS_LABELS, type Action, type Rag } from './action.js';
import { formatDate, formatInstant, londonToday } from './dates.js';
import { PLACE_NAMES, PLACE_PRIORITIES, STRATEGIC_OBJECTIVES, type PlaceCode } from './places.js';
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
} from './risk.js';
import { BAND_COLOURS, BAND_LABELS, BAND_RANGES, riskBand, riskScore, RISK_BANDS, type Rating } from './scoring.js';

type Cell = string | number | undefined | null;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Text that Excel would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe,
 * so a cell typed in Teams can never run in the board secretary's spreadsheet.
 */
export function csvField(value: Cell): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: UTF-8 BOM (so Excel reads it as UTF-8), header row, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.map((l) => l + CRLF).join('');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: Cell): string {
  if (value === undefined || value === null) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const RAG_LABELS: Record<Rag, string> = {
  RED: 'Red – overdue',
  AMBER: 'Amber – due within 14 days',
  GREEN: 'Green – on track',
  BLUE: 'Blue – proposed for closure',
  NONE: 'Closed or cancelled',
};
export const RAG_COLOURS: Record<Rag, string> = {
  RED: '#d5281b',
  AMBER: '#ffb81c',
  GREEN: '#007f3b',
  BLUE: '#005eb8',
  NONE: '#d8dde0',
};
/** Text colour on each RAG fill, for contrast when printed. */
const RAG_TEXT: Record<Rag, string> = { RED: '#fff', AMBER: '#212b32', GREEN: '#fff', BLUE: '#fff', NONE: '#212b32' };

const byRef = <T extends { ref: string }>(a: T, b: T) => a.ref.localeCompare(b.ref, 'en-GB', { numeric: true });

// ---- Action log ----------------------------------------------------------------------

const ACTION_HEADER = [
  'Ref',
  'Place',
  'Locality',
  'Description',
  'Owner',
  'Raised by',
  'Raised on',
  'Due date',
  'Original due date',
  'Status',
  'RAG',
  'Latest update',
  'Source meeting',
  'Minute ref',
  'Place priority',
  'Strategic objective',
  'Linked risk',
  'Escalated to',
  'You said',
  'We did',
  'Closure decision',
] as const;

function actionRow(action: Action, now: Date): Cell[] {
  const latest = action.updates.at(-1);
  return [
    action.ref,
    PLACE_NAMES[action.place],
    action.locality,
    action.description,
    action.owner.name,
    action.raisedBy.name,
    londonToday(new Date(action.raisedAt)),
    currentDueDate(action),
    action.revisions.length > 0 ? action.dueDate : undefined,
    STATUS_LABELS[action.status],
    ragName(ragOf(action, now)),
    latest ? `${latest.text} (${latest.by.name}, ${formatInstant(latest.at)})` : undefined,
    action.source?.meeting,
    action.source?.minuteRef,
    action.links.priority ? PLACE_PRIORITIES[action.links.priority] : undefined,
    action.links.strategicObjective,
    action.links.riskRef,
    action.escalation ? `${action.escalation.to}: ${action.escalation.why}` : undefined,
    action.feedback?.youSaid,
    action.feedback?.weDid,
    action.closure?.decision,
  ];
}

function ragName(rag: Rag): string {
  return rag === 'NONE' ? '' : rag.charAt(0) + rag.slice(1).toLowerCase();
}

/** A place's action log as CSV, in ref order. */
export function actionLogCsv(actions: readonly Action[], now: Date): string {
  return toCsv(ACTION_HEADER, [...actions].sort(byRef).map((a) => actionRow(a, now)));
}

// ---- Risk register -------------------------------------------------------------------

const RISK_HEADER = [
  'Ref',
  'Place',
  'Title',
  'Category',
  'Cause',
  'Event',
  'Effect',
  'Owner',
  'Strategic objective',
  'Likelihood with existing controls',
  'Consequence with existing controls',
  'Score with existing controls',
  'Current likelihood',
  'Current consequence',
  'Current score',
  'Current band',
  'Target likelihood',
  'Target consequence',
  'Target score',
  'Trend',
  'Appetite',
  'Tolerated score',
  'Response',
  'Controls',
  'Gaps in control',
  'Assurances',
  'Linked actions',
  'Review frequency',
  'Next review date',
  'Register',
  'Status',
  'Escalate',
  'Why escalate',
] as const;

export interface RiskExportOptions {
  now: Date;
  /** The place's escalation threshold (default 15). */
  threshold?: number;
}

const rating = (r: Rating): Cell[] => [r.likelihood, r.consequence, riskScore(r)];
const lines = (list: readonly string[]) => list.join('\n');

function riskRow(risk: Risk, options: RiskExportOptions): Cell[] {
  const reasons = escalationReasons(risk, options);
  return [
    risk.ref,
    PLACE_NAMES[risk.place],
    risk.title,
    RISK_CATEGORIES[risk.category],
    risk.cause,
    risk.event,
    risk.effect,
    risk.owner.name,
    risk.strategicObjective,
    ...rating(risk.initial),
    ...rating(risk.current),
    BAND_LABELS[riskBand(risk.current)],
    ...rating(risk.target),
    TREND_LABELS[trendOf(risk)],
    APPETITE_LABELS[risk.appetite.level],
    risk.appetite.toleratedScore,
    risk.response.charAt(0).toUpperCase() + risk.response.slice(1),
    lines(risk.controls),
    lines(risk.gapsInControl),
    lines(risk.assurances),
    risk.linkedActions.join(' '),
    risk.reviewFrequency,
    risk.nextReviewDate,
    REGISTER_LEVEL_LABELS[risk.registerLevel],
    RISK_STATUS_LABELS[risk.status],
    reasons.length > 0 ? 'Yes' : 'No',
    reasons.map((r) => ESCALATION_REASON_LABELS[r]).join('; '),
  ];
}

/** Highest current score first, then ref: the order a board reads a register in. */
function registerOrder(a: Risk, b: Risk): number {
  return riskScore(b.current) - riskScore(a.current) || byRef(a, b);
}

/** A place's risk register as CSV. */
export function riskRegisterCsv(risks: readonly Risk[], options: RiskExportOptions): string {
  return toCsv(RISK_HEADER, [...risks].sort(registerOrder).map((r) => riskRow(r, options)));
}

// ---- Printable HTML ------------------------------------------------------------------

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#212b32;margin:1.5em}
h1{font-size:15pt;margin:0 0 .2em}
p.meta{margin:0 0 1em;color:#4c6272}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #768692;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#005eb8;color:#fff}
td.pill{font-weight:bold;text-align:center;white-space:nowrap}
td.num{text-align:center}
.legend{margin:1em 0;border-collapse:collapse;width:auto}
.legend td{padding:2px 8px}
ul{margin:0;padding-left:1.1em}
@media print{body{margin:0}thead{display:table-header-group}tr{page-break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

function page(title: string, subtitle: string, legend: string, table: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
    `<h1>${escapeHtml(title)}</h1>\n<p class="meta">${escapeHtml(subtitle)}</p>\n` +
    `${legend}\n${table}\n</body>\n</html>\n`
  );
}

function pill(label: string, background: string, colour: string): string {
  return `<td class="pill" style="background:${background};color:${colour}">${escapeHtml(label)}</td>`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

/** Multi-line text keeps its line breaks in print. */
function para(text: string | undefined): string {
  return text === undefined ? '' : escapeHtml(text).replace(/\r?\n/g, '<br>');
}

export interface HtmlExportOptions {
  place: PlaceCode;
  now: Date;
  /** Heading; defaults to "<Place> place partnership – action log". */
  title?: string;
}

/** A place's action log as a printable HTML page with a RAG legend. */
export function actionLogHtml(actions: readonly Action[], options: HtmlExportOptions): string {
  const { place, now } = options;
  const title = options.title ?? `${PLACE_NAMES[place]} place partnership – action log`;
  const legend =
    '<table class="legend" aria-label="RAG key"><tr>' +
    (['RED', 'AMBER', 'GREEN', 'BLUE'] as const).map((r) => pill(RAG_LABELS[r], RAG_COLOURS[r], RAG_TEXT[r])).join('') +
    '</tr></table>';
  const head = ['Ref', 'Description', 'Owner', 'Due', 'Status', 'RAG', 'Latest update', 'Links']
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  const rows = [...actions].sort(byRef).map((a) => {
    const rag = ragOf(a, now);
    const latest = a.updates.at(-1);
    const due = currentDueDate(a);
    const links = [
      a.links.riskRef ? `Risk ${a.links.riskRef}` : undefined,
      a.links.strategicObjective,
      a.links.priority ? PLACE_PRIORITIES[a.links.priority] : undefined,
    ].filter((x): x is string => !!x);
    return (
      '<tr>' +
      `<td>${escapeHtml(a.ref)}</td>` +
      `<td>${para(a.description)}${a.feedback ? `<br><em>You said:</em> ${para(a.feedback.youSaid)}` : ''}${
        a.feedback?.weDid ? `<br><em>We did:</em> ${para(a.feedback.weDid)}` : ''
      }</td>` +
      `<td>${escapeHtml(a.owner.name)}</td>` +
      `<td>${escapeHtml(formatDate(due))}${a.revisions.length > 0 ? `<br><small>was ${escapeHtml(formatDate(a.dueDate))}</small>` : ''}</td>` +
      `<td>${escapeHtml(STATUS_LABELS[a.status])}</td>` +
      (rag === 'NONE' ? '<td></td>' : pill(ragName(rag), RAG_COLOURS[rag], RAG_TEXT[rag])) +
      `<td>${latest ? `${para(latest.text)}<br><small>${escapeHtml(latest.by.name)}, ${escapeHtml(formatInstant(latest.at))}</small>` : ''}</td>` +
      `<td>${list(links)}</td>` +
      '</tr>'
    );
  });
  const table = `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return page(title, `${actions.length} actions. Produced ${formatInstant(now.toISOString())}.`, legend, table);
}

export interface RiskHtmlOptions extends HtmlExportOptions {
  threshold?: number;
}

/** A place's risk register as a printable HTML page with an NPSA band legend. */
export function riskRegisterHtml(risks: readonly Risk[], options: RiskHtmlOptions): string {
  const { place, now } = options;
  const title = options.title ?? `${PLACE_NAMES[place]} place partnership – risk register`;
  const legend =
    '<table class="legend" aria-label="Risk score key"><tr>' +
    RISK_BANDS.map((b) => pill(`${BAND_LABELS[b]} ${BAND_RANGES[b].min}–${BAND_RANGES[b].max}`, BAND_COLOURS[b], '#212b32')).join('') +
    '</tr></table>';
  const head = [
    'Ref',
    'Risk',
    'Owner',
    'With existing controls',
    'Current',
    'Target',
    'Trend',
    'Controls',
    'Gaps in control',
    'Assurances',
    'Appetite',
    'Next review',
    'Escalate',
  ]
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  const scoreCell = (r: Rating) => {
    const band = riskBand(r);
    return pill(`${riskScore(r)} ${BAND_LABELS[band]}`, BAND_COLOURS[band], '#212b32') + '';
  };
  const rows = [...risks].sort(registerOrder).map((r) => {
    const reasons = escalationReasons(r, { now, threshold: options.threshold });
    return (
      '<tr>' +
      `<td>${escapeHtml(r.ref)}<br><small>${escapeHtml(RISK_STATUS_LABELS[r.status])}</small></td>` +
      `<td><strong>${escapeHtml(r.title)}</strong><br><small>${escapeHtml(RISK_CATEGORIES[r.category])}${
        r.strategicObjective ? ` · ${escapeHtml(r.strategicObjective)} ${escapeHtml(STRATEGIC_OBJECTIVES[r.strategicObjective])}` : ''
      }</small><br><em>Cause:</em> ${para(r.cause)}<br><em>Event:</em> ${para(r.event)}<br><em>Effect:</em> ${para(r.effect)}</td>` +
      `<td>${escapeHtml(r.owner.name)}</td>` +
      scoreCell(r.initial) +
      scoreCell(r.current) +
      scoreCell(r.target) +
      `<td>${escapeHtml(TREND_LABELS[trendOf(r)])}</td>` +
      `<td>${list(r.controls)}</td>` +
      `<td>${list(r.gapsInControl)}</td>` +
      `<td>${list(r.assurances)}</td>` +
      `<td>${escapeHtml(APPETITE_LABELS[r.appetite.level])} (≤ ${r.appetite.toleratedScore})<br><small>${escapeHtml(r.response)}</small></td>` +
      `<td>${escapeHtml(formatDate(r.nextReviewDate))}</td>` +
      `<td>${reasons.length > 0 ? list(reasons.map((x) => ESCALATION_REASON_LABELS[x])) : 'No'}</td>` +
      '</tr>'
    );
  });
  const table = `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return page(title, `${risks.length} risks. Produced ${formatInstant(now.toISOString())}.`, legend, table);
}

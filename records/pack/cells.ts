// What every board-pack file shows of a record, kind by kind: one column list per register,
// shared by the CSV, the workbook, the Word document and the printable HTML, so they never
// disagree. Also the two escapes every file relies on: CSV formula neutralisation and HTML.
// Pure functions.
import type { Rag } from '../action.js';
import { formatDate, londonToday, memoized, type IsoDate } from '../dates.js';
import type { Risk } from '../risk.js';
import { BAND_LABELS, BAND_RANGES, riskBand, RISK_BANDS, type RiskBand } from '../scoring.js';
import { ROUTES, SIGNOFF_STATUS_LABELS, type SignOff } from '../signoff.js';
import { coverSummary } from '../coverSheet.js';
import { escalationTargetLabel, type Decision, type Matter } from '../meeting.js';

export type Cell = string | number | undefined | null;

/**
 * The London date of an instant, remembered: londonToday keeps only the last day asked about, and
 * a row asks about two (when it was raised, and today for its RAG), so each row would otherwise
 * ask Intl for the zone again (most of the time a CSV took).
 */
export const dayOf = memoized(
  (at: string) => at,
  (at: string) => londonToday(new Date(at)),
);

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

/** One CSV line, CRLF-terminated. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: Cell): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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
export const RAG_TEXT: Record<Rag, string> = { RED: '#ffffff', AMBER: '#212b32', GREEN: '#ffffff', BLUE: '#ffffff', NONE: '#212b32' };
/** Text on every risk band's fill: black, as dark grey on the Extreme red was 3.6:1 (records/pack/contrast.ts). */
export const BAND_TEXT = '#000000';

/** What a cell is, so each file can show it its own way (a real date in Excel, a fill for RAG). */
export type ColumnKind = 'text' | 'number' | 'date' | 'rag' | 'band';

export interface Column<T> {
  header: string;
  /** Width in characters, for the workbook. */
  width: number;
  kind: ColumnKind;
  value: (record: T) => Cell;
  /** The fill colour (#rrggbb) and text colour of a coloured cell, when it has one. */
  fill?: (record: T) => { background: string; text: string } | undefined;
  /** Printed files never break a ref (BPL-A-0042) in this column's text at its hyphens. */
  keepRefs?: boolean;
}

export interface CellContext {
  now: Date;
  /** The place's escalation threshold (default 15). */
  threshold?: number;
  /** A file holding more than one place's records: only then does each row name its place. */
  manyPlaces?: boolean;
}

// ---- Sign-offs -----------------------------------------------------------------------

export function signOffColumns(): Column<SignOff>[] {
  return [
    { header: 'Ref', width: 12, kind: 'text', value: (s) => s.ref },
    { header: 'Title', width: 40, kind: 'text', value: (s) => s.title },
    { header: 'Board or forum', width: 28, kind: 'text', value: (s) => s.board },
    { header: 'Route', width: 18, kind: 'text', value: (s) => ROUTES[s.route] },
    { header: 'Cover sheet', width: 50, kind: 'text', value: (s) => coverSummary(s.cover) },
    { header: 'Status', width: 20, kind: 'text', value: (s) => SIGNOFF_STATUS_LABELS[s.status] },
    { header: 'Decided by', width: 22, kind: 'text', value: (s) => s.decision?.by.name },
    { header: 'Decided on', width: 12, kind: 'date', value: (s) => (s.decision ? dayOf(s.decision.at) : undefined) },
    { header: 'Conditions or comment', width: 40, kind: 'text', value: (s) => s.decision?.conditions ?? s.decision?.comment },
    { header: 'Requested by', width: 22, kind: 'text', value: (s) => s.requestedBy.name },
  ];
}

// ---- The last meeting ----------------------------------------------------------------

export function decisionColumns(): Column<Decision>[] {
  return [
    { header: 'Key decision', width: 60, kind: 'text', value: (d) => d.text },
    { header: 'Record', width: 14, kind: 'text', value: (d) => d.link },
    { header: 'Recorded by', width: 22, kind: 'text', value: (d) => d.by.name },
  ];
}

export function matterColumns(): Column<Matter>[] {
  return [
    { header: 'Matter for escalation', width: 60, kind: 'text', value: (m) => m.text },
    { header: 'Escalated to', width: 30, kind: 'text', value: (m) => escalationTargetLabel(m) },
    { header: 'Recorded by', width: 22, kind: 'text', value: (m) => m.by.name },
  ];
}

/** A date column's ISO date as a JavaScript Date at UTC midnight: what Excel shows as that calendar day. */
export function excelDate(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The 5×5 heat map of current scores: counts[likelihood-1][consequence-1]. */
export class HeatMap {
  readonly counts: number[][] = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  total = 0;
  add(risk: Pick<Risk, 'current'>): void {
    this.counts[risk.current.likelihood - 1]![risk.current.consequence - 1]! += 1;
    this.total += 1;
  }
  count(likelihood: number, consequence: number): number {
    return this.counts[likelihood - 1]![consequence - 1]!;
  }
}

/** A cell as printed (HTML, Word): dates as "Mon 7 Dec 2026", everything else as text. */
export function printedValue<T>(column: Column<T>, record: T): string {
  const value = column.value(record);
  if (value === undefined || value === null) return '';
  return column.kind === 'date' ? formatDate(String(value)) : String(value);
}

/** The columns a printed pack shows, chosen from the full list by header, in this order. */
export function pick<T>(columns: Column<T>[], headers: readonly string[]): Column<T>[] {
  return headers.map((h) => {
    const column = columns.find((c) => c.header === h);
    if (!column) throw new Error(`no column ${h}`);
    return column;
  });
}

/** Text with a right-to-left script in it, so printed files can set its direction. */
export function hasRightToLeft(text: string): boolean {
  return RTL.test(text);
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG = /[\p{L}\u0590-\u08FF]/u;

/**
 * Whether a cell reads right to left: its first strong (letter) character is from a
 * right-to-left script. "Clinic ملاقات, Tuesday" reads left to right, with its Urdu run kept
 * right to left inside it; a whole cell set right to left scrambled the English and punctuation.
 */
export function readsRightToLeft(text: string): boolean {
  const first = STRONG.exec(text);
  return !!first && RTL.test(first[0]);
}

/** The text cut into runs of right-to-left script and the rest, so each run gets its own direction. */
export function directionRuns(text: string): { text: string; rtl: boolean }[] {
  return (
    text.match(
      /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:[ \u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?|[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+/g,
    ) ?? []
  ).map((t) => ({ text: t, rtl: RTL.test(t) }));
}

export interface HeatCell {
  likelihood: number;
  consequence: number;
  count: number;
  band: RiskBand;
  /** "2 · Extreme": the count and the band in words, so colour never carries meaning alone. */
  label: string;
}

/** The heat map as printed: likelihood 5 at the top, consequence 1 on the left. */
export function heatMapRows(heat: HeatMap): HeatCell[][] {
  return [5, 4, 3, 2, 1].map((likelihood) =>
    [1, 2, 3, 4, 5].map((consequence) => {
      const band = riskBand(likelihood * consequence);
      const count = heat.count(likelihood, consequence);
      return { likelihood, consequence, count, band, label: `${count} · ${BAND_LABELS[band]}` };
    }),
  );
}

/** "Extreme (15–25): 1 risk. High (8–12): 0 risks. …": the heat map in words. */
export function heatMapInWords(heat: HeatMap): string {
  const parts = [...RISK_BANDS].reverse().map((band) => {
    let n = 0;
    for (let l = 1; l <= 5; l++) for (let c = 1; c <= 5; c++) if (riskBand(l * c) === band) n += heat.count(l, c);
    return `${BAND_LABELS[band]} (${BAND_RANGES[band].min}–${BAND_RANGES[band].max}): ${n} ${n === 1 ? 'risk' : 'risks'}`;
  });
  return `${heat.total} open ${heat.total === 1 ? 'risk' : 'risks'}. ${parts.join('. ')}.`;
}

/** A record's ref inside text (BPL-A-0042, LAN-M-0003), which printed files never break at its hyphens. */
export const REF_IN_TEXT = /\b(?:BPL|BWD|LAN|SC)-[A-Z]-\d{4,}\b/g;

/** The text cut at its refs: each piece a ref or not, in order. */
export function refPieces(text: string): { text: string; ref: boolean }[] {
  const pieces: { text: string; ref: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(REF_IN_TEXT)) {
    if (m.index > at) pieces.push({ text: text.slice(at, m.index), ref: false });
    pieces.push({ text: m[0], ref: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), ref: false });
  return pieces;
}

// Teams' chart elements (Chart.Donut, Chart.VerticalBar, Chart.Line; Adaptive Cards 1.5), each
// with a FactSet fallback that says the same numbers in words: mobile clients, the Playground's
// older hosts and the `adaptivecards` renderer do not draw charts. Shapes as Microsoft documents
// them ("Charts in Adaptive Cards", Teams platform): Donut `data: [{ legend, value, color }]`,
// VerticalBar `data: [{ x, y, color }]`, Line `data: [{ legend, color, values: [{ x, y }] }]`.
// Colour never carries meaning alone: every legend and bar names its RAG rating or band.
import type { OpenRag, RagCount, BandCount, ScorePoint } from '../records/tallies.js';
import { formatDate } from '../records/dates.js';
import { BAND_LABELS, riskBand, type RiskBand } from '../records/scoring.js';

/** A colour name from Teams' chart palette (`good`, `warning`, `attention`, `categoricalBlue`, …). */
export type ChartColor = string;

export const RAG_CHART: Record<OpenRag, { legend: string; color: ChartColor }> = {
  RED: { legend: 'Red: overdue', color: 'attention' },
  AMBER: { legend: 'Amber: due soon', color: 'warning' },
  GREEN: { legend: 'Green: on track', color: 'good' },
  BLUE: { legend: 'Blue: proposed for closure', color: 'categoricalBlue' },
};

/** The NPSA band colours, as near as Teams' chart palette comes: green, yellow, orange, red. */
export const BAND_CHART_COLORS: Record<RiskBand, ChartColor> = {
  LOW: 'good',
  MODERATE: 'divergingYellow',
  HIGH: 'categoricalMarigold',
  EXTREME: 'attention',
};

export interface ChartElement {
  type: 'Chart.Donut' | 'Chart.VerticalBar' | 'Chart.Line';
  title: string;
  data: unknown[];
  fallback: { type: 'FactSet'; facts: { title: string; value: string }[] };
  [k: string]: unknown;
}

const factSet = (facts: { title: string; value: string }[]) => ({ type: 'FactSet' as const, facts });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A donut of open actions by RAG (ratings with none are left out of the ring, kept in the words). */
export function ragDonut(title: string, counts: RagCount[]): ChartElement {
  return {
    type: 'Chart.Donut',
    title,
    data: counts
      .filter((c) => c.count > 0)
      .map((c) => ({ legend: RAG_CHART[c.rag].legend, value: c.count, color: RAG_CHART[c.rag].color })),
    fallback: factSet(counts.map((c) => ({ title: RAG_CHART[c.rag].legend, value: plural(c.count, 'action') }))),
  };
}

/** "3 red (overdue), 1 amber (due soon)": the RAG split in words, for `speak` and summaries. */
export function ragWords(counts: RagCount[]): string {
  const parts = counts.filter((c) => c.count > 0).map((c) => `${c.count} ${RAG_CHART[c.rag].legend.replace(': ', ', ').toLowerCase()}`);
  return parts.join('; ');
}

/** A bar per band of open risks, Extreme first, each bar named by its band and coloured as the NPSA does. */
export function bandBar(title: string, counts: BandCount[]): ChartElement {
  return {
    type: 'Chart.VerticalBar',
    title,
    xAxisTitle: 'Band of the current score',
    yAxisTitle: 'Open risks',
    showBarValues: true,
    data: counts.map((c) => ({ x: BAND_LABELS[c.band], y: c.count, color: BAND_CHART_COLORS[c.band] })),
    fallback: factSet(counts.map((c) => ({ title: BAND_LABELS[c.band], value: plural(c.count, 'open risk') }))),
  };
}

/** "w/c 16 Nov": a week on a chart's axis, by its Monday. */
export function weekTick(monday: string): string {
  return `w/c ${formatDate(monday)
    .replace(/^\w+ /, '')
    .replace(/ \d{4}$/, '')}`;
}

/** A bar per week of overdue actions, by the week they fell due. */
export function overdueBar(title: string, weeks: { weekOf: string; count: number }[]): ChartElement {
  return {
    type: 'Chart.VerticalBar',
    title,
    xAxisTitle: 'Week it fell due (week commencing)',
    yAxisTitle: 'Overdue actions',
    showBarValues: true,
    color: 'attention',
    data: weeks.map((w) => ({ x: weekTick(w.weekOf).replace('w/c ', ''), y: w.count })),
    fallback: factSet(weeks.map((w) => ({ title: weekTick(w.weekOf), value: plural(w.count, 'overdue action') }))),
  };
}

/** A risk's current score at each assessment and review, with its target as a second line. */
export function scoreLine(title: string, trail: { current: ScorePoint[]; target: ScorePoint[] }): ChartElement {
  const scoreWords = (n: number) => `${n} ${BAND_LABELS[riskBand(n)]}`;
  return {
    type: 'Chart.Line',
    title,
    xAxisTitle: 'Assessment and reviews',
    yAxisTitle: 'Score (likelihood × consequence)',
    data: [
      { legend: 'Current score', color: 'attention', values: trail.current.map((p) => ({ x: p.on, y: p.score })) },
      { legend: 'Target score', color: 'good', values: trail.target.map((p) => ({ x: p.on, y: p.score })) },
    ],
    fallback: factSet(
      trail.current.map((p, i) => ({
        title: formatDate(p.on),
        value: `current ${scoreWords(p.score)}; target ${scoreWords(trail.target[i]!.score)}`,
      })),
    ),
  };
}

/** Charts under a line that says what they show in words (mobile clients draw only the words). */
export function chartBlock(summary: string, charts: ChartElement[]): unknown[] {
  if (charts.length === 0) return [];
  return [{ type: 'TextBlock', text: summary, wrap: true, size: 'Small' }, ...charts];
}

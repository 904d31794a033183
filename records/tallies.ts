// The numbers behind the charts on cards: open actions by RAG, open risks by band, a risk's score
// over its reviews. Pure: records in, counts out; cards/charts.ts draws them with their words.
import { ragOf, type Action, type Rag } from './action.js';
import { londonToday, type IsoDate } from './dates.js';
import { currentBand, type Risk } from './risk.js';
import { RISK_BANDS, riskScore, type RiskBand } from './scoring.js';

/** The four RAG ratings an open action can have, in the order they are charted. */
export const OPEN_RAGS = ['RED', 'AMBER', 'GREEN', 'BLUE'] as const satisfies readonly Rag[];
export type OpenRag = (typeof OPEN_RAGS)[number];

export interface RagCount {
  rag: OpenRag;
  count: number;
}

/** Open actions by RAG as of `now` (closed and cancelled ones are not counted), every rating listed. */
export function countByRag(actions: readonly Action[], now: Date): RagCount[] {
  const counts = new Map<Rag, number>();
  for (const a of actions) {
    const rag = ragOf(a, now);
    counts.set(rag, (counts.get(rag) ?? 0) + 1);
  }
  return OPEN_RAGS.map((rag) => ({ rag, count: counts.get(rag) ?? 0 }));
}

export interface BandCount {
  band: RiskBand;
  count: number;
}

/** Risks by the band of their current score, Extreme first, every band listed. */
export function countByBand(risks: readonly Risk[]): BandCount[] {
  const counts = new Map<RiskBand, number>();
  for (const r of risks) counts.set(currentBand(r), (counts.get(currentBand(r)) ?? 0) + 1);
  return [...RISK_BANDS].reverse().map((band) => ({ band, count: counts.get(band) ?? 0 }));
}

export interface ScorePoint {
  /** The London date of the assessment or review. */
  on: IsoDate;
  score: number;
}

/** The current score at each assessment and review (oldest first), and the target score beside each. */
export function scoreTrail(risk: Pick<Risk, 'scoreHistory' | 'target'>): { current: ScorePoint[]; target: ScorePoint[] } {
  const target = riskScore(risk.target);
  const current = risk.scoreHistory.map((p) => ({ on: londonToday(new Date(p.at)), score: riskScore(p) }));
  return { current, target: current.map((p) => ({ on: p.on, score: target })) };
}

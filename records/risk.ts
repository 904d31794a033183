// The place risk register: schema, derived flags (escalation, trend), the create rule and the
// register's pages (a risk's changes: riskCommands.ts). Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, httpsUrlSchema, LIMITS, optionalText, teamsMessageLinkSchema } from './limits.js';
import { fieldErrorsOf, invalid, type Transition } from './outcome.js';
import { personSchema, toPerson, type Actor } from './people.js';
import { lifeCourseSchema, localitySchema, placeCodeSchema, placePrioritySchema, strategicObjectiveSchema } from './places.js';
import { ratingSchema, RISK_BANDS, riskBand, riskScore, type Rating, type RiskBand } from './scoring.js';
import { DateTime } from 'luxon';

export const RISK_STATUSES = ['OPEN', 'CLOSED', 'REOPENED'] as const;
export const riskStatusSchema = z.enum(RISK_STATUSES);
export type RiskStatus = z.infer<typeof riskStatusSchema>;
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { OPEN: 'Open', CLOSED: 'Closed', REOPENED: 'Reopened' };

export const RISK_CATEGORIES = {
  safety: 'Safety',
  quality: 'Quality',
  workforce: 'Workforce',
  finance: 'Finance',
  reputation: 'Reputation',
  statutory: 'Statutory',
  'service-disruption': 'Service disruption',
  partnership: 'Partnership',
} as const;
export type RiskCategory = keyof typeof RISK_CATEGORIES;
export const riskCategorySchema = z.enum(Object.keys(RISK_CATEGORIES) as [RiskCategory, ...RiskCategory[]]);

/** Risk appetite levels, least to most willing to accept risk. */
export const APPETITE_LEVELS = ['averse', 'minimal', 'cautious', 'open', 'seek'] as const;
export const appetiteLevelSchema = z.enum(APPETITE_LEVELS);
export type AppetiteLevel = z.infer<typeof appetiteLevelSchema>;
export const APPETITE_LABELS: Record<AppetiteLevel, string> = {
  averse: 'Averse',
  minimal: 'Minimal',
  cautious: 'Cautious',
  open: 'Open',
  seek: 'Seek',
};
/** The highest current score each appetite tolerates unless the board sets another. */
export const DEFAULT_TOLERATED_SCORE: Record<AppetiteLevel, number> = { averse: 3, minimal: 6, cautious: 12, open: 16, seek: 20 };

export const appetiteSchema = z.object({
  level: appetiteLevelSchema,
  toleratedScore: z.coerce
    .number({ invalid_type_error: 'Tolerated score must be a number from 1 to 25.' })
    .int('Tolerated score must be a whole number.')
    .min(1, 'Tolerated score must be from 1 to 25.')
    .max(25, 'Tolerated score must be from 1 to 25.'),
});
export type Appetite = z.infer<typeof appetiteSchema>;
/** An appetite as typed in: the tolerated score may be left to the level's default. */
export const appetiteInputSchema = z
  .object({ level: appetiteLevelSchema, toleratedScore: appetiteSchema.shape.toleratedScore.optional() })
  .transform((a): Appetite => ({ level: a.level, toleratedScore: a.toleratedScore ?? DEFAULT_TOLERATED_SCORE[a.level] }));
export const DEFAULT_APPETITE: Appetite = { level: 'cautious', toleratedScore: DEFAULT_TOLERATED_SCORE.cautious };

export const RISK_RESPONSES = ['treat', 'tolerate', 'transfer', 'terminate'] as const;
export const riskResponseSchema = z.enum(RISK_RESPONSES);
export type RiskResponse = z.infer<typeof riskResponseSchema>;

/** Where the risk is held: a place register, the ICB corporate register, or the Board Assurance Framework. */
export const REGISTER_LEVELS = ['PLACE', 'ICB_CORPORATE', 'BAF'] as const;
export const registerLevelSchema = z.enum(REGISTER_LEVELS);
export type RegisterLevel = z.infer<typeof registerLevelSchema>;
export const REGISTER_LEVEL_LABELS: Record<RegisterLevel, string> = {
  PLACE: 'Place register',
  ICB_CORPORATE: 'ICB corporate register',
  BAF: 'Board Assurance Framework',
};

export const REVIEW_FREQUENCIES = { monthly: 1, bimonthly: 2, quarterly: 3, 'six-monthly': 6 } as const;
export type ReviewFrequency = keyof typeof REVIEW_FREQUENCIES;
export const reviewFrequencySchema = z.enum(Object.keys(REVIEW_FREQUENCIES) as [ReviewFrequency, ...ReviewFrequency[]]);
/** The higher the band, the more often it is reviewed. */
export const DEFAULT_REVIEW_FREQUENCY: Record<RiskBand, ReviewFrequency> = {
  EXTREME: 'monthly',
  HIGH: 'bimonthly',
  MODERATE: 'quarterly',
  LOW: 'six-monthly',
};

/** A list of short statements (controls, gaps, assurances): bounded so a risk fits one entity. */
export const statements = (field: string) => boundedList(field, boundedText(field, 1000), 20);
const refSchema = z.string().trim().min(1).max(20);

const scorePointSchema = z.object({
  at: isoInstantSchema,
  by: personSchema,
  likelihood: ratingSchema.shape.likelihood,
  consequence: ratingSchema.shape.consequence,
  note: optionalText('Note', LIMITS.note),
});
export type ScorePoint = z.infer<typeof scorePointSchema>;
/** Oldest points are dropped past this, so a long-lived risk still fits one entity. */
export const SCORE_HISTORY_LIMIT = 60;

const noteSchema = z.object({ by: personSchema, at: isoInstantSchema, reason: boundedText('Reason', LIMITS.note) });
const levelChangeSchema = z.object({
  from: registerLevelSchema,
  to: registerLevelSchema,
  by: personSchema,
  at: isoInstantSchema,
  reason: boundedText('Reason', LIMITS.note),
});

export const riskSchema = z.object({
  kind: z.literal('risk'),
  ref: z.string(),
  place: placeCodeSchema,
  /** Lancashire only: the locality the risk sits in. */
  locality: localitySchema.optional(),
  title: boundedText('Title', LIMITS.title),
  /** "There is a risk that <event>, caused by <cause>, resulting in <effect>." */
  cause: boundedText('Cause', LIMITS.description),
  event: boundedText('Event', LIMITS.description),
  effect: boundedText('Effect', LIMITS.description),
  category: riskCategorySchema,
  owner: personSchema,
  raisedBy: personSchema,
  raisedAt: isoInstantSchema,
  strategicObjective: strategicObjectiveSchema.optional(),
  priority: placePrioritySchema.optional(),
  lifeCourse: lifeCourseSchema.optional(),
  /** Where the risk was first raised, e.g. a link to a Teams message. */
  sourceUrl: httpsUrlSchema.optional(),
  /** Scored with existing controls when first assessed; the baseline, never rescored. */
  initial: ratingSchema,
  current: ratingSchema,
  target: ratingSchema,
  controls: statements('Controls'),
  gapsInControl: statements('Gaps in control'),
  assurances: statements('Assurances'),
  appetite: appetiteSchema,
  response: riskResponseSchema,
  linkedActions: boundedList('Linked actions', refSchema, 50),
  reviewFrequency: reviewFrequencySchema,
  nextReviewDate: isoDateSchema,
  /** Every assessment, oldest first; the last point is the current score. */
  scoreHistory: boundedList('Score history', scorePointSchema, SCORE_HISTORY_LIMIT),
  registerLevel: registerLevelSchema,
  levelChanges: boundedList('Register level changes', levelChangeSchema, 20),
  status: riskStatusSchema,
  closure: noteSchema.optional(),
  reopening: noteSchema.optional(),
});
export type Risk = z.infer<typeof riskSchema>;

/** What a person supplies to raise a risk, before it has a ref. */
export const riskDraftSchema = riskSchema
  .pick({
    place: true,
    locality: true,
    title: true,
    cause: true,
    event: true,
    effect: true,
    category: true,
    owner: true,
    strategicObjective: true,
    priority: true,
    lifeCourse: true,
    initial: true,
    target: true,
    response: true,
  })
  .extend({
    /** Only a Teams message link: it is shown to everyone as a button. */
    sourceUrl: teamsMessageLinkSchema.optional(),
    /** Defaults to the initial score. */
    current: ratingSchema.optional(),
    controls: statements('Controls').default([]),
    gapsInControl: statements('Gaps in control').default([]),
    assurances: statements('Assurances').default([]),
    /** The bot passes the place's default appetite when the person gives none. */
    appetite: appetiteInputSchema.optional(),
    linkedActions: boundedList('Linked actions', refSchema, 50).default([]),
    /** Defaults by the current score's band. */
    reviewFrequency: reviewFrequencySchema.optional(),
    /** Defaults to today plus the review frequency. */
    nextReviewDate: isoDateSchema.optional(),
  });
export type RiskDraft = z.input<typeof riskDraftSchema>;

export function isOpenRisk(risk: Pick<Risk, 'status'>): boolean {
  return risk.status !== 'CLOSED';
}

export function currentScore(risk: Pick<Risk, 'current'>): number {
  return riskScore(risk.current);
}

export function currentBand(risk: Pick<Risk, 'current'>): RiskBand {
  return riskBand(risk.current);
}

/** The date of the next review after one made today. */
export function nextReviewAfter(today: IsoDate, frequency: ReviewFrequency): IsoDate {
  return DateTime.fromISO(today, { zone: 'utc' }).plus({ months: REVIEW_FREQUENCIES[frequency] }).toISODate()!;
}

export function isReviewOverdue(risk: Pick<Risk, 'status' | 'nextReviewDate'>, now: Date): boolean {
  return isOpenRisk(risk) && risk.nextReviewDate < londonToday(now);
}

export type EscalationReason = 'AT_THRESHOLD' | 'ABOVE_APPETITE' | 'REVIEW_OVERDUE';
export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  AT_THRESHOLD: 'Score at or above the place threshold',
  ABOVE_APPETITE: 'Score above the tolerated level for its appetite',
  REVIEW_OVERDUE: 'Review overdue',
};

export interface EscalationOptions {
  /** The place's escalation threshold (default 15). */
  threshold?: number;
  now: Date;
}

/** Why an open risk needs escalating; empty when it does not. A closed risk never does. */
export function escalationReasons(
  risk: Pick<Risk, 'status' | 'current' | 'appetite' | 'nextReviewDate'>,
  { threshold = 15, now }: EscalationOptions,
): EscalationReason[] {
  if (!isOpenRisk(risk)) return [];
  const score = riskScore(risk.current);
  const reasons: EscalationReason[] = [];
  if (score >= threshold) reasons.push('AT_THRESHOLD');
  if (score > risk.appetite.toleratedScore) reasons.push('ABOVE_APPETITE');
  if (isReviewOverdue(risk, now)) reasons.push('REVIEW_OVERDUE');
  return reasons;
}

export function isEscalated(risk: Pick<Risk, 'status' | 'current' | 'appetite' | 'nextReviewDate'>, options: EscalationOptions): boolean {
  return escalationReasons(risk, options).length > 0;
}

export type Trend = 'improving' | 'unchanged' | 'deteriorating';
export const TREND_LABELS: Record<Trend, string> = { improving: 'Improving', unchanged: 'Unchanged', deteriorating: 'Deteriorating' };

/** The last assessment against the one before it; one assessment is "unchanged". */
export function trendOf(risk: Pick<Risk, 'scoreHistory'>): Trend {
  const last = risk.scoreHistory.at(-1);
  const previous = risk.scoreHistory.at(-2);
  if (!last || !previous) return 'unchanged';
  const now = riskScore(last);
  const before = riskScore(previous);
  return now < before ? 'improving' : now > before ? 'deteriorating' : 'unchanged';
}

/** "initial.likelihood" → "initialLikelihood": one flat id per card input. */
export function issueField(path: (string | number)[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  if (named.length === 0) return 'form';
  return named.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** A target above the baseline is not a target. */
export function targetError(initial: Rating, target: Rating): string | undefined {
  return riskScore(target) > riskScore(initial)
    ? `The target score (${riskScore(target)}) cannot be higher than the score with existing controls (${riskScore(initial)}).`
    : undefined;
}

/** Raises a risk on a place register. The draft is validated here, so a card's raw input may be passed. */
export function createRisk(draft: RiskDraft, ref: string, actor: Actor, now: Date): Transition<Risk> {
  const parsed = riskDraftSchema.safeParse(draft);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error, issueField));
  const d = parsed.data;
  const badTarget = targetError(d.initial, d.target);
  if (badTarget) return invalid({ target: badTarget });
  const today = londonToday(now);
  if (d.nextReviewDate && d.nextReviewDate < today) return invalid({ nextReviewDate: 'The next review date must be today or later.' });
  const at = now.toISOString();
  const by = toPerson(actor);
  const current = d.current ?? d.initial;
  const reviewFrequency = d.reviewFrequency ?? DEFAULT_REVIEW_FREQUENCY[riskBand(current)];
  const risk: Risk = {
    kind: 'risk',
    ref,
    place: d.place,
    title: d.title,
    cause: d.cause,
    event: d.event,
    effect: d.effect,
    category: d.category,
    owner: toPerson(d.owner),
    raisedBy: by,
    raisedAt: at,
    ...(d.place === 'LAN' && d.locality ? { locality: d.locality } : {}),
    ...(d.strategicObjective ? { strategicObjective: d.strategicObjective } : {}),
    ...(d.priority ? { priority: d.priority } : {}),
    ...(d.lifeCourse ? { lifeCourse: d.lifeCourse } : {}),
    ...(d.sourceUrl ? { sourceUrl: d.sourceUrl } : {}),
    initial: d.initial,
    current,
    target: d.target,
    controls: d.controls,
    gapsInControl: d.gapsInControl,
    assurances: d.assurances,
    appetite: d.appetite ?? DEFAULT_APPETITE,
    response: d.response,
    linkedActions: d.linkedActions,
    reviewFrequency,
    nextReviewDate: d.nextReviewDate ?? nextReviewAfter(today, reviewFrequency),
    scoreHistory: [{ at, by, likelihood: current.likelihood, consequence: current.consequence }],
    registerLevel: 'PLACE',
    levelChanges: [],
    status: 'OPEN',
  };
  return { ok: true, record: risk, event: auditEvent('risk', risk, actor, 'create', at, null, risk) };
}

// ------------------------------------------------------------------ the register, a page at a time

/** How many risks one page of a place's register shows (each row is small; the card stays well under 40 KB). */
export const REGISTER_PAGE_SIZE = 15;

/**
 * What the register's summary (totals by band, heat map, flags) needs of one open risk, small
 * enough to keep beside it in an index row, so the register reads these for every open risk and
 * whole records only for the page it shows.
 */
export interface RegisterEntry {
  ref: string;
  likelihood: number;
  consequence: number;
  nextReviewDate: IsoDate;
  toleratedScore: number;
}

export function registerEntryOf(risk: Pick<Risk, 'ref' | 'current' | 'nextReviewDate' | 'appetite'>): RegisterEntry {
  return {
    ref: risk.ref,
    likelihood: risk.current.likelihood,
    consequence: risk.current.consequence,
    nextReviewDate: risk.nextReviewDate,
    toleratedScore: risk.appetite.toleratedScore,
  };
}

/** Register order: highest current score first, then by ref. */
export function compareRegisterEntries(a: RegisterEntry, b: RegisterEntry): number {
  return b.likelihood * b.consequence - a.likelihood * a.consequence || a.ref.localeCompare(b.ref);
}

export interface RegisterSummary {
  total: number;
  byBand: Record<RiskBand, number>;
  /** counts[likelihood][consequence] */
  heat: number[][];
  /** At or above the place's threshold, above appetite, or review overdue (escalationReasons). */
  flagged: number;
  reviewsOverdue: number;
}

/** The whole register's summary, from its entries: the same flags as escalationReasons gives each risk. */
export function registerSummary(entries: readonly RegisterEntry[], { threshold, now }: { threshold: number; now: Date }): RegisterSummary {
  const byBand = Object.fromEntries(RISK_BANDS.map((b) => [b, 0])) as Record<RiskBand, number>;
  const heat = Array.from({ length: 6 }, () => Array<number>(6).fill(0));
  const today = londonToday(now);
  let flagged = 0;
  let reviewsOverdue = 0;
  for (const e of entries) {
    const score = e.likelihood * e.consequence;
    byBand[riskBand(score)] += 1;
    heat[e.likelihood]![e.consequence]! += 1;
    const overdue = e.nextReviewDate < today;
    if (overdue) reviewsOverdue++;
    if (score >= threshold || score > e.toleratedScore || overdue) flagged++;
  }
  return { total: entries.length, byBand, heat, flagged, reviewsOverdue };
}

/** The refs on page `page` (from 0) of the register, in register order, and how many pages there are. */
export function registerPage(
  entries: readonly RegisterEntry[],
  page: number,
  size: number = REGISTER_PAGE_SIZE,
): { refs: string[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(entries.length / size));
  const p = Math.min(Math.max(0, Math.trunc(Number.isFinite(page) ? page : 0)), pages - 1);
  const refs = [...entries]
    .sort(compareRegisterEntries)
    .slice(p * size, (p + 1) * size)
    .map((e) => e.ref);
  return { refs, page: p, pages };
}

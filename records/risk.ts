// The place risk register: schema, derived flags (escalation, trend) and the one state
// machine that changes a risk. Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { addDays, isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText } from './limits.js';
import { refuse, type Transition } from './outcome.js';
import { isChairOrAdmin, personSchema, samePerson, type Actor, type Person } from './people.js';
import { placeCodeSchema, strategicObjectiveSchema } from './places.js';
import { ratingSchema, riskBand, riskScore, type Rating, type RiskBand } from './scoring.js';
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
const statements = (field: string) => boundedList(field, boundedText(field, 1000), 20);
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
export const riskDraftSchema = z.object({
  place: placeCodeSchema,
  title: boundedText('Title', LIMITS.title),
  cause: boundedText('Cause', LIMITS.description),
  event: boundedText('Event', LIMITS.description),
  effect: boundedText('Effect', LIMITS.description),
  category: riskCategorySchema,
  owner: personSchema,
  strategicObjective: strategicObjectiveSchema.optional(),
  initial: ratingSchema,
  /** Defaults to the initial score. */
  current: ratingSchema.optional(),
  target: ratingSchema,
  controls: statements('Controls').default([]),
  gapsInControl: statements('Gaps in control').default([]),
  assurances: statements('Assurances').default([]),
  /** The bot passes the place's default appetite when the person gives none. */
  appetite: appetiteInputSchema.optional(),
  response: riskResponseSchema,
  linkedActions: boundedList('Linked actions', refSchema, 50).default([]),
  /** Defaults by the current score's band. */
  reviewFrequency: reviewFrequencySchema.optional(),
  /** Defaults to today plus the review frequency. */
  nextReviewDate: isoDateSchema.optional(),
});
export type RiskDraft = z.input<typeof riskDraftSchema>;

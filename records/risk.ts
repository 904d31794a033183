// The place risk register: schema, derived flags (escalation, trend) and the one state
// machine that changes a risk. Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, httpsUrlSchema, LIMITS, optionalText, teamsMessageLinkSchema } from './limits.js';
import { checkCommand, fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
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

export function isEscalated(
  risk: Pick<Risk, 'status' | 'current' | 'appetite' | 'nextReviewDate'>,
  options: EscalationOptions,
): boolean {
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
function issueField(path: (string | number)[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  if (named.length === 0) return 'form';
  return named.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}


/** A target above the baseline is not a target. */
function targetError(initial: Rating, target: Rating): string | undefined {
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

export type RiskCommand =
  | { type: 'rescore'; likelihood: number; consequence: number; note?: string; nextReviewDate?: IsoDate }
  | { type: 'review'; note?: string }
  | { type: 'setTarget'; likelihood: number; consequence: number }
  | {
      type: 'edit';
      title?: string;
      cause?: string;
      event?: string;
      effect?: string;
      category?: RiskCategory;
      strategicObjective?: string;
    }
  | { type: 'setControls'; controls?: string[]; gapsInControl?: string[]; assurances?: string[] }
  | { type: 'setAppetite'; level: AppetiteLevel; toleratedScore?: number }
  | { type: 'setResponse'; response: RiskResponse }
  | { type: 'linkAction'; actionRef: string }
  | { type: 'unlinkAction'; actionRef: string }
  | { type: 'setReviewFrequency'; frequency: ReviewFrequency; nextReviewDate?: IsoDate }
  | { type: 'reassign'; owner: Person }
  | { type: 'changeLevel'; to: RegisterLevel; reason: string }
  | { type: 'close'; reason: string }
  | { type: 'reopen'; reason: string };

/** The command types that only a chair or place admin may give: they change what the board sees. */
const CHAIR_COMMANDS = new Set<RiskCommand['type']>(['changeLevel', 'close', 'reopen']);

const LIVE: readonly RiskStatus[] = ['OPEN', 'REOPENED'];
/** Where each command may start from. */
const ALLOWED_FROM: Record<RiskCommand['type'], readonly RiskStatus[]> = {
  rescore: LIVE,
  review: LIVE,
  setTarget: LIVE,
  edit: LIVE,
  setControls: LIVE,
  setAppetite: LIVE,
  setResponse: LIVE,
  linkAction: LIVE,
  unlinkAction: LIVE,
  setReviewFrequency: LIVE,
  reassign: LIVE,
  changeLevel: LIVE,
  close: LIVE,
  reopen: ['CLOSED'],
};

const actionRefSchema = z
  .string({ required_error: 'Action reference is required.' })
  .trim()
  .toUpperCase()
  .regex(/^(BPL|BWD|LAN|SC)-A-\d{4,}$/, 'Give an action reference like BPL-A-0042.');

const COMMAND_INPUT: { [K in RiskCommand['type']]: z.ZodTypeAny } = {
  rescore: z.object({
    ...ratingSchema.shape,
    note: optionalText('Note', LIMITS.note),
    /** Overrides the date the band's review frequency gives. */
    nextReviewDate: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), isoDateSchema.optional()),
  }),
  review: z.object({ note: optionalText('Note', LIMITS.note) }),
  setTarget: ratingSchema,
  edit: z
    .object({
      title: boundedText('Title', LIMITS.title).optional(),
      cause: boundedText('Cause', LIMITS.description).optional(),
      event: boundedText('Event', LIMITS.description).optional(),
      effect: boundedText('Effect', LIMITS.description).optional(),
      category: riskCategorySchema.optional(),
      strategicObjective: strategicObjectiveSchema.optional(),
    })
    .refine((o) => Object.values(o).some((v) => v !== undefined), { message: 'Change at least one field.', path: ['form'] }),
  setControls: z
    .object({
      controls: statements('Controls').optional(),
      gapsInControl: statements('Gaps in control').optional(),
      assurances: statements('Assurances').optional(),
    })
    .refine((o) => Object.values(o).some((v) => v !== undefined), { message: 'Change at least one list.', path: ['form'] }),
  setAppetite: appetiteInputSchema,
  setResponse: z.object({ response: riskResponseSchema }),
  linkAction: z.object({ actionRef: actionRefSchema }),
  unlinkAction: z.object({ actionRef: actionRefSchema }),
  setReviewFrequency: z.object({ frequency: reviewFrequencySchema, nextReviewDate: isoDateSchema.optional() }),
  reassign: z.object({ owner: personSchema }),
  changeLevel: z.object({ to: registerLevelSchema, reason: boundedText('Reason', LIMITS.note) }),
  close: z.object({ reason: boundedText('Reason for closing', LIMITS.note) }),
  reopen: z.object({ reason: boundedText('Reason for reopening', LIMITS.note) }),
};


/** An assessment: the score as it stands today, and the next review date from it. */
function assess(risk: Risk, rating: Rating, by: Person, at: string, today: IsoDate, note: string | undefined): Risk {
  const oldBand = riskBand(risk.current);
  const newBand = riskBand(rating);
  // A frequency nobody chose (the old band's default) follows the band; a chosen one stays.
  const reviewFrequency =
    oldBand !== newBand && risk.reviewFrequency === DEFAULT_REVIEW_FREQUENCY[oldBand] ? DEFAULT_REVIEW_FREQUENCY[newBand] : risk.reviewFrequency;
  const point: ScorePoint = { at, by, likelihood: rating.likelihood, consequence: rating.consequence, ...(note ? { note } : {}) };
  return {
    ...risk,
    current: { likelihood: rating.likelihood, consequence: rating.consequence },
    reviewFrequency,
    nextReviewDate: nextReviewAfter(today, reviewFrequency),
    scoreHistory: [...risk.scoreHistory, point].slice(-SCORE_HISTORY_LIMIT),
  };
}

/** Whether `actor` may give this command to the risk as it stands (used to offer buttons). */
export function mayGiveRisk(risk: Risk, actor: Actor, type: RiskCommand['type']): boolean {
  return !checkCommand(risk, actor, { allowedFrom: ALLOWED_FROM[type], chairOnly: CHAIR_COMMANDS.has(type), statusLabel: '' });
}

/** Register levels above and below where the risk is held now. */
export function levelsAbove(level: RegisterLevel): RegisterLevel[] {
  return REGISTER_LEVELS.slice(REGISTER_LEVELS.indexOf(level) + 1);
}
export function levelsBelow(level: RegisterLevel): RegisterLevel[] {
  return REGISTER_LEVELS.slice(0, REGISTER_LEVELS.indexOf(level));
}

/** Applies one command to a risk: the only way a risk changes after it is raised. */
export function applyRiskCommand(risk: Risk, actor: Actor, command: RiskCommand, now: Date): Transition<Risk> {
  const { type, ...input } = command;
  const schema = COMMAND_INPUT[type];
  if (!schema) return refuse('NOT_ALLOWED', 'That is not something a risk can do.');
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error, issueField));
  const refused = checkCommand(risk, actor, { allowedFrom: ALLOWED_FROM[type], chairOnly: CHAIR_COMMANDS.has(type), statusLabel: RISK_STATUS_LABELS[risk.status] });
  if (refused) return refused;
  const at = now.toISOString();
  const today = londonToday(now);
  const by = toPerson(actor);
  const cmd = { type, ...parsed.data } as RiskCommand;
  let next: Risk;
  switch (cmd.type) {
    case 'rescore': {
      const rating = { likelihood: cmd.likelihood, consequence: cmd.consequence } as Rating;
      if (cmd.nextReviewDate && cmd.nextReviewDate < today) {
        return invalid({ nextReviewDate: 'The next review date must be today or later.' });
      }
      next = assess(risk, rating, by, at, today, cmd.note);
      if (cmd.nextReviewDate) next = { ...next, nextReviewDate: cmd.nextReviewDate };
      break;
    }
    case 'review':
      next = assess(risk, risk.current, by, at, today, cmd.note);
      break;
    case 'setTarget': {
      const target = { likelihood: cmd.likelihood, consequence: cmd.consequence } as Rating;
      const badTarget = targetError(risk.initial, target);
      if (badTarget) return invalid({ target: badTarget });
      next = { ...risk, target };
      break;
    }
    case 'edit': {
      const { type: _type, ...changes } = cmd;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      next = { ...risk, ...defined } as Risk;
      break;
    }
    case 'setControls': {
      const { type: _type, ...lists } = cmd;
      next = { ...risk, ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined)) } as Risk;
      break;
    }
    case 'setAppetite':
      next = { ...risk, appetite: { level: cmd.level, toleratedScore: cmd.toleratedScore! } };
      break;
    case 'setResponse':
      next = { ...risk, response: cmd.response };
      break;
    case 'linkAction':
      if (risk.linkedActions.includes(cmd.actionRef)) return invalid({ actionRef: `${cmd.actionRef} is already linked.` });
      if (risk.linkedActions.length >= 50) return refuse('NOT_ALLOWED', `${risk.ref} already has 50 linked actions.`);
      next = { ...risk, linkedActions: [...risk.linkedActions, cmd.actionRef] };
      break;
    case 'unlinkAction':
      if (!risk.linkedActions.includes(cmd.actionRef)) return invalid({ actionRef: `${cmd.actionRef} is not linked to ${risk.ref}.` });
      next = { ...risk, linkedActions: risk.linkedActions.filter((r) => r !== cmd.actionRef) };
      break;
    case 'setReviewFrequency':
      if (cmd.nextReviewDate && cmd.nextReviewDate < today) {
        return invalid({ nextReviewDate: 'The next review date must be today or later.' });
      }
      next = { ...risk, reviewFrequency: cmd.frequency, nextReviewDate: cmd.nextReviewDate ?? risk.nextReviewDate };
      break;
    case 'reassign':
      if (samePerson(cmd.owner, risk.owner)) return invalid({ owner: `${risk.owner.name} already owns it.` });
      next = { ...risk, owner: toPerson(cmd.owner) };
      break;
    case 'changeLevel':
      if (cmd.to === risk.registerLevel) return invalid({ to: `${risk.ref} is already on the ${REGISTER_LEVEL_LABELS[cmd.to]}.` });
      if (risk.levelChanges.length >= 20) return refuse('NOT_ALLOWED', `${risk.ref} has changed register 20 times already.`);
      next = {
        ...risk,
        registerLevel: cmd.to,
        levelChanges: [...risk.levelChanges, { from: risk.registerLevel, to: cmd.to, by, at, reason: cmd.reason }],
      };
      break;
    case 'close':
      next = { ...risk, status: 'CLOSED', closure: { by, at, reason: cmd.reason } };
      break;
    case 'reopen': {
      // Reopening starts a fresh review cycle: a risk closed for months is not "overdue" the moment it returns.
      next = {
        ...risk,
        status: 'REOPENED',
        reopening: { by, at, reason: cmd.reason },
        nextReviewDate: nextReviewAfter(today, risk.reviewFrequency),
      };
      break;
    }
  }
  return { ok: true, record: next, event: auditEvent('risk', next, actor, type, at, risk, next) };
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
export function registerPage(entries: readonly RegisterEntry[], page: number, size: number = REGISTER_PAGE_SIZE): { refs: string[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(entries.length / size));
  const p = Math.min(Math.max(0, Math.trunc(Number.isFinite(page) ? page : 0)), pages - 1);
  const refs = [...entries].sort(compareRegisterEntries).slice(p * size, (p + 1) * size).map((e) => e.ref);
  return { refs, page: p, pages };
}

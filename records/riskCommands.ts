// What happens to a risk on the register: the commands its card gives (review, controls, a
// mitigating action linked, escalate or de-escalate, close, reopen) and the rule that applies each. Pure.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { isoDateSchema, londonToday, type IsoDate } from './dates.js';
import { boundedText, LIMITS, optionalText } from './limits.js';
import { checkCommand, fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
import { strategicObjectiveSchema } from './places.js';
import { ratingSchema, riskBand, type Rating } from './scoring.js';
import {
  DEFAULT_REVIEW_FREQUENCY,
  REGISTER_LEVELS,
  REGISTER_LEVEL_LABELS,
  RISK_STATUS_LABELS,
  SCORE_HISTORY_LIMIT,
  appetiteInputSchema,
  issueField,
  nextReviewAfter,
  registerLevelSchema,
  reviewFrequencySchema,
  riskCategorySchema,
  riskResponseSchema,
  statements,
  targetError,
  type AppetiteLevel,
  type RegisterLevel,
  type ReviewFrequency,
  type Risk,
  type RiskCategory,
  type RiskResponse,
  type RiskStatus,
  type ScorePoint,
} from './risk.js';

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
    oldBand !== newBand && risk.reviewFrequency === DEFAULT_REVIEW_FREQUENCY[oldBand]
      ? DEFAULT_REVIEW_FREQUENCY[newBand]
      : risk.reviewFrequency;
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
  const refused = checkCommand(risk, actor, {
    allowedFrom: ALLOWED_FROM[type],
    chairOnly: CHAIR_COMMANDS.has(type),
    statusLabel: RISK_STATUS_LABELS[risk.status],
  });
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

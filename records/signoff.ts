// Sign-offs: a request for approval, decided by named approvers (or their recorded
// delegates), never changed once decided. Schema and the one state machine that changes one.
// Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { addDays, isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText } from './limits.js';
import { refuse, type Transition } from './outcome.js';
import { isChairOrAdmin, personSchema, samePerson, type Actor, type Person } from './people.js';
import { placeCodeSchema } from './places.js';

export const SIGNOFF_STATUSES = [
  'PENDING',
  'INFO_REQUESTED',
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'REJECTED',
  'WITHDRAWN',
  'EXPIRED',
  'AWAITING_RATIFICATION',
  'RATIFIED',
  'NOT_RATIFIED',
] as const;
export const signOffStatusSchema = z.enum(SIGNOFF_STATUSES);
export type SignOffStatus = z.infer<typeof signOffStatusSchema>;

export const SIGNOFF_STATUS_LABELS: Record<SignOffStatus, string> = {
  PENDING: 'Awaiting decision',
  INFO_REQUESTED: 'More information requested',
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  EXPIRED: 'Expired',
  AWAITING_RATIFICATION: "Approved by chair's action, awaiting ratification",
  RATIFIED: 'Ratified',
  NOT_RATIFIED: 'Not ratified',
};

/** Statuses from which nothing moves: the record is final. */
export const FINAL_SIGNOFF_STATUSES: readonly SignOffStatus[] = [
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'REJECTED',
  'WITHDRAWN',
  'EXPIRED',
  'RATIFIED',
  'NOT_RATIFIED',
];
/** Statuses still waiting on someone. */
export const OPEN_SIGNOFF_STATUSES: readonly SignOffStatus[] = ['PENDING', 'INFO_REQUESTED', 'AWAITING_RATIFICATION'];

export const ITEM_TYPES = {
  decision: 'Decision',
  document: 'Document',
  minutes: 'Minutes',
  'terms-of-reference': 'Terms of reference',
  'risk-acceptance': 'Risk acceptance',
  'action-closure': 'Action closure',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;
export const itemTypeSchema = z.enum(Object.keys(ITEM_TYPES) as [ItemType, ...ItemType[]]);

export const ROUTES = {
  meeting: 'At a meeting',
  'chairs-action': "Chair's action",
  'between-meetings': 'Between meetings',
} as const;
export type Route = keyof typeof ROUTES;
export const routeSchema = z.enum(Object.keys(ROUTES) as [Route, ...Route[]]);

/** ALL: every (unconflicted) approver must approve. FIRST: the first response decides. */
export const approvalModeSchema = z.enum(['ALL', 'FIRST']);
export type ApprovalMode = z.infer<typeof approvalModeSchema>;

/** What an approver can answer. */
export const RESPONSE_OUTCOMES = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'INFO_REQUESTED'] as const;
export const responseOutcomeSchema = z.enum(RESPONSE_OUTCOMES);
export type ResponseOutcome = z.infer<typeof responseOutcomeSchema>;

/** The outcome a decision records. */
export const decisionOutcomeSchema = z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'WITHDRAWN', 'EXPIRED']);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export const CONFLICT_NATURES = ['actual', 'potential', 'perceived'] as const;
export const conflictNatureSchema = z.enum(CONFLICT_NATURES);
export type ConflictNature = z.infer<typeof conflictNatureSchema>;

export const conflictSchema = z.object({
  person: personSchema,
  nature: conflictNatureSchema,
  howManaged: boundedText('How the conflict is managed', LIMITS.note),
  declaredBy: personSchema,
  declaredAt: isoInstantSchema,
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A person recorded as able to decide for an approver. */
export const delegateSchema = z.object({ approverId: personSchema.shape.id, delegate: personSchema });
export type Delegate = z.infer<typeof delegateSchema>;

export const MAX_APPROVERS = 12;
const CONDITIONS_MAX = MAX_APPROVERS * (LIMITS.note + 210);

const responseSchema = z.object({
  /** The approver whose seat this answers. */
  approver: personSchema,
  /** Who pressed the button: the approver or their delegate. */
  by: personSchema,
  at: isoInstantSchema,
  outcome: responseOutcomeSchema,
  comment: optionalText('Comment', LIMITS.note),
  conditions: optionalText('Conditions', LIMITS.note),
});
export type SignOffResponse = z.infer<typeof responseSchema>;

const decisionSchema = z.object({
  outcome: decisionOutcomeSchema,
  by: personSchema,
  at: isoInstantSchema,
  comment: optionalText('Comment', LIMITS.note),
  conditions: optionalText('Conditions', CONDITIONS_MAX),
});
export type SignOffDecision = z.infer<typeof decisionSchema>;

const ratificationSchema = z.object({
  outcome: z.enum(['RATIFIED', 'NOT_RATIFIED']),
  meeting: boundedText('Meeting', LIMITS.title),
  by: personSchema,
  at: isoInstantSchema,
  comment: optionalText('Comment', LIMITS.note),
});

const infoRequestSchema = z.object({
  by: personSchema,
  at: isoInstantSchema,
  question: boundedText('Information requested', LIMITS.note),
  answer: optionalText('Answer', LIMITS.note),
  answeredAt: isoInstantSchema.optional(),
});

const approversSchema = z
  .array(personSchema)
  .min(1, 'Name at least one approver.')
  .max(MAX_APPROVERS, `Name at most ${MAX_APPROVERS} approvers.`)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'Each approver can be named only once.');

export const signOffSchema = z.object({
  kind: z.literal('signoff'),
  ref: z.string(),
  place: placeCodeSchema,
  board: boundedText('Board or forum', LIMITS.title),
  title: boundedText('Title', LIMITS.title),
  summary: boundedText('Summary', LIMITS.longText),
  /** http(s) only, so a link on a card or in a board pack can never run script. */
  paperUrl: optionalText('Link to the paper', LIMITS.url).pipe(
    z.string().url('Give a full link, starting https://').regex(/^https?:\/\//i, 'Give a full link, starting https://').optional(),
  ),
  itemType: itemTypeSchema,
  route: routeSchema,
  /** The record this sign-off is about, e.g. the action proposed for closure. */
  subjectRef: optionalText('Subject reference', 20),
  approvers: approversSchema,
  mode: approvalModeSchema,
  delegates: boundedList('Delegates', delegateSchema, 20),
  conflicts: boundedList('Conflicts of interest', conflictSchema, 40),
  requestedBy: personSchema,
  requestedAt: isoInstantSchema,
  dueBy: isoDateSchema,
  /** Pending past this date, it may be expired. */
  expiresOn: isoDateSchema,
  status: signOffStatusSchema,
  /** Responses in the current round; cleared when the requester resubmits. */
  responses: boundedList('Responses', responseSchema, MAX_APPROVERS),
  infoRequests: boundedList('Information requests', infoRequestSchema, 20),
  decision: decisionSchema.optional(),
  ratification: ratificationSchema.optional(),
  /** A correction names the sign-off it corrects; the old one is never changed. */
  corrects: optionalText('Corrects', 20),
});
export type SignOff = z.infer<typeof signOffSchema>;

/** What a person supplies to ask for a sign-off, before it has a ref. */
export const signOffDraftSchema = z.object({
  place: placeCodeSchema,
  board: boundedText('Board or forum', LIMITS.title),
  title: boundedText('Title', LIMITS.title),
  summary: boundedText('Summary', LIMITS.longText),
  paperUrl: signOffSchema.shape.paperUrl,
  itemType: itemTypeSchema,
  route: routeSchema,
  subjectRef: optionalText('Subject reference', 20),
  approvers: approversSchema,
  mode: approvalModeSchema.default('FIRST'),
  delegates: boundedList('Delegates', delegateSchema, 20).default([]),
  /** Conflicts known when asking; each is declared by the requester. */
  conflicts: boundedList(
    'Conflicts of interest',
    conflictSchema.pick({ person: true, nature: true, howManaged: true }),
    40,
  ).default([]),
  dueBy: isoDateSchema,
  /** Defaults to 30 days after the request. */
  expiresOn: isoDateSchema.optional(),
  corrects: optionalText('Corrects', 20),
});
export type SignOffDraft = z.input<typeof signOffDraftSchema>;

export const DEFAULT_EXPIRY_DAYS = 30;

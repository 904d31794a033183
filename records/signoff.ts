// Sign-offs: a request for approval, decided by named approvers (or their recorded
// delegates), never changed once decided. Schema and the one state machine that changes one.
// Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { delegationProblem, onBehalfOf as onBehalfOfName, takesNoDelegate } from './delegation.js';
import { auditEvent, type AuditEvent } from './audit.js';
import { addDays, isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText, paperLinkMessage } from './limits.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { isChairOrAdmin, personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
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
  'key-messages': 'Key messages',
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

/**
 * The Teams user id (MRI, "29:…") of a person, where the bot learned it: Teams' per-user views
 * (`refresh.userIds`) name people by it, while records name them by their directory id.
 */
export const teamsIdSchema = z.object({ personId: personSchema.shape.id, teamsId: z.string().trim().min(1).max(200) });
export type TeamsId = z.infer<typeof teamsIdSchema>;

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
  teamsIds: boundedList('Teams ids', teamsIdSchema, 40).default([]),
});
export type SignOff = z.infer<typeof signOffSchema>;

/** A link to the paper as a person gives it: https only (records stored before this may hold http). */
const paperLinkInput = optionalText('Link to the paper', LIMITS.url).pipe(
  z.string().url(paperLinkMessage).regex(/^https:\/\//i, paperLinkMessage).optional(),
);

/** What a person supplies to ask for a sign-off, before it has a ref. */
export const signOffDraftSchema = z.object({
  place: placeCodeSchema,
  board: boundedText('Board or forum', LIMITS.title),
  title: boundedText('Title', LIMITS.title),
  summary: boundedText('Summary', LIMITS.longText),
  paperUrl: paperLinkInput,
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
  /** The Teams user ids of the approvers and requester, where known (for per-user views). */
  teamsIds: boundedList('Teams ids', teamsIdSchema, 40).default([]),
});
export type SignOffDraft = z.input<typeof signOffDraftSchema>;

export const DEFAULT_EXPIRY_DAYS = 30;

export function isFinal(signOff: Pick<SignOff, 'status'>): boolean {
  return FINAL_SIGNOFF_STATUSES.includes(signOff.status);
}


/** A declared conflict bars that person from deciding, in their own seat or as a delegate. */
export function hasConflict(signOff: Pick<SignOff, 'conflicts'>, personId: string): boolean {
  return signOff.conflicts.some((c) => c.person.id === personId);
}

/** Approvers who may still decide: those with no declared conflict. */
export function eligibleApprovers(signOff: Pick<SignOff, 'approvers' | 'conflicts'>): Person[] {
  return signOff.approvers.filter((a) => !hasConflict(signOff, a.id));
}

/** The approvers a person may answer for: their own seat, and any seat they are the recorded delegate for. */
export function seatsOf(signOff: Pick<SignOff, 'approvers' | 'delegates'>, personId: string): Person[] {
  return signOff.approvers.filter(
    (a) => a.id === personId || signOff.delegates.some((d) => d.approverId === a.id && d.delegate.id === personId),
  );
}

/**
 * Why `delegate` may not answer for approver `approverId`, recorded by `recorder`; undefined when
 * they may. Separation of duties: a delegate is never the person recording it (a chair or admin
 * cannot name themselves), another approver of the same sign-off, the requester, or someone with a
 * declared conflict; and one person answers for at most one seat.
 */
export function delegateProblem(
  signOff: Pick<SignOff, 'approvers' | 'delegates' | 'conflicts' | 'requestedBy'> & { ref?: string },
  recorder: Pick<Person, 'id'>,
  approverId: string,
  delegate: Person,
): string | undefined {
  const approver = signOff.approvers.find((a) => a.id === approverId);
  const which = signOff.ref ? ` of ${signOff.ref}` : '';
  if (samePerson(delegate, signOff.requestedBy)) return 'The person who asked cannot be a delegate.';
  if (approver && samePerson(delegate, approver)) return 'An approver cannot be their own delegate.';
  if (signOff.approvers.some((a) => samePerson(a, delegate))) {
    return `${delegate.name} is an approver${which} already, so cannot also answer for ${approver?.name ?? 'another approver'}.`;
  }
  if (samePerson(delegate, recorder)) return 'You cannot record yourself as a delegate: name someone else, or ask the approver to.';
  if (hasConflict(signOff, delegate.id)) return `${delegate.name} has declared a conflict of interest${which}, so cannot be a delegate.`;
  const other = signOff.delegates.find((d) => d.delegate.id === delegate.id);
  if (other) {
    if (other.approverId === approverId) return `${delegate.name} is already a delegate for ${approver?.name ?? 'that approver'}.`;
    const seat = signOff.approvers.find((a) => a.id === other.approverId);
    return `${delegate.name} already answers for ${seat?.name ?? 'another approver'}; one person answers for at most one seat.`;
  }
  return undefined;
}

/** Everyone who took part in deciding it: who pressed the button, and whose seat it was. */
function deciderIds(signOff: Pick<SignOff, 'decision' | 'responses'>): Set<string> {
  const ids = new Set<string>(signOff.responses.flatMap((r) => [r.by.id, r.approver.id]));
  if (signOff.decision) ids.add(signOff.decision.by.id);
  return ids;
}

/** Whether this person took part in deciding it (so may not record its ratification). */
export function tookPartInDecision(signOff: Pick<SignOff, 'decision' | 'responses'>, personId: string): boolean {
  return deciderIds(signOff).has(personId);
}

/** Who should see the decision buttons now (for a card's refresh.userIds). */
export function deciders(signOff: SignOff): Person[] {
  if (signOff.status !== 'PENDING') return [];
  const answered = new Set(signOff.responses.map((r) => r.approver.id));
  const people = new Map<string, Person>();
  for (const seat of eligibleApprovers(signOff)) {
    if (answered.has(seat.id)) continue;
    people.set(seat.id, seat);
    for (const d of signOff.delegates) {
      if (d.approverId === seat.id && !hasConflict(signOff, d.delegate.id)) people.set(d.delegate.id, d.delegate);
    }
  }
  return [...people.values()];
}

/** Asks for a sign-off. The draft is validated here, so a card's raw input may be passed. */
export function createSignOff(draft: SignOffDraft, ref: string, actor: Actor, now: Date): Transition<SignOff> {
  const parsed = signOffDraftSchema.safeParse(draft);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const d = parsed.data;
  const today = londonToday(now);
  const at = now.toISOString();
  const by = toPerson(actor);
  if (d.dueBy < today) return invalid({ dueBy: 'The due date must be today or later.' });
  const expiresOn = d.expiresOn ?? addDays(today, DEFAULT_EXPIRY_DAYS);
  if (expiresOn < d.dueBy) return invalid({ expiresOn: 'The request cannot expire before it is due.' });
  // Separation of duties: nobody approves their own request, directly or as a delegate.
  if (d.approvers.some((a) => samePerson(a, actor))) return invalid({ approvers: 'You cannot approve your own request; name someone else.' });
  if (d.delegates.some((x) => samePerson(x.delegate, actor))) return invalid({ delegates: 'You cannot be a delegate on your own request.' });
  const strayDelegate = d.delegates.find((x) => !d.approvers.some((a) => a.id === x.approverId));
  if (strayDelegate) return invalid({ delegates: `${strayDelegate.delegate.name} is a delegate for someone who is not an approver.` });
  if (d.delegates.length && takesNoDelegate(d)) return invalid({ delegates: delegationProblem({ ...d, ref: ref }, actor, d.delegates[0]!.approverId)! });
  // Each delegate as if recorded one after another by the requester: the same rule as from the card.
  const draftConflicts = d.conflicts.map((c) => ({ ...c, declaredBy: by, declaredAt: at }));
  for (let i = 0; i < d.delegates.length; i++) {
    const x = d.delegates[i]!;
    const problem = delegateProblem({ approvers: d.approvers, delegates: d.delegates.slice(0, i), conflicts: draftConflicts, requestedBy: by }, by, x.approverId, x.delegate);
    if (problem) return invalid({ delegates: problem });
  }
  if (d.corrects && !/^(BPL|BWD|LAN|SC)-S-\d{4,}$/.test(d.corrects.toUpperCase())) {
    return invalid({ corrects: 'Give the sign-off reference being corrected, like LAN-S-0003.' });
  }
  const conflicts: Conflict[] = d.conflicts.map((c) => ({ ...c, person: toPerson(c.person), declaredBy: by, declaredAt: at }));
  const signOff: SignOff = {
    kind: 'signoff',
    ref,
    place: d.place,
    board: d.board,
    title: d.title,
    summary: d.summary,
    ...(d.paperUrl ? { paperUrl: d.paperUrl } : {}),
    itemType: d.itemType,
    route: d.route,
    ...(d.subjectRef ? { subjectRef: d.subjectRef } : {}),
    approvers: d.approvers.map(toPerson),
    mode: d.mode,
    delegates: d.delegates.map((x) => ({ approverId: x.approverId, delegate: toPerson(x.delegate) })),
    conflicts,
    requestedBy: by,
    requestedAt: at,
    dueBy: d.dueBy,
    expiresOn,
    status: 'PENDING',
    responses: [],
    infoRequests: [],
    ...(d.corrects ? { corrects: d.corrects.toUpperCase() } : {}),
    teamsIds: d.teamsIds,
  };
  if (eligibleApprovers(signOff).length === 0) {
    return invalid({ approvers: 'Every approver has a declared conflict of interest; name one who has none.' });
  }
  return { ok: true, record: signOff, event: auditEvent('signoff', signOff, actor, 'create', at, null, signOff) };
}

export type SignOffCommand =
  | { type: 'approve'; comment?: string; onBehalfOf?: string }
  | { type: 'approveWithConditions'; conditions: string; comment?: string; onBehalfOf?: string }
  | { type: 'reject'; reason: string; onBehalfOf?: string }
  | { type: 'requestInfo'; question: string; onBehalfOf?: string }
  | { type: 'resubmit'; answer: string; summary?: string; paperUrl?: string; dueBy?: IsoDate }
  | { type: 'withdraw'; reason?: string }
  | { type: 'expire' }
  | { type: 'declareConflict'; person: Person; nature: ConflictNature; howManaged: string }
  | { type: 'addDelegate'; approverId: string; delegate: Person; teamsId?: string }
  | { type: 'ratify'; meeting: string; comment?: string }
  | { type: 'notRatify'; meeting: string; reason: string };

type DecideType = 'approve' | 'approveWithConditions' | 'reject' | 'requestInfo';
const DECIDE_COMMANDS = new Set<SignOffCommand['type']>(['approve', 'approveWithConditions', 'reject', 'requestInfo']);

/** Where each command may start from. Final statuses appear nowhere: a decided sign-off never changes. */
const ALLOWED_FROM: Record<SignOffCommand['type'], readonly SignOffStatus[]> = {
  approve: ['PENDING'],
  approveWithConditions: ['PENDING'],
  reject: ['PENDING'],
  requestInfo: ['PENDING'],
  resubmit: ['INFO_REQUESTED'],
  withdraw: ['PENDING', 'INFO_REQUESTED'],
  expire: ['PENDING', 'INFO_REQUESTED'],
  declareConflict: ['PENDING', 'INFO_REQUESTED'],
  addDelegate: ['PENDING', 'INFO_REQUESTED'],
  ratify: ['AWAITING_RATIFICATION'],
  notRatify: ['AWAITING_RATIFICATION'],
};

const onBehalfOf = z.string().trim().min(1).max(200).optional();
const COMMAND_INPUT: { [K in SignOffCommand['type']]: z.ZodType<Omit<Extract<SignOffCommand, { type: K }>, 'type'>, z.ZodTypeDef, unknown> } = {
  approve: z.object({ comment: optionalText('Comment', LIMITS.note), onBehalfOf }),
  approveWithConditions: z.object({
    conditions: boundedText('Conditions', LIMITS.note),
    comment: optionalText('Comment', LIMITS.note),
    onBehalfOf,
  }),
  reject: z.object({ reason: boundedText('Reason for rejecting', LIMITS.note), onBehalfOf }),
  requestInfo: z.object({ question: boundedText('Information needed', LIMITS.note), onBehalfOf }),
  resubmit: z.object({
    answer: boundedText('Answer', LIMITS.note),
    summary: optionalText('Summary', LIMITS.longText),
    paperUrl: paperLinkInput,
    dueBy: isoDateSchema.optional(),
  }),
  withdraw: z.object({ reason: optionalText('Reason', LIMITS.note) }),
  expire: z.object({}),
  declareConflict: z.object({ person: personSchema, nature: conflictNatureSchema, howManaged: boundedText('How the conflict is managed', LIMITS.note) }),
  addDelegate: z.object({ approverId: z.string().trim().min(1).max(200), delegate: personSchema, teamsId: teamsIdSchema.shape.teamsId.optional() }),
  ratify: z.object({ meeting: boundedText('Meeting', LIMITS.title), comment: optionalText('Comment', LIMITS.note) }),
  notRatify: z.object({ meeting: boundedText('Meeting', LIMITS.title), reason: boundedText('Reason', LIMITS.note) }),
};

/** Records the decision; an approval by chair's action waits for ratification at a meeting. */
function decide(signOff: SignOff, decision: SignOffDecision): SignOff {
  const approving = decision.outcome === 'APPROVED' || decision.outcome === 'APPROVED_WITH_CONDITIONS';
  const status: SignOffStatus = approving && signOff.route === 'chairs-action' ? 'AWAITING_RATIFICATION' : decision.outcome;
  return { ...signOff, status, decision };
}

/** In ALL mode: once every eligible approver has approved, the sign-off is decided. */
function settleAll(signOff: SignOff, by: Person, at: string): SignOff {
  const eligible = eligibleApprovers(signOff);
  const approvals = signOff.responses.filter((r) => r.outcome === 'APPROVED' || r.outcome === 'APPROVED_WITH_CONDITIONS');
  if (!eligible.every((a) => approvals.some((r) => r.approver.id === a.id))) return signOff;
  const withConditions = approvals.filter((r) => r.conditions);
  const last = approvals.at(-1);
  return decide(signOff, {
    outcome: withConditions.length > 0 ? 'APPROVED_WITH_CONDITIONS' : 'APPROVED',
    // The last approval decides it; whoever settled it otherwise (a conflict declared) decides nothing.
    by: last?.by ?? by,
    at,
    ...(last?.comment ? { comment: last.comment } : {}),
    ...(withConditions.length > 0 ? { conditions: withConditions.map((r) => `${r.approver.name}: ${r.conditions}`).join('\n') } : {}),
  });
}

/** Applies one command to a sign-off: the only way a sign-off changes after it is asked for. */
export function applySignOffCommand(signOff: SignOff, actor: Actor, command: SignOffCommand, now: Date): Transition<SignOff> {
  const { type, ...input } = command;
  // State before input: a decided sign-off refuses every command the same way, whatever was sent.
  const from = ALLOWED_FROM[type];
  if (!from) return refuse('NOT_ALLOWED', 'That is not something a sign-off can do.');
  if (!from.includes(signOff.status)) {
    return refuse(
      'WRONG_STATE',
      isFinal(signOff)
        ? `${signOff.ref} is ${SIGNOFF_STATUS_LABELS[signOff.status].toLowerCase()} and can no longer change; ask for a new sign-off that corrects it.`
        : `${signOff.ref} is ${SIGNOFF_STATUS_LABELS[signOff.status].toLowerCase()}, so that cannot be done now.`,
    );
  }
  const parsed = COMMAND_INPUT[type].safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const cmd = { type, ...parsed.data } as SignOffCommand;
  const at = now.toISOString();
  const today = londonToday(now);
  const by = toPerson(actor);
  const isRequester = samePerson(actor, signOff.requestedBy);
  let next: SignOff;

  if (DECIDE_COMMANDS.has(cmd.type)) {
    const c = cmd as Extract<SignOffCommand, { type: DecideType }>;
    const seats = seatsOf(signOff, actor.id);
    if (seats.length === 0) {
      return refuse('WRONG_PERSON', `Only the named approvers of ${signOff.ref}, or their recorded delegates, can decide it.`);
    }
    let seat: Person | undefined;
    if (c.onBehalfOf) {
      seat = seats.find((s) => s.id === c.onBehalfOf);
      if (!seat) return refuse('WRONG_PERSON', `You are not a recorded delegate for that approver of ${signOff.ref}.`);
    } else {
      // Their own seat first, else the one seat still waiting; ask only when it is truly ambiguous.
      const unanswered = seats.filter((s) => !signOff.responses.some((r) => r.approver.id === s.id));
      const own = seats.find((s) => s.id === actor.id);
      seat =
        own && unanswered.includes(own) ? own : unanswered.length === 1 ? unanswered[0] : unanswered.length === 0 ? (own ?? seats[0]) : undefined;
      if (!seat) return invalid({ onBehalfOf: 'Say which approver you are answering for.' });
    }
    if (hasConflict(signOff, seat.id) || hasConflict(signOff, actor.id)) {
      const who = hasConflict(signOff, actor.id) ? 'You have' : `${seat.name} has`;
      return refuse('WRONG_PERSON', `${who} declared a conflict of interest on ${signOff.ref}, so cannot decide it.`);
    }
    if (signOff.responses.some((r) => r.approver.id === seat.id)) {
      return refuse('NOT_ALLOWED', `${seat.name} has already answered ${signOff.ref}.`);
    }
    const outcome: ResponseOutcome =
      c.type === 'approve' ? 'APPROVED' : c.type === 'approveWithConditions' ? 'APPROVED_WITH_CONDITIONS' : c.type === 'reject' ? 'REJECTED' : 'INFO_REQUESTED';
    const comment = c.type === 'reject' ? c.reason : c.type === 'requestInfo' ? c.question : c.comment;
    const conditions = c.type === 'approveWithConditions' ? c.conditions : undefined;
    // A delegate's answer reads, and is recorded, as "<delegate> on behalf of <approver>".
    const decidedBy = seat.id === actor.id ? by : { id: by.id, name: onBehalfOfName(by.name, seat.name) };
    const response: SignOffResponse = {
      approver: toPerson(seat),
      by: decidedBy,
      at,
      outcome,
      ...(comment ? { comment } : {}),
      ...(conditions ? { conditions } : {}),
    };
    const answered: SignOff = { ...signOff, responses: [...signOff.responses, response] };
    if (outcome === 'INFO_REQUESTED') {
      if (signOff.infoRequests.length >= 20) return refuse('NOT_ALLOWED', `${signOff.ref} has had 20 requests for information; withdraw it and ask again.`);
      next = { ...answered, status: 'INFO_REQUESTED', infoRequests: [...signOff.infoRequests, { by, at, question: comment! }] };
    } else if (outcome === 'REJECTED' || signOff.mode === 'FIRST') {
      next = decide(answered, {
        outcome,
        by: decidedBy,
        at,
        ...(comment ? { comment } : {}),
        ...(conditions ? { conditions } : {}),
      });
    } else {
      next = settleAll(answered, decidedBy, at);
    }
  } else {
    switch (cmd.type) {
      case 'resubmit': {
        if (!isRequester && !actor.roles.includes('admin')) {
          return refuse('WRONG_PERSON', `Only ${signOff.requestedBy.name}, who asked, or a place admin can resubmit ${signOff.ref}.`);
        }
        if (cmd.dueBy && cmd.dueBy < today) return invalid({ dueBy: 'The due date must be today or later.' });
        const dueBy = cmd.dueBy ?? signOff.dueBy;
        // A resubmission restarts the clock, or the approvers would have no time to read the answer.
        const fresh = addDays(today, DEFAULT_EXPIRY_DAYS);
        const expiresOn = [signOff.expiresOn, fresh, dueBy].sort().at(-1)!;
        const infoRequests = signOff.infoRequests.map((r, i, all) =>
          i === all.length - 1 ? { ...r, answer: cmd.answer, answeredAt: at } : r,
        );
        next = {
          ...signOff,
          status: 'PENDING',
          responses: [],
          infoRequests,
          dueBy,
          expiresOn,
          ...(cmd.summary ? { summary: cmd.summary } : {}),
          ...(cmd.paperUrl ? { paperUrl: cmd.paperUrl } : {}),
        };
        break;
      }
      case 'withdraw':
        if (!isRequester && !actor.roles.includes('admin')) {
          return refuse('WRONG_PERSON', `Only ${signOff.requestedBy.name}, who asked, or a place admin can withdraw ${signOff.ref}.`);
        }
        next = { ...signOff, status: 'WITHDRAWN', decision: { outcome: 'WITHDRAWN', by, at, ...(cmd.reason ? { comment: cmd.reason } : {}) } };
        break;
      case 'expire':
        // Anyone (in practice the daily timer) may expire it, but only once the clock says so.
        if (today <= signOff.expiresOn) return refuse('NOT_ALLOWED', `${signOff.ref} does not expire until the end of ${signOff.expiresOn}.`);
        next = { ...signOff, status: 'EXPIRED', decision: { outcome: 'EXPIRED', by, at } };
        break;
      case 'declareConflict': {
        // Only an approver or a recorded delegate, for themselves: nobody can bar someone else from deciding.
        if (seatsOf(signOff, actor.id).length === 0) {
          return refuse('WRONG_PERSON', `Only an approver of ${signOff.ref}, or a recorded delegate, can declare a conflict of interest on it.`);
        }
        if (!samePerson(actor, cmd.person)) {
          return refuse('WRONG_PERSON', 'A conflict of interest is declared by the approver or delegate themselves.');
        }
        if (hasConflict(signOff, cmd.person.id)) return invalid({ person: `${cmd.person.name} has already declared a conflict on ${signOff.ref}.` });
        if (signOff.conflicts.length >= 40) return refuse('NOT_ALLOWED', `${signOff.ref} already records 40 conflicts.`);
        const declared: SignOff = {
          ...signOff,
          conflicts: [
            ...signOff.conflicts,
            { person: toPerson(cmd.person), nature: cmd.nature, howManaged: cmd.howManaged, declaredBy: by, declaredAt: at },
          ],
          // A conflicted approver's earlier answer (or one they gave as a delegate) no longer counts.
          responses: signOff.responses.filter((r) => r.approver.id !== cmd.person.id && r.by.id !== cmd.person.id),
        };
        if (eligibleApprovers(declared).length === 0) {
          return refuse('NOT_ALLOWED', `That would leave ${signOff.ref} with no approver free to decide; withdraw it and ask another approver.`);
        }
        next = declared.status === 'PENDING' && declared.mode === 'ALL' ? settleAll(declared, by, at) : declared;
        break;
      }
      case 'addDelegate': {
        const approver = signOff.approvers.find((a) => a.id === cmd.approverId);
        if (!approver) return invalid({ approverId: 'Choose one of the approvers.' });
        if (!samePerson(actor, approver) && !isChairOrAdmin(actor)) {
          return refuse('WRONG_PERSON', `Only ${approver.name} can name a delegate for their own seat.`);
        }
        const problem = delegateProblem(signOff, actor, approver.id, cmd.delegate);
        if (problem) return invalid({ delegate: problem });
        // records/delegation.ts: only the approver names their own delegate; chair-only sign-offs take none.
        const notYours = delegationProblem(signOff, actor, approver.id);
        if (notYours) return refuse('WRONG_PERSON', notYours);
        if (signOff.delegates.length >= 20) return refuse('NOT_ALLOWED', `${signOff.ref} already records 20 delegates.`);
        const known = cmd.teamsId && !signOff.teamsIds.some((t) => t.personId === cmd.delegate.id) && signOff.teamsIds.length < 40;
        next = {
          ...signOff,
          delegates: [...signOff.delegates, { approverId: approver.id, delegate: toPerson(cmd.delegate) }],
          ...(known ? { teamsIds: [...signOff.teamsIds, { personId: cmd.delegate.id, teamsId: cmd.teamsId! }] } : {}),
        };
        break;
      }
      case 'ratify':
      case 'notRatify':
        if (!isChairOrAdmin(actor)) return refuse('WRONG_PERSON', `Only a chair or place admin can record the ratification of ${signOff.ref}.`);
        if (deciderIds(signOff).has(actor.id)) {
          return refuse('WRONG_PERSON', `You decided ${signOff.ref} (or it was decided in your seat), so its ratification is recorded by another chair or place admin.`);
        }
        next = {
          ...signOff,
          status: cmd.type === 'ratify' ? 'RATIFIED' : 'NOT_RATIFIED',
          ratification: {
            outcome: cmd.type === 'ratify' ? 'RATIFIED' : 'NOT_RATIFIED',
            meeting: cmd.meeting,
            by,
            at,
            ...(cmd.type === 'ratify' ? (cmd.comment ? { comment: cmd.comment } : {}) : { comment: cmd.reason }),
          },
        };
        break;
      default:
        return refuse('NOT_ALLOWED', 'That is not something a sign-off can do.');
    }
  }
  return { ok: true, record: next, event: auditEvent('signoff', next, actor, type, at, signOff, next) };
}

/** Who the bot is when the clock changes a record (lazy expiry, the scheduled sweep). */
export const CLOCK_ACTOR: Actor = { id: 'place-partnership-bot', name: 'Place Partnership bot (due date passed)', roles: [] };

/** A pending sign-off past its expiry date expires: the transition to write, or undefined while it still stands. */
export function expiryDue(signOff: SignOff, now: Date): Transition<SignOff> | undefined {
  if (signOff.status !== 'PENDING' && signOff.status !== 'INFO_REQUESTED') return undefined;
  if (londonToday(now) <= signOff.expiresOn) return undefined;
  const t = applySignOffCommand(signOff, CLOCK_ACTOR, { type: 'expire' }, now);
  return t.ok ? t : undefined;
}

/**
 * The audit event of an answer that was refused because the person may not give it (a forged
 * invoke, an old card in the wrong hands): nothing changes, but the attempt is kept.
 */
export function refusedAttempt(signOff: SignOff, actor: Actor, command: SignOffCommand, reason: string, now: Date): AuditEvent {
  return {
    kind: 'signoff',
    ref: signOff.ref,
    place: signOff.place,
    at: now.toISOString(),
    actor: toPerson(actor),
    command: `refused:${command.type}`,
    before: null,
    after: { refused: command.type, reason, status: signOff.status },
  };
}

/** What one person may do with a sign-off now: it decides which view of the card they get. */
export interface SignOffPermissions {
  /** The approvers' seats this person may still answer for (their own and as delegate), unconflicted. */
  seats: Person[];
  /** They are an approver or delegate but barred by a declared conflict. */
  conflicted: boolean;
  /** Their own seat's (or their delegated seats') answers in this round. */
  answered: SignOffResponse[];
  canDeclareConflict: boolean;
  canWithdraw: boolean;
  canResubmit: boolean;
  canRatify: boolean;
  /** The approvers they may record a delegate for. */
  canDelegateFor: Person[];
}

export function permissionsOf(signOff: SignOff, actor: Actor): SignOffPermissions {
  const all = seatsOf(signOff, actor.id);
  const open = signOff.status === 'PENDING' || signOff.status === 'INFO_REQUESTED';
  const conflicted = all.length > 0 && (hasConflict(signOff, actor.id) || all.every((s) => hasConflict(signOff, s.id)));
  const answered = signOff.responses.filter((r) => all.some((s) => s.id === r.approver.id));
  const seats =
    signOff.status === 'PENDING' && !hasConflict(signOff, actor.id)
      ? all.filter((s) => !hasConflict(signOff, s.id) && !answered.some((r) => r.approver.id === s.id))
      : [];
  const isRequester = samePerson(actor, signOff.requestedBy);
  const admin = actor.roles.includes('admin');
  return {
    seats,
    conflicted,
    answered,
    canDeclareConflict: open && all.some((s) => s.id === actor.id) && !hasConflict(signOff, actor.id),
    canWithdraw: open && (isRequester || admin),
    canResubmit: signOff.status === 'INFO_REQUESTED' && (isRequester || admin),
    canRatify: signOff.status === 'AWAITING_RATIFICATION' && isChairOrAdmin(actor) && !deciderIds(signOff).has(actor.id),
    // records/delegation.ts: only the approver, for their own seat, and never on a chair-only sign-off.
    canDelegateFor: open ? signOff.approvers.filter((a) => !delegationProblem(signOff, actor, a.id)) : [],
  };
}

/**
 * Everyone who should get their own view of the card (refresh.userIds): approvers, delegates,
 * requester, by Teams user id where known (else their directory id). At most 60.
 */
export function viewers(signOff: SignOff): string[] {
  const teams = new Map(signOff.teamsIds.map((t) => [t.personId, t.teamsId]));
  const ids = new Set<string>([...signOff.approvers.map((a) => a.id), ...signOff.delegates.map((d) => d.delegate.id), signOff.requestedBy.id]);
  return [...ids].map((id) => teams.get(id) ?? id).slice(0, 60);
}

// Sign-offs: a request for approval, decided by named approvers (or their recorded
// delegates), never changed once decided: the schema, labels, who may decide, and the create rule (its changes: signoffCommands.ts).
// Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { delegationProblem, takesNoDelegate } from './delegation.js';
import { auditEvent } from './audit.js';
import { coverRiskRefProblem, coverRisksProblem, coverSheetSchema } from './coverSheet.js';
import { addDays, isoDateSchema, isoInstantSchema, londonToday } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText, paperLinkMessage } from './limits.js';
import { fieldErrorsOf, invalid, type Transition } from './outcome.js';
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
  'NOTED',
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
  NOTED: 'Noted',
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
  'NOTED',
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

/** What an approver can answer. */
export const RESPONSE_OUTCOMES = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'INFO_REQUESTED'] as const;
export const responseOutcomeSchema = z.enum(RESPONSE_OUTCOMES);
export type ResponseOutcome = z.infer<typeof responseOutcomeSchema>;

/** The outcome a decision records. */
export const decisionOutcomeSchema = z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'NOTED']);

/** What a board decides on a paper at a meeting (records/meetingPapers.ts); "Deferred" leaves it open for a later one. */
export const PAPER_OUTCOMES = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'NOTED', 'REJECTED', 'DEFERRED'] as const;
export const paperOutcomeSchema = z.enum(PAPER_OUTCOMES);
export type PaperOutcome = z.infer<typeof paperOutcomeSchema>;
const meetingOutcomeSchema = z.object({
  outcome: paperOutcomeSchema,
  /** How the meeting reads, e.g. "Blackpool Place Partnership Board, 12 Nov 2026 (BPL-M-0001)". */
  meeting: boundedText('Meeting', LIMITS.title),
  meetingRef: z.string().regex(/^(BPL|BWD|LAN|SC)-M-\d{4,}$/),
  by: personSchema,
  at: isoInstantSchema,
  text: optionalText('Note', LIMITS.note),
  /** Deferred to: a month ("2027-03") or a meeting (its ref); the paper is then on its forum's forward plan. */
  deferredTo: z
    .string()
    .regex(/^(\d{4}-(0[1-9]|1[0-2])|(BPL|BWD|LAN|SC)-M-\d{4,})$/)
    .optional(),
});
export type MeetingOutcome = z.infer<typeof meetingOutcomeSchema>;

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

/** A person recorded as able to decide for an approver. */
export const delegateSchema = z.object({ approverId: personSchema.shape.id, delegate: personSchema });

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
    z
      .string()
      .url('Give a full link, starting https://')
      .regex(/^https?:\/\//i, 'Give a full link, starting https://')
      .optional(),
  ),
  itemType: itemTypeSchema,
  route: routeSchema,
  /** The record this sign-off is about, e.g. the action proposed for closure. */
  subjectRef: optionalText('Subject reference', 20),
  /** The paper's cover sheet, as the board receives it (records/coverSheet.ts); older requests have none. */
  cover: coverSheetSchema.optional(),
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
  /** What meetings decided on it, a paper routed "at a meeting": deferrals, then the decision. */
  atMeetings: boundedList('Meeting decisions', meetingOutcomeSchema, 20).optional(),
  /** A correction names the sign-off it corrects; the old one is never changed. */
  corrects: optionalText('Corrects', 20),
  teamsIds: boundedList('Teams ids', teamsIdSchema, 40).default([]),
});
export type SignOff = z.infer<typeof signOffSchema>;

/** A link to the paper as a person gives it: https only (records stored before this may hold http). */
export const paperLinkInput = optionalText('Link to the paper', LIMITS.url).pipe(
  z
    .string()
    .url(paperLinkMessage)
    .regex(/^https:\/\//i, paperLinkMessage)
    .optional(),
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
  cover: coverSheetSchema.optional(),
  approvers: approversSchema,
  mode: approvalModeSchema.default('FIRST'),
  delegates: boundedList('Delegates', delegateSchema, 20).default([]),
  /** Conflicts known when asking; each is declared by the requester. */
  conflicts: boundedList('Conflicts of interest', conflictSchema.pick({ person: true, nature: true, howManaged: true }), 40).default([]),
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
export function deciderIds(signOff: Pick<SignOff, 'decision' | 'responses'>): Set<string> {
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
  if (d.approvers.some((a) => samePerson(a, actor)))
    return invalid({ approvers: 'You cannot approve your own request; name someone else.' });
  if (d.delegates.some((x) => samePerson(x.delegate, actor)))
    return invalid({ delegates: 'You cannot be a delegate on your own request.' });
  const strayDelegate = d.delegates.find((x) => !d.approvers.some((a) => a.id === x.approverId));
  if (strayDelegate) return invalid({ delegates: `${strayDelegate.delegate.name} is a delegate for someone who is not an approver.` });
  if (d.delegates.length && takesNoDelegate(d))
    return invalid({ delegates: delegationProblem({ ...d, ref: ref }, actor, d.delegates[0]!.approverId)! });
  // Each delegate as if recorded one after another by the requester: the same rule as from the card.
  const draftConflicts = d.conflicts.map((c) => ({ ...c, declaredBy: by, declaredAt: at }));
  for (let i = 0; i < d.delegates.length; i++) {
    const x = d.delegates[i]!;
    const problem = delegateProblem(
      { approvers: d.approvers, delegates: d.delegates.slice(0, i), conflicts: draftConflicts, requestedBy: by },
      by,
      x.approverId,
      x.delegate,
    );
    if (problem) return invalid({ delegates: problem });
  }
  if (d.corrects && !/^(BPL|BWD|LAN|SC)-S-\d{4,}$/.test(d.corrects.toUpperCase())) {
    return invalid({ corrects: 'Give the sign-off reference being corrected, like LAN-S-0003.' });
  }
  const riskRefProblem = coverRiskRefProblem(d.cover?.riskRef, d.place);
  if (riskRefProblem) return invalid({ coverRiskRef: riskRefProblem });
  const risksProblem = coverRisksProblem(d.cover, d.place);
  if (risksProblem) return invalid({ coverRiskRefs: risksProblem });
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
    ...(d.cover ? { cover: d.cover } : {}),
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
  const ids = new Set<string>([
    ...signOff.approvers.map((a) => a.id),
    ...signOff.delegates.map((d) => d.delegate.id),
    signOff.requestedBy.id,
  ]);
  return [...ids].map((id) => teams.get(id) ?? id).slice(0, 60);
}

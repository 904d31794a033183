// What happens to a sign-off: the commands a card gives (answer, decide, ask, withdraw, ratify,
// delegate, declare a conflict), the rule that applies each, and the clock's expiry. Pure.
import { z } from 'zod';
import { delegationProblem, onBehalfOf as onBehalfOfName } from './delegation.js';
import { auditEvent, type AuditEvent } from './audit.js';
import { addDays, isoDateSchema, londonToday, type IsoDate } from './dates.js';
import { boundedText, LIMITS, optionalText } from './limits.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { decidePaper } from './meetingPapers.js';
import { isChairOrAdmin, personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
import {
  conflictNatureSchema,
  DEFAULT_EXPIRY_DAYS,
  SIGNOFF_STATUS_LABELS,
  type ConflictNature,
  type ResponseOutcome,
  type SignOff,
  type SignOffDecision,
  type SignOffResponse,
  type SignOffStatus,
  deciderIds,
  paperOutcomeSchema,
  type PaperOutcome,
  delegateProblem,
  eligibleApprovers,
  hasConflict,
  isFinal,
  paperLinkInput,
  seatsOf,
  teamsIdSchema,
} from './signoff.js';

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
  | { type: 'notRatify'; meeting: string; reason: string }
  | { type: 'decideAtMeeting'; outcome: PaperOutcome; meeting: string; meetingRef: string; text?: string; deferTo?: string };

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
  decideAtMeeting: ['PENDING', 'INFO_REQUESTED'],
};

const onBehalfOf = z.string().trim().min(1).max(200).optional();
const COMMAND_INPUT: {
  [K in SignOffCommand['type']]: z.ZodType<Omit<Extract<SignOffCommand, { type: K }>, 'type'>, z.ZodTypeDef, unknown>;
} = {
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
  declareConflict: z.object({
    person: personSchema,
    nature: conflictNatureSchema,
    howManaged: boundedText('How the conflict is managed', LIMITS.note),
  }),
  addDelegate: z.object({
    approverId: z.string().trim().min(1).max(200),
    delegate: personSchema,
    teamsId: teamsIdSchema.shape.teamsId.optional(),
  }),
  ratify: z.object({ meeting: boundedText('Meeting', LIMITS.title), comment: optionalText('Comment', LIMITS.note) }),
  notRatify: z.object({ meeting: boundedText('Meeting', LIMITS.title), reason: boundedText('Reason', LIMITS.note) }),
  decideAtMeeting: z.object({
    outcome: paperOutcomeSchema,
    meeting: boundedText('Meeting', LIMITS.title),
    meetingRef: z.string().regex(/^(BPL|BWD|LAN|SC)-M-\d{4,}$/),
    text: optionalText('Note', LIMITS.note),
    deferTo: optionalText('Deferred to', 40),
  }),
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
        own && unanswered.includes(own)
          ? own
          : unanswered.length === 1
            ? unanswered[0]
            : unanswered.length === 0
              ? (own ?? seats[0])
              : undefined;
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
      c.type === 'approve'
        ? 'APPROVED'
        : c.type === 'approveWithConditions'
          ? 'APPROVED_WITH_CONDITIONS'
          : c.type === 'reject'
            ? 'REJECTED'
            : 'INFO_REQUESTED';
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
      if (signOff.infoRequests.length >= 20)
        return refuse('NOT_ALLOWED', `${signOff.ref} has had 20 requests for information; withdraw it and ask again.`);
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
        next = {
          ...signOff,
          status: 'WITHDRAWN',
          decision: { outcome: 'WITHDRAWN', by, at, ...(cmd.reason ? { comment: cmd.reason } : {}) },
        };
        break;
      case 'expire':
        // Anyone (in practice the daily timer) may expire it, but only once the clock says so.
        if (today <= signOff.expiresOn)
          return refuse('NOT_ALLOWED', `${signOff.ref} does not expire until the end of ${signOff.expiresOn}.`);
        next = { ...signOff, status: 'EXPIRED', decision: { outcome: 'EXPIRED', by, at } };
        break;
      case 'declareConflict': {
        // Only an approver or a recorded delegate, for themselves: nobody can bar someone else from deciding.
        if (seatsOf(signOff, actor.id).length === 0) {
          return refuse(
            'WRONG_PERSON',
            `Only an approver of ${signOff.ref}, or a recorded delegate, can declare a conflict of interest on it.`,
          );
        }
        if (!samePerson(actor, cmd.person)) {
          return refuse('WRONG_PERSON', 'A conflict of interest is declared by the approver or delegate themselves.');
        }
        if (hasConflict(signOff, cmd.person.id))
          return invalid({ person: `${cmd.person.name} has already declared a conflict on ${signOff.ref}.` });
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
          return refuse(
            'NOT_ALLOWED',
            `That would leave ${signOff.ref} with no approver free to decide; withdraw it and ask another approver.`,
          );
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
        if (!isChairOrAdmin(actor))
          return refuse('WRONG_PERSON', `Only a chair or place admin can record the ratification of ${signOff.ref}.`);
        if (deciderIds(signOff).has(actor.id)) {
          return refuse(
            'WRONG_PERSON',
            `You decided ${signOff.ref} (or it was decided in your seat), so its ratification is recorded by another chair or place admin.`,
          );
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
      case 'decideAtMeeting': {
        // records/meetingPapers.ts: a paper routed "at a meeting", decided there by a chair or admin.
        const t = decidePaper(signOff, actor, cmd, at);
        if (!t.ok) return t;
        next = t.record;
        break;
      }
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

// Board actions: who does what by when. Schema, RAG and the one state machine that
// changes an action. Pure: every function takes `now` and returns values.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { addDays, isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, httpsUrlSchema, LIMITS, optionalText, teamsMessageLinkSchema } from './limits.js';
import { checkCommand, fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { personSchema, samePerson, toPerson, type Actor, type Person } from './people.js';
import { localitySchema, placeCodeSchema, placePrioritySchema, strategicObjectiveSchema } from './places.js';

export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD', 'CLOSED', 'CANCELLED'] as const;
export const actionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD'];
export const STATUS_LABELS: Record<ActionStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  PROPOSED_FOR_CLOSURE: 'Proposed for closure',
  ON_HOLD: 'On hold',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

const sourceSchema = z.object({
  meeting: boundedText('Meeting or forum', LIMITS.title),
  date: isoDateSchema.optional(),
  minuteRef: optionalText('Minute reference', LIMITS.shortText),
});

const linksSchema = z.object({
  priority: placePrioritySchema.optional(),
  strategicObjective: strategicObjectiveSchema.optional(),
  riskRef: optionalText('Risk reference', 20),
  /** The place's own workstream and priority ward (records/placeTags.ts), checked against the place on the form. */
  workstream: optionalText('Workstream', LIMITS.shortText),
  ward: optionalText('Priority ward', LIMITS.shortText),
});

const escalationSchema = z.object({
  to: boundedText('Escalate to', LIMITS.shortText),
  why: boundedText('Reason for escalation', LIMITS.note),
  by: personSchema,
  at: isoInstantSchema,
});

/** Where an action's matter may be escalated from its card: the place's board, or beyond the place. */
export const ACTION_ESCALATION_TARGETS = [
  'The place partnership board',
  'ICB corporate risk register',
  'ICB Board',
  'A committee of the ICB',
] as const;

/** "You said, we did": an action that answers community feedback. */
const feedbackSchema = z.object({
  youSaid: boundedText('You said', LIMITS.note),
  weDid: optionalText('We did', LIMITS.note),
});

const updateSchema = z.object({ by: personSchema, at: isoInstantSchema, text: boundedText('Update', LIMITS.note) });
const revisionSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  reason: boundedText('Reason', LIMITS.note),
  by: personSchema,
  at: isoInstantSchema,
});
const decisionSchema = z.object({
  by: personSchema,
  at: isoInstantSchema,
  decision: boundedText('Decision', LIMITS.note),
  /** The meeting it was closed at (records/meeting.ts), when closed from a meeting's card. */
  meetingRef: optionalText('Meeting reference', 20),
});

export const actionSchema = z.object({
  kind: z.literal('action'),
  ref: z.string(),
  place: placeCodeSchema,
  locality: localitySchema.optional(),
  description: boundedText('Description', LIMITS.description),
  owner: personSchema,
  raisedBy: personSchema,
  raisedAt: isoInstantSchema,
  /** The due date as first agreed; revisions are kept in order in `revisions`. */
  dueDate: isoDateSchema,
  revisions: boundedList('Due date revisions', revisionSchema, 50),
  source: sourceSchema.optional(),
  /** Where it came from, e.g. the Teams message it was logged from (linkToMessage). */
  sourceUrl: httpsUrlSchema.optional(),
  /** The ref it had in the log it was imported from (records/import), e.g. CL/23/045: shown as "was CL/23/045". */
  oldRef: optionalText('Old reference', 40),
  links: linksSchema,
  updates: boundedList('Updates', updateSchema),
  escalation: escalationSchema.optional(),
  feedback: feedbackSchema.optional(),
  status: actionStatusSchema,
  /** The status an ON_HOLD action returns to when resumed. */
  heldFrom: actionStatusSchema.optional(),
  closure: decisionSchema.optional(),
});
export type Action = z.infer<typeof actionSchema>;

/** What a person supplies to log an action, before it has a ref. */
export const actionDraftSchema = actionSchema
  .pick({ place: true, locality: true, description: true, owner: true, dueDate: true, source: true })
  .extend({
    sourceUrl: teamsMessageLinkSchema.optional(),
    links: linksSchema.default({}),
    feedback: feedbackSchema.omit({ weDid: true }).optional(),
  });
export type ActionDraft = z.infer<typeof actionDraftSchema>;

export function currentDueDate(action: Pick<Action, 'dueDate' | 'revisions'>): IsoDate {
  return action.revisions.at(-1)?.to ?? action.dueDate;
}

export function isOpen(action: Pick<Action, 'status'>): boolean {
  return OPEN_ACTION_STATUSES.includes(action.status);
}

export type Rag = 'RED' | 'AMBER' | 'GREEN' | 'BLUE' | 'NONE';
export const AMBER_WINDOW_DAYS = 14;

/** RAG is computed, never stored: red overdue, amber due within 14 days, blue proposed for closure. */
export function ragOf(action: Pick<Action, 'status' | 'dueDate' | 'revisions'>, now: Date): Rag {
  if (!isOpen(action)) return 'NONE';
  if (action.status === 'PROPOSED_FOR_CLOSURE') return 'BLUE';
  const today = londonToday(now);
  const due = currentDueDate(action);
  if (due < today) return 'RED';
  if (due <= addDays(today, AMBER_WINDOW_DAYS)) return 'AMBER';
  return 'GREEN';
}

/** Open actions, overdue first, then by due date, then by ref. */
export function compareForWorklist(a: Action, b: Action): number {
  const da = currentDueDate(a);
  const db = currentDueDate(b);
  return da < db ? -1 : da > db ? 1 : a.ref.localeCompare(b.ref);
}

/** Why a due date cannot be accepted today (Europe/London), or undefined when it can. */
export function dueDateProblem(dueDate: IsoDate, now: Date): string | undefined {
  return dueDate < londonToday(now) ? 'The due date must be today or later.' : undefined;
}

export function createAction(draft: ActionDraft, ref: string, actor: Actor, now: Date): Transition<Action> {
  const problem = dueDateProblem(draft.dueDate, now);
  if (problem) return invalid({ dueDate: problem });
  const action: Action = {
    kind: 'action',
    ref,
    place: draft.place,
    ...(draft.place === 'LAN' && draft.locality ? { locality: draft.locality } : {}),
    description: draft.description,
    owner: draft.owner,
    raisedBy: toPerson(actor),
    raisedAt: now.toISOString(),
    dueDate: draft.dueDate,
    revisions: [],
    ...(draft.source ? { source: draft.source } : {}),
    ...(draft.sourceUrl ? { sourceUrl: draft.sourceUrl } : {}),
    links: draft.links,
    updates: [],
    ...(draft.feedback ? { feedback: draft.feedback } : {}),
    status: 'OPEN',
  };
  return { ok: true, record: action, event: auditEvent('action', action, actor, 'create', action.raisedAt, null, action) };
}

export type ActionCommand =
  | { type: 'addUpdate'; text: string }
  | { type: 'reviseDueDate'; dueDate: IsoDate; reason: string }
  | { type: 'proposeClosure'; note?: string }
  | { type: 'close'; decision: string; weDid?: string; atMeeting?: string }
  | { type: 'declineClosure'; reason: string; atMeeting?: string }
  | { type: 'hold'; reason: string }
  | { type: 'resume' }
  | { type: 'cancel'; decision: string }
  | { type: 'escalate'; to: string; why: string }
  | { type: 'reassign'; owner: Person };

/** How a declined closure reads in the action's updates: "Closure declined at BPL-M-0003: <reason>". */
function declinedPrefix(atMeeting?: string): string {
  return `Closure declined${atMeeting ? ` at ${atMeeting}` : ''}: `;
}

/** The reason closure was declined at a meeting, while the action is still open. */
export function closureDeclinedAt(action: Action, meetingRef: string): string | undefined {
  if (!isOpen(action)) return undefined;
  const prefix = declinedPrefix(meetingRef);
  return [...action.updates]
    .reverse()
    .find((u) => u.text.startsWith(prefix))
    ?.text.slice(prefix.length);
}

/** The command types that only a chair or place admin may give. */
const CHAIR_COMMANDS = new Set<ActionCommand['type']>(['close', 'declineClosure', 'cancel']);

/** Where each command may start from. */
const ALLOWED_FROM: Record<ActionCommand['type'], readonly ActionStatus[]> = {
  addUpdate: ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD'],
  reviseDueDate: ['OPEN', 'IN_PROGRESS', 'ON_HOLD'],
  proposeClosure: ['OPEN', 'IN_PROGRESS'],
  close: ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD'],
  declineClosure: ['PROPOSED_FOR_CLOSURE'],
  hold: ['OPEN', 'IN_PROGRESS'],
  resume: ['ON_HOLD'],
  cancel: ['OPEN', 'IN_PROGRESS', 'PROPOSED_FOR_CLOSURE', 'ON_HOLD'],
  escalate: ['OPEN', 'IN_PROGRESS', 'ON_HOLD'],
  reassign: ['OPEN', 'IN_PROGRESS', 'ON_HOLD'],
};

const text = (field: string, max: number) => boundedText(field, max);
const COMMAND_INPUT: { [K in ActionCommand['type']]: z.ZodType<Omit<Extract<ActionCommand, { type: K }>, 'type'>, z.ZodTypeDef, unknown> } =
  {
    addUpdate: z.object({ text: text('Update', LIMITS.note) }),
    reviseDueDate: z.object({ dueDate: isoDateSchema, reason: text('Reason', LIMITS.note) }),
    proposeClosure: z.object({ note: optionalText('Closure note', LIMITS.note) }),
    close: z.object({
      decision: text('Meeting or decision', LIMITS.note),
      weDid: optionalText('We did', LIMITS.note),
      atMeeting: optionalText('Meeting reference', 20),
    }),
    declineClosure: z.object({ reason: text('Reason', LIMITS.note), atMeeting: optionalText('Meeting reference', 20) }),
    hold: z.object({ reason: text('Reason', LIMITS.note) }),
    resume: z.object({}),
    cancel: z.object({ decision: text('Meeting or decision', LIMITS.note) }),
    escalate: z.object({
      to: z.string().refine((to) => (ACTION_ESCALATION_TARGETS as readonly string[]).includes(to), 'Choose where it is escalated to.'),
      why: text('Reason for escalation', LIMITS.note),
    }),
    // "Nobody" reaches the rule as an empty id: say what to do, not what zod says.
    reassign: z.object({ owner: personSchema.extend({ id: z.string().trim().min(1, 'Choose who owns it now.').max(200) }) }),
  };

/** Whether `actor` may give this command to the action as it stands (used to offer buttons). */
export function mayGive(action: Action, actor: Actor, type: ActionCommand['type']): boolean {
  return !checkCommand(action, actor, { allowedFrom: ALLOWED_FROM[type], chairOnly: CHAIR_COMMANDS.has(type), statusLabel: '' });
}

/** Applies one command to an action: the only way an action changes after it is created. */
export function applyActionCommand(action: Action, actor: Actor, command: ActionCommand, now: Date): Transition<Action> {
  const { type, ...input } = command;
  const parsed = COMMAND_INPUT[type].safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const refused = checkCommand(action, actor, {
    allowedFrom: ALLOWED_FROM[type],
    chairOnly: CHAIR_COMMANDS.has(type),
    statusLabel: STATUS_LABELS[action.status],
  });
  if (refused) return refused;
  // At a meeting only what is still proposed for closure is closed: someone may have acted on it since the agenda was drawn.
  if (type === 'close' && 'atMeeting' in parsed.data && parsed.data.atMeeting && action.status !== 'PROPOSED_FOR_CLOSURE') {
    return refuse(
      'WRONG_STATE',
      `${action.ref} is no longer proposed for closure (it is ${STATUS_LABELS[action.status].toLowerCase()}), so it was not closed.`,
    );
  }
  const at = now.toISOString();
  const by = toPerson(actor);
  const cmd = { type, ...parsed.data } as ActionCommand;
  let next: Action;
  switch (cmd.type) {
    case 'addUpdate':
      next = {
        ...action,
        updates: [...action.updates, { by, at, text: cmd.text }],
        status: action.status === 'OPEN' ? 'IN_PROGRESS' : action.status,
      };
      break;
    case 'reviseDueDate': {
      const from = currentDueDate(action);
      const problem = dueDateProblem(cmd.dueDate, now);
      if (problem) return invalid({ dueDate: problem });
      if (cmd.dueDate === from) {
        return invalid({ dueDate: 'That is already the due date.' });
      }
      if (action.revisions.length >= 50) return refuse('NOT_ALLOWED', `${action.ref} has been revised 50 times already.`);
      next = { ...action, revisions: [...action.revisions, { from, to: cmd.dueDate, reason: cmd.reason, by, at }] };
      break;
    }
    case 'proposeClosure':
      next = {
        ...action,
        status: 'PROPOSED_FOR_CLOSURE',
        updates: cmd.note ? [...action.updates, { by, at, text: `Proposed for closure: ${cmd.note}` }] : action.updates,
      };
      break;
    case 'close':
      if (action.feedback && !cmd.weDid) {
        return invalid({
          weDid: 'This action answers community feedback: say what we did before closing it.',
        });
      }
      next = {
        ...withoutHold(action),
        status: 'CLOSED',
        closure: { by, at, decision: cmd.decision, ...(cmd.atMeeting ? { meetingRef: cmd.atMeeting } : {}) },
        ...(action.feedback ? { feedback: { ...action.feedback, weDid: cmd.weDid } } : {}),
      };
      break;
    case 'declineClosure':
      next = {
        ...action,
        status: 'IN_PROGRESS',
        updates: [...action.updates, { by, at, text: `${declinedPrefix(cmd.atMeeting)}${cmd.reason}` }],
      };
      break;
    case 'hold':
      next = {
        ...action,
        status: 'ON_HOLD',
        heldFrom: action.status,
        updates: [...action.updates, { by, at, text: `On hold: ${cmd.reason}` }],
      };
      break;
    case 'resume':
      next = { ...withoutHold(action), status: action.heldFrom ?? 'IN_PROGRESS' };
      break;
    case 'cancel':
      next = { ...withoutHold(action), status: 'CANCELLED', closure: { by, at, decision: cmd.decision } };
      break;
    case 'escalate':
      next = { ...action, escalation: { to: cmd.to, why: cmd.why, by, at } };
      break;
    case 'reassign':
      if (samePerson(cmd.owner, action.owner)) {
        return invalid({ owner: `${action.owner.name} already owns it.` });
      }
      next = { ...action, owner: toPerson(cmd.owner) };
      break;
  }
  // Updates are never trimmed: a full log is refused, so nothing already written is lost.
  if (next.updates.length > LIMITS.listItems) {
    return refuse(
      'NOT_ALLOWED',
      `${action.ref} already has ${LIMITS.listItems} updates; ask a place admin to close it and log a follow-on action.`,
    );
  }
  return { ok: true, record: next, event: auditEvent('action', next, actor, type, at, action, next) };
}

function withoutHold(action: Action): Action {
  const { heldFrom: _heldFrom, ...rest } = action;
  return rest;
}

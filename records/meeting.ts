// Board meetings: the agenda drawn from what is open in a place, what the meeting decided and
// escalated, and its key messages (signed off by the chair through a sign-off, then published).
// Pure: every function takes `now` and returns values. The one state machine that changes a
// meeting is applyMeetingCommand; actions closed and chair's actions ratified at a meeting are
// changed by their own kinds' rules, the meeting only names them.
import { z } from 'zod';
import { currentDueDate, isOpen as isOpenAction, type Action } from './action.js';
import { auditEvent } from './audit.js';
import { addDays, formatDate, isoDateSchema, isoInstantSchema, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText } from './limits.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { isChairOrAdmin, personSchema, toPerson, type Actor } from './people.js';
import { localitySchema, placeCodeSchema } from './places.js';
import { REPORTING_TARGETS, reportingLineSchema, type Forum } from './forum.js';
import { PLAN_ITEM_REF } from './forwardPlan.js';
import { mayPrepareMeeting, notPreparerLine } from './meetingPreparers.js';
import { escalationReasons, ESCALATION_REASON_LABELS, REGISTER_LEVEL_LABELS, type Risk } from './risk.js';
import { isOpenPaper } from './meetingPapers.js';
import type { SignOff } from './signoff.js';
import { acknowledgeMatter, acknowledgeMatterInput, matterAckSchema, type AcknowledgeMatterCommand } from './escalations.js';

export const MEETING_STATUSES = ['PREPARING', 'HELD', 'KEY_MESSAGES_AWAITING_SIGNOFF', 'PUBLISHED'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  PREPARING: 'Preparing',
  HELD: 'Held',
  KEY_MESSAGES_AWAITING_SIGNOFF: 'Key messages awaiting sign-off',
  PUBLISHED: 'Key messages published',
};

/** The agenda's sections, in the order the meeting takes them. */
export const AGENDA_SECTIONS = {
  proposedForClosure: 'Actions proposed for closure',
  overdue: 'Overdue actions',
  dueBeforeMeeting: 'Actions due before the meeting',
  risksFlagged: 'Risks flagged for escalation',
  papers: 'Papers for the board to decide',
  scheduled: 'Scheduled items',
  signOffsAwaiting: 'Sign-offs awaiting a decision',
  ratification: "Chair's actions awaiting ratification",
  escalations: 'Matters flagged for escalation since the last meeting',
} as const;
export type AgendaSection = keyof typeof AGENDA_SECTIONS;
export const agendaSectionSchema = z.enum(Object.keys(AGENDA_SECTIONS) as [AgendaSection, ...AgendaSection[]]);

/** Where a matter is escalated to. */
export const ESCALATION_TARGETS = {
  'icb-board': 'ICB Board',
  committee: 'A committee of the ICB',
  'other-place': 'Another place',
  'icb-corporate-register': 'ICB corporate risk register',
  /** One of the forum's named reporting lines (its name in `toDetail`). */
  'reporting-line': 'A reporting line of the forum',
} as const;
export type EscalationTarget = keyof typeof ESCALATION_TARGETS;
export const escalationTargetSchema = z.enum(Object.keys(ESCALATION_TARGETS) as [EscalationTarget, ...EscalationTarget[]]);

const REF = /^(BPL|BWD|LAN|SC)-[ARS]-\d{4,}$/;
export const forumRefSchema = z.string().regex(/^(BPL|BWD|LAN|SC)-F-\d{4,}$/);
const linkSchema = z
  .string()
  .trim()
  .max(20)
  .transform((s) => s.toUpperCase())
  .refine((s) => s === '' || REF.test(s), 'Link it to an action, risk or sign-off reference, like BPL-A-0007, or leave it empty.')
  .transform((s) => (s === '' ? undefined : s));

export const agendaItemSchema = z.object({
  section: agendaSectionSchema,
  ref: z.string().regex(REF).or(z.string().regex(PLAN_ITEM_REF)),
  title: boundedText('Agenda item', LIMITS.shortText),
  /** A short line: why it is on the agenda (due date, score, who it waits for). */
  detail: optionalText('Detail', LIMITS.shortText),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const MAX_AGENDA_ITEMS = 80;

const decisionSchema = z.object({
  text: boundedText('Key decision', LIMITS.note),
  link: z.string().regex(REF).optional(),
  by: personSchema,
  at: isoInstantSchema,
});
const matterSchema = z.object({
  text: boundedText('Matter for escalation', LIMITS.note),
  to: escalationTargetSchema,
  /** Which committee or place, when the target needs naming. */
  toDetail: optionalText('Which one', LIMITS.shortText),
  by: personSchema,
  at: isoInstantSchema,
  acknowledged: matterAckSchema.optional(),
});
export type Decision = z.infer<typeof decisionSchema>;
export type Matter = z.infer<typeof matterSchema>;

const keyMessagesSchema = z.object({
  text: boundedText('Key messages', LIMITS.longText),
  draftedBy: personSchema,
  draftedAt: isoInstantSchema,
  /** The sign-off that asks the chair to sign them off. */
  signOffRef: z
    .string()
    .regex(/^(BPL|BWD|LAN|SC)-S-\d{4,}$/)
    .optional(),
  /** The chair's comment when they were rejected or more was asked for: back with the secretary. */
  returned: z.object({ comment: boundedText('Comment', LIMITS.note), by: personSchema, at: isoInstantSchema }).optional(),
  published: z
    .object({ signedOffBy: personSchema, role: boundedText('Role', LIMITS.shortText), at: isoInstantSchema, posted: isoDateSchema })
    .optional(),
});
export type KeyMessages = z.infer<typeof keyMessagesSchema>;

export const meetingSchema = z.object({
  kind: z.literal('meeting'),
  ref: z.string(),
  place: placeCodeSchema,
  locality: localitySchema.optional(),
  /** The forum it is a meeting of; absent on meetings stored before forums (read as the place's board, meetingForum.ts). */
  forumRef: forumRefSchema.optional(),
  /** The forum's reporting lines when it was prepared: where its matters may go, besides the ICB's own targets. */
  reportingLines: boundedList('Reporting lines', reportingLineSchema, 12).optional(),
  board: boundedText('Board or forum', LIMITS.title),
  date: isoDateSchema,
  status: meetingStatusSchema,
  agenda: boundedList('Agenda', agendaItemSchema, MAX_AGENDA_ITEMS),
  decisions: boundedList('Key decisions', decisionSchema, 40),
  matters: boundedList('Matters for escalation', matterSchema, 40),
  keyMessages: keyMessagesSchema.optional(),
  preparedBy: personSchema,
  preparedAt: isoInstantSchema,
  /** The forum's secretary and chairs when it was prepared: they run it with the place's chairs and admins. */
  runBy: boundedList('Run by', personSchema, 6).optional(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingDraftSchema = z.object({
  place: placeCodeSchema,
  locality: localitySchema.optional(),
  forumRef: forumRefSchema.optional(),
  reportingLines: boundedList('Reporting lines', reportingLineSchema, 12).optional(),
  board: boundedText('Board or forum', LIMITS.title),
  date: isoDateSchema,
  agenda: boundedList('Agenda', agendaItemSchema, MAX_AGENDA_ITEMS),
});
export type MeetingDraft = z.infer<typeof meetingDraftSchema>;

/** The furthest ahead a meeting may be set. */
export const MAX_DAYS_AHEAD = 365;

/** A meeting is live until its key messages are published. */
export function isMeetingOpen(meeting: Pick<Meeting, 'status'>): boolean {
  return meeting.status !== 'PUBLISHED';
}

/**
 * Who may run a meeting (record its decisions and matters, draft and send its key messages): a chair
 * or admin of the place, and the forum's secretary and chairs named on it when it was prepared.
 */
export function mayRunMeeting(actor: Actor, meeting?: Pick<Meeting, 'runBy'>): boolean {
  return isChairOrAdmin(actor) || (meeting?.runBy ?? []).some((p) => p.id === actor.id);
}

export const NOT_CHAIR_OR_ADMIN =
  'Only a chair or a place admin (the board secretary) of this place, or the secretary or a chair of its forum, can do that.';

export function meetingDateProblem(date: IsoDate, now: Date): string | undefined {
  const today = londonToday(now);
  if (date > addDays(today, MAX_DAYS_AHEAD))
    return 'The meeting date is more than a year away: choose a date within the next twelve months.';
  if (date < addDays(today, -MAX_DAYS_AHEAD))
    return 'The meeting date is more than a year ago: choose a date within the last twelve months.';
  return undefined;
}

/** `forum`: the forum it is a meeting of, as stored; its secretary and chairs prepare it too (meetingPreparers.ts). */
export function createMeeting(draft: MeetingDraft, ref: string, actor: Actor, now: Date, forum?: Forum): Transition<Meeting> {
  const parsed = meetingDraftSchema.safeParse(draft);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (forum ? !mayPrepareMeeting(actor, forum) || parsed.data.forumRef !== forum.ref : !mayRunMeeting(actor))
    return refuse('WRONG_PERSON', forum ? notPreparerLine(forum) : NOT_CHAIR_OR_ADMIN);
  const problem = meetingDateProblem(parsed.data.date, now);
  if (problem) return invalid({ date: problem });
  const d = parsed.data;
  if (d.forumRef && !d.forumRef.startsWith(`${d.place}-`)) return invalid({ form: 'A meeting is of a forum of its own place.' });
  const meeting: Meeting = {
    kind: 'meeting',
    ref,
    place: d.place,
    ...(d.place === 'LAN' && d.locality ? { locality: d.locality } : {}),
    ...(d.forumRef ? { forumRef: d.forumRef } : {}),
    ...(d.reportingLines?.length ? { reportingLines: d.reportingLines } : {}),
    board: d.board,
    date: d.date,
    status: d.date <= londonToday(now) ? 'HELD' : 'PREPARING',
    agenda: d.agenda,
    decisions: [],
    matters: [],
    preparedBy: toPerson(actor),
    preparedAt: now.toISOString(),
    ...(forum ? { runBy: [...(forum.secretary ? [forum.secretary] : []), ...forum.chairs].map(toPerson) } : {}),
  };
  return { ok: true, record: meeting, event: auditEvent('meeting', meeting, actor, 'create', meeting.preparedAt, null, meeting) };
}

export type MeetingCommand =
  | { type: 'addDecision'; text: string; link?: string }
  | { type: 'addMatter'; text: string; to: string; toDetail?: string }
  | { type: 'draftKeyMessages'; text: string }
  | { type: 'requestSignOff'; signOffRef: string }
  | { type: 'publish'; signedOffBy: { id: string; name: string }; role: string }
  | { type: 'returnKeyMessages'; comment: string; by: { id: string; name: string } }
  | AcknowledgeMatterCommand;

const addMatterInput = z.object({
  text: boundedText('Matter for escalation', LIMITS.note),
  // One of the ICB's targets, or `line:<n>`, the meeting's nth reporting line (checked against the meeting below).
  to: z
    .string({ required_error: 'Choose where it is escalated to.' })
    .refine((s) => (s in ESCALATION_TARGETS && s !== 'reporting-line') || /^line:\d{1,2}$/.test(s), 'Choose where it is escalated to.'),
  toDetail: optionalText('Which one', LIMITS.shortText),
});

const COMMAND_INPUT: { [K in MeetingCommand['type']]: z.ZodType<unknown, z.ZodTypeDef, unknown> } = {
  addDecision: z.object({ text: boundedText('Key decision', LIMITS.note), link: linkSchema.optional() }),
  addMatter: addMatterInput,
  draftKeyMessages: z.object({ text: boundedText('Key messages', LIMITS.longText) }),
  requestSignOff: z.object({ signOffRef: z.string().regex(/^(BPL|BWD|LAN|SC)-S-\d{4,}$/) }),
  publish: z.object({ signedOffBy: personSchema, role: boundedText('Role', LIMITS.shortText) }),
  returnKeyMessages: z.object({ comment: boundedText('Comment', LIMITS.note), by: personSchema }),
  acknowledgeMatter: acknowledgeMatterInput,
};

/** Commands the chair's sign-off gives (through the sign-off flow), not a person at the card. */
const SIGN_OFF_COMMANDS = new Set<MeetingCommand['type']>(['publish', 'returnKeyMessages']);

/** Where each command may start from. */
const ALLOWED_FROM: Record<MeetingCommand['type'], readonly MeetingStatus[]> = {
  addDecision: ['PREPARING', 'HELD'],
  addMatter: ['PREPARING', 'HELD'],
  draftKeyMessages: ['PREPARING', 'HELD'],
  requestSignOff: ['HELD'],
  publish: ['KEY_MESSAGES_AWAITING_SIGNOFF'],
  returnKeyMessages: ['KEY_MESSAGES_AWAITING_SIGNOFF'],
  acknowledgeMatter: MEETING_STATUSES,
};

/** Whether `actor` may give this command to the meeting as it stands (used to offer buttons). */
export function mayGiveMeeting(meeting: Meeting, actor: Actor, type: MeetingCommand['type']): boolean {
  if (!ALLOWED_FROM[type].includes(meeting.status)) return false;
  if (type === 'requestSignOff' && !meeting.keyMessages) return false;
  return SIGN_OFF_COMMANDS.has(type) || mayRunMeeting(actor, meeting);
}

/** Applies one command to a meeting: the only way a meeting changes after it is prepared. */
export function applyMeetingCommand(meeting: Meeting, actor: Actor, command: MeetingCommand, now: Date): Transition<Meeting> {
  if (command.type === 'acknowledgeMatter') return acknowledgeMatter(meeting, actor, command, now); // its own rule: records/escalations.ts
  const { type, ...input } = command;
  const parsed = COMMAND_INPUT[type].safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!ALLOWED_FROM[type].includes(meeting.status)) {
    return refuse('WRONG_STATE', `${meeting.ref} is ${MEETING_STATUS_LABELS[meeting.status].toLowerCase()}, so that cannot be done now.`);
  }
  if (!SIGN_OFF_COMMANDS.has(type) && !mayRunMeeting(actor, meeting)) return refuse('WRONG_PERSON', NOT_CHAIR_OR_ADMIN);
  if (type !== 'addDecision' && type !== 'addMatter' && type !== 'draftKeyMessages' && !meeting.keyMessages) {
    return refuse('WRONG_STATE', `${meeting.ref} has no key messages yet: draft them first.`);
  }
  const at = now.toISOString();
  const by = toPerson(actor);
  // Anything recorded at or after the meeting date means the meeting has been held.
  const held: MeetingStatus = meeting.status === 'PREPARING' && meeting.date <= londonToday(now) ? 'HELD' : meeting.status;
  let next: Meeting;
  const cmd = { type, ...(parsed.data as object) } as Exclude<MeetingCommand, AcknowledgeMatterCommand>;
  switch (cmd.type) {
    case 'addDecision':
      if (meeting.decisions.length >= 40) return refuse('NOT_ALLOWED', `${meeting.ref} already has 40 key decisions.`);
      next = {
        ...meeting,
        status: held,
        decisions: [...meeting.decisions, { text: cmd.text, ...(cmd.link ? { link: cmd.link } : {}), by, at }],
      };
      break;
    case 'addMatter': {
      if (meeting.matters.length >= 40) return refuse('NOT_ALLOWED', `${meeting.ref} already has 40 matters for escalation.`);
      const where = matterTarget(meeting, cmd.to, cmd.toDetail);
      if (!where) return invalid({ matterTo: 'Choose where it is escalated to: that reporting line is not one of this forum’s.' });
      next = { ...meeting, status: held, matters: [...meeting.matters, { text: cmd.text, ...where, by, at }] };
      break;
    }
    case 'draftKeyMessages': {
      if (meeting.date > londonToday(now))
        return invalid({ keyMessages: `The meeting is on ${formatDate(meeting.date)}: draft its key messages on or after that day.` });
      const { signOffRef: _s, published: _p, ...kept } = meeting.keyMessages ?? { text: cmd.text, draftedBy: by, draftedAt: at };
      next = { ...meeting, status: 'HELD', keyMessages: { ...kept, text: cmd.text, draftedBy: by, draftedAt: at } };
      break;
    }
    case 'requestSignOff':
      next = {
        ...meeting,
        status: 'KEY_MESSAGES_AWAITING_SIGNOFF',
        keyMessages: { ...withoutReturn(meeting.keyMessages!), signOffRef: cmd.signOffRef },
      };
      break;
    case 'publish':
      next = {
        ...meeting,
        status: 'PUBLISHED',
        keyMessages: {
          ...meeting.keyMessages!,
          published: { signedOffBy: toPerson(cmd.signedOffBy), role: cmd.role, at, posted: londonToday(now) },
        },
      };
      break;
    case 'returnKeyMessages':
      next = {
        ...meeting,
        status: 'HELD',
        keyMessages: { ...meeting.keyMessages!, returned: { comment: cmd.comment, by: toPerson(cmd.by), at } },
      };
      break;
  }
  return { ok: true, record: next, event: auditEvent('meeting', next, actor, type, at, meeting, next) };
}

/** Where a matter goes: an ICB target as chosen, or the meeting's named reporting line (`line:<n>`), else none. */
function matterTarget(meeting: Meeting, to: string, toDetail?: string): Pick<Matter, 'to' | 'toDetail'> | undefined {
  const line = /^line:(\d{1,2})$/.exec(to);
  if (line) {
    const named = meeting.reportingLines?.[Number(line[1])];
    return named ? { to: 'reporting-line', toDetail: named.name } : undefined;
  }
  return { to: to as EscalationTarget, ...(toDetail ? { toDetail } : {}) };
}

/** The choices a matter offers: the meeting's forum's named reporting lines first, then the ICB's own targets. */
export function matterTargetChoices(meeting: Pick<Meeting, 'reportingLines'>): { title: string; value: string }[] {
  return [
    ...(meeting.reportingLines ?? []).map((l, i) => ({ title: `${l.name} (${REPORTING_TARGETS[l.to]})`, value: `line:${i}` })),
    ...Object.entries(ESCALATION_TARGETS)
      .filter(([value]) => value !== 'reporting-line')
      .map(([value, title]) => ({ title, value })),
  ];
}

function withoutReturn(km: KeyMessages): KeyMessages {
  const { returned: _r, ...rest } = km;
  return rest;
}

/** What is open in a place, as the agenda is built from it (read from index rows, never the history). */
export interface AgendaSources {
  actions: readonly Action[];
  risks: readonly Risk[];
  signOffs: readonly SignOff[];
  threshold: number;
  /** The last meeting held before this one, if any: escalations since then are on the agenda. */
  lastMeetingDate?: IsoDate;
}

const short = (s: string) => (s.length > LIMITS.shortText ? `${s.slice(0, LIMITS.shortText - 1)}…` : s);

/**
 * The draft agenda for a meeting on `date`: actions proposed for closure, overdue, due before the
 * meeting; risks flagged for escalation; sign-offs awaiting a decision and chair's actions
 * awaiting ratification; matters escalated since the last meeting. Each record once, in its first
 * section; at most MAX_AGENDA_ITEMS items.
 */
export function buildAgenda(date: IsoDate, sources: AgendaSources, now: Date): AgendaItem[] {
  const today = londonToday(now);
  const items: AgendaItem[] = [];
  const seen = new Set<string>();
  const add = (section: AgendaSection, ref: string, title: string, detail: string) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    items.push({ section, ref, title: short(title), ...(detail ? { detail: short(detail) } : {}) });
  };
  const actions = [...sources.actions]
    .filter(isOpenAction)
    .sort((a, b) => currentDueDate(a).localeCompare(currentDueDate(b)) || a.ref.localeCompare(b.ref));
  for (const a of actions)
    if (a.status === 'PROPOSED_FOR_CLOSURE') add('proposedForClosure', a.ref, a.description, `Owner ${a.owner.name}`);
  for (const a of actions)
    if (a.status !== 'PROPOSED_FOR_CLOSURE' && currentDueDate(a) < today)
      add('overdue', a.ref, a.description, `Due ${formatDate(currentDueDate(a))}, owner ${a.owner.name}`);
  for (const a of actions) {
    const due = currentDueDate(a);
    if (a.status !== 'PROPOSED_FOR_CLOSURE' && due >= today && due <= date)
      add('dueBeforeMeeting', a.ref, a.description, `Due ${formatDate(due)}, owner ${a.owner.name}`);
  }
  const risks = [...sources.risks].sort((a, b) => a.ref.localeCompare(b.ref));
  for (const r of risks) {
    const reasons = escalationReasons(r, { threshold: sources.threshold, now });
    if (reasons.length) add('risksFlagged', r.ref, r.title, reasons.map((x) => ESCALATION_REASON_LABELS[x]).join('; '));
  }
  const signOffs = [...sources.signOffs].sort((a, b) => a.ref.localeCompare(b.ref));
  for (const s of signOffs) if (isOpenPaper(s)) add('papers', s.ref, s.title, `Requested by ${s.requestedBy.name}`);
  for (const s of signOffs)
    if (s.status === 'PENDING' || s.status === 'INFO_REQUESTED') add('signOffsAwaiting', s.ref, s.title, `Due by ${formatDate(s.dueBy)}`);
  for (const s of signOffs) if (s.status === 'AWAITING_RATIFICATION') add('ratification', s.ref, s.title, `Decided by chair's action`);
  const since = sources.lastMeetingDate ?? '0000-01-01';
  for (const r of risks) {
    const moved = r.levelChanges.at(-1);
    if (moved && moved.at.slice(0, 10) >= since && r.registerLevel !== 'PLACE')
      add('escalations', r.ref, r.title, `Escalated to the ${REGISTER_LEVEL_LABELS[r.registerLevel]}`);
  }
  for (const a of actions)
    if (a.escalation && a.escalation.at.slice(0, 10) >= since) add('escalations', a.ref, a.description, `Escalated to ${a.escalation.to}`);
  const order = Object.keys(AGENDA_SECTIONS) as AgendaSection[];
  return items.sort((x, y) => order.indexOf(x.section) - order.indexOf(y.section)).slice(0, MAX_AGENDA_ITEMS);
}

/** A date as the seeds' key messages print it: "9 June 2022". */
export function longDate(date: IsoDate): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "Blackpool Place Partnership Board – Key messages 9 June 2022". */
export function keyMessagesTitle(meeting: Pick<Meeting, 'board' | 'date'>): string {
  return `${meeting.board} – Key messages ${longDate(meeting.date)}`;
}

/** Where a matter goes, e.g. "ICB Board" or "A committee of the ICB: Quality Committee". */
export function escalationTargetLabel(m: Pick<Matter, 'to' | 'toDetail'>): string {
  if (m.to === 'reporting-line') return m.toDetail ?? ESCALATION_TARGETS[m.to];
  return m.toDetail ? `${ESCALATION_TARGETS[m.to]}: ${m.toDetail}` : ESCALATION_TARGETS[m.to];
}

/** The line published key messages end with, as seed 001: "Completed and Signed off by Marie Burnham, Independent Chair". */
export function signedOffLine(published: NonNullable<KeyMessages['published']>): string {
  return `Completed and Signed off by ${published.signedOffBy.name}, ${published.role}`;
}

/** The role a chair signs with when the meeting has no forum (or the signer is not one of its chairs). */
export const CHAIR_ROLE = 'Chair';

/** The title a person signs a forum's key messages with: theirs among its chairs, else "Chair". */
export function signingTitle(chairs: readonly { id: string; title: string }[] | undefined, personId: string): string {
  return chairs?.find((c) => c.id === personId)?.title ?? CHAIR_ROLE;
}

/**
 * Published key messages as seed 001 lays them out: the title, "Date posted" on the second line,
 * "Meeting Date", the two sections as drafted, and "Completed and Signed off by <chair>, <title>".
 */
export function publishedKeyMessages(meeting: Pick<Meeting, 'board' | 'date' | 'keyMessages'>): {
  title: string;
  datePosted: string;
  meetingDate: string;
  body: string[];
  signedOff: string;
} {
  const published = meeting.keyMessages?.published;
  if (!published) throw new Error('no published key messages');
  const title = keyMessagesTitle(meeting);
  // The title and meeting date are printed above; the drafted text from its sections on.
  const body = meeting
    .keyMessages!.text.split('\n')
    .filter((l, i) => !(i === 0 && l.trim() === title) && !/^Meeting date /i.test(l.trim()));
  while (body[0]?.trim() === '') body.shift();
  return {
    title,
    datePosted: `Date posted: ${longDate(published.posted)}`,
    meetingDate: `Meeting Date ${longDate(meeting.date)}`,
    body,
    signedOff: signedOffLine(published),
  };
}

/** Published key messages as text, one line each, in the seed's order. */
export function publishedKeyMessagesText(meeting: Pick<Meeting, 'board' | 'date' | 'keyMessages'>): string {
  const p = publishedKeyMessages(meeting);
  return [p.title, p.datePosted, p.meetingDate, '', ...p.body, '', p.signedOff].join('\n');
}

// A forum's forward plan: what it will receive and when, as seed 004 says it ("Receive a further
// report at its meeting in March 2024"). Each item has its text, an owner, the meeting (a prepared
// meeting of the forum) or month it is due at, who added it and when, and its state. The plan is
// kept on the forum record, so each change is the forum's one ETag-checked write with its audit
// event (records/forum.ts delegates its plan commands here). Pure: `now` passed in.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { formatDate, isoDateSchema, isoInstantSchema, LONDON, londonToday, type IsoDate } from './dates.js';
import { boundedList, boundedText, LIMITS, optionalText } from './limits.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { isChairOrAdmin, personSchema, toPerson, type Actor, type Person } from './people.js';
import type { PlaceCode } from './places.js';

/** An item's ref: its forum's ref and its number on the plan, e.g. LAN-F-0002/3. */
export const PLAN_ITEM_REF = /^(BPL|BWD|LAN|SC)-F-\d{4,}\/\d{1,4}$/;
const MEETING_REF = /^(BPL|BWD|LAN|SC)-M-\d{4,}$/;
const SIGNOFF_REF = /^(BPL|BWD|LAN|SC)-S-\d{4,}$/;

/** The items one forum's plan holds (kept and withdrawn ones too: an item is never deleted). */
export const MAX_PLAN_ITEMS = 150;
/** How far ahead an item may be planned. */
export const MAX_MONTHS_AHEAD = 36;

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** The month it is due at ("2027-03": the forum's meeting in March 2027), or a prepared meeting of the forum. */
export const planDueSchema = z.union([
  z.object({ month: monthSchema }).strict(),
  z.object({ meetingRef: z.string().regex(MEETING_REF), date: isoDateSchema }).strict(),
]);
export type PlanDue = z.infer<typeof planDueSchema>;

export const PLAN_STATES = ['SCHEDULED', 'TAKEN', 'WITHDRAWN'] as const;

export const planItemSchema = z.object({
  ref: z.string().regex(PLAN_ITEM_REF),
  text: boundedText('Item', LIMITS.title),
  owner: personSchema,
  due: planDueSchema,
  addedBy: personSchema,
  addedAt: isoInstantSchema,
  state: z.enum(PLAN_STATES),
  /** The meeting whose agenda holds it (taken there once that meeting's date has come). */
  taken: z.object({ meetingRef: z.string().regex(MEETING_REF), date: isoDateSchema }).optional(),
  withdrawn: z.object({ by: personSchema, at: isoInstantSchema, reason: optionalText('Reason', LIMITS.shortText) }).optional(),
  /** A paper deferred to it at a meeting. */
  deferred: z.object({ signOffRef: z.string().regex(SIGNOFF_REF), meetingRef: z.string().regex(MEETING_REF) }).optional(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const forwardPlanSchema = boundedList('Forward plan', planItemSchema, MAX_PLAN_ITEMS);

/** What the plan's rule reads of its forum (records/forum.ts Forum has it; not imported, as the forum imports this). */
export interface PlanForum {
  ref: string;
  place: PlaceCode;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED';
  chairs: readonly { id: string }[];
  secretary?: { id: string } | undefined;
  forwardPlan?: PlanItem[] | undefined;
}

/** A prepared meeting named as the item's due meeting, as the bot read it. */
export interface DueMeeting {
  ref: string;
  date: IsoDate;
  /** The forum it is a meeting of (records/meetingForum.ts forumOfMeeting), if any. */
  forumRef: string | undefined;
  forumName?: string;
}

/**
 * Where the card says it is due, as the bot read it: a month (with the forum's meeting already
 * prepared in that month, if any, whose agenda then holds it), a prepared meeting, or what was
 * wrong with what was typed.
 */
export type DueInput = { month: string; onAgendaOf?: { ref: string; date: IsoDate } } | { meeting: DueMeeting } | { problem: string };

export type PlanCommand =
  | {
      type: 'addPlanItem';
      text: string;
      /** None when none was chosen. */
      owner?: Person;
      due: DueInput;
      deferred?: PlanItem['deferred'];
    }
  | { type: 'withdrawPlanItem'; itemRef: string; reason?: string }
  | { type: 'takePlanItems'; itemRefs: readonly string[]; meeting: { ref: string; date: IsoDate } };

export const NOT_PLAN_KEEPER = 'Only a chair or the secretary of this forum, or an admin of its place, can change its forward plan.';

/**
 * Who keeps a forum's forward plan (adds and withdraws items): its chairs, its secretary and its
 * place's admins. A relation between a person and a forum: a chair of another forum, or an admin
 * of another place (whose roles here are none), may not.
 */
export function mayKeepForwardPlan(actor: Actor, forum: Pick<PlanForum, 'chairs' | 'secretary'>): boolean {
  return actor.roles.includes('admin') || forum.chairs.some((c) => c.id === actor.id) || forum.secretary?.id === actor.id;
}

/** "March 2027" from "2027-03". */
export function monthLabel(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: LONDON }).setLocale('en-GB').toFormat('LLLL yyyy');
}

/** Where it is due, as the plan reads it: "its meeting in March 2027", "its meeting on Thu 11 Mar 2027 (LAN-M-0004)". */
export function dueLabel(due: PlanDue): string {
  return 'month' in due ? `its meeting in ${monthLabel(due.month)}` : `its meeting on ${formatDate(due.date)} (${due.meetingRef})`;
}

/** The last day it can be taken: the end of its month, or its meeting's date. */
export function dueBy(due: PlanDue): IsoDate {
  if ('date' in due) return due.date;
  return DateTime.fromISO(`${due.month}-01`, { zone: LONDON }).endOf('month').toISODate()!;
}

export type PlanItemState = 'SCHEDULED' | 'ON_AGENDA' | 'TAKEN' | 'MISSED' | 'WITHDRAWN';

/** What an item is now: missed when its month or meeting has passed and no meeting took it. */
export function planItemState(item: PlanItem, today: IsoDate): PlanItemState {
  if (item.state === 'WITHDRAWN') return 'WITHDRAWN';
  if (item.taken) return item.taken.date <= today ? 'TAKEN' : 'ON_AGENDA';
  return dueBy(item.due) < today ? 'MISSED' : 'SCHEDULED';
}

/** The state as the plan card says it. */
export function planStateLine(item: PlanItem, today: IsoDate): string {
  switch (planItemState(item, today)) {
    case 'SCHEDULED':
      return 'Scheduled';
    case 'ON_AGENDA':
      return `On the agenda of ${item.taken!.meetingRef} (${formatDate(item.taken!.date)})`;
    case 'TAKEN':
      return `Taken at meeting ${item.taken!.meetingRef}`;
    case 'MISSED':
      return `Missed: due at ${dueLabel(item.due).replace(/^its /, 'the ')}`;
    case 'WITHDRAWN':
      return `Withdrawn by ${item.withdrawn?.by.name ?? 'a plan keeper'}${item.withdrawn?.reason ? `: ${item.withdrawn.reason}` : ''}`;
  }
}

/** The missed line on an agenda or digest: "Missed: due at the March 2027 meeting". */
export function missedLine(item: PlanItem): string {
  return 'month' in item.due
    ? `Missed: due at the ${monthLabel(item.due.month)} meeting`
    : `Missed: due at the meeting on ${formatDate(item.due.date)} (${item.due.meetingRef})`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * What was typed for "meeting or month": a month ("March 2027", "Mar 2027", "2027-03") or a
 * meeting ref (BPL-M-0004, read and checked by the caller). Pure: no read, no clock.
 */
export function parseDueText(
  typed: string,
): { ok: true; month: string } | { ok: true; meetingRef: string } | { ok: false; problem: string } {
  const t = typed.trim().replace(/\s+/g, ' ');
  const example = 'Give the month it is due at, e.g. “March 2027”, or the ref of a prepared meeting of this forum, e.g. BPL-M-0004.';
  if (!t) return { ok: false, problem: example };
  if (MEETING_REF.test(t.toUpperCase())) return { ok: true, meetingRef: t.toUpperCase() };
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (iso) {
    const m = Number(iso[2]);
    return m >= 1 && m <= 12 ? { ok: true, month: `${iso[1]}-${String(m).padStart(2, '0')}` } : { ok: false, problem: example };
  }
  const words = /^([a-z]+)\.? (\d{4})$/i.exec(t);
  if (words) {
    const name = words[1]!.toLowerCase();
    const i = MONTHS.findIndex((m) => m === name || (name.length >= 3 && m.startsWith(name)));
    if (i >= 0) return { ok: true, month: `${words[2]}-${String(i + 1).padStart(2, '0')}` };
  }
  return { ok: false, problem: example };
}

const addInput = z.object({
  text: boundedText('Item', LIMITS.title),
  owner: personSchema,
});

/** Where an item added now may be due: this month or later, within MAX_MONTHS_AHEAD; a meeting of this forum not yet past. */
function dueProblem(forum: Pick<PlanForum, 'ref' | 'name'>, due: DueInput, today: IsoDate): string | PlanDue {
  if ('problem' in due) return due.problem;
  if ('month' in due) {
    if (!monthSchema.safeParse(due.month).success) return 'Give the month it is due at, e.g. “March 2027”.';
    const thisMonth = today.slice(0, 7);
    if (due.month < thisMonth) return `${monthLabel(due.month)} is in the past: choose ${monthLabel(thisMonth)} or a later month.`;
    const last = DateTime.fromISO(`${thisMonth}-01`, { zone: LONDON }).plus({ months: MAX_MONTHS_AHEAD }).toFormat('yyyy-MM');
    if (due.month > last) return `${monthLabel(due.month)} is more than three years away: choose a month up to ${monthLabel(last)}.`;
    return { month: due.month };
  }
  const m = due.meeting;
  if (m.forumRef !== forum.ref)
    return `${m.ref} is a meeting of ${m.forumName ?? 'another forum'}, not ${forum.name}: name a meeting of this forum, or a month.`;
  if (m.date < today) return `${m.ref} was held on ${formatDate(m.date)}: name a meeting still to come, or a month.`;
  return { meetingRef: m.ref, date: m.date };
}

/** The one rule of a forum's forward plan: add an item, withdraw one, or record the meeting whose agenda holds them. */
export function applyPlanCommand<F extends PlanForum>(forum: F, actor: Actor, command: PlanCommand, now: Date): Transition<F> {
  const plan = forum.forwardPlan ?? [];
  const today = londonToday(now);
  const at = now.toISOString();
  let next: PlanItem[];
  switch (command.type) {
    case 'addPlanItem': {
      const parsed = addInput.safeParse({ text: command.text, owner: command.owner });
      const errors: Record<string, string> = parsed.success
        ? {}
        : fieldErrorsOf(parsed.error, (p) => (p[0] === 'owner' ? 'planOwner' : 'planText'));
      if (!command.owner) errors.planOwner = 'Choose who owns the item.';
      const due = dueProblem(forum, command.due, today);
      if (typeof due === 'string') errors.planDue = due;
      if (Object.keys(errors).length || !parsed.success || typeof due === 'string') return invalid(errors);
      // A paper deferred at the forum's meeting comes back by whoever recorded the board's decision on it.
      const keeps = mayKeepForwardPlan(actor, forum) || (!!command.deferred && isChairOrAdmin(actor));
      if (!keeps) return refuse('WRONG_PERSON', NOT_PLAN_KEEPER);
      if (forum.status !== 'ACTIVE') return refuse('WRONG_STATE', `${forum.name} is archived: its forward plan takes no new items.`);
      if (plan.length >= MAX_PLAN_ITEMS)
        return refuse(
          'NOT_ALLOWED',
          `${forum.name}'s forward plan already holds ${MAX_PLAN_ITEMS} items: a place admin can start a new forum record.`,
        );
      if (
        command.deferred &&
        plan.some((i) => i.deferred?.signOffRef === command.deferred!.signOffRef && i.deferred.meetingRef === command.deferred!.meetingRef)
      )
        return refuse('NOT_ALLOWED', `${command.deferred.signOffRef} is already on the forward plan from ${command.deferred.meetingRef}.`);
      const item: PlanItem = {
        ref: `${forum.ref}/${plan.length + 1}`,
        text: parsed.data.text,
        owner: toPerson(parsed.data.owner),
        due,
        addedBy: toPerson(actor),
        addedAt: at,
        state: 'SCHEDULED',
        // Due at a prepared meeting: that meeting's agenda holds it (drawn on its card).
        ...('meetingRef' in due ? { taken: { meetingRef: due.meetingRef, date: due.date } } : {}),
        ...('month' in command.due && command.due.onAgendaOf && command.due.onAgendaOf.date >= today
          ? { taken: { meetingRef: command.due.onAgendaOf.ref, date: command.due.onAgendaOf.date } }
          : {}),
        ...(command.deferred ? { deferred: command.deferred } : {}),
      };
      next = [...plan, item];
      break;
    }
    case 'withdrawPlanItem': {
      if (!mayKeepForwardPlan(actor, forum)) return refuse('WRONG_PERSON', NOT_PLAN_KEEPER);
      const item = plan.find((i) => i.ref === command.itemRef);
      if (!item) return refuse('NOT_ALLOWED', `${forum.name}'s forward plan has no item ${command.itemRef.slice(0, 30)}.`);
      if (item.state === 'WITHDRAWN') return refuse('WRONG_STATE', `${item.ref} is already withdrawn.`);
      const reason = optionalText('Reason', LIMITS.shortText).safeParse(command.reason);
      if (!reason.success) return invalid({ withdrawReason: reason.error.issues[0]!.message });
      const withdrawn = { by: toPerson(actor), at, ...(reason.data ? { reason: reason.data } : {}) };
      next = plan.map((i) => (i === item ? { ...i, state: 'WITHDRAWN' as const, withdrawn } : i));
      break;
    }
    case 'takePlanItems': {
      // Given by preparing a meeting (its preparer may run meetings of the place): the items its agenda holds.
      if (!isChairOrAdmin(actor) && !mayKeepForwardPlan(actor, forum)) return refuse('WRONG_PERSON', NOT_PLAN_KEEPER);
      const refs = new Set(command.itemRefs);
      const taken = { meetingRef: command.meeting.ref, date: command.meeting.date };
      next = plan.map((i) => (refs.has(i.ref) && i.state === 'SCHEDULED' && !i.taken ? { ...i, taken } : i));
      if (next.every((i, n) => i === plan[n])) return refuse('WRONG_STATE', 'Nothing on the forward plan to take at that meeting.');
      break;
    }
  }
  const updated: F = { ...forum, forwardPlan: next };
  return { ok: true, record: updated, event: auditEvent('forum', updated, actor, command.type, at, forum, updated) };
}

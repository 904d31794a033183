// A forum: a board or partnership of a place (its place board, a Lancashire locality partnership
// board, a delivery group) with its chairs and the titles they sign with, its rhythm and its
// reporting lines. Pure: the create rule and the one command rule, each with its audit event.
// Only the place's admins add, change or archive a forum; a forum is archived, never deleted.
import { z } from 'zod';
import { auditEvent } from './audit.js';
import { londonToday } from './dates.js';
import { rhythmSchema, nextMeetingDate, RHYTHM_EXAMPLE } from './forumRhythm.js';
import { boundedList, boundedText, LIMITS } from './limits.js';
import { applyPlanCommand, forwardPlanSchema, type PlanCommand } from './forwardPlan.js';
import { fieldErrorsOf, invalid, refuse, type Transition } from './outcome.js';
import { personSchema, toPerson, type Actor } from './people.js';
import { localitySchema, placeCodeSchema } from './places.js';

export const FORUM_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ForumStatus = (typeof FORUM_STATUSES)[number];
export const FORUM_STATUS_LABELS: Record<ForumStatus, string> = { ACTIVE: 'Active', ARCHIVED: 'Archived' };

/** Where a forum's matters go. */
export const REPORTING_TARGETS = {
  'icb-board': 'ICB Board',
  'icb-committee': 'A committee of the ICB',
  hwb: 'A Health and Wellbeing Board',
  icp: 'The Integrated Care Partnership',
  hosc: 'Overview and scrutiny (HOSC)',
  'council-team': "A council's management team",
  'place-board': 'The place board',
  forum: 'Another forum',
} as const;
export type ReportingTarget = keyof typeof REPORTING_TARGETS;
const reportingTargetSchema = z.enum(Object.keys(REPORTING_TARGETS) as [ReportingTarget, ...ReportingTarget[]]);

export const chairSchema = personSchema.extend({
  /** The title they sign key messages with, e.g. "Independent Chair". */
  title: boundedText('Chair’s title', LIMITS.shortText),
});
export type ForumChair = z.infer<typeof chairSchema>;

export const reportingLineSchema = z.object({
  to: reportingTargetSchema,
  name: boundedText('Reporting line name', LIMITS.shortText),
  /** Who receives for it (e.g. the Health and Wellbeing Board's officer): may acknowledge its matters (records/escalations.ts). */
  receiver: personSchema.optional(),
});
export type ReportingLine = z.infer<typeof reportingLineSchema>;

/** The board pack is offered this many working days before a meeting, unless the forum says otherwise. */
export const PACK_DAYS_DEFAULT = 5;
export const PACK_DAYS_RANGE = { min: 1, max: 15 } as const;
export const PACK_DAYS_PROBLEM = `Give the working days before a meeting to offer its board pack as a whole number from ${PACK_DAYS_RANGE.min} to ${PACK_DAYS_RANGE.max}, e.g. ${PACK_DAYS_DEFAULT}.`;

const startTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the start time as hh:mm, e.g. 14:00.');

/** What an admin sets on a forum: everything but its identity and history. */
export const forumFieldsSchema = z.object({
  name: boundedText('Forum name', LIMITS.title),
  locality: localitySchema.optional(),
  chairs: boundedList('Chairs', chairSchema, 4).refine((c) => c.length > 0, 'Name at least one chair, with the title they sign with.'),
  viceChair: personSchema.optional(),
  secretary: personSchema.optional(),
  rhythm: rhythmSchema,
  startTime: startTimeSchema,
  channelId: z.string().trim().min(1).max(LIMITS.shortText).optional(),
  reportingLines: boundedList('Reporting lines', reportingLineSchema, 12),
  /** How many working days before a meeting its board pack is offered (forumCycle.ts); absent: PACK_DAYS_DEFAULT. */
  packDaysBefore: z
    .number({ invalid_type_error: PACK_DAYS_PROBLEM })
    .int(PACK_DAYS_PROBLEM)
    .min(PACK_DAYS_RANGE.min, PACK_DAYS_PROBLEM)
    .max(PACK_DAYS_RANGE.max, PACK_DAYS_PROBLEM)
    .optional(),
});
export type ForumFields = z.infer<typeof forumFieldsSchema>;

/** A person a chair named to sign off the forum's key messages on their behalf (records/forumDelegates.ts). */
export const keyMessagesDelegateSchema = z.object({
  chairId: personSchema.shape.id,
  delegate: personSchema,
  /** For that meeting's key messages only; absent: standing, for every meeting until the chair ends it. */
  meetingRef: z
    .string()
    .regex(/^(BPL|BWD|LAN|SC)-M-\d{4,}$/)
    .optional(),
  namedAt: z.string(),
});
export type KeyMessagesDelegate = z.infer<typeof keyMessagesDelegateSchema>;

export const forumSchema = forumFieldsSchema.extend({
  kind: z.literal('forum'),
  /** Delegates named by its chairs for its key messages; absent on forums stored before delegates. */
  delegates: boundedList('Delegates', keyMessagesDelegateSchema, 12).optional(),
  ref: z.string(),
  place: placeCodeSchema,
  status: z.enum(FORUM_STATUSES),
  createdBy: personSchema,
  createdAt: z.string(),
  /** What it will receive and when (records/forwardPlan.ts); absent until an item is added. */
  forwardPlan: forwardPlanSchema.optional(),
});
export type Forum = z.infer<typeof forumSchema>;

export const forumDraftSchema = forumFieldsSchema.extend({ place: placeCodeSchema });
export type ForumDraft = z.infer<typeof forumDraftSchema>;

export const NOT_PLACE_ADMIN = 'Only an admin of this place can add, change or archive its forums.';

export function mayAdministerForums(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

export function isForumActive(forum: Pick<Forum, 'status'>): boolean {
  return forum.status === 'ACTIVE';
}

/**
 * What an admin's fields must also satisfy: a locality only in Lancashire, a rhythm that gives a
 * date (a rhythm left as it was is not asked again, so a forum whose listed dates have passed can
 * still have its other fields changed).
 */
function fieldProblems(fields: ForumFields & { place: string }, now: Date, was?: Forum): Record<string, string> | undefined {
  if (fields.locality && fields.place !== 'LAN') return { locality: 'Only Lancashire has localities: leave it empty here.' };
  const unchanged = was && JSON.stringify(was.rhythm) === JSON.stringify(fields.rhythm);
  if (!unchanged && !nextMeetingDate(fields.rhythm, londonToday(now)))
    return { rhythm: `That rhythm gives no meeting date from today: write it as ${RHYTHM_EXAMPLE}.` };
  return undefined;
}

export function createForum(draft: ForumDraft, ref: string, actor: Actor, now: Date): Transition<Forum> {
  const parsed = forumDraftSchema.safeParse(draft);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!mayAdministerForums(actor)) return refuse('WRONG_PERSON', NOT_PLACE_ADMIN);
  const problems = fieldProblems(parsed.data, now);
  if (problems) return invalid(problems);
  const { place, ...fields } = parsed.data;
  const forum: Forum = {
    kind: 'forum',
    ref,
    place,
    status: 'ACTIVE',
    ...fields,
    createdBy: toPerson(actor),
    createdAt: now.toISOString(),
  };
  return { ok: true, record: forum, event: auditEvent('forum', forum, actor, 'create', forum.createdAt, null, forum) };
}

export type ForumCommand = { type: 'change'; fields: ForumFields } | { type: 'archive' } | { type: 'restore' } | PlanCommand;

/** The one way a forum changes: an admin edits its fields, archives it or brings it back. */
export function applyForumCommand(forum: Forum, actor: Actor, command: ForumCommand, now: Date): Transition<Forum> {
  // The forward plan has its own keepers (the forum's chairs and secretary, the place's admins).
  if (command.type !== 'change' && command.type !== 'archive' && command.type !== 'restore')
    return applyPlanCommand(forum, actor, command, now);
  if (!mayAdministerForums(actor)) return refuse('WRONG_PERSON', NOT_PLACE_ADMIN);
  const at = now.toISOString();
  let next: Forum;
  switch (command.type) {
    case 'change': {
      if (!isForumActive(forum)) return refuse('WRONG_STATE', `${forum.name} is archived: restore it before changing it.`);
      const parsed = forumFieldsSchema.safeParse(command.fields);
      if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
      const problems = fieldProblems({ ...parsed.data, place: forum.place }, now, forum);
      if (problems) return invalid(problems);
      // The optional fields are as given; the channel is not on the form, so it stays unless given.
      const { locality: _l, viceChair: _v, secretary: _s, packDaysBefore: _p, ...kept } = forum;
      next = { ...kept, ...parsed.data };
      // A chair no longer of the forum has no seat to delegate: their delegates go with them.
      if (kept.delegates) next.delegates = kept.delegates.filter((d) => parsed.data.chairs.some((c) => c.id === d.chairId));
      break;
    }
    case 'archive':
      if (!isForumActive(forum)) return refuse('WRONG_STATE', `${forum.name} is already archived.`);
      next = { ...forum, status: 'ARCHIVED' };
      break;
    case 'restore':
      if (isForumActive(forum)) return refuse('WRONG_STATE', `${forum.name} is not archived.`);
      next = { ...forum, status: 'ACTIVE' };
      break;
  }
  return { ok: true, record: next, event: auditEvent('forum', next, actor, command.type, at, forum, next) };
}

/** A forum by name as typed (case and spacing ignored), among a place's forums. */
export function forumNamed<T extends { record: Pick<Forum, 'name'> }>(forums: readonly T[], typed: string): T | undefined {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return forums.find((f) => norm(f.record.name) === norm(typed));
}

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

export const reportingLineSchema = z.object({ to: reportingTargetSchema, name: boundedText('Reporting line name', LIMITS.shortText) });
export type ReportingLine = z.infer<typeof reportingLineSchema>;

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
});
export type ForumFields = z.infer<typeof forumFieldsSchema>;

export const forumSchema = forumFieldsSchema.extend({
  kind: z.literal('forum'),
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

/** What an admin's fields must also satisfy: a locality only in Lancashire, a rhythm that gives a date. */
function fieldProblems(fields: ForumFields & { place: string }, now: Date): Record<string, string> | undefined {
  if (fields.locality && fields.place !== 'LAN') return { locality: 'Only Lancashire has localities: leave it empty here.' };
  if (!nextMeetingDate(fields.rhythm, londonToday(now)))
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
      const problems = fieldProblems({ ...parsed.data, place: forum.place }, now);
      if (problems) return invalid(problems);
      const { locality: _l, viceChair: _v, secretary: _s, channelId: _c, ...kept } = forum;
      next = { ...kept, ...parsed.data };
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

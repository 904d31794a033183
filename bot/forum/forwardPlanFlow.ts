// A forum's forward plan in chat: `forward plan <forum>` (or `forward plan` in a forum's channel,
// `forward plan <place>` for its board) shows it as a card with the add form; "Add to forward
// plan" on a meeting card adds to its forum's plan. Each add or withdrawal is the forum's own
// change through the one pipeline (bot/change: its rule in records/forwardPlan.ts, its ETag, its
// audit event). Preparing a meeting puts the scheduled items on its agenda (a reaction after the
// meeting is created); a paper deferred at a meeting is added to the plan (a reaction after the
// sign-off changes).
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import { forwardPlanCard, type PlanFormValues } from '../../cards/forwardPlanCards.js';
import type { MeetingCardValues } from '../../cards/meetingCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { londonToday } from '../../records/dates.js';
import { applyForumCommand, type Forum, type ForumCommand } from '../../records/forum.js';
import { mayKeepForwardPlan, parseDueText, type DueInput } from '../../records/forwardPlan.js';
import type { Meeting } from '../../records/meeting.js';
import { deferredPaperItem, latestDeferral } from '../../records/paperDeferral.js';
import type { SignOff } from '../../records/signoff.js';
import { forumOfMeeting } from '../../records/meetingForum.js';
import type { Actor, Person } from '../../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import { parseRef } from '../../records/refs.js';
import { cardRef } from '../change/cardData.js';
import { commitByRef } from '../change/commit.js';
import type { HostCard, RecordCards, VerbTable } from '../change/declarations.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import type { Mechanics } from '../change/mechanics.js';
import type { MeetingFlow } from '../meeting/meetingFlow.js';
import type { BotDeps, Stored } from '../ports.js';
import type { BotRoutes } from '../routes.js';
import { resolvePerson } from '../teams/members.js';
import type { Turn } from '../turn.js';
import { planPeople } from './meetingPlan.js';
import { PLAN_CHANGED, PLAN_SAVED } from './forwardPlanVerbs.js';

const REOPEN = 'with “forward plan” and the forum’s name';
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
/** How much of each input the add form echoes back when it is not saved. */
/** Every forum command's line (only the plan's are given from these cards). */
const CHANGED = { change: 'Forum changed', archive: 'Forum archived', restore: 'Forum restored', ...PLAN_CHANGED };
const PLAN_ECHO = { planText: 300, planOwner: 200, planDue: 40 } as const;

export class ForwardPlanFlow {
  constructor(
    private readonly deps: BotDeps,
    private readonly mechanics: Mechanics,
    private readonly meetings: MeetingFlow,
  ) {}

  /** The forum kind drawn as its forward plan: the forum's own rule and write (applyForumCommand). */
  readonly cards: RecordCards<'forum', ForumCommand, PlanFormValues> = {
    kind: 'forum',
    noun: 'forum',
    reopenHint: REOPEN,
    apply: applyForumCommand,
    card: (stored, actor, extras) =>
      forwardPlanCard({
        stored,
        today: londonToday(this.deps.clock()),
        mayKeep: mayKeepForwardPlan(actor, stored.record),
        people: planPeople(stored.record, actor),
        ...(extras.notice ? { notice: extras.notice } : {}),
        ...(extras.values ? { values: extras.values } : {}),
      }),
    sharedCard: (stored, notice) => forwardPlanCard({ stored, today: londonToday(this.deps.clock()), mayKeep: false, people: [], notice }),
  };

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*forward\s+plan\b(.*)$/i, (context, match) => this.show(context, match[1] ?? ''));
    this.mechanics.changes.verbs(routes, this.cards, this.verbs);
    this.mechanics.changes.verbs(routes, this.cards, this.onMeeting, { host: this.meetingHost });
  }

  /** `forward plan <forum | place>`, or in a forum's channel: the forum as `prepare meeting` picks it (bot/meeting/meetingForums.ts). */
  async show(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const picked = await this.meetings.forums.pick(context, typed);
    if (!picked.ok) return picked.card;
    if (!picked.forum)
      return noticeCard(
        `${PLACE_NAMES[picked.place]} has no forum yet`,
        `A forward plan belongs to a forum: a place admin adds one with “add forum ${PLACE_NAMES[picked.place]}”.`,
      );
    return this.mechanics.changes.show(context, picked.forum.ref, this.cards);
  }

  private readonly verbs: VerbTable<'forum', ForumCommand, PlanFormValues> = {
    verbs: {
      'forum.addToPlan': {
        echo: PLAN_ECHO,
        command: (v, data, context) => this.addCommand(context, v, cardRef(data).ref),
        may: (forum, actor) => mayKeepForwardPlan(actor, forum),
      },
      'forum.withdrawPlanItem': {
        echo: {},
        command: (_v, data) => ({ type: 'withdrawPlanItem', itemRef: str(data.itemRef, 40) }),
        may: (forum, actor) => mayKeepForwardPlan(actor, forum),
      },
    },
    changed: CHANGED,
    saved: PLAN_SAVED,
  };

  /** "Add to forward plan" on a meeting card: the same change to the meeting's forum, answered with the meeting card. */
  private readonly onMeeting: VerbTable<'forum', ForumCommand, PlanFormValues, Stored<Meeting> | undefined> = {
    verbs: {
      'meeting.addToPlan': {
        echo: PLAN_ECHO,
        command: (v, data, context) => this.addCommand(context, v, cardRef(data).ref),
        may: (forum, actor) => mayKeepForwardPlan(actor, forum),
      },
    },
    changed: CHANGED,
    saved: PLAN_SAVED,
  };

  /** The meeting card as the host of a change to its forum's plan: only the forum the meeting belongs to. */
  private readonly meetingHost: HostCard<'meeting'> = {
    reopenHint: 'from “meetings”, or by typing its ref',
    read: async (context, data, forumRef) => {
      const meeting = await this.meetings.visibleMeeting(context, str(data.meetingRef, 40).toUpperCase());
      if (!meeting) return undefined;
      const forum = await this.meetings.forums.ofMeeting(meeting.record);
      return forum?.ref === forumRef ? meeting : undefined;
    },
    card: (host, actor, notice, kept) =>
      this.meetings.draw(host, actor, { notice, ...(kept ? { values: kept.values as MeetingCardValues } : {}) }),
    sharedCard: (host, notice) => this.meetings.drawShared(host, notice),
  };

  /** The add command from the form: the owner named as Teams names them, the due month or meeting read and checked. */
  private async addCommand(context: Turn, v: Record<string, string>, forumRef: string): Promise<ForumCommand> {
    const place = parseRef(forumRef)?.place;
    const text = v.planText ?? '';
    if (!place) return { type: 'addPlanItem', text, due: { problem: 'That card is out of date: open the forward plan again.' } };
    const [forums, named] = await Promise.all([this.forumsOf(place), this.deps.places.signOffPeopleOf(place)]);
    const forum = forums.find((f) => f.ref === forumRef);
    const known = [...(forum ? planPeople(forum, { id: '', name: '' }) : []), ...named.chairs, ...named.approvers];
    const ownerId = (v.planOwner ?? '').trim();
    const owner: Person | undefined = ownerId ? await resolvePerson(context, ownerId, known) : undefined;
    return { type: 'addPlanItem', text, ...(owner ? { owner } : {}), due: await this.dueOf(place, forumRef, forums, v.planDue ?? '') };
  }

  /** What "Due at" names: a month (and the forum's meeting already prepared in it, if any) or a meeting of the place. */
  private async dueOf(place: PlaceCode, forumRef: string, forums: Forum[], typed: string): Promise<DueInput> {
    const parsed = parseDueText(typed);
    if (!parsed.ok) return { problem: parsed.problem };
    if ('month' in parsed) {
      const { meetings } = await this.deps.records.latestMeetings(place, 12);
      const prepared = meetings
        .map((s) => s.record)
        .find((m) => m.date.startsWith(parsed.month) && m.status === 'PREPARING' && forumOfMeeting(m, forums)?.ref === forumRef);
      return { month: parsed.month, ...(prepared ? { onAgendaOf: { ref: prepared.ref, date: prepared.date } } : {}) };
    }
    const found = await this.deps.records.get('meeting', parsed.meetingRef);
    if (!found || found.record.place !== place)
      return { problem: `There is no meeting ${parsed.meetingRef} of ${PLACE_NAMES[place]}: name a meeting of this forum, or a month.` };
    const of = forumOfMeeting(found.record, forums);
    return {
      meeting: { ref: found.record.ref, date: found.record.date, forumRef: of?.ref, forumName: of?.name ?? found.record.board },
    };
  }

  private async forumsOf(place: PlaceCode): Promise<Forum[]> {
    return (await this.deps.records.listByPlace('forum', place)).map((s) => s.record);
  }

  /**
   * After a meeting is prepared: the plan items its agenda holds are recorded as on its agenda
   * (taken there once its date comes), by the forum's own rule and write.
   */
  async takeOnAgenda(stored: Stored<Meeting>, actor: Actor): Promise<Notice | undefined> {
    const m = stored.record;
    const byForum = new Map<string, string[]>();
    for (const item of m.agenda.filter((i) => i.section === 'scheduled')) {
      const forumRef = item.ref.split('/')[0]!;
      byForum.set(forumRef, [...(byForum.get(forumRef) ?? []), item.ref]);
    }
    for (const [forumRef, itemRefs] of byForum) {
      if (!forumRef.startsWith(`${m.place}-`)) continue;
      const done = await commitByRef(this.deps.records, 'forum', forumRef, (forum) =>
        applyForumCommand(forum, actor, { type: 'takePlanItems', itemRefs, meeting: { ref: m.ref, date: m.date } }, this.deps.clock()),
      );
      if (!done.ok && done.why !== 'refused')
        return {
          text: `The forward plan of ${forumRef} could not be updated just now: its items still show as scheduled.`,
          style: 'warning',
        };
    }
    return undefined;
  }

  /**
   * After a paper's decision at a meeting is recorded: a deferral adds the paper to the meeting's
   * forum's forward plan, due at the month or meeting it was deferred to (once: the rule refuses a
   * second item for the same paper and meeting).
   */
  async afterPaperDeferred(stored: Stored<SignOff>, actor: Actor): Promise<Notice | undefined> {
    const s = stored.record;
    const deferral = latestDeferral(s);
    if (!deferral) return undefined;
    const meeting = await this.deps.records.get('meeting', deferral.meetingRef);
    if (!meeting || meeting.record.place !== s.place) return undefined;
    const forums = await this.forumsOf(s.place);
    const forum = forumOfMeeting(meeting.record, forums);
    const already = (f: Forum) =>
      f.forwardPlan?.some((i) => i.deferred?.signOffRef === s.ref && i.deferred.meetingRef === deferral.meetingRef);
    if (!forum || already(forum)) return undefined;
    const due = await this.dueOf(s.place, forum.ref, forums, deferral.deferredTo);
    const done = await commitByRef(this.deps.records, 'forum', forum.ref, (f) =>
      applyForumCommand(f, actor, deferredPaperItem(s, deferral.meetingRef, due), this.deps.clock()),
    );
    if (done.ok) return undefined;
    const why = done.why === 'refused' ? done.refusal.message : 'the forum could not be updated just now';
    console.warn(`${s.ref} deferred at ${deferral.meetingRef} was not added to ${forum.ref}'s forward plan: ${why}`);
    return { text: `${s.ref} was deferred, but not added to the forward plan: ${why}`, style: 'warning' };
  }
}

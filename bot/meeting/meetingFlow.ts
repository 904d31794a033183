// Board meetings in chat: prepare one (the draft agenda from what is open), run it from its card
// (close or decline closure of actions, ratify chair's actions, key decisions, matters for
// escalation, new actions), draft its key messages and send them to the chair through the
// sign-off flow; once the chair approves they are posted to the place's channel. Every change
// goes through the shared mechanics in bot/change/: the meeting kind declares its form, its
// verb table and its cards; closing an action or ratifying a chair's action from the meeting card
// is the action's or sign-off's own change, drawn as the meeting card.
import { z } from 'zod';
import { meetingsNotVisibleCard } from '../../cards/accessCards.js';
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import {
  agendaToggleId,
  meetingCard,
  meetingFormCard,
  meetingInputId,
  meetingsListCard,
  MEETINGS_LIST_LIMIT,
  type MeetingCardValues,
  type MeetingFormValues,
} from '../../cards/meetingCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { formatDate, londonToday } from '../../records/dates.js';
import { LIMITS } from '../../records/limits.js';
import {
  applyMeetingCommand,
  createMeeting,
  mayGiveMeeting,
  mayRunMeeting,
  meetingDateProblem,
  NOT_CHAIR_OR_ADMIN,
  type AgendaItem,
  type Meeting,
  type MeetingCommand,
  type MeetingDraft,
} from '../../records/meeting.js';
import { composeKeyMessages } from '../../records/keyMessagesDraft.js';
import { type Actor } from '../../records/people.js';
import { PLACE_CODES, PLACE_NAMES, placeCodeSchema, placeFromText, type PlaceCode } from '../../records/places.js';
import { hostFor } from '../../records/secondRef.js';
import { type ActionFlow } from '../action/actionFlow.js';
import type { Forum } from '../../records/forum.js';
import { forumOfMeeting } from '../../records/meetingForum.js';
import { proposedMeetingDate } from '../../records/meetingForum.js';
import { closeAgreed } from './closeAgreed.js';
import { MeetingForums } from './meetingForums.js';
import { MeetingPreparation } from './meetingPreparation.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { Mechanics } from '../change/mechanics.js';
import { agendaEntries, closedAt, papersAt } from './agendaEntries.js';
import { KeyMessages } from './keyMessages.js';
import { MeetingPosts } from './meetingPosts.js';
import { ACTION_ON_MEETING, MEETING_VERBS, SIGNOFF_ON_MEETING, type ItemValues } from './meetingVerbs.js';
import type { Audience } from '../change/audience.js';
import type { RecordCreation, RecordForm } from '../change/recordCreation.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { cardRef, ViewerUnconfirmed } from '../change/cardData.js';
import { offered, type HostCard, type RecordCards } from '../change/declarations.js';
import { newFormId } from '../change/formId.js';
import { text } from '../change/forms.js';
import type { CreateOutcome } from '../capture/messageCapture.js';
import { type BotDeps, type Stored } from '../ports.js';
import { gatherAgenda } from '../../records/meetingSources.js';
import { meetingPlan } from '../forum/meetingPlan.js';
import { mayDecideAtMeeting, refusedAtMeeting } from '../../records/meetingDeciders.js';
import { type SignOffFlow } from '../signoff/signOffFlow.js';
import { meetingSharedCard } from '../sharedCards.js';
import { channelIdOf, speaker, type Turn } from '../turn.js';
import type { BotRoutes } from '../routes.js';

const REOPEN = 'from “meetings”, or by typing its ref';

/** What a submitted prepare-meeting form holds, as the form needs it back: the agenda as last read. */
interface SubmittedMeeting {
  place: PlaceCode | undefined;
  /** The forum the form names (from card data: read again and checked before anything is written). */
  forumRef: string | undefined;
  forum?: { ref: string; name: string };
  values: MeetingFormValues;
  unticked: Set<string>;
  agenda: AgendaItem[];
}

export class MeetingFlow {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  private readonly creation: RecordCreation;
  private readonly posts: MeetingPosts;
  /** Which forum a meeting is of (read from the place's forums). */
  readonly forums: MeetingForums;
  /** Who may prepare a forum's meeting, and the forum a submitted form names (refusals audited). */
  private readonly preparation: MeetingPreparation;
  /** Its key messages, from the draft to the channel (a sign-off's reaction publishes them: bot/teams/app.ts). */
  readonly keyMessages: KeyMessages;
  readonly cards: RecordCards<'meeting', MeetingCommand, MeetingCardValues>;

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
    private readonly actions: ActionFlow,
    private readonly signOffs: SignOffFlow,
  ) {
    ({ changes: this.changes, audience: this.audience, creation: this.creation } = mechanics);
    this.posts = new MeetingPosts(deps, this.changes.copies);
    this.forums = new MeetingForums(deps, this.audience);
    this.preparation = new MeetingPreparation(deps);
    this.keyMessages = new KeyMessages(deps, mechanics, this, this.posts, signOffs.cards);
    this.cards = {
      kind: 'meeting',
      noun: 'meeting',
      reopenHint: REOPEN,
      apply: applyMeetingCommand,
      card: (stored, actor, extras) => this.draw(stored, actor, extras),
      // Drawn without reads: the agenda as listed, without each item's current state.
      sharedCard: (stored, notice) => this.drawShared(stored, notice),
      afterChange: (context, stored, notice) => this.posts.updateCopies(context, stored, () => this.drawShared(stored, notice)),
    };
  }

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*(?:prepare\s+(?:a\s+)?)?meeting(?:\s+(.*))?$/i, (context, match) => this.formFor(context, match[1] ?? ''));
    routes.readMessage(/^\s*meetings\b(.*)$/i, (context, match) => this.list(context, match[1] ?? ''));
    routes.readMessage(/^\s*(?:show\s+)?([a-z]{2,3}-m-\d{4,})\s*$/i, (context, match) => this.view(context, match[1]!.toUpperCase()));
    routes.read('meeting.form', (context, data) => this.formFor(context, text(data.place)));
    app.cardVerb('meeting.cancelForm', async () => noticeCard('No meeting prepared', 'The form was closed and nothing was saved.'));
    routes.change('meeting.create', async (context, data) => this.creation.answerCreate(context, await this.create(context, data)));
    routes.read('meeting.view', (context, data) => this.view(context, cardRef(data).ref));
    routes.read('meeting.newAction', (context, data) => this.newAction(context, cardRef(data).ref));
    routes.change('meeting.sendKeyMessages', (context, data) => this.keyMessages.send(context, data));
    routes.change('meeting.closeAgreed', (context, data) =>
      closeAgreed(
        { meetings: this, changes: this.changes, audience: this.audience, actions: this.actions.cards, records: this.deps.records },
        context,
        data,
      ),
    );
    this.changes.verbs(routes, this.cards, MEETING_VERBS);
    // Closing an action and ratifying a chair's action from the meeting card: those records' own
    // changes (their rules, ETags and audit events), answered with the meeting card.
    this.changes.verbs(routes, this.panelsOn(this.actions.cards), ACTION_ON_MEETING, { host: this.host });
    this.changes.verbs(routes, this.panelsOn(this.signOffs.cards), SIGNOFF_ON_MEETING, { host: this.host });
  }

  /** "prepare meeting Blackpool" or "prepare meeting <forum>": the forum's next date from its rhythm and its name (meetingForums.ts). */
  async formFor(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const picked = await this.forums.pick(context, typed);
    if (!picked.ok) return picked.card;
    const { place, forum } = picked;
    const actor = await this.audience.actor(context, place);
    // A forum's secretary and chairs, and the place's admins (records/meetingPreparers.ts); anyone else is refused, and audited.
    const refused = forum ? await this.preparation.refusal(actor, forum) : undefined;
    if (refused) return noticeCard(`You cannot prepare a meeting of ${forum!.name}`, refused);
    if (!forum && !mayRunMeeting(actor))
      return noticeCard(
        `Only a chair or admin can prepare a meeting of ${PLACE_NAMES[place]}`,
        `${NOT_CHAIR_OR_ADMIN} Ask the board secretary of ${PLACE_NAMES[place]}.`,
      );
    const now = this.deps.clock();
    const { date, note } = proposedMeetingDate(forum, londonToday(now));
    const agenda = await this.agenda(place, date, now, forum);
    return meetingFormCard({
      formId: newFormId(),
      place,
      agenda,
      values: { board: forum?.name ?? `${PLACE_NAMES[place]} Place Partnership Board`, date },
      ...(forum ? { forum: { ref: forum.ref, name: forum.name } } : {}),
      ...(note ? { note } : {}),
    });
  }

  private async placeFor(context: Turn, typed: string): Promise<PlaceCode | AdaptiveCardJson> {
    const named = typed.trim();
    if (named) {
      const place = placeFromText(named);
      // A guest sees only the places whose channel they are in (records/access.ts).
      if (place) return (await this.audience.maySee(context, place)) ? place : meetingsNotVisibleCard(place);
      return noticeCard(
        'No such place',
        `I don't know the place “${named.slice(0, 60)}”. Try one of: ${PLACE_CODES.map((p) => PLACE_NAMES[p]).join(', ')}.`,
      );
    }
    const channelId =
      context.activity.conversation?.conversationType === 'channel'
        ? (channelIdOf(context.activity) ?? context.activity.conversation.id ?? '')
        : '';
    const linked = channelId ? await this.deps.places.placeOfChannel(channelId) : undefined;
    if (linked) return (await this.audience.maySee(context, linked.place)) ? linked.place : meetingsNotVisibleCard(linked.place);
    const me = speaker(context);
    const roles = await Promise.all(PLACE_CODES.map(async (p) => [p, await this.deps.places.rolesOf(p, me.id)] as const));
    const mine = roles.filter(([, r]) => r.includes('chair') || r.includes('admin')).map(([p]) => p);
    if (mine.length === 1) return (await this.audience.maySee(context, mine[0]!)) ? mine[0]! : meetingsNotVisibleCard(mine[0]!);
    return noticeCard(
      'Which place?',
      `Name the place, e.g. “prepare meeting ${PLACE_NAMES[mine[0] ?? 'BPL']}” or “meetings ${PLACE_NAMES[mine[0] ?? 'BPL']}”.`,
    );
  }

  /** The draft agenda from what is open in the forum's scope since its last meeting, and its forward plan's items: index rows of open records, never the history. */
  async agenda(place: PlaceCode, date: string, now: Date, forum?: Forum): Promise<AgendaItem[]> {
    const [policy, scope] = await Promise.all([this.deps.places.riskPolicyOf(place), this.forums.scopeOf(forum)]);
    return gatherAgenda(this.deps.records, place, date, policy.escalationThreshold, now, scope, forum);
  }

  /** The prepare form's submit, through the one create path; the meeting's card is then posted to the place's channel. */
  create(context: Turn, data: Record<string, unknown>): Promise<CreateOutcome> {
    return this.creation.create(context, data, this.recordForm);
  }

  /** The meeting kind's form, declared once (bot/change/recordCreation.ts RecordForm). */
  private readonly recordForm: RecordForm<'meeting', SubmittedMeeting, { draft: MeetingDraft; forum?: Forum }> = {
    kind: 'meeting',
    noun: 'meeting',
    done: 'prepared',
    attention: 'Some details need attention before the meeting can be prepared.',
    submitted: (_context, data) => ({
      place: placeCodeSchema.safeParse(data.place).data,
      forumRef: text(data.forumRef).trim().slice(0, 20) || undefined,
      values: { board: text(data.board).slice(0, LIMITS.title), date: text(data.date).slice(0, 10) },
      unticked: new Set(
        Object.entries(data)
          .filter(([k, v]) => k.startsWith('agenda.') && v === 'false')
          .map(([k]) => k),
      ),
      agenda: [],
    }),
    again: (formId, { place, forum, values, unticked, agenda }, { errors, banner }) =>
      place
        ? meetingFormCard({ formId, place, agenda, values, unticked, errors, banner, ...(forum ? { forum } : {}) })
        : noticeCard('That form is out of date', 'Type “prepare meeting” and the place to start again.'),
    parse: async (context, form, _data, now) => {
      let submitted = form;
      const { place, values, unticked } = submitted;
      if (!place) return { ok: false, errors: { form: 'Choose the place again: type “prepare meeting” and the place.' } };
      const errors: Record<string, string> = {};
      const forum = submitted.forumRef ? await this.preparation.forumOnForm(context, place, submitted.forumRef) : undefined;
      if (typeof forum === 'string') errors.form = forum;
      const ofForum = typeof forum === 'object' ? forum : undefined;
      const refused = ofForum ? await this.preparation.refusal(await this.audience.actor(context, place), ofForum) : undefined;
      if (refused) errors.form = refused;
      if (ofForum) submitted = { ...submitted, forum: { ref: ofForum.ref, name: ofForum.name } };
      const board = values.board!.trim();
      if (!board) errors.board = 'Name the board or forum.';
      const date = z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .safeParse(values.date);
      const problem = date.success ? meetingDateProblem(date.data, now) : 'Choose the meeting date.';
      if (problem) errors.date = problem;
      // The agenda as it is now, less what was unticked: a record closed since the form was drawn drops off.
      const agenda = await this.agenda(place, date.success ? date.data : londonToday(now), now, ofForum);
      if (Object.keys(errors).length) return { ok: false, errors, submitted: { ...submitted, agenda } };
      return {
        ok: true,
        place,
        draft: {
          draft: {
            place,
            ...(ofForum
              ? {
                  forumRef: ofForum.ref,
                  reportingLines: ofForum.reportingLines,
                  ...(ofForum.locality ? { locality: ofForum.locality } : {}),
                }
              : {}),
            board,
            date: values.date!,
            agenda: agenda.filter((i) => !unticked.has(agendaToggleId(i))),
          },
          ...(ofForum ? { forum: ofForum } : {}),
        },
      };
    },
    build: ({ draft, forum }, ref, actor, now) => createMeeting(draft, ref, actor, now, forum),
    resubmitted: async (stored, actor) => ({
      ok: true,
      ref: stored.record.ref,
      resubmitted: true,
      headline: `This form was already submitted: it prepared meeting ${stored.record.ref}.`,
      card: await this.draw(stored, actor, {
        notice: {
          text: `This form was already submitted: it prepared ${stored.record.ref}, shown here. Nothing was prepared twice.`,
          style: 'good',
        },
      }),
    }),
    confirm: async (_context, stored, actor) => {
      const m = stored.record;
      const { linked, posted } = await this.posts.postToPlace(
        m.place,
        this.cards.sharedCard(stored, { text: `Prepared by ${actor.name}: open it to run the meeting.`, style: 'accent' }),
        m.ref,
      );
      const where = posted.length
        ? `Its card is posted in the ${PLACE_NAMES[m.place]} channel.`
        : linked
          ? `Its card could not be posted in the ${PLACE_NAMES[m.place]} channel just now; it is here.`
          : 'Its card is here; no channel is linked to this place.';
      return {
        ok: true,
        ref: m.ref,
        headline: `Meeting ${m.ref} prepared: ${m.board}, ${formatDate(m.date)}.`,
        ...(linked ? {} : { shared: () => this.cards.sharedCard(stored, { text: `Prepared by ${actor.name}.`, style: 'good' }) }),
        card: await this.draw(stored, actor, {
          heading: `Meeting ${m.ref} prepared`,
          notice: { text: `${m.board}, ${formatDate(m.date)}, with ${m.agenda.length} agenda items. ${where}`, style: 'good' },
        }),
      };
    },
  };

  view(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    return this.changes.view(context, ref, this.cards);
  }

  /** "meetings Blackpool": past and next meetings of a place, with their state, grouped by forum. */
  async list(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const place = await this.placeFor(context, typed);
    if (typeof place !== 'string') return place;
    const [latest, actor, forums] = await Promise.all([
      this.deps.records.latestMeetings(place, MEETINGS_LIST_LIMIT),
      this.audience.actor(context, place),
      this.forums.forumsOf(place),
    ]);
    // Grouped by forum (records/meetingsByForum.ts).
    return meetingsListCard(
      place,
      latest.meetings.map((s) => s.record),
      mayRunMeeting(actor),
      latest.olderRef,
      undefined,
      forums,
    );
  }

  /** "New action from this meeting": the action form, prefilled with the place and the meeting. */
  async newAction(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    const stored = await this.visibleMeeting(context, ref);
    if (!stored) return noticeCard(`No meeting ${ref}`, 'There is no meeting with that reference.');
    const m = stored.record;
    return this.actions.form(context, {
      values: {
        place: m.place,
        ...(m.locality ? { locality: m.locality } : {}),
        sourceMeeting: `${m.board} (from meeting ${m.ref})`,
        sourceDate: m.date,
      },
    });
  }

  /** A meeting read by its ref, if the speaker may see its place (records/access.ts). */
  async visibleMeeting(context: Turn, ref: string, etag?: string): Promise<Stored<Meeting> | undefined> {
    const found = await this.deps.records.get('meeting', ref, etag ? { etag } : {});
    return found && (await this.audience.maySee(context, found.record.place)) ? found : undefined;
  }

  /** The agenda as prepared, without reads (for the view everyone else sees). */
  async draw(
    stored: Stored<Meeting>,
    actor: Actor,
    extras: {
      heading?: string;
      notice?: Notice;
      values?: MeetingCardValues;
      kept?: { ref: string; values: ItemValues };
      /** The place's forums, when this turn has already read them (and changed none). */
      forums?: readonly Stored<Forum>[];
    } = {},
  ): Promise<AdaptiveCardJson> {
    const m = stored.record;
    const running = m.status === 'PREPARING' || m.status === 'HELD';
    // Its forum (one read), the plan items due at it since it was prepared, and "Add to forward plan".
    const plan = meetingPlan(extras.forums ?? (await this.deps.records.listByPlace('forum', m.place)), m, actor);
    const decides = running && mayDecideAtMeeting(actor, plan.forum);
    const entries = await agendaEntries(this.deps.records, plan.meeting, actor, decides);
    const now = this.deps.clock();
    return meetingCard({
      meeting: m,
      etag: stored.etag,
      entries,
      permissions: {
        record: offered(MEETING_VERBS, 'meeting.addDecision', m, actor),
        draft: offered(MEETING_VERBS, 'meeting.draftKeyMessages', m, actor) && m.date <= londonToday(now),
        send: mayGiveMeeting(m, actor, 'requestSignOff'),
      },
      composed: composeKeyMessages(m, closedAt(entries), papersAt(entries)),
      now,
      ...(plan.offer ? { plan: plan.offer } : {}),
      ...extras,
    });
  }

  drawShared(stored: Stored<Meeting>, notice: Notice): AdaptiveCardJson {
    return meetingSharedCard(stored, notice, this.deps.clock());
  }

  /** Another kind's cards with their inputs read from their panel on the meeting card (its ids carry the item's ref). */
  private panelsOn<K extends 'action' | 'signoff', C, V>(cards: RecordCards<K, C, V>): RecordCards<K, C, V> {
    return {
      ...cards,
      list: { inputId: meetingInputId, card: async () => noticeCard('That card is out of date', `Open the meeting again ${REOPEN}.`) },
    };
  }

  /**
   * The meeting card as a host of its agenda items' changes (closing an action, ratifying a chair's
   * action): the meeting the card names, read once, only if the speaker may see it and the item is
   * on its agenda and in its place; drawn once for the clicker and once for everyone else.
   */
  private readonly host: HostCard<'meeting'> = {
    reopenHint: REOPEN,
    read: async (context, data, itemRef) => {
      const named = z.string().max(40).parse(data.meetingRef);
      const [meeting, { viewer, confirmed }] = await Promise.all([this.deps.records.get('meeting', named), this.deps.viewers.of(context)]);
      if (!confirmed) throw new ViewerUnconfirmed();
      const m = meeting?.record;
      // records/secondRef.ts: the speaker may see it, and the item is on its agenda, in its place.
      return m && hostFor(viewer, named, { ref: m.ref, place: m.place, items: m.agenda.map((i) => i.ref) }, itemRef).ok
        ? meeting
        : undefined;
    },
    // The forums its rule read are the ones it is drawn with: an item's change leaves them as they were.
    card: (host, actor, notice, kept) =>
      this.draw(host, actor, {
        notice,
        ...(kept ? { kept } : {}),
        ...(this.ruleRead.has(host) ? { forums: this.ruleRead.get(host)! } : {}),
      }),
    sharedCard: (host, notice) => this.drawShared(host, notice),
    // Its forum's chairs and the place's admins decide at it (records/meetingDeciders.ts), whatever the card says.
    rule: async (host) => {
      const forums = await this.deps.records.listByPlace('forum', host.record.place);
      this.ruleRead.set(host, forums);
      const forum = forumOfMeeting(
        host.record,
        forums.map((s) => s.record),
      );
      return (actor) => refusedAtMeeting(actor, forum);
    },
  };

  /** The forums the host rule read, by the copy of the meeting it read them for. */
  private readonly ruleRead = new WeakMap<Stored<Meeting>, readonly Stored<Forum>[]>();
}

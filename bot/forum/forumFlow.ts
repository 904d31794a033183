// Forums: "forums Lancashire" lists a place's boards and partnerships; a place admin adds one from
// the list's form and archives or restores it from its card. Creates go through the one create
// path (RecordCreation), changes through the one change pipeline (CardChanges): every change audited.
import { noticeCard } from '../../cards/commonCards.js';
import { forumCard, forumFormCard, forumListCard, type ForumFormValues } from '../../cards/forumCards.js';
import { londonToday } from '../../records/dates.js';
import { createForum, forumNamed, isForumActive, mayAdministerForums, NOT_PLACE_ADMIN, type ForumDraft } from '../../records/forum.js';
import { applyForumCardCommand, type ForumCardCommand } from '../../records/forumEdit.js';
import { mayNameDelegate } from '../../records/forumDelegates.js';
import { resolvePerson } from '../teams/members.js';
import { nextMeetingDate } from '../../records/forumRhythm.js';
import { forumAsTyped, forumDraftFrom, type ForumFormInput } from '../../records/forumInput.js';
import { parseRef } from '../../records/refs.js';
import { refusedAttemptOn } from '../../records/refusedAttempt.js';
import { PLACE_NAMES, placeCodeSchema, placeFromText, type PlaceCode } from '../../records/places.js';
import type { Mechanics } from '../change/mechanics.js';
import { alreadyCreated, type RecordForm } from '../change/recordCreation.js';
import type { RecordCards, VerbTable } from '../change/declarations.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { cardRef } from '../change/cardData.js';
import { newFormId } from '../change/formId.js';
import type { BotDeps, Stored } from '../ports.js';
import type { BotRoutes } from '../routes.js';
import { speaker, type Turn } from '../turn.js';
import type { Forum } from '../../records/forum.js';
import { PLAN_CHANGED } from './forwardPlanVerbs.js';

const str = (v: unknown, max = 4000) => (typeof v === 'string' ? v.slice(0, max) : '');

const FIELDS = ['name', 'locality', 'chairs', 'viceChair', 'secretary', 'rhythm', 'startTime', 'reportingLines', 'packDaysBefore'] as const;

/** How much of each typed field the edit form echoes back when a change is not saved (its inputs hold 2,000). */
const EDIT_ECHO = Object.fromEntries(FIELDS.map((f) => [f, 2000])) as Record<(typeof FIELDS)[number], number>;

/** What a forum's card sends back typed: the edit form's fields, or a chair's delegate panel. */
type EditValues = ForumFormInput & { delegate?: string; delegateMeeting?: string };

export class ForumFlow {
  constructor(
    private readonly deps: BotDeps,
    private readonly mechanics: Mechanics,
  ) {}

  readonly cards: RecordCards<'forum', ForumCardCommand, EditValues> = {
    kind: 'forum',
    noun: 'forum',
    reopenHint: 'from “forums <place>”',
    apply: applyForumCardCommand,
    // An edit not saved (refused, or someone else changed it first): the form again at the latest version, the entry kept.
    card: async (stored, actor, extras) =>
      extras.values && 'name' in extras.values && mayAdministerForums(actor) && isForumActive(stored.record)
        ? forumFormCard(
            '',
            { packDaysBefore: '', ...(extras.values as ForumFormInput), place: stored.record.place },
            { errors: {}, banner: '' },
            { stored, ...(extras.notice ? { notice: extras.notice } : {}) },
          )
        : forumCard({
            stored,
            next: nextMeetingDate(stored.record.rhythm, londonToday(this.deps.clock())),
            mayAdminister: mayAdministerForums(actor),
            ...(extras.notice ? { notice: extras.notice } : {}),
            // A chair of the forum names their own delegate for its key messages here, from the place's named people.
            ...(mayNameDelegate(stored.record, actor)
              ? {
                  delegating: {
                    chairId: actor.id,
                    people: await this.namedPeople(stored.record.place),
                    ...(extras.values && 'delegate' in extras.values ? { values: extras.values } : {}),
                  },
                }
              : {}),
          }),
    sharedCard: (stored, notice) => forumCard({ stored, mayAdminister: false, notice }),
    // Someone who may not change a forum trying to (a forged or old card): refused, and the attempt kept.
    refusedEvent: (record, actor, command, refusal, now) =>
      refusal.code === 'WRONG_PERSON' ? refusedAttemptOn(record, actor, command.type, refusal.message, now) : undefined,
  };

  private readonly verbTable: VerbTable<'forum', ForumCardCommand, EditValues> = {
    verbs: {
      'forum.archive': { echo: {}, command: () => ({ type: 'archive' }), may: (_f, actor) => mayAdministerForums(actor) },
      'forum.restore': { echo: {}, command: () => ({ type: 'restore' }), may: (_f, actor) => mayAdministerForums(actor) },
      // The edit form's submit: read by the rule (records/forumEdit.ts) against the forum as stored.
      'forum.change': {
        echo: EDIT_ECHO,
        command: async (inputs, data, context) => {
          const place = parseRef(cardRef(data).ref)?.place;
          const [named, others] = place
            ? await Promise.all([this.deps.places.signOffPeopleOf(place), this.forumsOf(place)])
            : [{ chairs: [], approvers: [] }, []];
          return {
            type: 'change',
            typed: Object.fromEntries(FIELDS.map((f) => [f, inputs[f] ?? ''])) as unknown as ForumFormInput,
            known: [...named.chairs, ...named.approvers, speaker(context)],
            others: others.map((o) => ({ ref: o.record.ref, name: o.record.name })),
          };
        },
        may: (f, actor) => mayAdministerForums(actor) && isForumActive(f),
      },
      // A chair's delegate for key messages (records/forumDelegates.ts): the person as Teams or the place names
      // them, and the meeting as stored (the card's text is only a ref to look up).
      'forum.nameDelegate': {
        echo: { delegate: 200, delegateMeeting: 20 },
        command: async (inputs, data, context) => {
          const place = parseRef(cardRef(data).ref)?.place;
          const id = (inputs.delegate ?? '').trim().slice(0, 200);
          const typedMeeting = (inputs.delegateMeeting ?? '').trim().toUpperCase().slice(0, 20);
          const [delegate, meeting] = await Promise.all([
            id ? resolvePerson(context, id, place ? await this.namedPeople(place) : []) : undefined,
            typedMeeting && parseRef(typedMeeting)?.kind === 'meeting' ? this.deps.records.get('meeting', typedMeeting) : undefined,
          ]);
          return {
            type: 'nameDelegate',
            delegate: delegate ?? { id: '', name: '' },
            ...(typedMeeting ? { meeting: { ref: typedMeeting, forumRef: meeting?.record.forumRef } } : {}),
          };
        },
        may: (f, actor) => mayNameDelegate(f, actor),
      },
      'forum.endDelegate': {
        echo: {},
        command: (_inputs, data) => ({
          type: 'endDelegate',
          delegateId: str(data.delegateId, 200),
          ...(str(data.meetingRef, 20) ? { meetingRef: str(data.meetingRef, 20) } : {}),
        }),
        may: (f, actor) => mayNameDelegate(f, actor),
      },
    },
    changed: {
      change: 'Forum changed',
      archive: 'Forum archived',
      restore: 'Forum restored',
      nameDelegate: 'Delegate for key messages named',
      endDelegate: 'Delegate for key messages ended',
      ...PLAN_CHANGED,
    },
    saved: {
      nameDelegate: 'Your delegate is recorded: they can sign off the key messages on your behalf.',
      endDelegate: 'That delegate is ended.',
      change: 'Saved: the forum’s changes are recorded.',
      archive: 'Archived: it stays on the meetings that name it.',
      restore: 'Restored.',
    },
  };

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, 'from “forums <place>”');
    routes.readMessage(/^\s*forums\b(.*)$/i, (context, match) => this.list(context, match[1] ?? ''));
    routes.readMessage(/^\s*add\s+(?:a\s+)?forum\b(.*)$/i, (context, match) => this.form(context, match[1] ?? ''));
    routes.read('forum.view', (context, data) => this.mechanics.changes.view(context, cardRef(data).ref, this.cards));
    routes.read('forum.form', (context, data) => this.form(context, str(data.place, 40)));
    // From the setup card: the place's forums, each with Edit for its admins.
    routes.read('forum.list', (context, data) => {
      const place = placeCodeSchema.safeParse(str(data.place, 40));
      return this.list(context, place.success ? PLACE_NAMES[place.data] : '');
    });
    routes.read('forum.edit', (context, data) => this.editForm(context, cardRef(data).ref));
    routes.change('forum.create', async (context, data) =>
      this.mechanics.creation.answerCreate(context, await this.mechanics.creation.create(context, data, this.recordForm)),
    );
    this.mechanics.changes.verbs(routes, this.cards, this.verbTable);
  }

  /** A place's forums, each with its next meeting; a place the speaker may not see is not named. */
  async list(context: Turn, typed: string) {
    const place = placeFromText(typed);
    if (!place) return noticeCard('Which place?', 'Name the place, e.g. “forums Lancashire” or “forums Blackpool”.');
    if (!(await this.mechanics.audience.maySee(context, place)))
      return noticeCard(`No forums for ${PLACE_NAMES[place]}`, 'You can see the forums of the places whose channel you are in.');
    const today = londonToday(this.deps.clock());
    const [forums, actor] = await Promise.all([this.forumsOf(place), this.mechanics.audience.actor(context, place)]);
    return forumListCard({
      place,
      forums: forums.map((s) => ({ record: s.record, next: nextMeetingDate(s.record.rhythm, today) })),
      mayAdminister: mayAdministerForums(actor),
    });
  }

  /**
   * "Edit" on a forum's card or the list: the form pre-filled with the forum as stored (submitting
   * it unchanged changes nothing but is recorded), drawn at its version, so a change made meanwhile
   * by someone else is caught by its ETag. Only a place admin is given the form.
   */
  async editForm(context: Turn, ref: string) {
    const found = parseRef(ref)?.kind === 'forum' ? await this.mechanics.changes.latest(context, ref, this.cards) : undefined;
    if (!found) return noticeCard(`No forum ${ref.slice(0, 20)}`, 'There is no forum with that reference. Open one from “forums <place>”.');
    const { stored } = found;
    const actor = await this.mechanics.audience.actor(context, stored.record.place);
    if (!mayAdministerForums(actor) || !isForumActive(stored.record))
      return this.cards.card(stored, actor, {
        notice: {
          text: mayAdministerForums(actor) ? `${stored.record.name} is archived: restore it before changing it.` : NOT_PLACE_ADMIN,
          style: 'attention',
        },
      });
    return forumFormCard(
      '',
      { packDaysBefore: '', ...forumAsTyped(stored.record), place: stored.record.place },
      { errors: {}, banner: '' },
      { stored },
    );
  }

  /** The people a place names (its chairs and approvers): whom a forum's form and delegate panel offer. */
  private async namedPeople(place: PlaceCode) {
    const named = await this.deps.places.signOffPeopleOf(place);
    return [...named.chairs, ...named.approvers];
  }

  /** Every forum of a place, archived ones too (a place has a handful). */
  forumsOf(place: PlaceCode): Promise<Stored<Forum>[]> {
    return this.deps.records.listByPlace('forum', place);
  }

  private async form(context: Turn, typed: string) {
    const place = placeFromText(typed) ?? placeCodeSchema.safeParse(typed.trim()).data;
    if (!place) return noticeCard('Which place?', 'Name the place, e.g. “add forum Lancashire”.');
    if (!(await this.mechanics.audience.maySee(context, place)))
      return noticeCard(`No forums for ${PLACE_NAMES[place]}`, 'You can see the forums of the places whose channel you are in.');
    const actor = await this.mechanics.audience.actor(context, place);
    if (!mayAdministerForums(actor)) return noticeCard('Only a place admin adds forums', `Ask an admin of ${PLACE_NAMES[place]}.`);
    const empty = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Omit<ForumFormValues, 'place'>;
    return forumFormCard(newFormId(), { ...empty, place, startTime: '14:00' }, { errors: {}, banner: '' });
  }

  private readonly recordForm: RecordForm<'forum', ForumFormValues, ForumDraft> = {
    kind: 'forum',
    noun: 'forum',
    done: 'added',
    attention: 'Some details need attention before the forum can be added.',
    submitted: (_context, data) => ({
      place: str(data.place, 40),
      ...(Object.fromEntries(FIELDS.map((f) => [f, str(data[f])])) as Omit<ForumFormValues, 'place'>),
    }),
    parse: async (context, submitted, _data, now) => {
      const place = placeCodeSchema.safeParse(submitted.place);
      if (!place.success) return { ok: false, errors: { place: 'Choose the place the forum belongs to.' } };
      const [named, forums] = await Promise.all([this.deps.places.signOffPeopleOf(place.data), this.forumsOf(place.data)]);
      // Whom the place names (its chairs and approvers) and the admin adding it (often the secretary).
      const people = [...named.chairs, ...named.approvers, speaker(context)];
      const drafted = forumDraftFrom(place.data, submitted, people, londonToday(now));
      if (!drafted.ok) return drafted;
      if (forumNamed(forums, drafted.draft.name))
        return {
          ok: false,
          errors: { name: `${PLACE_NAMES[place.data]} already has a forum called ${drafted.draft.name.slice(0, 120)}.` },
        };
      return { ok: true, place: place.data, draft: drafted.draft };
    },
    again: (formId, submitted, problems) => forumFormCard(formId, submitted, problems),
    build: createForum,
    confirm: async (_context, stored, actor) => ({
      ok: true,
      ref: stored.record.ref,
      headline: `Forum ${stored.record.name} added to ${PLACE_NAMES[stored.record.place]}.`,
      card: await this.cards.card(stored, actor, {
        notice: { text: `${stored.record.name} added (${stored.record.ref}).`, style: 'good' },
      }),
      shared: () => forumCard({ stored, mayAdminister: false }),
    }),
    resubmitted: (stored, actor) =>
      alreadyCreated({ noun: 'forum', done: 'added', ref: stored.record.ref }, (extras) => this.cards.card(stored, actor, extras)),
  };
}

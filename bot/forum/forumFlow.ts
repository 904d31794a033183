// Forums: "forums Lancashire" lists a place's boards and partnerships; a place admin adds one from
// the list's form and archives or restores it from its card. Creates go through the one create
// path (RecordCreation), changes through the one change pipeline (CardChanges): every change audited.
import { noticeCard } from '../../cards/commonCards.js';
import { forumCard, forumFormCard, forumListCard, type ForumFormValues } from '../../cards/forumCards.js';
import { londonToday } from '../../records/dates.js';
import {
  applyForumCommand,
  createForum,
  forumNamed,
  mayAdministerForums,
  type ForumCommand,
  type ForumDraft,
} from '../../records/forum.js';
import { nextMeetingDate } from '../../records/forumRhythm.js';
import { forumDraftFrom } from '../../records/forumInput.js';
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

const FIELDS = ['name', 'locality', 'chairs', 'viceChair', 'secretary', 'rhythm', 'startTime', 'reportingLines'] as const;

const FORUM_VERBS: VerbTable<'forum', ForumCommand, Record<string, never>> = {
  verbs: {
    'forum.archive': { echo: {}, command: () => ({ type: 'archive' }), may: (_f, actor) => mayAdministerForums(actor) },
    'forum.restore': { echo: {}, command: () => ({ type: 'restore' }), may: (_f, actor) => mayAdministerForums(actor) },
  },
  changed: { change: 'Forum changed', archive: 'Forum archived', restore: 'Forum restored', ...PLAN_CHANGED },
  saved: { archive: 'Archived: it stays on the meetings that name it.', restore: 'Restored.' },
};

export class ForumFlow {
  constructor(
    private readonly deps: BotDeps,
    private readonly mechanics: Mechanics,
  ) {}

  readonly cards: RecordCards<'forum', ForumCommand, Record<string, never>> = {
    kind: 'forum',
    noun: 'forum',
    reopenHint: 'from “forums <place>”',
    apply: applyForumCommand,
    card: (stored, actor, extras) =>
      forumCard({
        stored,
        next: nextMeetingDate(stored.record.rhythm, londonToday(this.deps.clock())),
        mayAdminister: mayAdministerForums(actor),
        ...(extras.notice ? { notice: extras.notice } : {}),
      }),
    sharedCard: (stored, notice) => forumCard({ stored, mayAdminister: false, notice }),
  };

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, 'from “forums <place>”');
    routes.readMessage(/^\s*forums\b(.*)$/i, (context, match) => this.list(context, match[1] ?? ''));
    routes.readMessage(/^\s*add\s+(?:a\s+)?forum\b(.*)$/i, (context, match) => this.form(context, match[1] ?? ''));
    routes.read('forum.view', (context, data) => this.mechanics.changes.view(context, cardRef(data).ref, this.cards));
    routes.read('forum.form', (context, data) => this.form(context, str(data.place, 40)));
    routes.change('forum.create', async (context, data) =>
      this.mechanics.creation.answerCreate(context, await this.mechanics.creation.create(context, data, this.recordForm)),
    );
    this.mechanics.changes.verbs(routes, this.cards, FORUM_VERBS);
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

// The sign-off flow in chat: request one, post its card where it was asked for (approvers
// @mentioned), answer each person's automatic refresh with their own view, and record answers,
// conflicts, withdrawals, resubmissions, delegates and ratification from the card. Every change
// goes through the shared card-change mechanics in bot/change/; this file declares the cards
// and which command each verb gives.
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import {
  listInputId,
  REFRESH_VERB,
  SIGNOFF_CARD_INPUTS,
  signOffCard,
  signOffListCard,
  signOffPlaceCard,
  signOffFormCard,
  unavailableRefreshCard,
  type SignOffCardInputId,
  type SignOffCardValues,
} from '../../cards/signOffCards.js';
import { formatDate } from '../../records/dates.js';
import { toPerson, type Actor, type Person } from '../../records/people.js';
import { PLACE_CODES, PLACE_NAMES, placeCodeSchema, type PlaceCode } from '../../records/places.js';
import {
  createSignOff,
  delegateProblem,
  isFinal,
  permissionsOf,
  SIGNOFF_STATUS_LABELS,
  tookPartInDecision,
  type SignOff,
  type SignOffDraft,
} from '../../records/signoff.js';
import { applySignOffCommand, expiryDue, refusedAttempt, type SignOffCommand } from '../../records/signoffCommands.js';
import { ApproversElsewhere, names } from './approversElsewhere.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { Mechanics } from '../change/mechanics.js';
import type { Audience } from '../change/audience.js';
import type { RecordCreation, RecordForm } from '../change/recordCreation.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { cardRef } from '../change/cardData.js';
import type { CardExtras, RecordCards, VerbTable } from '../change/declarations.js';
import { nowhereToRecordCard } from '../change/messages.js';
import { peopleHere, resolvePerson, teamsIdsOf } from '../teams/members.js';
import { blank } from '../change/forms.js';
import { parseSignOffForm, signOffFormValues } from './signOffForm.js';
import { withRegisterAnswers } from './coverRisks.js';
import type { CoverSheet } from '../../records/coverSheet.js';
import { newFormId } from '../change/formId.js';
import { storeErrorCode, type BotDeps, type Stored } from '../ports.js';
import { waitAtMost, within } from '../change/timeBound.js';
import { type Turn, postCard, sendCard, speaker } from '../turn.js';
import type { BotRoutes } from '../routes.js';

const REOPEN = 'from “sign-offs”';
/** A refresh answers well inside Teams' 5 s, whatever storage does. */
const REFRESH_BUDGET_MS = 3000;
/** How long a request waits for the 1:1 messages to approvers elsewhere; the rest carry on without it. */
const TELL_BUDGET_MS = 1500;

type Values = SignOffCardValues;

export class SignOffFlow {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  private readonly creation: RecordCreation;
  /** Approvers not in the conversation a sign-off is requested in: told 1:1. */
  private readonly elsewhere: ApproversElsewhere;
  readonly cards: RecordCards<'signoff', SignOffCommand, Values>;

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
  ) {
    ({ changes: this.changes, audience: this.audience, creation: this.creation } = mechanics);
    this.elsewhere = new ApproversElsewhere(deps, this.changes.copies, (stored, viewer, notice) => this.card(stored, viewer, { notice }));
    this.cards = {
      kind: 'signoff',
      noun: 'sign-off',
      reopenHint: REOPEN,
      apply: applySignOffCommand,
      card: (stored, actor, extras) => this.card(stored, actor, extras),
      sharedCard: (stored, notice) => signOffCard({ signOff: stored.record, etag: stored.etag, view: 'shared', notice }),
      finalNotice: (record) => (isFinal(record) ? finalLine(record) : undefined),
      lapse: expiryDue,
      afterLapse: (context, stored) => this.tellExpired(context, stored),
      afterChange: async (context, stored, notice) => {
        await this.updateOtherCopies(context, stored, notice);
      },
      refusedEvent: (record, actor, command, refusal, now) =>
        refusal.code === 'WRONG_PERSON' ? refusedAttempt(record, actor, command, refusal.message, now) : undefined,
      // Ratification is recorded from the card, or from its panel on the "sign-offs" list (input ids carry the ref).
      list: { inputId: (ref, field) => listInputId(ref, field as 'meeting'), card: (context, notice) => this.list(context, notice) },
    };
  }

  register(app: BotRoutes): void {
    app.message(/^\s*request\s+(a\s+)?sign[\s-]?off\s*$/i, async (context) => sendCard(context, await this.placeCard(context)));
    // Reads (typed or clicked) answer storage-down with "nothing was changed"; changes with "nothing saved".
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*(my\s+)?sign[\s-]?offs\s*$/i, (context) => this.list(context));
    routes.readMessage(/^\s*(?:show\s+)?([a-z]{2,3}-s-\d{4,})\s*$/i, (context, match) => this.view(context, match[1]!.toUpperCase()));
    routes.read('signoff.form', (context, data) => this.form(context, data));
    app.cardVerb('signoff.cancelForm', async () => noticeCard('No sign-off requested', 'The form was closed and nothing was saved.'));
    routes.change('signoff.create', (context, data) => this.create(context, data));
    routes.read('signoff.list', (context) => this.list(context));
    routes.read('signoff.view', (context, data) => this.view(context, cardRef(data).ref));
    // A refresh is never answered with an error: it has its own bounded fallback.
    routes.raw(REFRESH_VERB, (context, data) => this.refresh(context, data));
    routes.read('signoff.delegating', (context, data) => this.delegating(context, data));

    // An answer the store could not even read for is answered with a line of text, so Teams keeps
    // the card as it was, with the typed comment still in it.
    this.changes.verbs(routes, this.cards, SIGNOFF_VERBS, { unreadable: 'text' });
  }

  private card(stored: Stored<SignOff>, actor: Actor, extras: CardExtras<Values> & { delegating?: Person[] } = {}): AdaptiveCardJson {
    return signOffCard({
      signOff: stored.record,
      etag: stored.etag,
      view: { viewer: actor, permissions: permissionsOf(stored.record, actor) },
      ...extras,
    });
  }

  /**
   * Teams asks for this each time someone in `refresh.userIds` opens the card: their own view,
   * quickly, and never an error (a failed refresh stops later ones). Reads only, unless the
   * sign-off has just expired.
   */
  async refresh(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const ref = typeof data.ref === 'string' ? data.ref.slice(0, 40) : '';
    // refresh.userIds wants the Teams user id, which the activity carries.
    const fallback = () => unavailableRefreshCard(ref, context.activity.from?.id || speaker(context).id);
    try {
      return await within(this.changes.show(context, ref, this.cards), REFRESH_BUDGET_MS, fallback);
    } catch (err) {
      if (storeErrorCode(err) !== 'UNAVAILABLE') console.error('sign-off refresh failed', err);
      return fallback();
    }
  }

  view(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    return this.changes.view(context, ref, this.cards);
  }

  /** The "record a delegate" panel opened on the card, offering the people of this conversation and of the place. */
  async delegating(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const { ref } = cardRef(data);
    const found = await this.deps.records.get('signoff', ref);
    const stored = found && (await this.audience.maySee(context, found.record.place)) ? found : undefined;
    if (!stored) return noticeCard(`No sign-off ${ref}`, 'There is no sign-off with that reference.');
    const actor = await this.audience.actor(context, stored.record.place);
    const placePeople = await this.deps.places.signOffPeopleOf(stored.record.place);
    const people = new Map<string, Person>();
    // Only people the rule would accept for some seat (records/signoff.ts delegateProblem): not the
    // requester, an approver, the person recording, anyone conflicted or already answering for a seat.
    const s = stored.record;
    for (const p of [...(await peopleHere(context)), ...placePeople.chairs, ...placePeople.approvers]) {
      if (people.has(p.id) || !s.approvers.some((a) => !delegateProblem(s, actor, a.id, toPerson(p)))) continue;
      people.set(p.id, toPerson(p));
    }
    return this.card(stored, actor, { delegating: [...people.values()] });
  }

  /** "Request a sign-off": which place it is for, among those the speaker may record in. */
  async placeCard(context: Turn, banner = ''): Promise<AdaptiveCardJson> {
    const places = await this.creation.recordablePlaces(context);
    return places.length ? signOffPlaceCard(banner, places) : nowhereToRecordCard();
  }

  /**
   * The request form for a place, its chairs and named approvers offered and preselected: never
   * the person asking, who cannot approve their own request.
   */
  async form(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const place = placeCodeSchema.safeParse(data.place);
    if (!place.success) return this.placeCard(context);
    const people = await this.deps.places.signOffPeopleOf(place.data);
    const me = speaker(context);
    const approvers = approverChoices(people, me);
    if (approvers.length === 0) {
      const name = PLACE_NAMES[place.data];
      const onlyMe = [...people.chairs, ...people.approvers].some((p) => p.id === me.id);
      return onlyMe
        ? noticeCard(
            `No one else can approve in ${name}`,
            `You are the only chair or named approver of ${name}, and you cannot approve your own request. Ask the place admin to name another approver.`,
          )
        : noticeCard(
            `No approvers in ${name}`,
            `${name} has no chairs or named approvers yet, so nobody can be asked to sign off. Ask the place admin to name them.`,
          );
    }
    return signOffFormCard({ formId: newFormId(), place: place.data, approvers, now: this.deps.clock(), preselect: true });
  }

  /** The request form's submit, through the one create path; the card is then posted here with the approvers @mentioned. */
  async create(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    if (!placeCodeSchema.safeParse(data.place).success) return this.placeCard(context, 'Choose the place first.');
    const outcome = await this.creation.create(context, data, this.recordForm);
    return outcome.ok ? outcome.card : outcome.form;
  }

  /** The sign-off kind's request form, declared once (bot/change/recordCreation.ts RecordForm). */
  private readonly recordForm: RecordForm<'signoff', SubmittedRequest, Request> = {
    kind: 'signoff',
    noun: 'sign-off',
    done: 'requested',
    attention: 'Some details need attention before the sign-off can be requested.',
    submitted: async (context, data) => {
      const place = placeCodeSchema.parse(data.place);
      const people = await this.deps.places.signOffPeopleOf(place);
      return { place, people, approvers: approverChoices(people, speaker(context)), values: signOffFormValues(data) };
    },
    // Anyone may ask for a sign-off, so no role look-up: the request is made as the speaker.
    actor: async (context) => ({ ...speaker(context), roles: [] }),
    again: (formId, { place, approvers, values }, { errors, banner }) =>
      signOffFormCard({ formId, place, approvers, now: this.deps.clock(), values, errors, banner }),
    parse: async (context, { place, people }, data, now) => {
      const me = speaker(context);
      const personal = context.activity.conversation?.conversationType === 'personal';
      const parsed = parseSignOffForm(data, { place, requester: me, chairs: people.chairs, approvers: people.approvers, now });
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      // The cover sheet's risks must be on this place's register; each says whether it is on the ICB's.
      const cover = parsed.draft.cover && (await withRegisterAnswers(this.deps.records, place, parsed.draft.cover as CoverSheet));
      if (cover && !cover.ok) return { ok: false, errors: cover.errors };
      if (cover) parsed.draft.cover = cover.cover;
      // Teams ids of the approvers in this conversation; those not found are not members here.
      const members = personal ? [] : await teamsIdsOf(context, parsed.draft.approvers);
      const elsewhere = parsed.draft.approvers.filter((a) => a.id !== me.id && !members.some((m) => m.personId === a.id));
      // Their personal chats (read once): their Teams ids join the card's refresh, and the 1:1 messages go there.
      const chats = await this.elsewhere.personalChats(elsewhere);
      const teamsIds = [...(personal ? await teamsIdsOf(context, []) : members), ...chats.teamsIds];
      return { ok: true, place, draft: { draft: { ...parsed.draft, teamsIds }, elsewhere, chats } };
    },
    build: (request, ref, actor, now) => createSignOff(request.draft, ref, actor, now),
    resubmitted: async (stored) => ({
      ok: true,
      ref: stored.record.ref,
      resubmitted: true,
      headline: `This form was already submitted: it requested ${stored.record.ref}.`,
      card: noticeCard(
        `Sign-off ${stored.record.ref} requested`,
        `This form was already submitted: it requested ${stored.record.ref}, whose card is in this conversation. Nothing was requested twice.`,
      ),
    }),
    confirm: async (context, stored, actor, { elsewhere, chats }) => {
      const s = stored.record;
      // A new message, so the @mentions notify the approvers (an edited message notifies nobody).
      const posted = await postCard(
        context,
        this.cards.sharedCard(stored, { text: `Requested by ${actor.name}. Approvers: open this card to answer.`, style: 'accent' }),
      );
      // Where it was posted, so the expiry sweep can update it for everyone later.
      if (posted) await this.changes.copies.remember(s.ref, context, posted);
      const here = s.approvers.filter((a) => !elsewhere.some((e) => e.id === a.id));
      const where =
        context.activity.conversation?.conversationType === 'personal'
          ? 'The sign-off card is posted here.'
          : `The sign-off card is posted in this conversation${here.length ? `, with ${names(here)} @mentioned` : ''}.`;
      // Approvers not in this conversation get their own view 1:1; the request never waits long for that.
      const told = elsewhere.length ? await this.elsewhere.tell(stored, elsewhere, chats.referenceOf, actor) : '';
      const card = noticeCard(
        `Sign-off ${s.ref} requested`,
        `${where}${told} It is due by ${formatDate(s.dueBy)}; you can follow it from “sign-offs”.`,
      );
      return { ok: true, ref: s.ref, headline: `Sign-off ${s.ref} requested.`, card };
    },
  };

  /**
   * A sign-off that expired on someone's look: its other posted cards are updated and its requester
   * told 1:1 (unless it is the requester looking), as the sweep does.
   */
  private async tellExpired(context: Turn, stored: Stored<SignOff>): Promise<void> {
    const notices = this.deps.signOffNotices;
    if (!notices) return;
    // The message clicked is already seen to: updated for the conversation, or (in personal chat) answered.
    const { replyToId } = context.activity;
    const skip = {
      ...(replyToId ? { activityId: replyToId } : {}),
      requester: speaker(context).id === stored.record.requestedBy.id,
    };
    await waitAtMost(notices.expired(stored, skip), TELL_BUDGET_MS);
  }

  /**
   * After an answer, a decision or a withdrawal from one copy of the card (say an approver's 1:1
   * copy), every other posted copy (say the channel's) shows the same shared card.
   */
  private async updateOtherCopies(context: Turn, stored: Stored<SignOff>, notice: Notice): Promise<void> {
    const notices = this.deps.signOffNotices;
    if (!notices) return;
    const { replyToId } = context.activity;
    await waitAtMost(notices.changed(stored, notice, replyToId ? { activityId: replyToId } : {}), TELL_BUDGET_MS);
  }

  /** Three sections: awaiting my decision, requested by me and still open, awaiting ratification (chairs and admins). */
  async list(context: Turn, notice?: Notice): Promise<AdaptiveCardJson> {
    const me = speaker(context);
    const [pending, mine, roles] = await Promise.all([
      this.deps.records.listSignOffsPendingFor(me.id),
      this.deps.records.listOpenSignOffsRequestedBy(me.id),
      Promise.all(PLACE_CODES.map(async (p) => ({ place: p, roles: await this.deps.places.rolesOf(p, me.id) }))),
    ]);
    const ratifying = roles.filter((r) => r.roles.includes('chair') || r.roles.includes('admin')).map((r) => r.place);
    // A chair's action is ratified by someone other than whoever decided it.
    const awaiting = (await this.deps.records.listSignOffsAwaitingRatification(ratifying)).filter(
      (s) => !tookPartInDecision(s.record, me.id),
    );
    const toRatify = await this.audience.visible(context, awaiting);
    return signOffListCard({
      pending: await this.audience.visible(context, pending),
      mine: await this.audience.visible(context, mine),
      toRatify,
      canRatify: ratifying.length > 0,
      now: this.deps.clock(),
      ...(notice ? { notice } : {}),
    });
  }
}

/** The place's chairs and named approvers, but not the requester. */
function approverChoices(people: { chairs: Person[]; approvers: Person[] }, requester: Person): (Person & { chair: boolean })[] {
  const out = new Map<string, Person & { chair: boolean }>();
  for (const c of people.chairs) out.set(c.id, { ...toPerson(c), chair: true });
  for (const a of people.approvers) if (!out.has(a.id)) out.set(a.id, { ...toPerson(a), chair: false });
  out.delete(requester.id);
  return [...out.values()];
}

/** Only the inputs that were filled in: blank optional text is left out, never sent as "". */
function optional<T extends Record<string, unknown>>(fields: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => blank(v) !== undefined && typeof v === 'string')) as Partial<
    Record<keyof T, string>
  >;
}

/** The line a final sign-off's card carries, e.g. "BPL-S-0003 expired on … without a decision". */
export function finalLine(s: SignOff): string {
  if (s.status === 'EXPIRED')
    return `${s.ref} expired on ${formatDate(s.expiresOn)} without a decision; it stays in the record. Ask again if it is still needed.`;
  if (s.status === 'WITHDRAWN') return `${s.ref} was withdrawn, so it can no longer be answered.`;
  if (s.status === 'RATIFIED' || s.status === 'NOT_RATIFIED')
    return `${s.ref} was already ${SIGNOFF_STATUS_LABELS[s.status].toLowerCase()}; nothing more can be recorded on it.`;
  return `${s.ref} was already decided: ${SIGNOFF_STATUS_LABELS[s.status].toLowerCase()}. Nothing more can be recorded on it.`;
}

/** How a change reads on the card everyone else sees, e.g. "Approved with conditions by Helen Price." */
const CHANGED: Record<SignOffCommand['type'], string> = {
  approve: 'Approved',
  approveWithConditions: 'Approved with conditions',
  reject: 'Rejected',
  requestInfo: 'More information asked for',
  resubmit: 'Answered and resubmitted',
  withdraw: 'Withdrawn',
  expire: 'Expired',
  declareConflict: 'Conflict of interest declared',
  addDelegate: 'Delegate recorded',
  ratify: 'Ratification recorded',
  notRatify: 'Recorded as not ratified',
  decideAtMeeting: "Board's decision recorded",
};

const SAVED: Record<SignOffCommand['type'], string> = {
  approve: 'Your approval is recorded.',
  approveWithConditions: 'Your approval and its conditions are recorded.',
  reject: 'Your rejection and its reason are recorded.',
  requestInfo: 'Your question is recorded and sent back to the requester.',
  resubmit: 'Your answer is recorded and the request is back with the approvers.',
  withdraw: 'The request is withdrawn. It stays in the record.',
  expire: 'Expired.',
  decideAtMeeting: "The board's decision is recorded.",
  declareConflict: 'Your conflict of interest is recorded; you take no part in this decision.',
  addDelegate: 'The delegate is recorded and can now answer for that approver.',
  ratify: 'Ratification recorded.',
  notRatify: 'Recorded as not ratified.',
};

/** Every input of the sign-off card is kept on it when a change is not saved, each as much as its box holds. */
const ECHO: Partial<Record<SignOffCardInputId, number>> = {
  ...Object.fromEntries(SIGNOFF_CARD_INPUTS.map((id) => [id, 2000])),
  meeting: 300,
};
const seat = (v: Record<string, string>) => optional({ onBehalfOf: v.onBehalfOf });

/** The verbs of a sign-off's card: the command each gives (who may answer is the sign-off's own rule, records/signoff.ts). */
export const SIGNOFF_VERBS: VerbTable<'signoff', SignOffCommand, Values> = {
  verbs: {
    'signoff.approve': { echo: ECHO, command: (v) => ({ type: 'approve', ...optional({ comment: v.approveComment }), ...seat(v) }) },
    'signoff.approveWithConditions': {
      echo: ECHO,
      command: (v) => ({
        type: 'approveWithConditions',
        conditions: v.conditions!,
        ...optional({ comment: v.conditionsComment }),
        ...seat(v),
      }),
    },
    'signoff.reject': { echo: ECHO, command: (v) => ({ type: 'reject', reason: v.rejectReason!, ...seat(v) }) },
    'signoff.requestInfo': { echo: ECHO, command: (v) => ({ type: 'requestInfo', question: v.question!, ...seat(v) }) },
    'signoff.declareConflict': {
      echo: ECHO,
      command: (v, _d, context) => ({
        type: 'declareConflict',
        person: speaker(context),
        nature: v.conflictNature as 'actual',
        howManaged: v.conflictHowManaged!,
      }),
    },
    'signoff.resubmit': { echo: ECHO, command: (v) => ({ type: 'resubmit', answer: v.answer! }) },
    'signoff.withdraw': { echo: ECHO, command: (v) => ({ type: 'withdraw', ...optional({ reason: v.withdrawReason }) }) },
    'signoff.ratify': { echo: ECHO, command: (v) => ({ type: 'ratify', meeting: v.meeting!, ...optional({ comment: v.ratifyComment }) }) },
    'signoff.notRatify': { echo: ECHO, command: (v) => ({ type: 'notRatify', meeting: v.meeting!, reason: v.ratifyComment! }) },
    'signoff.addDelegate': {
      echo: ECHO,
      command: async (v, _data, context) => {
        const id = v.delegate!.trim();
        const delegate = id ? await resolvePerson(context, id) : undefined;
        // Their Teams user id too, so the delegate gets their own view when they open the card.
        const teams = delegate ? (await teamsIdsOf(context, [delegate])).find((t) => t.personId === delegate.id) : undefined;
        return {
          type: 'addDelegate',
          approverId: v.delegateFor!,
          delegate: delegate as Person,
          ...(teams ? { teamsId: teams.teamsId } : {}),
        };
      },
    },
  },
  changed: CHANGED,
  saved: SAVED,
};

/** A request as parsed: the draft, and who must be told 1:1 (with their saved chats, read once). */
/** What a submitted request form holds, as the form needs it back: the place and who may be asked there. */
interface SubmittedRequest {
  place: PlaceCode;
  people: { chairs: Person[]; approvers: Person[] };
  approvers: ReturnType<typeof approverChoices>;
  values: ReturnType<typeof signOffFormValues>;
}

interface Request {
  draft: SignOffDraft;
  elsewhere: Person[];
  chats: {
    teamsIds: { personId: string; teamsId: string }[];
    referenceOf: (personId: string) => Promise<Record<string, unknown> | undefined>;
  };
}

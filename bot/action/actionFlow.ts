// The action flow in chat: log an action, list mine, open one, add an update, revise the
// due date, propose closure. Changes from a card go through the shared mechanics in bot/change/.
import {
  actionCard,
  actionFormCard,
  listInputId,
  myActionsCard,
  NO_CHANGES,
  type ActionCardInput,
  type ActionFormValues,
} from '../../cards/actionCards.js';
import { noticeCard, type FormSource, type Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import {
  applyActionCommand,
  compareForWorklist,
  createAction,
  mayGive,
  type Action,
  type ActionCommand,
  type ActionDraft,
} from '../../records/action.js';
import type { Actor } from '../../records/people.js';
import { LIMITS } from '../../records/limits.js';
import { formValues, mitigatesOf, offeredPeople, parseActionForm } from './actionForm.js';
import { submittedSource } from '../change/forms.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { Mechanics } from '../change/mechanics.js';
import type { Audience } from '../change/audience.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { cardRef, ECHO_LIMIT } from '../change/cardData.js';
import { offered, type CardExtras, type RecordCards, type VerbTable } from '../change/declarations.js';
import { nowhereToRecordCard } from '../change/messages.js';
import { alreadyCreated, type RecordCreation, type RecordForm } from '../change/recordCreation.js';
import { peopleHere, resolvePerson } from '../teams/members.js';
import { newFormId } from '../change/formId.js';
import type { CreateOutcome, MessageCapture } from '../capture/messageCapture.js';
import type { BotDeps, Stored } from '../ports.js';
import { type Turn, sendCard, speaker } from '../turn.js';
import type { BotRoutes } from '../routes.js';

type ActionValues = NonNullable<ActionCardInput['values']>;
type ListInput = Parameters<typeof listInputId>[1];
const REOPEN = 'from “my actions”';

/** What a submitted action form holds, as the form needs it back. */
interface SubmittedAction {
  people: ReturnType<typeof offeredPeople>;
  values: ReturnType<typeof formValues>;
  source: ReturnType<typeof submittedSource>;
  mitigates: ReturnType<typeof mitigatesOf>;
}

export class ActionFlow {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  private readonly creation: RecordCreation;
  /** What the shared card-change mechanics need to know about actions. */
  readonly cards: RecordCards<'action', ActionCommand, ActionValues>;

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
  ) {
    ({ changes: this.changes, audience: this.audience, creation: this.creation } = mechanics);
    this.cards = {
      kind: 'action',
      noun: 'action',
      reopenHint: REOPEN,
      apply: applyActionCommand,
      card: (stored, actor, extras) => this.card(stored, actor, extras),
      sharedCard: (stored, notice) =>
        actionCard({ action: stored.record, etag: stored.etag, now: this.deps.clock(), permissions: NO_CHANGES, notice, shared: true }),
      list: { inputId: (ref, field) => listInputId(ref, field as ListInput), card: (context, notice) => this.mine(context, notice) },
    };
  }

  register(app: BotRoutes): void {
    app.message(/^\s*log\s+(an\s+)?action\s*$/i, async (context) => sendCard(context, await this.form(context)));
    // Typed commands get the same storage-down answer as card buttons, never a generic error.
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*my\s+actions\s*$/i, (context) => this.mine(context));
    routes.readMessage(/^\s*(?:show\s+)?([a-z]{2,3}-a-\d{4,})\s*$/i, (context, match) => this.view(context, match[1]!.toUpperCase()));
    app.cardVerb('action.form', (context) => this.form(context));
    app.cardVerb('action.cancelForm', async () => noticeCard('No action logged', 'The form was closed and nothing was saved.'));
    routes.change('action.create', (context, data) => this.create(context, data));
    routes.read('action.mine', (context) => this.mine(context));
    routes.read('action.view', (context, data) => this.view(context, cardRef(data).ref));
    this.changes.verbs(routes, this.cards, ACTION_VERBS);
  }

  /** The action form, optionally prefilled (e.g. from a Teams message) and linked back to its source. */
  async form(context: Turn, initial: { values?: ActionFormValues; source?: FormSource } = {}): Promise<AdaptiveCardJson> {
    const places = await this.creation.recordablePlaces(context);
    if (!places.length) return nowhereToRecordCard();
    return actionFormCard({
      formId: newFormId(),
      places,
      people: await peopleHere(context),
      now: this.deps.clock(),
      ...(initial.values ? { values: formValues(initial.values) } : {}),
      ...(initial.source ? { source: initial.source } : {}),
    });
  }

  /** The chat form's submit: the confirmation card, or the form again; everyone else sees the shared card. */
  async create(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    return this.creation.answerCreate(context, await this.logAction(context, data));
  }

  /** The action form's submit, from chat or from a message's dialog, through the one create path. */
  logAction(context: Turn, data: Record<string, unknown>): Promise<CreateOutcome> {
    return this.creation.create(context, data, this.recordForm);
  }

  /** The action kind's form, declared once (bot/change/recordCreation.ts RecordForm). */
  private readonly recordForm: RecordForm<'action', SubmittedAction, ActionDraft> = {
    kind: 'action',
    noun: 'action',
    done: 'logged',
    attention: 'Some details need attention before the action can be logged.',
    submitted: (_context, data) => ({
      people: offeredPeople(data),
      values: formValues(data),
      source: submittedSource(data),
      mitigates: mitigatesOf(data),
    }),
    again: (formId, { people, values, source, mitigates }, { errors, banner, places }) =>
      actionFormCard({ formId, places, people, now: this.deps.clock(), values, ...(source ? { source } : {}), mitigates, errors, banner }),
    parse: async (context, _submitted, data, now) => {
      const ownerId = str(data.owner).trim();
      const owner = ownerId ? await resolvePerson(context, ownerId) : undefined;
      const parsed = parseActionForm(data, owner, now);
      return parsed.ok ? { ok: true, place: parsed.draft.place, draft: parsed.draft } : { ok: false, errors: parsed.errors };
    },
    build: createAction,
    resubmitted: (stored, actor) =>
      alreadyCreated({ noun: 'action', done: 'logged', ref: stored.record.ref }, (extras) => this.card(stored, actor, extras)),
    confirm: async (_context, stored, actor, _draft, reacted) => {
      const logged = stored.record;
      // e.g. "It is linked from risk BPL-R-0004 as a mitigating action." (the risk's reaction, bot/teams/app.ts)
      const more = reacted[0];
      return {
        ok: true,
        ref: logged.ref,
        headline: `Action ${logged.ref} logged for ${logged.owner.name}.${more ? ` ${more.text}` : ''}`,
        shared: () => this.cards.sharedCard(stored, { text: `Logged by ${actor.name} for ${logged.owner.name}.`, style: 'good' }),
        card: this.card(stored, actor, {
          heading: `Action ${logged.ref} logged`,
          notice: {
            text: `Logged for ${logged.owner.name}. It now appears in their “my actions”.${more ? ` ${more.text}` : ''}`,
            style: more?.style === 'warning' ? 'warning' : 'good',
          },
        }),
      };
    },
  };

  /** "Log as action" from a message's "…" menu: this form, prefilled; the same create path. */
  messageCapture(): MessageCapture {
    return {
      commandId: 'logAction',
      title: 'Log as action',
      textLimit: LIMITS.description,
      submitVerb: 'action.create',
      form: async (context, prefill) => {
        const places = await this.creation.recordablePlaces(context);
        if (!places.length) return nowhereToRecordCard();
        return actionFormCard({
          formId: newFormId(),
          places,
          people: prefill.people,
          now: this.deps.clock(),
          intro: prefill.intro,
          values: {
            description: prefill.text,
            ...(prefill.owner ? { owner: prefill.owner.id } : {}),
            ...(prefill.place ? { place: prefill.place } : {}),
            ...(prefill.locality ? { locality: prefill.locality } : {}),
          },
          ...(prefill.source ? { source: prefill.source } : {}),
        });
      },
      create: (context, data) => this.logAction(context, data),
    };
  }

  async mine(context: Turn, notice?: Notice): Promise<AdaptiveCardJson> {
    // The owner may update their own actions whatever roles they hold, so no role look-up is needed.
    const me: Actor = { ...speaker(context), roles: [] };
    const stored = await this.audience.visible(context, await this.deps.records.listOpenActionsByOwner(me.id));
    const listed = stored
      .sort((a, b) => compareForWorklist(a.record, b.record))
      .map(({ record, etag }) => ({ action: record, etag, permissions: permissionsOf(record, me) }));
    return myActionsCard(listed, this.deps.clock(), notice);
  }

  view(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    return this.changes.view(context, ref, this.cards);
  }

  private card(stored: Stored<Action>, actor: Actor, extras: CardExtras<ActionValues> = {}): AdaptiveCardJson {
    return actionCard({
      action: stored.record,
      etag: stored.etag,
      now: this.deps.clock(),
      permissions: permissionsOf(stored.record, actor),
      ...extras,
    });
  }
}

/** How a change reads on the card everyone else sees, e.g. "Update added by Sam Patel." */
const CHANGED: Record<ActionCommand['type'], string> = {
  addUpdate: 'Update added',
  reviseDueDate: 'Due date revised',
  proposeClosure: 'Proposed for closure',
  close: 'Closed',
  declineClosure: 'Closure declined',
  hold: 'Put on hold',
  resume: 'Resumed',
  cancel: 'Cancelled',
  escalate: 'Escalated',
  reassign: 'Reassigned',
};

/** The verbs of an action's card (and of its panel on "my actions"): command, echoed inputs, who is offered the button. */
export const ACTION_VERBS: VerbTable<'action', ActionCommand, ActionValues> = {
  verbs: {
    'action.addUpdate': {
      echo: { updateText: ECHO_LIMIT },
      command: (i) => ({ type: 'addUpdate', text: i.updateText! }),
      may: (a, actor) => mayGive(a, actor, 'addUpdate'),
    },
    'action.reviseDueDate': {
      echo: { newDueDate: ECHO_LIMIT, reason: ECHO_LIMIT },
      command: (i) => ({ type: 'reviseDueDate', dueDate: i.newDueDate!, reason: i.reason! }),
      may: (a, actor) => mayGive(a, actor, 'reviseDueDate'),
    },
    'action.proposeClosure': {
      echo: { closureNote: ECHO_LIMIT },
      command: (i) => (i.closureNote!.trim() ? { type: 'proposeClosure', note: i.closureNote! } : { type: 'proposeClosure' }),
      may: (a, actor) => mayGive(a, actor, 'proposeClosure'),
    },
    // Closed only by a chair or a meeting: offered to a chair or place admin once it is proposed for closure.
    'action.close': {
      echo: { closeDecision: ECHO_LIMIT, weDid: ECHO_LIMIT },
      command: (i) => ({ type: 'close', decision: i.closeDecision!, ...(i.weDid!.trim() ? { weDid: i.weDid! } : {}) }),
      may: (a, actor) => a.status === 'PROPOSED_FOR_CLOSURE' && mayGive(a, actor, 'close'),
    },
    'action.declineClosure': {
      echo: { declineReason: ECHO_LIMIT },
      command: (i) => ({ type: 'declineClosure', reason: i.declineReason! }),
      may: (a, actor) => mayGive(a, actor, 'declineClosure'),
    },
    // The new owner's name comes from Teams (resolvePerson), never from the card's data.
    'action.reassign': {
      echo: { newOwner: 200 },
      command: async (i, _data, context) => {
        const id = i.newOwner!.trim();
        return { type: 'reassign', owner: id ? await resolvePerson(context, id) : { id: '', name: 'nobody' } };
      },
      may: (a, actor) => mayGive(a, actor, 'reassign'),
    },
    'action.hold': {
      echo: { holdReason: ECHO_LIMIT },
      command: (i) => ({ type: 'hold', reason: i.holdReason! }),
      may: (a, actor) => mayGive(a, actor, 'hold'),
    },
    'action.resume': {
      echo: {},
      command: () => ({ type: 'resume' }),
      may: (a, actor) => mayGive(a, actor, 'resume'),
    },
    'action.cancel': {
      echo: { cancelReason: ECHO_LIMIT },
      command: (i) => ({ type: 'cancel', decision: i.cancelReason! }),
      may: (a, actor) => mayGive(a, actor, 'cancel'),
    },
    'action.escalate': {
      echo: { escalateTo: 100, escalateWhy: ECHO_LIMIT },
      command: (i) => ({ type: 'escalate', to: i.escalateTo!, why: i.escalateWhy! }),
      may: (a, actor) => mayGive(a, actor, 'escalate'),
    },
  },
  changed: CHANGED,
  saved: {
    addUpdate: 'Update saved.',
    reviseDueDate: 'Due date revised. The reason is kept in the history.',
    proposeClosure: 'Proposed for closure. A chair or place admin will confirm it.',
    close: 'Action closed. The decision is kept with it.',
    declineClosure: 'Closure declined: the action is back in progress, with the reason in its updates.',
    reassign: 'Reassigned. It now appears in the new owner’s “my actions”.',
    hold: 'Put on hold. The reason is kept in its updates.',
    resume: 'Resumed: the action is back where it was before the hold.',
    cancel: 'Action cancelled. The reason is kept with it.',
    escalate: 'Escalated. It is listed with the matters for escalation.',
  },
};

function permissionsOf(action: Action, actor: Actor) {
  return {
    canUpdate: offered(ACTION_VERBS, 'action.addUpdate', action, actor),
    canRevise: offered(ACTION_VERBS, 'action.reviseDueDate', action, actor),
    canPropose: offered(ACTION_VERBS, 'action.proposeClosure', action, actor),
    canClose: offered(ACTION_VERBS, 'action.close', action, actor),
    canDecline: offered(ACTION_VERBS, 'action.declineClosure', action, actor),
    canReassign: offered(ACTION_VERBS, 'action.reassign', action, actor),
    canHold: offered(ACTION_VERBS, 'action.hold', action, actor),
    canResume: offered(ACTION_VERBS, 'action.resume', action, actor),
    canCancel: offered(ACTION_VERBS, 'action.cancel', action, actor),
    canEscalate: offered(ACTION_VERBS, 'action.escalate', action, actor),
  };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

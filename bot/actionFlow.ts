// The action flow in chat: log an action, list mine, open one, add an update, revise the
// due date, propose closure. Changes from a card go through the shared mechanics in cardChange.ts.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { actionCard, actionFormCard, listInputId, myActionsCard, NO_CHANGES, type ActionCardInput, type ActionFormValues } from '../cards/actionCards.js';
import { noticeCard, type FormSource, type Notice } from '../cards/commonCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import { truncate } from '../cards/text.js';
import { applyActionCommand, compareForWorklist, createAction, mayGive, type Action, type ActionCommand } from '../records/action.js';
import type { Actor } from '../records/people.js';
import { LIMITS } from '../records/limits.js';
import { parseRef } from '../records/refs.js';
import { formValues, mitigatesOf, offeredPeople, parseActionForm } from './actionForm.js';
import { submittedSource } from './forms.js';
import { alreadyCreated, CardChanges, cardRef, createFailure, NO_FORM_ID, type CardExtras, type RecordCards } from './cardChange.js';
import { onCardVerb, sendCard } from './cardVerbs.js';
import { peopleHere, resolvePerson, speaker } from './conversation.js';
import { newFormId, submittedFormId } from './formId.js';
import type { CreateOutcome, MessageCapture } from './messageCapture.js';
import type { BotDeps, Stored } from './ports.js';

type ActionValues = NonNullable<ActionCardInput['values']>;
const REOPEN = 'from “my actions”';

/** What other flows may add to the action flow without copying it. */
export interface ActionFlowHooks {
  /** After an action is logged (e.g. link it from the risk it mitigates): a line for its card, if any. */
  afterCreate?: (action: Action, actor: Actor) => Promise<Notice | undefined>;
}

export class ActionFlow {
  private readonly changes: CardChanges;
  /** What the shared card-change mechanics need to know about actions. */
  private readonly cards: RecordCards<'action', ActionCommand, ActionValues>;

  constructor(
    private readonly deps: BotDeps,
    private readonly hooks: ActionFlowHooks = {},
  ) {
    this.changes = new CardChanges(deps);
    this.cards = {
      kind: 'action',
      noun: 'action',
      reopenHint: REOPEN,
      apply: applyActionCommand,
      card: (stored, actor, extras) => this.card(stored, actor, extras),
      sharedCard: (stored, notice) =>
        actionCard({ action: stored.record, etag: stored.etag, now: this.deps.clock(), permissions: NO_CHANGES, notice, shared: true }),
    };
  }

  register(app: Application<TurnState>): void {
    app.message(/^\s*log\s+(an\s+)?action\s*$/i, async (context) => sendCard(context, await this.form(context)));
    // Typed commands get the same storage-down answer as card buttons, never a generic error.
    const routes = this.changes.routes(app, REOPEN);
    routes.readMessage(/^\s*my\s+actions\s*$/i, (context) => this.mine(context));
    routes.readMessage(/^\s*(?:show\s+)?([a-z]{2,3}-a-\d{4,})\s*$/i, (context, match) => this.view(context, match[1]!.toUpperCase()));
    onCardVerb(app, 'action.form', (context) => this.form(context));
    onCardVerb(app, 'action.cancelForm', async () => noticeCard('No action logged', 'The form was closed and nothing was saved.'));
    routes.change('action.create', (context, data) => this.create(context, data));
    routes.read('action.mine', (context) => this.mine(context));
    routes.read('action.view', (context, data) => this.view(context, cardRef(data).ref));
    routes.change('action.addUpdate', (context, data) => {
      const text = cardInput(data, 'updateText');
      return this.change(context, data, { type: 'addUpdate', text }, { updateText: text });
    });
    routes.change('action.reviseDueDate', (context, data) => {
      const dueDate = cardInput(data, 'newDueDate');
      const reason = cardInput(data, 'reason');
      return this.change(context, data, { type: 'reviseDueDate', dueDate, reason }, { newDueDate: dueDate, reason });
    });
    routes.change('action.proposeClosure', (context, data) => {
      const note = cardInput(data, 'closureNote');
      return this.change(context, data, note.trim() ? { type: 'proposeClosure', note } : { type: 'proposeClosure' }, { closureNote: note });
    });
  }

  /** The action form, optionally prefilled (e.g. from a Teams message) and linked back to its source. */
  async form(context: TurnContext, initial: { values?: ActionFormValues; source?: FormSource } = {}): Promise<AdaptiveCardJson> {
    return actionFormCard({
      formId: newFormId(),
      people: await peopleHere(context),
      now: this.deps.clock(),
      ...(initial.values ? { values: formValues(initial.values) } : {}),
      ...(initial.source ? { source: initial.source } : {}),
    });
  }

  /** The chat form's submit: the confirmation card, or the form again; everyone else sees the shared card. */
  async create(context: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    return this.changes.answerCreate(context, await this.logAction(context, data));
  }

  /** The one create path for the action form, from chat or from a message's dialog. */
  async logAction(context: TurnContext, data: Record<string, unknown>): Promise<CreateOutcome> {
    const now = this.deps.clock();
    const people = offeredPeople(data);
    const values = formValues(data);
    const source = submittedSource(data);
    const mitigates = mitigatesOf(data);
    const ownerId = str(data.owner).trim();
    // The form comes back with the same id, so fixing it and submitting again still logs once.
    const sent = submittedFormId(data);
    const formId = sent ?? newFormId();
    const again = (form: Omit<Parameters<typeof actionFormCard>[0], 'formId' | 'people' | 'now' | 'values' | 'source' | 'mitigates'>): CreateOutcome => ({
      ok: false,
      form: actionFormCard({ formId, people, now, values, ...(source ? { source } : {}), mitigates, ...form }),
    });
    if (!sent) return again({ banner: NO_FORM_ID });
    const owner = ownerId ? await resolvePerson(context, ownerId, people) : undefined;
    const parsed = parseActionForm(data, owner, now);
    if (!parsed.ok) return again({ errors: parsed.errors, banner: 'Some details need attention before the action can be logged.' });
    try {
      const actor = await this.changes.actor(context, parsed.draft.place);
      const result = await this.deps.records.create('action', parsed.draft.place, (ref) => createAction(parsed.draft, ref, actor, now), { formId: sent });
      if (!result.ok) return again({ errors: result.refusal.fieldErrors ?? {}, banner: result.refusal.message });
      const logged = result.stored.record;
      if (result.resubmitted) return alreadyCreated({ noun: 'action', done: 'logged', ref: logged.ref }, (extras) => this.card(result.stored, actor, extras));
      const more = await this.hooks.afterCreate?.(logged, actor);
      return {
        ok: true,
        ref: logged.ref,
        headline: `Action ${logged.ref} logged for ${logged.owner.name}.${more ? ` ${more.text}` : ''}`,
        shared: () => this.cards.sharedCard(result.stored, { text: `Logged by ${actor.name} for ${logged.owner.name}.`, style: 'good' }),
        card: this.card(result.stored, actor, {
          heading: `Action ${logged.ref} logged`,
          notice: {
            text: `Logged for ${logged.owner.name}. It now appears in their “my actions”.${more ? ` ${more.text}` : ''}`,
            style: more?.style === 'warning' ? 'warning' : 'good',
          },
        }),
      };
    } catch (err) {
      const banner = createFailure(err);
      if (banner) return again({ banner });
      throw err;
    }
  }

  /** "Log as action" from a message's "…" menu: this form, prefilled; the same create path. */
  messageCapture(): MessageCapture {
    return {
      commandId: 'logAction',
      title: 'Log as action',
      textLimit: LIMITS.description,
      submitVerb: 'action.create',
      form: async (_context, prefill) =>
        actionFormCard({
          formId: newFormId(),
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
        }),
      create: (context, data) => this.logAction(context, data),
    };
  }

  async mine(context: TurnContext, notice?: Notice): Promise<AdaptiveCardJson> {
    // The owner may update their own actions whatever roles they hold, so no role look-up is needed.
    const me: Actor = { ...speaker(context), roles: [] };
    const stored = await this.changes.visible(context, await this.deps.records.listOpenActionsByOwner(me.id));
    const listed = stored
      .sort((a, b) => compareForWorklist(a.record, b.record))
      .map(({ record, etag }) => ({ action: record, etag, permissions: permissionsOf(record, me) }));
    return myActionsCard(listed, this.deps.clock(), notice);
  }

  async view(context: TurnContext, ref: string, notice?: Notice): Promise<AdaptiveCardJson> {
    const normalised = ref.trim().toUpperCase();
    const found = parseRef(normalised)?.kind === 'action' ? await this.deps.records.get('action', normalised) : undefined;
    const stored = found && (await this.changes.maySee(context, found.record.place)) ? found : undefined;
    if (!stored) return noticeCard(`No action ${truncate(ref, 40)}`, 'There is no action with that reference. Check it, or open one from “my actions”.');
    return this.card(stored, await this.changes.actor(context, stored.record.place), notice ? { notice } : {});
  }

  private card(stored: Stored<Action>, actor: Actor, extras: CardExtras<ActionValues> = {}): AdaptiveCardJson {
    return actionCard({ action: stored.record, etag: stored.etag, now: this.deps.clock(), permissions: permissionsOf(stored.record, actor), ...extras });
  }

  /** One change from an action card, or from that action's panel on the list (which then refreshes in place). */
  private change(context: TurnContext, data: Record<string, unknown>, command: ActionCommand, values: ActionValues): Promise<AdaptiveCardJson> {
    const fromList = data.from === 'list';
    return this.changes.change(context, data, this.cards, {
      command,
      values,
      changed: CHANGED[command.type],
      saved: SAVED[command.type] ?? 'Saved.',
      // Problems open the action's own card instead, so the typed text can be kept.
      ...(fromList ? { answerSaved: (stored: Stored<Action>, _actor: Actor, notice: Notice) => this.mine(context, { ...notice, text: `${stored.record.ref}: ${notice.text}` }) } : {}),
    });
  }
}

function permissionsOf(action: Action, actor: Actor) {
  return {
    canUpdate: mayGive(action, actor, 'addUpdate'),
    canRevise: mayGive(action, actor, 'reviseDueDate'),
    canPropose: mayGive(action, actor, 'proposeClosure'),
  };
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

const SAVED: Partial<Record<ActionCommand['type'], string>> = {
  addUpdate: 'Update saved.',
  reviseDueDate: 'Due date revised. The reason is kept in the history.',
  proposeClosure: 'Proposed for closure. A chair or place admin will confirm it.',
};

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** An input from an action card, or from that action's panel on the list card (ids carry the ref). */
function cardInput(data: Record<string, unknown>, field: Parameters<typeof listInputId>[1]): string {
  const ref = str(data.ref);
  return data.from === 'list' && ref ? str(data[listInputId(ref, field)]) : str(data[field]);
}


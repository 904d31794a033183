// The action flow in chat: log an action, list mine, open one, add an update, revise the
// due date, propose closure. Every write is ETag-checked; a stale card gets the latest.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { actionCard, actionFormCard, listInputId, myActionsCard, NO_CHANGES, type Notice } from '../cards/actionCards.js';
import { noticeCard } from '../cards/commonCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import { applyActionCommand, compareForWorklist, createAction, mayGive, type Action, type ActionCommand } from '../records/action.js';
import type { Actor, Person } from '../records/people.js';
import type { PlaceCode } from '../records/places.js';
import { parseRef } from '../records/refs.js';
import { formValues, offeredPeople, parseActionForm } from './actionForm.js';
import { onCardVerb, sendCard } from './cardVerbs.js';
import { peopleHere, resolvePerson, speaker } from './conversation.js';
import { storeErrorCode, type BotDeps, type Stored } from './ports.js';

const UNAVAILABLE = 'The record store is not answering just now, so nothing was saved. Your entries are kept: try again in a minute.';
const STALE = 'Someone else changed this action while you had it open, so your change was not saved. Here is the latest; your entry is kept below.';

const cardRefSchema = z.object({ ref: z.string().max(40), etag: z.string().max(200).optional() });

export class ActionFlow {
  constructor(private readonly deps: BotDeps) {}

  register(app: Application<TurnState>): void {
    app.message(/^\s*log\s+(an\s+)?action\s*$/i, async (context) => sendCard(context, await this.form(context)));
    app.message(/^\s*my\s+actions\s*$/i, async (context) => sendCard(context, await this.mine(context)));
    app.message(/^\s*(?:show\s+)?([a-z]{2,3}-a-\d{4,})\s*$/i, async (context) => {
      const ref = /([a-z]{2,3}-a-\d{4,})/i.exec(context.activity.text ?? '')![1]!.toUpperCase();
      await sendCard(context, await this.view(context, ref));
    });
    onCardVerb(app, 'action.form', (context) => this.form(context));
    onCardVerb(app, 'action.cancelForm', async () => noticeCard('No action logged', 'The form was closed and nothing was saved.'));
    onCardVerb(app, 'action.create', (context, data) => this.guard(() => this.create(context, data)));
    onCardVerb(app, 'action.mine', (context) => this.guard(() => this.mine(context)));
    onCardVerb(app, 'action.view', (context, data) => this.guard(() => this.view(context, cardRefSchema.parse(data).ref)));
    onCardVerb(app, 'action.addUpdate', (context, data) =>
      this.guard(() => {
        const text = cardInput(data, 'updateText');
        return this.change(context, data, { type: 'addUpdate', text }, { updateText: text });
      }),
    );
    onCardVerb(app, 'action.reviseDueDate', (context, data) =>
      this.guard(() => {
        const dueDate = cardInput(data, 'newDueDate');
        const reason = cardInput(data, 'reason');
        return this.change(context, data, { type: 'reviseDueDate', dueDate, reason }, { newDueDate: dueDate, reason });
      }),
    );
    onCardVerb(app, 'action.proposeClosure', (context, data) =>
      this.guard(() => {
        const note = cardInput(data, 'closureNote');
        return this.change(context, data, note.trim() ? { type: 'proposeClosure', note } : { type: 'proposeClosure' }, { closureNote: note });
      }),
    );
  }

  /** Any unexpected failure becomes a card that says so, never a silent error in Teams. */
  private async guard(run: () => Promise<AdaptiveCardJson>): Promise<AdaptiveCardJson> {
    try {
      return await run();
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return noticeCard('Not saved', UNAVAILABLE);
      if (err instanceof z.ZodError) return noticeCard('That card is out of date', 'Open the action again from “my actions”.');
      console.error('action flow failed', err);
      return noticeCard('Something went wrong', 'Nothing was changed. Try again, or tell your place admin if it keeps happening.');
    }
  }

  private async actor(context: TurnContext, place: PlaceCode): Promise<Actor> {
    const me = speaker(context);
    return { ...me, roles: await this.deps.places.rolesOf(place, me.id) };
  }

  async form(context: TurnContext): Promise<AdaptiveCardJson> {
    return actionFormCard({ people: await peopleHere(context), now: this.deps.clock() });
  }

  async create(context: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const now = this.deps.clock();
    const people = offeredPeople(data);
    const values = formValues(data);
    const ownerId = str(data.owner).trim();
    const owner = ownerId ? await resolvePerson(context, ownerId, people) : undefined;
    const parsed = parseActionForm(data, owner, now);
    if (!parsed.ok) {
      return actionFormCard({ people, now, values, errors: parsed.errors, banner: 'Some details need attention before the action can be logged.' });
    }
    try {
      const actor = await this.actor(context, parsed.draft.place);
      const result = await this.deps.records.create('action', parsed.draft.place, (ref) => createAction(parsed.draft, ref, actor, now));
      if (!result.ok) {
        return actionFormCard({ people, now, values, errors: result.refusal.fieldErrors ?? {}, banner: result.refusal.message });
      }
      const logged = result.stored.record;
      await this.shareWithConversation(context, result.stored, {
        text: `Logged by ${actor.name} for ${logged.owner.name}.`,
        style: 'good',
      });
      return this.card(result.stored, actor, {
        heading: `Action ${logged.ref} logged`,
        notice: { text: `Logged for ${logged.owner.name}. It now appears in their “my actions”.`, style: 'good' },
      });
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return actionFormCard({ people, now, values, banner: UNAVAILABLE });
      throw err;
    }
  }

  async mine(context: TurnContext, notice?: Notice): Promise<AdaptiveCardJson> {
    // The owner may update their own actions whatever roles they hold, so no role look-up is needed.
    const me: Actor = { ...speaker(context), roles: [] };
    const stored = await this.deps.records.listOpenActionsByOwner(me.id);
    const listed = stored
      .sort((a, b) => compareForWorklist(a.record, b.record))
      .map(({ record, etag }) => ({
        action: record,
        etag,
        permissions: {
          canUpdate: mayGive(record, me, 'addUpdate'),
          canRevise: mayGive(record, me, 'reviseDueDate'),
          canPropose: mayGive(record, me, 'proposeClosure'),
        },
      }));
    return myActionsCard(listed, this.deps.clock(), notice);
  }

  async view(context: TurnContext, ref: string, notice?: Notice): Promise<AdaptiveCardJson> {
    const normalised = ref.trim().toUpperCase();
    const stored = parseRef(normalised)?.kind === 'action' ? await this.deps.records.get('action', normalised) : undefined;
    if (!stored) return noticeCard(`No action ${ref}`, 'There is no action with that reference. Check it, or open one from “my actions”.');
    return this.card(stored, await this.actor(context, stored.record.place), notice ? { notice } : {});
  }

  private async card(
    stored: Stored<Action>,
    actor: Actor,
    extra: { heading?: string; notice?: Notice; values?: Parameters<typeof actionCard>[0]['values'] } = {},
  ): Promise<AdaptiveCardJson> {
    const a = stored.record;
    return actionCard({
      action: a,
      etag: stored.etag,
      now: this.deps.clock(),
      permissions: {
        canUpdate: mayGive(a, actor, 'addUpdate'),
        canRevise: mayGive(a, actor, 'reviseDueDate'),
        canPropose: mayGive(a, actor, 'proposeClosure'),
      },
      ...extra,
    });
  }

  /**
   * In a group chat or channel the card's reply reaches only the person who clicked; everyone
   * else still sees the old card. So the shared message is updated for all, with a read-only
   * view and an "Open" button that gives each viewer their own card. Best effort: the change
   * is already saved, so a failure here is logged, not shown.
   */
  private async shareWithConversation(context: TurnContext, stored: Stored<Action>, notice: Notice): Promise<void> {
    const { conversation, replyToId } = context.activity;
    if (conversation?.conversationType === 'personal' || !replyToId) return;
    const card = actionCard({ action: stored.record, etag: stored.etag, now: this.deps.clock(), permissions: NO_CHANGES, notice, shared: true });
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [CardFactory.adaptiveCard(card)] });
    } catch (err) {
      console.warn(`could not update the shared card for ${stored.record.ref}`, err);
    }
  }

  /** One ETag-checked change from an action card; the card refreshes in place. */
  async change(
    context: TurnContext,
    data: Record<string, unknown>,
    command: ActionCommand,
    values: Parameters<typeof actionCard>[0]['values'],
  ): Promise<AdaptiveCardJson> {
    const { ref, etag } = cardRefSchema.parse(data);
    const latest = await this.deps.records.get('action', ref);
    if (!latest) return noticeCard(`No action ${ref}`, 'There is no action with that reference.');
    const actor = await this.actor(context, latest.record.place);
    if (etag && etag !== latest.etag) {
      return this.card(latest, actor, { notice: { text: STALE, style: 'warning' }, values });
    }
    const now = this.deps.clock();
    const transition = applyActionCommand(latest.record, actor, command, now);
    if (!transition.ok) {
      const details = Object.values(transition.refusal.fieldErrors ?? {});
      const text = details.length ? details.join(' ') : transition.refusal.message;
      return this.card(latest, actor, { notice: { text, style: 'attention' }, values });
    }
    try {
      const result = await this.deps.records.update('action', latest, transition);
      if (!result.ok) return this.card(latest, actor, { notice: { text: result.refusal.message, style: 'attention' }, values });
      await this.shareWithConversation(context, result.stored, { text: `${CHANGED[command.type]} by ${actor.name}.`, style: 'accent' });
      const saved = SAVED[command.type] ?? 'Saved.';
      // From the list, the list refreshes in place; problems above open the action's own card instead.
      if (data.from === 'list') return this.mine(context, { text: `${ref}: ${saved}`, style: 'good' });
      return this.card(result.stored, actor, { notice: { text: saved, style: 'good' } });
    } catch (err) {
      const code = storeErrorCode(err);
      if (code === 'STALE') {
        const fresh = await this.deps.records.get('action', ref);
        return this.card(fresh ?? latest, actor, { notice: { text: STALE, style: 'warning' }, values });
      }
      if (code === 'UNAVAILABLE') return this.card(latest, actor, { notice: { text: UNAVAILABLE, style: 'attention' }, values });
      throw err;
    }
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

export type { Person };

// The one way a card changes a record, for every kind (actions, risks, sign-offs, setup):
// read the latest → compare the card's ETag → run the pure rule → one entity-group
// transaction → the card back. A stale card gets the latest with the typed text kept; storage
// down gets "nothing saved" with the text kept; in a group chat or channel the shared message
// is updated for everyone. A flow only declares its kind's cards and which command a verb gives.
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { noticeCard, type Notice } from '../cards/commonCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { AuditEvent } from '../records/audit.js';
import type { Refusal, Transition } from '../records/outcome.js';
import type { Actor } from '../records/people.js';
import type { PlaceCode } from '../records/places.js';
import { speaker } from './conversation.js';
import { storeErrorCode, type BotDeps, type RecordKind, type RecordOf, type Stored } from './ports.js';

export const UNAVAILABLE = 'The record store is not answering just now, so nothing was saved. Your entries are kept: try again in a minute.';

/** What a card needs besides the record: a heading, a line of news, and the typed text to keep. */
export interface CardExtras<V> {
  heading?: string;
  notice?: Notice;
  values?: V;
}

/** What a flow declares about its kind so the shared mechanics can draw it. */
export interface RecordCards<K extends RecordKind, C, V> {
  kind: K;
  /** How people call one: "action", "risk", "sign-off". */
  noun: string;
  /** Where to find it again, for "that card is out of date": e.g. "from “my actions”". */
  reopenHint: string;
  /** The pure rule: the next record and its audit event, or a refusal. */
  apply(record: RecordOf<K>, actor: Actor, command: C, now: Date): Transition<RecordOf<K>>;
  /** The card the person who clicked sees: what they may do depends on who they are. */
  card(stored: Stored<RecordOf<K>>, actor: Actor, extras: CardExtras<V>): Promise<AdaptiveCardJson> | AdaptiveCardJson;
  /** The read-only view everyone else in a group chat or channel sees, with a way to open their own. */
  sharedCard(stored: Stored<RecordOf<K>>, notice: Notice): AdaptiveCardJson;
  /**
   * Optional, for kinds whose records become final: the line shown when someone acts on a final
   * record (whatever ETag their card had), e.g. "BPL-S-0003 was already decided: approved".
   */
  finalNotice?(record: RecordOf<K>): string | undefined;
  /** Optional: a change the clock makes before anyone acts or looks (e.g. a sign-off past its expiry date expires). */
  lapse?(record: RecordOf<K>, now: Date): Transition<RecordOf<K>> | undefined;
  /** Optional: the audit event kept when a command is refused (e.g. a forged answer from someone not allowed); none = not audited. */
  refusedEvent?(record: RecordOf<K>, actor: Actor, command: C, refusal: Refusal, now: Date): AuditEvent | undefined;
}

/** One change asked for from a card. */
export interface CardChange<K extends RecordKind, C, V> {
  command: C;
  /** What the person typed, kept on the card when the change is not saved. */
  values: V;
  /** How the change reads to everyone else, e.g. "Update added" (… by Sam Patel). */
  changed: string;
  /** What the person who clicked is told, e.g. "Update saved." */
  saved: string;
  /** The answer after a save, when it is not the record's own card (e.g. a list refreshed in place). */
  answerSaved?: (stored: Stored<RecordOf<K>>, actor: Actor, notice: Notice) => Promise<AdaptiveCardJson>;
}

const cardRefSchema = z.object({ ref: z.string().max(40), etag: z.string().max(200).optional() });

/** The ref (and the ETag it was drawn with) that every record card carries in its action data. */
export function cardRef(data: Record<string, unknown>): { ref: string; etag?: string } {
  return cardRefSchema.parse(data);
}

export class CardChanges {
  constructor(private readonly deps: BotDeps) {}

  /** The speaker, with the roles they hold in the record's place. */
  async actor(context: TurnContext, place: PlaceCode): Promise<Actor> {
    const me = speaker(context);
    return { ...me, roles: await this.deps.places.rolesOf(place, me.id) };
  }

  /** Any unexpected failure becomes a card that says so, never a silent error in Teams. */
  async guard(reopenHint: string, run: () => Promise<AdaptiveCardJson>): Promise<AdaptiveCardJson> {
    try {
      return await run();
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return noticeCard('Not saved', UNAVAILABLE);
      if (err instanceof z.ZodError) return noticeCard('That card is out of date', `Open it again ${reopenHint}.`);
      console.error('card action failed', err);
      return noticeCard('Something went wrong', 'Nothing was changed. Try again, or tell your place admin if it keeps happening.');
    }
  }

  /**
   * In a group chat or channel the card's reply reaches only the person who clicked; everyone
   * else still sees the old card. So the shared message is updated for all, with the kind's
   * read-only view. Best effort: the change is already saved, so a failure is logged, not shown.
   */
  async shareWithConversation(context: TurnContext, card: AdaptiveCardJson, what: string): Promise<void> {
    const { conversation, replyToId } = context.activity;
    if (conversation?.conversationType === 'personal' || !replyToId) return;
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [CardFactory.adaptiveCard(card)] });
    } catch (err) {
      console.warn(`could not update the shared card for ${what}`, err);
    }
  }

  /**
   * The latest version of a record, after any change the clock makes (written once, shared with
   * the conversation): what a view or a refresh shows. Cost: 1 read, plus 1 write when it lapses.
   */
  async latest<K extends RecordKind, C, V>(
    context: TurnContext,
    ref: string,
    cards: RecordCards<K, C, V>,
  ): Promise<{ stored: Stored<RecordOf<K>>; lapsed?: Notice } | undefined> {
    const stored = await this.deps.records.get(cards.kind, ref);
    if (!stored) return undefined;
    const lapse = cards.lapse?.(stored.record, this.deps.clock());
    if (!lapse?.ok) return { stored };
    try {
      const result = await this.deps.records.update(cards.kind, stored, lapse);
      if (!result.ok) return { stored };
      const lapsed: Notice = { text: cards.finalNotice?.(result.stored.record) ?? `${ref} has lapsed.`, style: 'warning' };
      await this.shareWithConversation(context, cards.sharedCard(result.stored, lapsed), ref);
      return { stored: result.stored, lapsed };
    } catch (err) {
      // Someone else lapsed it (or changed it) first: show what is stored now.
      if (storeErrorCode(err) === 'STALE') return this.latest(context, ref, { ...cards, lapse: undefined });
      throw err;
    }
  }

  /** One record's card for whoever asks (a view, or a per-user refresh): reads only, unless the clock changed it. */
  async show<K extends RecordKind, C, V>(context: TurnContext, ref: string, cards: RecordCards<K, C, V>, extras: CardExtras<V> = {}): Promise<AdaptiveCardJson> {
    const found = await this.latest(context, ref, cards);
    if (!found) return noticeCard(`No ${cards.noun} ${ref}`, `There is no ${cards.noun} with that reference. Check it, or open one ${cards.reopenHint}.`);
    const actor = await this.actor(context, found.stored.record.place);
    return cards.card(found.stored, actor, found.lapsed && !extras.notice ? { ...extras, notice: found.lapsed } : extras);
  }

  /** One ETag-checked change from a record's card; the card refreshes in place. */
  async change<K extends RecordKind, C, V>(
    context: TurnContext,
    data: Record<string, unknown>,
    cards: RecordCards<K, C, V>,
    change: CardChange<K, C, V>,
  ): Promise<AdaptiveCardJson> {
    const { ref, etag } = cardRef(data);
    const stale = `Someone else changed this ${cards.noun} while you had it open, so your change was not saved. Here is the latest; your entry is kept below.`;
    const found = cards.lapse ? await this.latest(context, ref, cards) : undefined;
    const latest = found ? found.stored : await this.deps.records.get(cards.kind, ref);
    if (!latest) return noticeCard(`No ${cards.noun} ${ref}`, `There is no ${cards.noun} with that reference.`);
    const { values } = change;
    const actor = await this.actor(context, latest.record.place);
    const final = cards.finalNotice?.(latest.record);
    if (final) return cards.card(latest, actor, { notice: { text: final, style: 'warning' } });
    if (etag && etag !== latest.etag) {
      return cards.card(latest, actor, { notice: { text: stale, style: 'warning' }, values });
    }
    const now = this.deps.clock();
    const transition = cards.apply(latest.record, actor, change.command, now);
    if (!transition.ok) {
      const refused = cards.refusedEvent?.(latest.record, actor, change.command, transition.refusal, now);
      if (refused) await this.deps.records.appendAudit(refused);
      const details = Object.values(transition.refusal.fieldErrors ?? {});
      const text = details.length ? details.join(' ') : transition.refusal.message;
      return cards.card(latest, actor, { notice: { text, style: 'attention' }, values });
    }
    try {
      const result = await this.deps.records.update(cards.kind, latest, transition);
      if (!result.ok) return cards.card(latest, actor, { notice: { text: result.refusal.message, style: 'attention' }, values });
      const shared = cards.sharedCard(result.stored, { text: `${change.changed} by ${actor.name}.`, style: 'accent' });
      await this.shareWithConversation(context, shared, ref);
      const notice: Notice = { text: change.saved, style: 'good' };
      if (change.answerSaved) return change.answerSaved(result.stored, actor, notice);
      return cards.card(result.stored, actor, { notice });
    } catch (err) {
      const code = storeErrorCode(err);
      if (code === 'STALE') {
        const fresh = (await this.deps.records.get(cards.kind, ref)) ?? latest;
        const final = cards.finalNotice?.(fresh.record);
        if (final) return cards.card(fresh, actor, { notice: { text: final, style: 'warning' } });
        return cards.card(fresh, actor, { notice: { text: stale, style: 'warning' }, values });
      }
      if (code === 'UNAVAILABLE') return cards.card(latest, actor, { notice: { text: UNAVAILABLE, style: 'attention' }, values });
      throw err;
    }
  }
}

// The one way a card changes a record, for every kind (actions, risks, sign-offs, meetings, setup):
// read the latest → compare the card's ETag → run the pure rule → one entity-group transaction →
// the card back. A stale card gets the latest with the typed text kept; storage down gets "nothing
// saved" with the text kept; in a group chat or channel the shared message is updated for
// everyone. A flow only declares its kind's cards and which command a verb gives
// (declarations.ts).
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { truncate } from '../../cards/text.js';
import { maySeePlace } from '../../records/access.js';
import { changeRateLine } from '../../records/changeRate.js';
import type { Refusal } from '../../records/outcome.js';
import type { Actor } from '../../records/people.js';
import { parseRef } from '../../records/refs.js';
import { storeErrorCode, storeWriteUnconfirmed, type BotDeps, type RecordKind, type RecordOf, type Stored } from '../ports.js';
import { cardAttachment, type Turn } from '../turn.js';
import { Audience } from './audience.js';
import { cardRef, clipEcho, staleCard, ViewerUnconfirmed } from './cardData.js';
import { commit } from './commit.js';
import {
  drawShared,
  type Attempt,
  type CardChange,
  type CardExtras,
  type HostCard,
  type RecordCards,
  type SharedCard,
  type VerbSpec,
  type VerbTable,
} from './declarations.js';
import { cardInput } from './forms.js';
import { guard, type GuardedRoutes } from './guardedRoutes.js';
import { UNAVAILABLE, UNCONFIRMED_CHANGE } from './messages.js';
import { postedCopiesOf, type PostedCopies } from './postedCopies.js';
import type { Reactions } from './reactions.js';
import { noteTurnOutcome, unsavedOutcome } from './turnTelemetry.js';

export class CardChanges {
  private readonly audience: Audience;
  /** Every posted copy of a card: remembered, and updated after a change. */
  readonly copies: PostedCopies;

  /** `reactions`: what other kinds do after a change here (bot/change/reactions.ts). */
  constructor(
    private readonly deps: BotDeps,
    private readonly reactions?: Reactions,
  ) {
    this.audience = new Audience(deps);
    this.copies = postedCopiesOf(deps);
  }

  /**
   * In a group chat or channel the card's reply reaches only the person who clicked; everyone
   * else still sees the old card. So the shared message is updated for all, with the kind's
   * read-only view. Best effort: the change is already saved, so a failure is logged, not shown.
   */
  async shareWithConversation(context: Turn, card: SharedCard, what: string): Promise<void> {
    const { conversation, replyToId } = context.activity;
    if (conversation?.conversationType === 'personal' || !replyToId) return;
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [cardAttachment(drawShared(card))] });
    } catch (err) {
      console.warn(`could not update the shared card for ${what}`, err);
    }
  }

  /**
   * The latest version of a record, after any change the clock makes (written once, shared with
   * the conversation): what a view or a refresh shows. Cost: 1 read, plus 1 write when it lapses.
   */
  async latest<K extends RecordKind, C, V>(
    context: Turn,
    ref: string,
    cards: RecordCards<K, C, V>,
    etag?: string,
  ): Promise<{ stored: Stored<RecordOf<K>>; lapsed?: Notice } | undefined> {
    // Read and ask who is looking at once; a record of a place they may not see is not there for them.
    const [stored, mayLook] = await Promise.all([
      this.deps.records.get(cards.kind, ref, etag ? { etag } : {}),
      this.deps.viewers.of(context),
    ]);
    if (!stored) return undefined;
    if (!mayLook.confirmed) throw new ViewerUnconfirmed();
    if (!maySeePlace(mayLook.viewer, stored.record.place)) return undefined;
    const lapse = cards.lapse?.(stored.record, this.deps.clock());
    if (!lapse?.ok) return { stored };
    const result = await commit(this.deps.records, cards.kind, stored, lapse);
    // Someone else lapsed it (or changed it) first: show what is stored now.
    if (!result.ok) return result.why === 'stale' ? this.latest(context, ref, { ...cards, lapse: undefined }) : { stored };
    const lapsed: Notice = { text: cards.finalNotice?.(result.stored.record) ?? `${ref} has lapsed.`, style: 'warning' };
    await this.shareWithConversation(context, cards.sharedCard(result.stored, lapsed), ref);
    await cards.afterLapse?.(context, result.stored);
    return { stored: result.stored, lapsed };
  }

  /**
   * The one view of a record by its ref, typed or carried on a card, for every kind: a ref that
   * cannot name one of this kind is "no such …"; otherwise its card for whoever asks (show).
   */
  async view<K extends RecordKind, C, V>(context: Turn, typed: string, cards: RecordCards<K, C, V>): Promise<AdaptiveCardJson> {
    const ref = typed.trim().toUpperCase();
    if (parseRef(ref)?.kind !== cards.kind)
      return noticeCard(
        `No ${cards.noun} ${truncate(typed, 40)}`,
        `There is no ${cards.noun} with that reference. Check it, or open one ${cards.reopenHint}.`,
      );
    return this.show(context, ref, cards);
  }

  /** One record's card for whoever asks (a view, or a per-user refresh): reads only, unless the clock changed it. */
  async show<K extends RecordKind, C, V>(
    context: Turn,
    ref: string,
    cards: RecordCards<K, C, V>,
    extras: CardExtras<V> = {},
  ): Promise<AdaptiveCardJson> {
    const found = await this.latest(context, ref, cards);
    if (!found)
      return noticeCard(
        `No ${cards.noun} ${ref}`,
        `There is no ${cards.noun} with that reference. Check it, or open one ${cards.reopenHint}.`,
      );
    const actor = await this.audience.actor(context, found.stored.record.place);
    return cards.card(found.stored, actor, found.lapsed && !extras.notice ? { ...extras, notice: found.lapsed } : extras);
  }

  /**
   * A kind's verb table on its routes: each verb reads its inputs (card or list panel), builds its
   * command, and goes through `change`. `cardsFor` may give this turn's cards (e.g. drawn with
   * settings read once). `host`: the verbs are on another kind's card (the meeting card), read once
   * and drawn once (onHost). `unreadable: 'text'`: when storage cannot even be read, answer with a
   * line of text, so Teams keeps the card as it was with the typed text still in it.
   */
  verbs<K extends RecordKind, C extends { type: string }, V, H extends RecordKind = never>(
    routes: GuardedRoutes,
    cards: RecordCards<K, C, V>,
    table: VerbTable<K, C, V, Stored<RecordOf<H>> | undefined>,
    opts: { cardsFor?: (data: Record<string, unknown>) => Promise<RecordCards<K, C, V>>; host?: HostCard<H>; unreadable?: 'text' } = {},
  ): void {
    for (const [verb, spec] of Object.entries(table.verbs) as [string, VerbSpec<K, C, V, Stored<RecordOf<H>> | undefined>][]) {
      const run = async (context: Turn, data: Record<string, unknown>) => {
        const fields = Object.keys(spec.echo);
        const inputs = Object.fromEntries(fields.map((f) => [f, cardInput(data, f, cards.list?.inputId)]));
        let turnCards = opts.cardsFor ? await opts.cardsFor(data) : cards;
        let host: Stored<RecordOf<H>> | undefined;
        if (opts.host) {
          host = await opts.host.read(context, data, cardRef(data).ref);
          if (!host) return noticeCard('That card is out of date', `Open it again ${opts.host.reopenHint}.`);
          turnCards = this.onHost(turnCards, opts.host, host, await opts.host.rule?.(host));
        }
        const command = await spec.command(inputs, data, context, host);
        const values = inputs as unknown as V;
        const list = data.from === 'list' ? turnCards.list : undefined;
        const type = command.type as C['type'];
        return this.change(context, data, turnCards, {
          command,
          values,
          echoLimits: spec.echo as Record<string, number>,
          changed: table.changed[type],
          saved: table.saved[type] ?? 'Saved.',
          // From a list panel the list refreshes in place; problems open the record's own card, so the typed text can be kept.
          ...(list
            ? {
                answerSaved: (stored: Stored<RecordOf<K>>, _actor: Actor, notice: Notice) =>
                  list.card(context, { ...notice, text: `${stored.record.ref}: ${notice.text}` }),
              }
            : {}),
        });
      };
      if (opts.unreadable !== 'text') {
        routes.change(verb, run);
        continue;
      }
      routes.raw(verb, async (context, data) => {
        try {
          return await run(context, data);
        } catch (err) {
          if (storeErrorCode(err) === 'UNAVAILABLE') return UNAVAILABLE;
          return guard(cards.reopenHint, () => Promise.reject(err));
        }
      });
    }
  }

  /**
   * A kind's cards drawn as a host card, for changes to items on it: the item changes by its own
   * rule and write; the clicker is answered with the host (read once, before), everyone else's
   * message and the host's other posted copies with one shared drawing of it.
   */
  onHost<K extends RecordKind, C, V, H extends RecordKind>(
    cards: RecordCards<K, C, V>,
    hostCard: HostCard<H>,
    host: Stored<RecordOf<H>>,
    /** The host's own rule (HostCard.rule), checked before the item's: a forged click names a host whose rule refuses it. */
    hostRule?: (actor: Actor) => Refusal | undefined,
  ): RecordCards<K, C, V> {
    let drawn: AdaptiveCardJson | undefined;
    const shared = (notice: Notice) => (drawn ??= hostCard.sharedCard(host, notice));
    const about = (ref: string, notice: Notice): Notice => ({ ...notice, text: `${ref}: ${notice.text}` });
    return {
      ...cards,
      apply: (record, actor, command, now) => {
        const refusal = hostRule?.(actor);
        return refusal ? { ok: false, refusal } : cards.apply(record, actor, command, now);
      },
      card: (stored, actor, extras) =>
        hostCard.card(
          host,
          actor,
          extras.notice
            ? about(stored.record.ref, extras.notice)
            : { text: `${stored.record.ref} is shown on this card.`, style: 'default' },
          extras.values ? { ref: stored.record.ref, values: extras.values as Record<string, string> } : undefined,
        ),
      sharedCard: (stored, notice) => shared(about(stored.record.ref, notice)),
      afterChange: async (context, stored, notice) => {
        await cards.afterChange?.(context, stored, notice);
        await this.copies.update(host.record.ref, () => shared(about(stored.record.ref, notice)), context.activity.replyToId);
      },
      list: {
        inputId: cards.list?.inputId ?? ((ref, field) => `${field}.${ref}`),
        card: async (_context, notice) => hostCard.card(host, await this.audience.actor(_context, host.record.place), notice),
      },
    };
  }

  /** One ETag-checked change from a record's card; the card refreshes in place. */
  async change<K extends RecordKind, C, V>(
    context: Turn,
    data: Record<string, unknown>,
    cards: RecordCards<K, C, V>,
    change: CardChange<K, C, V>,
  ): Promise<AdaptiveCardJson> {
    const { ref, etag } = cardRef(data);
    // What was typed comes back on the card only as far as a card can carry it.
    const { values, clipped } = clipEcho(change.values, change.echoLimits);
    const echo = (text: string) => (clipped ? `${text} ${clipped}` : text);
    const outcome = await this.attempt(context, ref, etag, cards, change.command, change.changed);
    noteTurnOutcome(outcome.ok ? 'saved' : unsavedOutcome(outcome.why, outcome.text === UNCONFIRMED_CHANGE));
    switch (outcome.ok) {
      case true: {
        const notice: Notice = { text: change.saved, style: 'good' };
        if (change.answerSaved) return change.answerSaved(outcome.stored, outcome.actor, notice);
        return cards.card(outcome.stored, outcome.actor, { notice });
      }
      case false:
        if (!outcome.latest || !outcome.actor)
          return noticeCard(`No ${cards.noun} ${ref}`, `There is no ${cards.noun} with that reference.`);
        if (outcome.why === 'final') return cards.card(outcome.latest, outcome.actor, { notice: { text: outcome.text, style: 'warning' } });
        return cards.card(outcome.latest, outcome.actor, {
          notice: { text: echo(outcome.text), style: outcome.why === 'stale' ? 'warning' : 'attention' },
          values,
        });
    }
  }

  /**
   * The same ETag check and write failures for a change that is not to a record (a place's
   * settings, written by its own store): a card drawn at another version is shown the latest with
   * the entry kept, and so is a write that loses the race; storage down keeps the entry and says
   * nothing was saved (or not confirmed).
   */
  async checkedWrite<S extends { etag: string }>(step: {
    cardEtag: string | undefined;
    current: S | undefined;
    /** The line for a card that is out of date, e.g. "Someone else changed these settings …". */
    stale: string;
    write(): Promise<AdaptiveCardJson>;
    reread(): Promise<S | undefined>;
    /** The card again, drawn at `latest`, with the entry kept and this line. */
    again(latest: S | undefined, notice: { text: string; style: 'warning' | 'attention' }): Promise<AdaptiveCardJson> | AdaptiveCardJson;
  }): Promise<AdaptiveCardJson> {
    if (staleCard(step.cardEtag, step.current, 'fresh')) return step.again(step.current, { text: step.stale, style: 'warning' });
    try {
      return await step.write();
    } catch (err) {
      const code = storeErrorCode(err);
      if (code === 'STALE') return step.again(await step.reread(), { text: step.stale, style: 'warning' });
      if (code === 'UNAVAILABLE')
        return step.again(step.current, { text: storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE, style: 'attention' });
      throw err;
    }
  }

  /**
   * The change itself, for one record: read latest (or use the version held) → the card's ETag →
   * the pure rule → one transaction → the shared message updated for everyone. Answers what
   * happened, so a card can act on several records (e.g. closing actions at a meeting), each its
   * own write, and say which were not changed and why.
   */
  async attempt<K extends RecordKind, C, V>(
    context: Turn,
    ref: string,
    etag: string | undefined,
    cards: RecordCards<K, C, V>,
    command: C,
    changed: string,
    opts: { share?: boolean } = {},
  ): Promise<Attempt<RecordOf<K>>> {
    const stale = `Someone else changed this ${cards.noun} while you had it open, so your change was not saved. Here is the latest; your entry is kept below.`;
    // The card's version, if this process holds it, needs no read: the write below is ETag-checked.
    const found = await this.latest(context, ref, cards, etag);
    const latest = found?.stored;
    if (!latest) return { ok: false, why: 'missing', text: `There is no ${cards.noun} ${ref}.` };
    const actor = await this.audience.actor(context, latest.record.place);
    // Every attempt counts against the person's change rate in the place (records/changeRate.ts), saved or not.
    let admitted: Awaited<ReturnType<NonNullable<BotDeps['records']['admitChange']>>> | undefined;
    try {
      admitted = await this.deps.records.admitChange?.(latest.record.place, actor.id, this.deps.clock());
    } catch (err) {
      // Storage failing while counting: the change goes on to its own write, which fails (or not) as it always has
      // within the turn's storage deadline; a flood cannot use storage being down, since nothing is then written.
      if (storeErrorCode(err) !== 'UNAVAILABLE') throw err;
    }
    if (admitted && !admitted.ok)
      return { ok: false, why: 'refused', text: changeRateLine(latest.record.place, admitted.retryAt), latest, actor };
    const final = cards.finalNotice?.(latest.record);
    if (final) return { ok: false, why: 'final', text: final, latest, actor };
    // A card always carries the ETag it was drawn with; one without is treated as out of date.
    if (staleCard(etag, latest)) return { ok: false, why: 'stale', text: stale, latest, actor };
    const now = this.deps.clock();
    const transition = cards.apply(latest.record, actor, command, now);
    if (!transition.ok) {
      const refused = cards.refusedEvent?.(latest.record, actor, command, transition.refusal, now);
      if (refused) await this.deps.records.appendAudit(refused);
      const details = Object.values(transition.refusal.fieldErrors ?? {});
      return { ok: false, why: 'refused', text: details.length ? details.join(' ') : transition.refusal.message, latest, actor };
    }
    let result;
    try {
      result = await commit(this.deps.records, cards.kind, latest, transition);
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE')
        return { ok: false, why: 'unavailable', text: storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE, latest, actor };
      throw err;
    }
    if (!result.ok && result.why === 'refused') return { ok: false, why: 'refused', text: result.refusal.message, latest, actor };
    if (!result.ok) {
      const fresh = (await this.deps.records.get(cards.kind, ref)) ?? latest;
      const final = cards.finalNotice?.(fresh.record);
      if (final) return { ok: false, why: 'final', text: final, latest: fresh, actor };
      return { ok: false, why: 'stale', text: stale, latest: fresh, actor };
    }
    const stored = result.stored;
    // Drawn only where there is a shared message to update (not in personal chat).
    const sharedNotice: Notice = { text: `${changed} by ${actor.name}.`, style: 'accent' };
    // A card changing several records (share: false) updates the shared message once, itself.
    if (opts.share !== false) await this.shareWithConversation(context, () => cards.sharedCard(stored, sharedNotice), ref);
    await cards.afterChange?.(context, stored, sharedNotice);
    await this.reactions?.after('changed', cards.kind, context, stored, actor);
    return { ok: true, stored, actor };
  }
}

// The one way a card changes a record, for every kind (actions, risks, sign-offs, setup):
// read the latest → compare the card's ETag → run the pure rule → one entity-group
// transaction → the card back. A stale card gets the latest with the typed text kept; storage
// down gets "nothing saved" with the text kept; in a group chat or channel the shared message
// is updated for everyone. A flow only declares its kind's cards and which command a verb gives.
//
// Creating a record is one path too (CardChanges.create): the form's id, the kind's parser, its
// pure rule in one transaction, the form back with input kept on any refusal or storage failure,
// the record of a form already submitted, and the kind's confirmation card.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { viewerUnconfirmedCard } from '../cards/accessCards.js';
import { noticeCard, type Notice } from '../cards/commonCards.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { AuditEvent } from '../records/audit.js';
import { LIMITS } from '../records/limits.js';
import type { Refusal, Transition } from '../records/outcome.js';
import type { Actor } from '../records/people.js';
import { mayRecordIn, maySeePlace, visibleTo } from '../records/access.js';
import { PLACE_CODES, PLACE_NAMES, type PlaceCode } from '../records/places.js';
import { parseRef } from '../records/refs.js';
import { truncate } from '../cards/text.js';
import { onCardVerb, sendCard, type CardHandler } from './cardVerbs.js';
import { speaker } from './conversation.js';
import { newFormId, submittedFormId } from './formId.js';
import { cardInput } from './forms.js';
import type { CreateOutcome } from './messageCapture.js';
import { storeErrorCode, storeWriteUnconfirmed, type BotDeps, type RecordKind, type RecordOf, type Stored } from './ports.js';
import { noteTurnOutcome, unsavedOutcome } from './turnTelemetry.js';

export const UNAVAILABLE = 'The record store is not answering just now, so nothing was saved. Your entries are kept: try again in a minute.';
/** When storage fails before the record could even be read, so there is no card to keep the text on. */
export const UNAVAILABLE_UNREAD = 'The record store is not answering just now, so nothing was saved. Try again in a minute.';
/** For a read (a list, a ref typed in chat) while storage is down. */
export const UNAVAILABLE_READ = 'The record store is not answering just now. Nothing was changed: try again in a minute.';
/**
 * A change was sent but storage did not confirm it in time: it may still be saved. The card's
 * ETag makes repeating it safe: if it did land, the repeat is shown the latest instead.
 */
export const UNCONFIRMED_CHANGE =
  'The record store did not confirm your change in time, so it may not have been saved. Your entry is kept below: submit it again in a minute. If the first one did arrive, you will see it rather than a second copy.';
/** A create was sent but not confirmed: the form's id makes submitting again safe. */
export const UNCONFIRMED_CREATE =
  'The record store did not confirm in time, so this may not have been logged. Your entries are kept: submit the form again in a minute. It can never log twice: if the first one arrived, you will be shown it.';

/** A create when Teams would not say who is asking (bot/viewer.ts): nothing is saved, the entries are kept. */
export const VIEWER_UNCONFIRMED_CREATE = 'Teams did not say who you are just now, so nothing was saved. Your entries are kept: submit this form again in a minute.';

/** A guest's form for a place whose partnership channel they are not in. */
function guestElsewhere(place: PlaceCode): string {
  return `As a guest you can record only in the places whose partnership channel you are in, so not in ${PLACE_NAMES[place]}. Nothing was saved.`;
}

/** A form asked for by a guest who is in no place's partnership channel: there is nowhere they may record. */
export function nowhereToRecordCard(): AdaptiveCardJson {
  return noticeCard('Nowhere to record yet', 'As a guest you can record only in the places whose partnership channel you are in, and you are not in any of them yet. Ask a place admin to add you to its channel.');
}

/**
 * A create submitted without its form's id (an old or altered form): nothing is created, since the
 * id is what makes a resubmit safe and what counts a person's creates. The form comes back with one.
 */
export const NO_FORM_ID = 'This form came without its form id (it may be an old or altered copy), so nothing was saved. Your entries are kept: submit this form again.';

/** A create's banner when storage failed (not confirmed: resubmitting is safe; or not saved); undefined for any other error. */
export function createFailure(err: unknown): string | undefined {
  if (storeErrorCode(err) !== 'UNAVAILABLE') return undefined;
  return storeWriteUnconfirmed(err) ? UNCONFIRMED_CREATE : UNAVAILABLE;
}

/**
 * The answer, for every kind, to a form submitted again (its form id already created `ref`): the
 * record shown with a line saying so; nothing is created or posted twice. `done` is e.g. "logged".
 */
export async function alreadyCreated(
  what: { noun: string; done: string; ref: string },
  card: (extras: { heading: string; notice: Notice }) => Promise<AdaptiveCardJson> | AdaptiveCardJson,
): Promise<CreateOutcome> {
  const { noun, done, ref } = what;
  return {
    ok: true,
    ref,
    resubmitted: true,
    headline: `This form was already submitted: it ${done} ${noun} ${ref}. Nothing was ${done} twice.`,
    card: await card({
      heading: `${noun[0]!.toUpperCase()}${noun.slice(1)} ${ref} ${done}`,
      notice: { text: `This form was already submitted: it ${done} ${ref}, shown here. Nothing was ${done} twice.`, style: 'good' },
    }),
  };
}

/** The longest typed text a card echoes back; beyond it the card would pass Teams' size limit. */
export const ECHO_LIMIT = LIMITS.longText;

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
  /**
   * Optional: after the clock's change (lapse) is written on someone's look, e.g. update the card
   * where it was posted and tell whoever asked for it. Best effort: never throws, kept short.
   */
  afterLapse?(context: TurnContext, stored: Stored<RecordOf<K>>): Promise<void>;
  /**
   * Optional: after a change from a card is written and the clicked conversation's message updated,
   * e.g. update the record's cards posted elsewhere. Best effort: never throws, kept short.
   */
  afterChange?(context: TurnContext, stored: Stored<RecordOf<K>>, notice: Notice): Promise<void>;
  /** Optional: the audit event kept when a command is refused (e.g. a forged answer from someone not allowed); none = not audited. */
  refusedEvent?(record: RecordOf<K>, actor: Actor, command: C, refusal: Refusal, now: Date): AuditEvent | undefined;
  /**
   * Optional, for kinds listed with a panel per record (inputs repeat, so each id carries the ref):
   * the panel's input ids, and the list drawn again after a change saved from it.
   */
  list?: {
    inputId(ref: string, field: string): string;
    card(context: TurnContext, notice: Notice): Promise<AdaptiveCardJson>;
  };
}

/**
 * One verb of a kind's card, declared in the kind's verb table: the command it gives from the
 * card's inputs, which inputs are kept on the card when the change is not saved (and how much of
 * each its box holds), and who is offered the button.
 */
export interface VerbSpec<K extends RecordKind, C, V> {
  /** The inputs this verb sends, read with `cardInput` (as typed), and how much of each the card echoes back. */
  echo: Partial<Record<keyof V & string, number>>;
  /** The command, from the inputs (and, where needed, the card's own data or the turn). */
  command(inputs: Record<string, string>, data: Record<string, unknown>, context: TurnContext): C | Promise<C>;
  /** Who is offered the button on the record as it stands; absent = whoever may see the card. */
  may?(record: RecordOf<K>, actor: Actor): boolean;
}

/** A kind's verbs; `changed` and `saved` say how each command reads to everyone and to the clicker. */
export interface VerbTable<K extends RecordKind, C extends { type: string }, V> {
  verbs: Record<string, VerbSpec<K, C, V>>;
  /** How a change reads on the card everyone else sees, e.g. "Update added" (… by Sam Patel). */
  changed: Record<C['type'], string>;
  /** What the person who clicked is told, e.g. "Update saved."; default "Saved." */
  saved: Partial<Record<C['type'], string>>;
}

/** Whether `actor` is offered `verb`'s button on this record, by the kind's verb table. */
export function offered<K extends RecordKind, C extends { type: string }, V>(table: VerbTable<K, C, V>, verb: string, record: RecordOf<K>, actor: Actor): boolean {
  const spec = table.verbs[verb];
  return !!spec && (spec.may?.(record, actor) ?? true);
}

/**
 * What a kind declares so the one create path can create it: the form again (same id, input
 * kept, with what to fix), the parser, the pure rule, and the confirmation.
 */
export interface RecordForm<K extends RecordKind, D> {
  kind: K;
  noun: string;
  /** How it reads once created: "logged", "raised", "requested". */
  done: string;
  /** The banner when the form has problems, e.g. "Some details need attention before the action can be logged." */
  attention: string;
  /** The submitted form as a draft (reading whatever it needs), or a message per field. */
  parse(context: TurnContext, data: Record<string, unknown>, now: Date): Promise<{ ok: true; place: PlaceCode; draft: D } | { ok: false; errors: Record<string, string> }>;
  /** The form again, with the same id, what was typed kept, what to fix, and the places the speaker may record in. */
  again(formId: string, problems: { errors: Record<string, string>; banner: string; places: readonly PlaceCode[] }): AdaptiveCardJson | Promise<AdaptiveCardJson>;
  /** Who is creating it; default: the speaker with their roles in the place. */
  actor?(context: TurnContext, place: PlaceCode): Promise<Actor>;
  /** The pure rule: the new record and its create event, or a refusal. */
  build(draft: D, ref: string, actor: Actor, now: Date): Transition<RecordOf<K>>;
  /** The confirmation once created. */
  confirm(context: TurnContext, stored: Stored<RecordOf<K>>, actor: Actor, draft: D): Promise<CreateOutcome>;
  /** The answer to a form submitted again: the record it created, with a line saying so. */
  resubmitted(stored: Stored<RecordOf<K>>, actor: Actor): Promise<CreateOutcome>;
}

/**
 * A kind's routes, each behind the one guard (CardChanges.guard): with storage down, a read (a
 * list, a record opened, a form that looks something up) says "not answering … nothing was
 * changed", a change says "nothing saved". Flows register through this, so no verb goes unguarded.
 */
export interface GuardedRoutes {
  /** A typed command that only reads; its card(s), sent as new messages. */
  readMessage(pattern: RegExp, run: (context: TurnContext, match: RegExpExecArray) => Promise<AdaptiveCardJson | AdaptiveCardJson[]>): void;
  /** A card verb that only reads. */
  read(verb: string, run: (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson>): void;
  /** A card verb that saves (a create or a change). */
  change(verb: string, run: (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson>): void;
  /** A card verb that handles storage itself (e.g. answers with a line of text): registered as it is. */
  raw(verb: string, run: CardHandler): void;
}

/** One change asked for from a card. */
export interface CardChange<K extends RecordKind, C, V> {
  command: C;
  /** What the person typed, kept on the card when the change is not saved. */
  values: V;
  /** How much of each typed value its box holds when echoed back; default ECHO_LIMIT. */
  echoLimits?: Record<string, number>;
  /** How the change reads to everyone else, e.g. "Update added" (… by Sam Patel). */
  changed: string;
  /** What the person who clicked is told, e.g. "Update saved." */
  saved: string;
  /** The answer after a save, when it is not the record's own card (e.g. a list refreshed in place). */
  answerSaved?: (stored: Stored<RecordOf<K>>, actor: Actor, notice: Notice) => Promise<AdaptiveCardJson>;
}

/**
 * The card everyone else in a conversation sees, or how to draw it: drawing is left until it is
 * known to be needed (in personal chat there is no shared message, so it is never drawn).
 */
export type SharedCard = AdaptiveCardJson | (() => AdaptiveCardJson);

export function drawShared(card: SharedCard): AdaptiveCardJson {
  return typeof card === 'function' ? card() : card;
}

const cardRefSchema = z.object({ ref: z.string().max(40), etag: z.string().max(200).optional() });

/**
 * The one ETag comparison of a card against what is stored now, for records and place settings
 * alike: a card drawn at another version is out of date, and so is one carrying no ETag (a record
 * card always carries one; a setup form for a place not yet set up has none, so `noEtag: 'fresh'`
 * keeps setup as it was). Nothing stored yet: nothing to be out of date against.
 */
export function staleCard(cardEtag: string | undefined, stored: { etag: string } | undefined, noEtag: 'stale' | 'fresh' = 'stale'): boolean {
  if (!stored) return false;
  if (!cardEtag) return noEtag === 'stale';
  return cardEtag !== stored.etag;
}

/** Teams did not answer when asked who is looking, so nothing is shown (bot/viewer.ts); the guard says so. */
export class ViewerUnconfirmed extends Error {
  constructor() {
    super('Teams did not say who is looking');
  }
}

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

  /**
   * Whether the speaker may see a place's records (records/access.ts: a guest only the places
   * whose channel they are in). Throws ViewerUnconfirmed when Teams could not be asked.
   */
  async maySee(context: TurnContext, place: PlaceCode): Promise<boolean> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    if (!confirmed) throw new ViewerUnconfirmed();
    return maySeePlace(viewer, place);
  }

  /**
   * The places a form offers the speaker: where they may record (records/access.ts mayRecordIn), so
   * a guest is offered only their channels' places. When Teams will not say, every place: the
   * create path asks again and refuses what is not theirs.
   */
  async recordablePlaces(context: TurnContext): Promise<readonly PlaceCode[]> {
    return (await this.whereRecording(context)).places;
  }

  /** Who is recording and where they may (one look-up, used for the form's places and the create's check). */
  private async whereRecording(context: TurnContext): Promise<{ confirmed: boolean; places: readonly PlaceCode[] }> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    return { confirmed, places: confirmed ? PLACE_CODES.filter((place) => mayRecordIn(viewer, place)) : PLACE_CODES };
  }

  /** The records of a list the speaker may see (every list a person reads passes here). */
  async visible<T extends { record: { place: PlaceCode } }>(context: TurnContext, list: readonly T[]): Promise<T[]> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    if (!confirmed) throw new ViewerUnconfirmed();
    return visibleTo(viewer, list);
  }

  /**
   * Any unexpected failure becomes a card that says so, never a silent error in Teams. `read`
   * for typed commands and lists, which save nothing.
   */
  async guard(reopenHint: string, run: () => Promise<AdaptiveCardJson>, what: 'change' | 'read' = 'change'): Promise<AdaptiveCardJson> {
    try {
      return await run();
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') {
        if (what === 'read') return noticeCard('The record store is not answering', UNAVAILABLE_READ);
        return noticeCard('Not saved', storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE_UNREAD);
      }
      if (err instanceof z.ZodError) return noticeCard('That card is out of date', `Open it again ${reopenHint}.`);
      if (err instanceof ViewerUnconfirmed) return viewerUnconfirmedCard();
      console.error('card action failed', err);
      return noticeCard('Something went wrong', 'Nothing was changed. Try again, or tell your place admin if it keeps happening.');
    }
  }

  /** The kind's routes on `app`, each behind the guard in read or change mode. */
  routes(app: Application<TurnState>, reopenHint: string): GuardedRoutes {
    return {
      readMessage: (pattern, run) =>
        app.message(pattern, async (context) => {
          const match = pattern.exec(context.activity.text ?? '') ?? (Object.assign([''], { index: 0, input: '' }) as RegExpExecArray);
          let cards: AdaptiveCardJson[] = [];
          const first = await this.guard(
            reopenHint,
            async () => {
              const out = await run(context, match);
              cards = Array.isArray(out) ? out : [out];
              return cards[0]!;
            },
            'read',
          );
          // On a failure `cards` is empty and the guard's notice is the one answer.
          for (const card of cards.length ? cards : [first]) await sendCard(context, card);
        }),
      read: (verb, run) => onCardVerb(app, verb, (context, data) => this.guard(reopenHint, () => run(context, data), 'read')),
      change: (verb, run) => onCardVerb(app, verb, (context, data) => this.guard(reopenHint, () => run(context, data))),
      raw: (verb, run) => onCardVerb(app, verb, run),
    };
  }

  /**
   * In a group chat or channel the card's reply reaches only the person who clicked; everyone
   * else still sees the old card. So the shared message is updated for all, with the kind's
   * read-only view. Best effort: the change is already saved, so a failure is logged, not shown.
   */
  async shareWithConversation(context: TurnContext, card: SharedCard, what: string): Promise<void> {
    const { conversation, replyToId } = context.activity;
    if (conversation?.conversationType === 'personal' || !replyToId) return;
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [CardFactory.adaptiveCard(drawShared(card))] });
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
    try {
      const result = await this.deps.records.update(cards.kind, stored, lapse);
      if (!result.ok) return { stored };
      const lapsed: Notice = { text: cards.finalNotice?.(result.stored.record) ?? `${ref} has lapsed.`, style: 'warning' };
      await this.shareWithConversation(context, cards.sharedCard(result.stored, lapsed), ref);
      await cards.afterLapse?.(context, result.stored);
      return { stored: result.stored, lapsed };
    } catch (err) {
      // Someone else lapsed it (or changed it) first: show what is stored now.
      if (storeErrorCode(err) === 'STALE') return this.latest(context, ref, { ...cards, lapse: undefined });
      throw err;
    }
  }

  /**
   * The one view of a record by its ref, typed or carried on a card, for every kind: a ref that
   * cannot name one of this kind is "no such …"; otherwise its card for whoever asks (show).
   */
  async view<K extends RecordKind, C, V>(context: TurnContext, typed: string, cards: RecordCards<K, C, V>): Promise<AdaptiveCardJson> {
    const ref = typed.trim().toUpperCase();
    if (parseRef(ref)?.kind !== cards.kind) return noticeCard(`No ${cards.noun} ${truncate(typed, 40)}`, `There is no ${cards.noun} with that reference. Check it, or open one ${cards.reopenHint}.`);
    return this.show(context, ref, cards);
  }

  /** One record's card for whoever asks (a view, or a per-user refresh): reads only, unless the clock changed it. */
  async show<K extends RecordKind, C, V>(context: TurnContext, ref: string, cards: RecordCards<K, C, V>, extras: CardExtras<V> = {}): Promise<AdaptiveCardJson> {
    const found = await this.latest(context, ref, cards);
    if (!found) return noticeCard(`No ${cards.noun} ${ref}`, `There is no ${cards.noun} with that reference. Check it, or open one ${cards.reopenHint}.`);
    const actor = await this.actor(context, found.stored.record.place);
    return cards.card(found.stored, actor, found.lapsed && !extras.notice ? { ...extras, notice: found.lapsed } : extras);
  }

  /**
   * The one create path, for every kind and every way in (a chat form, a message's dialog): the
   * form's id (a form submitted again creates nothing and is shown what the first created), the
   * kind's parser, its rule in one transaction with the form id, and on any refusal or storage
   * failure the form again with everything typed kept.
   */
  async create<K extends RecordKind, D>(context: TurnContext, data: Record<string, unknown>, form: RecordForm<K, D>): Promise<CreateOutcome> {
    const now = this.deps.clock();
    // The form comes back with the same id, so fixing it and submitting again still creates once.
    const sent = submittedFormId(data);
    const formId = sent ?? newFormId();
    // Where the speaker may record: the places the form offers again, and the create's check.
    const { confirmed, places } = await this.whereRecording(context);
    const again = async (errors: Record<string, string>, banner: string): Promise<CreateOutcome> => ({ ok: false, form: await form.again(formId, { errors, banner, places }) });
    // Every create needs its form's id: without one, nothing is created and the entries are kept.
    if (!sent) return again({}, NO_FORM_ID);
    try {
      const parsed = await form.parse(context, data, now);
      if (!parsed.ok) return again(parsed.errors, form.attention);
      // Who may record where is records/access.ts's rule: a guest, only in the places whose channel they are in.
      if (!confirmed) return again({}, VIEWER_UNCONFIRMED_CREATE);
      if (!places.includes(parsed.place)) return again({ place: guestElsewhere(parsed.place) }, guestElsewhere(parsed.place));
      const actor = form.actor ? await form.actor(context, parsed.place) : await this.actor(context, parsed.place);
      const result = await this.deps.records.create(form.kind, parsed.place, (ref) => form.build(parsed.draft, ref, actor, now), { formId: sent });
      noteTurnOutcome(result.ok ? 'saved' : 'refused');
      if (!result.ok) return again(result.refusal.fieldErrors ?? {}, result.refusal.message);
      if (result.resubmitted) return form.resubmitted(result.stored, actor);
      return form.confirm(context, result.stored, actor, parsed.draft);
    } catch (err) {
      const banner = createFailure(err);
      noteTurnOutcome(storeWriteUnconfirmed(err) ? 'unconfirmed' : 'error');
      if (banner) return again({}, banner);
      throw err;
    }
  }

  /**
   * A kind's verb table on its routes: each verb reads its inputs (card or list panel), builds its
   * command, and goes through `change`. `cardsFor` may give this turn's cards (e.g. drawn with
   * settings read once). `unreadable: 'text'`: when storage cannot even be read, answer with a
   * line of text, so Teams keeps the card as it was with the typed text still in it.
   */
  verbs<K extends RecordKind, C extends { type: string }, V>(
    routes: GuardedRoutes,
    cards: RecordCards<K, C, V>,
    table: VerbTable<K, C, V>,
    opts: { cardsFor?: (data: Record<string, unknown>) => Promise<RecordCards<K, C, V>>; unreadable?: 'text' } = {},
  ): void {
    for (const [verb, spec] of Object.entries(table.verbs) as [string, VerbSpec<K, C, V>][]) {
      const run = async (context: TurnContext, data: Record<string, unknown>) => {
        const fields = Object.keys(spec.echo);
        const inputs = Object.fromEntries(fields.map((f) => [f, cardInput(data, f, cards.list?.inputId)]));
        const command = await spec.command(inputs, data, context);
        const values = inputs as unknown as V;
        const turnCards = opts.cardsFor ? await opts.cardsFor(data) : cards;
        const list = data.from === 'list' ? turnCards.list : undefined;
        const type = command.type as C['type'];
        return this.change(context, data, turnCards, {
          command,
          values,
          echoLimits: spec.echo as Record<string, number>,
          changed: table.changed[type],
          saved: table.saved[type] ?? 'Saved.',
          // From a list panel the list refreshes in place; problems open the record's own card, so the typed text can be kept.
          ...(list ? { answerSaved: (stored: Stored<RecordOf<K>>, _actor: Actor, notice: Notice) => list.card(context, { ...notice, text: `${stored.record.ref}: ${notice.text}` }) } : {}),
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
          return this.guard(cards.reopenHint, () => Promise.reject(err));
        }
      });
    }
  }

  /**
   * A chat form's submit, for every kind: the form again with what to fix, or the confirmation
   * card (the same create path answers a message's dialog in messageCapture.ts).
   */
  async answerCreate(context: TurnContext, outcome: CreateOutcome): Promise<AdaptiveCardJson> {
    if (!outcome.ok) return outcome.form;
    if (outcome.shared) await this.shareWithConversation(context, outcome.shared, outcome.ref);
    return outcome.card;
  }

  /** One ETag-checked change from a record's card; the card refreshes in place. */
  async change<K extends RecordKind, C, V>(
    context: TurnContext,
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
        if (!outcome.latest || !outcome.actor) return noticeCard(`No ${cards.noun} ${ref}`, `There is no ${cards.noun} with that reference.`);
        if (outcome.why === 'final') return cards.card(outcome.latest, outcome.actor, { notice: { text: outcome.text, style: 'warning' } });
        return cards.card(outcome.latest, outcome.actor, { notice: { text: echo(outcome.text), style: outcome.why === 'stale' ? 'warning' : 'attention' }, values });
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
      if (code === 'UNAVAILABLE') return step.again(step.current, { text: storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE, style: 'attention' });
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
    context: TurnContext,
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
    const actor = await this.actor(context, latest.record.place);
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
    try {
      const result = await this.deps.records.update(cards.kind, latest, transition);
      if (!result.ok) return { ok: false, why: 'refused', text: result.refusal.message, latest, actor };
      // Drawn only where there is a shared message to update (not in personal chat).
      const sharedNotice: Notice = { text: `${changed} by ${actor.name}.`, style: 'accent' };
      // A card changing several records (share: false) updates the shared message once, itself.
      if (opts.share !== false) await this.shareWithConversation(context, () => cards.sharedCard(result.stored, sharedNotice), ref);
      await cards.afterChange?.(context, result.stored, sharedNotice);
      return { ok: true, stored: result.stored, actor };
    } catch (err) {
      const code = storeErrorCode(err);
      if (code === 'STALE') {
        const fresh = (await this.deps.records.get(cards.kind, ref)) ?? latest;
        const final = cards.finalNotice?.(fresh.record);
        if (final) return { ok: false, why: 'final', text: final, latest: fresh, actor };
        return { ok: false, why: 'stale', text: stale, latest: fresh, actor };
      }
      if (code === 'UNAVAILABLE') return { ok: false, why: 'unavailable', text: storeWriteUnconfirmed(err) ? UNCONFIRMED_CHANGE : UNAVAILABLE, latest, actor };
      throw err;
    }
  }
}

/** What one change from a card did: saved, or why not (with the latest version when there is one). */
export type Attempt<T> =
  | { ok: true; stored: Stored<T>; actor: Actor }
  | { ok: false; why: 'missing' | 'final' | 'stale' | 'refused' | 'unavailable'; text: string; latest?: Stored<T>; actor?: Actor };

/**
 * The one echo clip: every typed string cut to what its box holds (`limits`, at most ECHO_LIMIT
 * characters), and a line saying so: 100 KB of update text comes back as its first 4,000
 * characters, not as a card past Teams' limit.
 */
export function clipEcho<V>(values: V, limits: Record<string, number> = {}): { values: V; clipped: string } {
  if (typeof values !== 'object' || values === null) return { values, clipped: '' };
  let longest = 0;
  let kept: number = ECHO_LIMIT;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const limit = Math.min(limits[k] ?? ECHO_LIMIT, ECHO_LIMIT);
    if (typeof v === 'string' && v.length > limit) {
      if (v.length > longest) [longest, kept] = [v.length, limit];
      out[k] = v.slice(0, limit);
    } else out[k] = v;
  }
  if (!longest) return { values, clipped: '' };
  const n = (x: number) => x.toLocaleString('en-GB');
  return { values: out as V, clipped: `Your entry was ${n(longest)} characters, too long to keep: the first ${n(kept)} are below.` };
}

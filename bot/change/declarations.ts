// What a kind declares so the shared mechanics can create, change and draw it: its cards, its verb
// table (verb → command, echoed inputs, who is offered the button) and what a change or a create
// answers. Declarations only: the mechanics are in cardChanges.ts and recordCreation.ts.
import type { Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { AuditEvent } from '../../records/audit.js';
import type { Refusal, Transition } from '../../records/outcome.js';
import type { Actor } from '../../records/people.js';
import type { RecordKind, RecordOf, Stored } from '../ports.js';
import type { Turn } from '../turn.js';

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
  afterLapse?(context: Turn, stored: Stored<RecordOf<K>>): Promise<void>;
  /**
   * Optional: after a change from a card is written and the clicked conversation's message updated,
   * e.g. update the record's cards posted elsewhere. Best effort: never throws, kept short.
   */
  afterChange?(context: Turn, stored: Stored<RecordOf<K>>, notice: Notice): Promise<void>;
  /** Optional: the audit event kept when a command is refused (e.g. a forged answer from someone not allowed); none = not audited. */
  refusedEvent?(record: RecordOf<K>, actor: Actor, command: C, refusal: Refusal, now: Date): AuditEvent | undefined;
  /**
   * Optional, for kinds listed with a panel per record (inputs repeat, so each id carries the ref):
   * the panel's input ids, and the list drawn again after a change saved from it.
   */
  list?: {
    inputId(ref: string, field: string): string;
    card(context: Turn, notice: Notice): Promise<AdaptiveCardJson>;
  };
}

/**
 * One verb of a kind's card, declared in the kind's verb table: the command it gives from the
 * card's inputs, which inputs are kept on the card when the change is not saved (and how much of
 * each its box holds), and who is offered the button.
 */
export interface VerbSpec<K extends RecordKind, C, V, H = undefined> {
  /** The inputs this verb sends, read with `cardInput` (as typed), and how much of each the card echoes back. */
  echo: Partial<Record<keyof V & string, number>>;
  /** The command, from the inputs (and, where needed, the card's own data, the turn, or the host card's record). */
  command(inputs: Record<string, string>, data: Record<string, unknown>, context: Turn, host: H): C | Promise<C>;
  /** Who is offered the button on the record as it stands; absent = whoever may see the card. */
  may?(record: RecordOf<K>, actor: Actor): boolean;
}

/** A kind's verbs; `changed` and `saved` say how each command reads to everyone and to the clicker. */
export interface VerbTable<K extends RecordKind, C extends { type: string }, V, H = undefined> {
  verbs: Record<string, VerbSpec<K, C, V, H>>;
  /** How a change reads on the card everyone else sees, e.g. "Update added" (… by Sam Patel). */
  changed: Record<C['type'], string>;
  /** What the person who clicked is told, e.g. "Update saved."; default "Saved." */
  saved: Partial<Record<C['type'], string>>;
}

/** Whether `actor` is offered `verb`'s button on this record, by the kind's verb table. */
export function offered<K extends RecordKind, C extends { type: string }, V, H>(
  table: VerbTable<K, C, V, H>,
  verb: string,
  record: RecordOf<K>,
  actor: Actor,
): boolean {
  const spec = table.verbs[verb];
  return !!spec && (spec.may?.(record, actor) ?? true);
}

/**
 * A card that shows records of another kind and changes them in place (the meeting card closes an
 * action on its agenda): the item changes by its own kind's rule, write and audit; the host is
 * read once, checked, and drawn once for the clicker and once for everyone else.
 */
export interface HostCard<H extends RecordKind> {
  /** Where to open the host again, for "that card is out of date". */
  reopenHint: string;
  /**
   * The host the card names, read once, if the speaker may see it and `itemRef` belongs on it (on
   * its agenda, in its place); otherwise undefined, and the click is answered "out of date". The
   * host is never taken from the card's data alone.
   */
  read(context: Turn, data: Record<string, unknown>, itemRef: string): Promise<Stored<RecordOf<H>> | undefined>;
  /** The clicker's answer: the host with a line, and the item's typed text kept when not saved. */
  card(
    host: Stored<RecordOf<H>>,
    actor: Actor,
    notice: Notice,
    kept?: { ref: string; values: Record<string, string> },
  ): Promise<AdaptiveCardJson>;
  /** Everyone else's view of the host. */
  sharedCard(host: Stored<RecordOf<H>>, notice: Notice): AdaptiveCardJson;
  /**
   * Optional: who may change items at this host, besides the item's own rule (a meeting: its
   * forum's chairs and the place's admins), read once with the host. A refusal is answered as the
   * item's own rule's would be: on the host, typed text kept, audited by the item's kind if it audits refusals.
   */
  rule?(host: Stored<RecordOf<H>>): Promise<(actor: Actor) => Refusal | undefined>;
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

/** What one change from a card did: saved, or why not (with the latest version when there is one). */
export type Attempt<T> =
  | { ok: true; stored: Stored<T>; actor: Actor }
  | { ok: false; why: 'missing' | 'final' | 'stale' | 'refused' | 'unavailable'; text: string; latest?: Stored<T>; actor?: Actor };

/** What a form created from its submitted data: a record, or the form again with what to fix. */
export type CreateOutcome =
  | {
      ok: true;
      ref: string;
      /** What happened, in a line, e.g. "Action BPL-A-0042 logged for Helen Price." */
      headline: string;
      /** The confirmation the person who saved it sees (in personal chat). */
      card: AdaptiveCardJson;
      /**
       * The read-only view everyone in a group chat or channel sees, or how to draw it (drawn only
       * there); absent when the form had already been submitted (nothing new to share).
       */
      shared?: SharedCard;
      /** The same form had already created this record; nothing new was written or posted. */
      resubmitted?: boolean;
    }
  | { ok: false; form: AdaptiveCardJson };

// Capture from any message: a Teams message action ("…" → "Log as action", "Raise as risk")
// opens a kind's own form in a dialog, prefilled from the message; submitting it runs that
// kind's own create path (the one its chat form uses). This file is the one mechanism; a kind
// plugs in by declaring its command, its form and its create.
//
//   composeExtension/fetchTask    → the kind's form, prefilled   → { task: continue, card }
//   composeExtension/submitAction → the kind's create
//        problems (field errors, refusals, storage down) → the form again, input kept
//        saved   → the confirmation card posted into the conversation, and a closing line in the
//                  dialog ({ task: message }: valid for Teams, and the Agents Playground rejects `{}`)
import type { FormSource } from '../../cards/commonCards.js';
import { dialogForm } from '../../cards/dialog.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { Person } from '../../records/people.js';
import type { Locality, PlaceCode } from '../../records/places.js';
import { drawShared, type CreateOutcome } from '../change/declarations.js';
import { UNAVAILABLE } from '../change/messages.js';

export type { CreateOutcome };
import { authorAsPerson, peopleHere } from '../teams/members.js';
import { prefillFromMessage } from './messagePrefill.js';
import { storeErrorCode, type BotDeps } from '../ports.js';
import { within } from '../change/timeBound.js';
import { cardMessage, channelIdOf, type Turn } from '../turn.js';
import type { BotRoutes, DialogAnswer } from '../routes.js';

/** What a form is given from a message; each kind puts `text` where its main text goes. */
export interface FormPrefill {
  text: string;
  /** A line above the form: where its contents came from, or why it is empty. */
  intro: string;
  /** The message's author, offered (and chosen) as owner. */
  owner?: Person;
  /** People to offer as owner: the author first, then the conversation's members. */
  people: Person[];
  place?: PlaceCode;
  locality?: Locality;
  /** A link back to the message, shown on the form and kept on the record. */
  source?: FormSource;
}

/** What a kind declares to be captured from a message. */
export interface MessageCapture {
  /** The command id in the manifest's composeExtensions, e.g. "logAction". */
  commandId: string;
  /** The dialog's title, e.g. "Log as action". */
  title: string;
  /** How much of the message the form's main field takes. */
  textLimit: number;
  /** The verb of the form's submit action (the form goes into the dialog with it as Action.Submit). */
  submitVerb: string;
  form(context: Turn, prefill: FormPrefill): Promise<AdaptiveCardJson>;
  create(context: Turn, data: Record<string, unknown>): Promise<CreateOutcome>;
}

const PLACE_LOOKUP_MS = 1500;
const WENT_WRONG = 'Something went wrong, so nothing was saved. Try again, or tell your place admin if it keeps happening.';

export class MessageCaptures {
  constructor(private readonly deps: BotDeps) {}

  register(app: BotRoutes, capture: MessageCapture): void {
    app.messageAction(capture.commandId, {
      open: (context) => this.open(context, capture),
      submit: (context, data) => this.submit(context, capture, data),
    });
  }

  private async open(context: Turn, capture: MessageCapture): Promise<DialogAnswer | string> {
    try {
      return this.dialog(capture, await capture.form(context, await this.prefill(context, capture)));
    } catch (err) {
      console.error(`${capture.commandId}: could not open the form`, err);
      return WENT_WRONG;
    }
  }

  private async submit(context: Turn, capture: MessageCapture, submitted: Record<string, unknown>): Promise<DialogAnswer | string> {
    try {
      const outcome = await capture.create(context, submitted);
      if (!outcome.ok) return this.dialog(capture, outcome.form);
      if (outcome.resubmitted || !outcome.shared) return outcome.headline;
      const personal = context.activity.conversation?.conversationType === 'personal';
      await context.sendActivity(cardMessage(personal ? outcome.card : drawShared(outcome.shared)));
      return `${outcome.headline} Its card is now in the conversation.`;
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return UNAVAILABLE;
      console.error(`${capture.commandId}: submit failed`, err);
      return WENT_WRONG;
    }
  }

  private dialog(capture: MessageCapture, form: AdaptiveCardJson): DialogAnswer {
    return { title: capture.title, width: 'large', height: 'large', card: dialogForm(form, capture.submitVerb) };
  }

  /** The message's text, author and link, the conversation's people, and its place if it is a linked channel. */
  private async prefill(context: Turn, capture: MessageCapture): Promise<FormPrefill> {
    const value = (context.activity.value ?? {}) as { messagePayload?: unknown };
    const message = prefillFromMessage(value.messagePayload, capture.textLimit);
    const [owner, members, place] = await Promise.all([
      message.author ? authorAsPerson(context, message.author) : Promise.resolve(undefined),
      peopleHere(context),
      this.placeOfConversation(context),
    ]);
    const people = owner ? [owner, ...members.filter((p) => p.id !== owner.id)] : members;
    return {
      text: message.text,
      intro: message.note,
      people,
      ...(owner ? { owner } : {}),
      ...(place ?? {}),
      ...(message.sourceUrl ? { source: { url: message.sourceUrl, label: owner ? `${owner.name}’s message` : 'the Teams message' } } : {}),
    };
  }

  /** A guess, so it never holds the dialog up: no channel, an unlinked one or a slow store gives none. */
  private async placeOfConversation(context: Turn): Promise<{ place: PlaceCode; locality?: Locality } | undefined> {
    const channelId = channelIdOf(context.activity);
    if (!channelId) return undefined;
    try {
      return await within(this.deps.places.placeOfChannel(channelId), PLACE_LOOKUP_MS, () => undefined);
    } catch {
      return undefined;
    }
  }
}

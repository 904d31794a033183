// The one create path, for every kind and every way in (a chat form, a message's dialog): the
// form's id, the kind's parser, its pure rule in one transaction, the form back with input kept on
// any refusal or storage failure, the record of a form already submitted, and the confirmation.
import type { Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { Transition } from '../../records/outcome.js';
import type { Actor } from '../../records/people.js';
import type { PlaceCode } from '../../records/places.js';
import type { BotDeps, RecordKind, RecordOf, Stored } from '../ports.js';
import type { Turn } from '../turn.js';
import type { Audience } from './audience.js';
import type { CardChanges } from './cardChanges.js';
import type { CreateOutcome } from './declarations.js';
import { newFormId, submittedFormId } from './formId.js';
import { noteTurnOutcome } from './turnTelemetry.js';
import { storeWriteUnconfirmed } from '../ports.js';
import { createFailure, guestElsewhere, NO_FORM_ID, VIEWER_UNCONFIRMED_CREATE } from './messages.js';

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
  parse(context: Turn, data: Record<string, unknown>, now: Date): Promise<{ ok: true; place: PlaceCode; draft: D } | { ok: false; errors: Record<string, string> }>;
  /** The form again, with the same id, what was typed kept, what to fix, and the places the speaker may record in. */
  again(formId: string, problems: { errors: Record<string, string>; banner: string; places: readonly PlaceCode[] }): AdaptiveCardJson | Promise<AdaptiveCardJson>;
  /** Who is creating it; default: the speaker with their roles in the place. */
  actor?(context: Turn, place: PlaceCode): Promise<Actor>;
  /** The pure rule: the new record and its create event, or a refusal. */
  build(draft: D, ref: string, actor: Actor, now: Date): Transition<RecordOf<K>>;
  /** The confirmation once created. */
  confirm(context: Turn, stored: Stored<RecordOf<K>>, actor: Actor, draft: D): Promise<CreateOutcome>;
  /** The answer to a form submitted again: the record it created, with a line saying so. */
  resubmitted(stored: Stored<RecordOf<K>>, actor: Actor): Promise<CreateOutcome>;
}

export class RecordCreation {
  constructor(
    private readonly deps: BotDeps,
    private readonly audience: Audience,
    private readonly changes: CardChanges,
  ) {}

  /**
   * The places a form offers the speaker: where they may record (records/access.ts mayRecordIn), so
   * a guest is offered only their channels' places. When Teams will not say, every place: the
   * create path asks again and refuses what is not theirs.
   */
  async recordablePlaces(context: Turn): Promise<readonly PlaceCode[]> {
    return (await this.audience.whereRecording(context)).places;
  }

  /**
   * The one create path, for every kind and every way in (a chat form, a message's dialog): the
   * form's id (a form submitted again creates nothing and is shown what the first created), the
   * kind's parser, its rule in one transaction with the form id, and on any refusal or storage
   * failure the form again with everything typed kept.
   */
  async create<K extends RecordKind, D>(context: Turn, data: Record<string, unknown>, form: RecordForm<K, D>): Promise<CreateOutcome> {
    const now = this.deps.clock();
    // The form comes back with the same id, so fixing it and submitting again still creates once.
    const sent = submittedFormId(data);
    const formId = sent ?? newFormId();
    // Where the speaker may record: the places the form offers again, and the create's check.
    const { confirmed, places } = await this.audience.whereRecording(context);
    const again = async (errors: Record<string, string>, banner: string): Promise<CreateOutcome> => ({ ok: false, form: await form.again(formId, { errors, banner, places }) });
    // Every create needs its form's id: without one, nothing is created and the entries are kept.
    if (!sent) return again({}, NO_FORM_ID);
    try {
      const parsed = await form.parse(context, data, now);
      if (!parsed.ok) return again(parsed.errors, form.attention);
      // Who may record where is records/access.ts's rule: a guest, only in the places whose channel they are in.
      if (!confirmed) return again({}, VIEWER_UNCONFIRMED_CREATE);
      if (!places.includes(parsed.place)) return again({ place: guestElsewhere(parsed.place) }, guestElsewhere(parsed.place));
      const actor = form.actor ? await form.actor(context, parsed.place) : await this.audience.actor(context, parsed.place);
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
   * A chat form's submit, for every kind: the form again with what to fix, or the confirmation
   * card (the same create path answers a message's dialog in messageCapture.ts).
   */
  async answerCreate(context: Turn, outcome: CreateOutcome): Promise<AdaptiveCardJson> {
    if (!outcome.ok) return outcome.form;
    if (outcome.shared) await this.changes.shareWithConversation(context, outcome.shared, outcome.ref);
    return outcome.card;
  }
}

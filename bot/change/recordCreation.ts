// The one create path, for every kind and every way in (a chat form, a message's dialog): the
// form's id, the kind's parser, its pure rule in one transaction, the form back with input kept on
// any refusal or storage failure, the record of a form already submitted, and the confirmation.
import type { Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { Transition } from '../../records/outcome.js';
import type { Actor } from '../../records/people.js';
import type { PlaceCode } from '../../records/places.js';
import type { BotDeps, RecordKind, RecordOf, Stored, WriteResult } from '../ports.js';
import type { Turn } from '../turn.js';
import type { Audience } from './audience.js';
import type { Reactions } from './reactions.js';
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
 * What a kind declares so the one create path can create it: what a submitted form holds (`S`,
 * read once), the parser to a draft (`D`), the form again (same id, input kept, with what to fix),
 * the pure rule, and the confirmation. Declared once per kind: every value a step needs is given
 * to it (the submitted form to `parse` and `again`, the draft to `build` and `confirm`).
 */
export interface RecordForm<K extends RecordKind, S, D> {
  kind: K;
  noun: string;
  /** How it reads once created: "logged", "raised", "requested". */
  done: string;
  /** The banner when the form has problems, e.g. "Some details need attention before the action can be logged." */
  attention: string;
  /** What was submitted, as the form needs it back (the typed values, the people it offered, its source). */
  submitted(context: Turn, data: Record<string, unknown>, now: Date): S | Promise<S>;
  /**
   * The submitted form as a draft (reading whatever else it needs), or a message per field, with
   * what the form shows again when that changed while parsing (e.g. a meeting's agenda as it is now).
   */
  parse(
    context: Turn,
    submitted: S,
    data: Record<string, unknown>,
    now: Date,
  ): Promise<{ ok: true; place: PlaceCode; draft: D } | { ok: false; errors: Record<string, string>; submitted?: S }>;
  /** The form again, with the same id, what was submitted kept, what to fix, and the places the speaker may record in. */
  again(
    formId: string,
    submitted: S,
    problems: { errors: Record<string, string>; banner: string; places: readonly PlaceCode[] },
  ): AdaptiveCardJson | Promise<AdaptiveCardJson>;
  /** Who is creating it; default: the speaker with their roles in the place. */
  actor?(context: Turn, place: PlaceCode): Promise<Actor>;
  /** The pure rule: the new record and its create event, or a refusal. */
  build(draft: D, ref: string, actor: Actor, now: Date): Transition<RecordOf<K>>;
  /** The confirmation once created, with the lines the reactions to it gave (bot/change/reactions.ts). */
  confirm(context: Turn, stored: Stored<RecordOf<K>>, actor: Actor, draft: D, reacted: Notice[]): Promise<CreateOutcome>;
  /** The answer to a form submitted again: the record it created, with a line saying so. */
  resubmitted(stored: Stored<RecordOf<K>>, actor: Actor): Promise<CreateOutcome>;
}

export class RecordCreation {
  constructor(
    private readonly deps: BotDeps,
    private readonly audience: Audience,
    private readonly changes: CardChanges,
    private readonly reactions?: Reactions,
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
  async create<K extends RecordKind, S, D>(
    context: Turn,
    data: Record<string, unknown>,
    form: RecordForm<K, S, D>,
  ): Promise<CreateOutcome> {
    const now = this.deps.clock();
    // The form comes back with the same id, so fixing it and submitting again still creates once.
    const sent = submittedFormId(data);
    const formId = sent ?? newFormId();
    // Where the speaker may record: the places the form offers again, and the create's check.
    const [{ confirmed, places }, submitted] = await Promise.all([
      this.audience.whereRecording(context),
      form.submitted(context, data, now),
    ]);
    const again = async (errors: Record<string, string>, banner: string, shown: S = submitted): Promise<CreateOutcome> => ({
      ok: false,
      form: await form.again(formId, shown, { errors, banner, places }),
    });
    // Every create needs its form's id: without one, nothing is created and the entries are kept.
    if (!sent) return again({}, NO_FORM_ID);
    try {
      const parsed = await form.parse(context, submitted, data, now);
      if (!parsed.ok) return again(parsed.errors, form.attention, parsed.submitted);
      // Who may record where is records/access.ts's rule: a guest, only in the places whose channel they are in.
      if (!confirmed) return again({}, VIEWER_UNCONFIRMED_CREATE);
      if (!places.includes(parsed.place)) return again({ place: guestElsewhere(parsed.place) }, guestElsewhere(parsed.place));
      const actor = form.actor ? await form.actor(context, parsed.place) : await this.audience.actor(context, parsed.place);
      const result = await this.deps.records.create(form.kind, parsed.place, (ref) => form.build(parsed.draft, ref, actor, now), {
        formId: sent,
      });
      noteTurnOutcome(result.ok ? 'saved' : 'refused');
      if (!result.ok) return again(result.refusal.fieldErrors ?? {}, result.refusal.message);
      if (result.resubmitted) return form.resubmitted(result.stored, actor);
      // What other kinds do once it exists (e.g. a mitigating action listed on its risk), for the confirmation.
      const reacted = (await this.reactions?.after('created', form.kind, context, result.stored, actor)) ?? [];
      return form.confirm(context, result.stored, actor, parsed.draft, reacted);
    } catch (err) {
      const banner = createFailure(err);
      noteTurnOutcome(storeWriteUnconfirmed(err) ? 'unconfirmed' : 'error');
      if (banner) return again({}, banner);
      throw err;
    }
  }

  /**
   * A record a flow makes on the speaker's behalf rather than from a form of its own (key messages
   * sent to the chair as a sign-off): the same rule of where they may record, the same one
   * transaction and the same reactions as a form's create. `formId` makes asking again safe.
   */
  async createFor<K extends RecordKind>(
    context: Turn,
    kind: K,
    place: PlaceCode,
    build: (ref: string, now: Date) => Transition<RecordOf<K>>,
    opts: { formId: string; actor: Actor; unrated?: boolean },
  ): Promise<WriteResult<RecordOf<K>>> {
    const { confirmed, places } = await this.audience.whereRecording(context);
    if (!confirmed) return { ok: false, refusal: { code: 'NOT_ALLOWED', message: VIEWER_UNCONFIRMED_CREATE } };
    if (!places.includes(place)) return { ok: false, refusal: { code: 'NOT_ALLOWED', message: guestElsewhere(place) } };
    const now = this.deps.clock();
    const result = await this.deps.records.create(kind, place, (ref) => build(ref, now), {
      formId: opts.formId,
      ...(opts.unrated ? { unrated: true } : {}),
    });
    if (result.ok && !result.resubmitted) await this.reactions?.after('created', kind, context, result.stored, opts.actor);
    return result;
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

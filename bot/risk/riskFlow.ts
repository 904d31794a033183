// The risk flow in chat: raise a risk, open one, review it, update controls and gaps, add a
// mitigating action, escalate / de-escalate, close / reopen, the place register and "my risks".
// Changes from a card go through the shared mechanics in bot/change/; the form through forms.ts.
import { actionFormCard } from '../../cards/actionCards.js';
import { registerNotVisibleCard } from '../../cards/accessCards.js';
import { noticeCard, type FormSource, type Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { truncate } from '../../cards/text.js';
import {
  myRisksCard,
  NO_RISK_CHANGES,
  riskCard,
  riskRegisterCard,
  LIST_EDIT_LIMIT,
  type RiskCardValues,
  type RiskPermissions,
} from '../../cards/riskCards.js';
import { riskFormCard, type RiskFormValues } from '../../cards/riskFormCard.js';
import type { Action } from '../../records/action.js';
import { LIMITS } from '../../records/limits.js';
import { invalid } from '../../records/outcome.js';
import type { Actor } from '../../records/people.js';
import { DEFAULT_ESCALATION_THRESHOLD } from '../../records/placeSettings.js';
import { PLACE_CODES, PLACE_NAMES, placeFromText, type PlaceCode } from '../../records/places.js';
import { formatRef, parseRef } from '../../records/refs.js';
import { createRisk, DEFAULT_APPETITE, REGISTER_LEVEL_LABELS, registerLevelSchema, type Risk, type RiskDraft } from '../../records/risk.js';
import { applyRiskCommand, levelsAbove, levelsBelow, mayGiveRisk, type RiskCommand } from '../../records/riskCommands.js';
import { newFormId } from '../change/formId.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { Mechanics } from '../change/mechanics.js';
import { commitByRef } from '../change/commit.js';
import type { Audience } from '../change/audience.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { cardRef } from '../change/cardData.js';
import { offered, type CardExtras, type RecordCards, type VerbTable } from '../change/declarations.js';
import { nowhereToRecordCard } from '../change/messages.js';
import { alreadyCreated, type RecordCreation, type RecordForm } from '../change/recordCreation.js';
import { peopleHere, resolvePerson } from '../teams/members.js';
import { offeredPeople, submittedSource, text } from '../change/forms.js';
import type { CreateOutcome, MessageCapture } from '../capture/messageCapture.js';
import { lines, parseRiskForm, riskFormValues } from './riskForm.js';
import { storeErrorCode, type BotDeps, type RiskPolicy, type Stored } from '../ports.js';
import { type Turn, sendCard, speaker } from '../turn.js';
import type { BotRoutes } from '../routes.js';

const REOPEN = 'from “my risks” or the risk register';

/** What a risk card can ask for: the domain's commands, plus escalate / de-escalate, which name a direction. */
type LevelMove = { type: 'escalate' | 'deescalate'; to: string; reason: string };
export type RiskCardCommand = RiskCommand | LevelMove;
const isLevelMove = (c: RiskCardCommand): c is LevelMove => c.type === 'escalate' || c.type === 'deescalate';

/** Escalate and de-escalate are a change of register level in the direction the button said. */
export function applyRiskCardCommand(risk: Risk, actor: Actor, command: RiskCardCommand, now: Date) {
  if (!isLevelMove(command)) return applyRiskCommand(risk, actor, command, now);
  const to = registerLevelSchema.safeParse(command.to);
  const allowed = command.type === 'escalate' ? levelsAbove(risk.registerLevel) : levelsBelow(risk.registerLevel);
  if (!to.success || !allowed.includes(to.data)) {
    const field = command.type === 'escalate' ? 'escalateTo' : 'deescalateTo';
    const where = REGISTER_LEVEL_LABELS[risk.registerLevel];
    return invalid({
      [field]: `Choose a register ${command.type === 'escalate' ? 'above' : 'below'} the ${where}, where ${risk.ref} is now.`,
    });
  }
  return applyRiskCommand(risk, actor, { type: 'changeLevel', to: to.data, reason: command.reason }, now);
}

/** What a submitted risk form holds, as the form needs it back. */
interface SubmittedRisk {
  people: ReturnType<typeof offeredPeople>;
  values: ReturnType<typeof riskFormValues>;
  source: ReturnType<typeof submittedSource>;
}

/** A parsed risk form: the draft, and the place's risk settings read for it. */
interface ParsedRisk {
  draft: RiskDraft;
  policy: RiskPolicy;
}

export class RiskFlow {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  private readonly creation: RecordCreation;
  private readonly cards: RecordCards<'risk', RiskCardCommand, RiskCardValues>;
  /** The latest escalation threshold read per place, for the shared view (drawn without a read). */
  private readonly thresholds = new Map<PlaceCode, number>();

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
  ) {
    ({ changes: this.changes, audience: this.audience, creation: this.creation } = mechanics);
    this.cards = {
      kind: 'risk',
      noun: 'risk',
      reopenHint: REOPEN,
      apply: applyRiskCardCommand,
      card: (stored, actor, extras) => this.card(stored, actor, extras),
      sharedCard: (stored, notice) =>
        riskCard({
          risk: stored.record,
          etag: stored.etag,
          now: this.deps.clock(),
          permissions: NO_RISK_CHANGES,
          threshold: this.thresholds.get(stored.record.place) ?? DEFAULT_ESCALATION_THRESHOLD,
          notice,
          shared: true,
        }),
    };
  }

  register(app: BotRoutes): void {
    app.message(/^\s*raise\s+(a\s+)?risk\s*$/i, async (context) => sendCard(context, await this.form(context)));
    // Reads (typed or clicked) answer storage-down with "nothing was changed"; changes with "nothing saved".
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*my\s+risks\s*$/i, (context) => this.mine(context));
    routes.readMessage(/^\s*risk\s+register\b(.*)$/i, (context, match) => this.registers(context, match[1] ?? ''));
    routes.readMessage(/^\s*(?:show\s+)?([a-z]{2,3}-r-\d{4,})\s*$/i, (context, match) => this.view(context, match[1]!.toUpperCase()));
    routes.read('risk.form', (context) => this.form(context));
    app.cardVerb('risk.cancelForm', async () => noticeCard('No risk raised', 'The form was closed and nothing was saved.'));
    routes.change('risk.create', (context, data) => this.create(context, data));
    routes.read('risk.mine', (context) => this.mine(context));
    // A button answers with one card: the first place's register, naming the others.
    routes.read('risk.register', async (context, data) => (await this.registers(context, text(data.place), 1, pageOf(data.page)))[0]!);
    routes.read('risk.view', (context, data) => this.view(context, cardRef(data).ref));
    routes.read('risk.addAction', (context, data) => this.mitigationForm(context, cardRef(data).ref));

    // The place's threshold is read once, up front, so the card for everyone else (drawn
    // without a read) and the clicker's card both use this turn's value.
    this.changes.verbs(routes, this.cards, RISK_VERBS, {
      cardsFor: async (data) => {
        const place = parseRef(cardRef(data).ref)?.place;
        const policy = place ? await this.policy(place) : undefined;
        return place && policy ? { ...this.cards, card: this.cardWith(place, policy) } : this.cards;
      },
    });
  }

  /** The risk form, optionally prefilled (e.g. from a Teams message) and linked back to its source. */
  async form(context: Turn, initial: { values?: RiskFormValues; source?: FormSource } = {}): Promise<AdaptiveCardJson> {
    const places = await this.creation.recordablePlaces(context);
    if (!places.length) return nowhereToRecordCard();
    const place = placeFromText(initial.values?.place ?? '');
    const policy = place ? await this.policy(place) : undefined;
    return riskFormCard({
      formId: newFormId(),
      places,
      people: await peopleHere(context),
      now: this.deps.clock(),
      ...(initial.values ? { values: riskFormValues(initial.values) } : {}),
      ...(initial.source ? { source: initial.source } : {}),
      ...(policy ? { defaultAppetite: policy.defaultAppetite.level } : {}),
    });
  }

  /** The chat form's submit: the confirmation card, or the form again; everyone else sees the shared card. */
  async create(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    return this.creation.answerCreate(context, await this.raiseRisk(context, data));
  }

  /** The risk form's submit, from chat or from a message's dialog, through the one create path. */
  raiseRisk(context: Turn, data: Record<string, unknown>): Promise<CreateOutcome> {
    return this.creation.create(context, data, this.recordForm);
  }

  /** The risk kind's form, declared once (bot/change/recordCreation.ts RecordForm). */
  private readonly recordForm: RecordForm<'risk', SubmittedRisk, ParsedRisk> = {
    kind: 'risk',
    noun: 'risk',
    done: 'raised',
    attention: 'Some details need attention before the risk can be raised.',
    submitted: (_context, data) => ({ people: offeredPeople(data), values: riskFormValues(data), source: submittedSource(data) }),
    again: (formId, { people, values, source }, { errors, banner, places }) =>
      riskFormCard({ formId, places, people, now: this.deps.clock(), values, errors, banner, ...(source ? { source } : {}) }),
    parse: async (context, _submitted, data, now) => {
      const ownerId = text(data.owner).trim();
      const owner = ownerId ? await resolvePerson(context, ownerId) : undefined;
      const place = PLACE_CODES.find((p) => p === data.place);
      // With no place chosen the form is refused anyway; the appetite default then needs no read.
      const policy: RiskPolicy = place
        ? await this.policy(place)
        : { escalationThreshold: DEFAULT_ESCALATION_THRESHOLD, defaultAppetite: DEFAULT_APPETITE };
      const parsed = parseRiskForm(data, { owner, now, defaultAppetite: policy.defaultAppetite });
      // The place's settings, read once here, go on to the confirmation card.
      return parsed.ok
        ? { ok: true, place: parsed.draft.place, draft: { draft: parsed.draft, policy } }
        : { ok: false, errors: parsed.errors };
    },
    build: ({ draft }, ref, actor, now) => createRisk(draft, ref, actor, now),
    resubmitted: (stored, actor) =>
      alreadyCreated({ noun: 'risk', done: 'raised', ref: stored.record.ref }, (extras) => this.card(stored, actor, extras)),
    confirm: async (_context, stored, actor, { policy }) => {
      const raised = stored.record;
      return {
        ok: true,
        ref: raised.ref,
        headline: `Risk ${raised.ref} raised on the ${PLACE_NAMES[raised.place]} register, owned by ${raised.owner.name}.`,
        shared: () => this.cards.sharedCard(stored, { text: `Raised by ${actor.name}, owned by ${raised.owner.name}.`, style: 'good' }),
        card: await this.card(
          stored,
          actor,
          {
            heading: `Risk ${raised.ref} raised`,
            notice: {
              text: `Added to the ${PLACE_NAMES[raised.place]} risk register, owned by ${raised.owner.name}. It now appears in their “my risks”.`,
              style: 'good',
            },
          },
          policy,
        ),
      };
    },
  };

  /** "Raise as risk" from a message's "…" menu: this form, prefilled (the message as the risk event); the same create path. */
  messageCapture(): MessageCapture {
    return {
      commandId: 'raiseRisk',
      title: 'Raise as risk',
      textLimit: LIMITS.description,
      submitVerb: 'risk.create',
      form: async (context, prefill) => {
        const places = await this.creation.recordablePlaces(context);
        if (!places.length) return nowhereToRecordCard();
        const policy = prefill.place ? await this.policy(prefill.place).catch(() => undefined) : undefined;
        return riskFormCard({
          formId: newFormId(),
          places,
          people: prefill.people,
          now: this.deps.clock(),
          intro: prefill.intro,
          values: riskFormValues({
            event: prefill.text,
            title: truncate(prefill.text.split('\n')[0] ?? '', LIMITS.title),
            ...(prefill.owner ? { owner: prefill.owner.id } : {}),
            ...(prefill.place ? { place: prefill.place } : {}),
            ...(prefill.locality ? { locality: prefill.locality } : {}),
          }),
          ...(prefill.source ? { source: prefill.source } : {}),
          ...(policy ? { defaultAppetite: policy.defaultAppetite.level } : {}),
        });
      },
      create: (context, data) => this.raiseRisk(context, data),
    };
  }

  view(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    return this.changes.view(context, ref, this.cards);
  }

  async mine(context: Turn): Promise<AdaptiveCardJson> {
    const me = speaker(context);
    const stored = await this.audience.visible(context, await this.deps.records.listOpenRisksByOwner(me.id));
    const places = [...new Set(stored.map((s) => s.record.place))];
    const thresholds = new Map(await Promise.all(places.map(async (p) => [p, (await this.policy(p)).escalationThreshold] as const)));
    return myRisksCard(
      stored.map((s) => ({ risk: s.record, threshold: thresholds.get(s.record.place) ?? DEFAULT_ESCALATION_THRESHOLD })),
      this.deps.clock(),
    );
  }

  /**
   * The register of the place named (code or name); with none, of the places where the speaker
   * holds a role, else of all four. An unknown name gets a line saying which places there are.
   */
  async registers(context: Turn, typed: string, most: number = PLACE_CODES.length, page = 0): Promise<AdaptiveCardJson[]> {
    const named = typed.trim();
    // A guest sees only the registers of places whose channel they are in (records/access.ts).
    const visible = (
      await this.audience.visible(
        context,
        PLACE_CODES.map((place) => ({ record: { place } })),
      )
    ).map((v) => v.record.place);
    let places: PlaceCode[];
    if (named) {
      const place = placeFromText(named);
      if (!place) {
        const known = PLACE_CODES.map((c) => PLACE_NAMES[c]).join(', ');
        return [noticeCard('No such place', `I don't know the place “${named.slice(0, 60)}”. Try one of: ${known}.`)];
      }
      if (!visible.includes(place)) return [registerNotVisibleCard(place, visible)];
      places = [place];
    } else {
      if (visible.length === 0) return [registerNotVisibleCard(undefined, visible)];
      const me = speaker(context);
      const roles = await Promise.all(visible.map(async (p) => [p, await this.deps.places.rolesOf(p, me.id)] as const));
      const mine = roles.filter(([, r]) => r.length > 0).map(([p]) => p);
      places = mine.length ? mine : visible;
    }
    const others = places.slice(most);
    const notice: Notice | undefined = others.length
      ? {
          text: `For ${others.map((p) => PLACE_NAMES[p]).join(', ')}, type “risk register” and the place, e.g. “risk register ${PLACE_NAMES[others[0]!]}”.`,
          style: 'default',
        }
      : undefined;
    return Promise.all(places.slice(0, most).map((p) => this.register1(p, notice, page)));
  }

  /** One page of a place's register: the summary of every open risk, the records of that page only. */
  private async register1(place: PlaceCode, notice?: Notice, page = 0): Promise<AdaptiveCardJson> {
    const [register, policy] = await Promise.all([this.deps.records.riskRegisterPage(place, page), this.policy(place)]);
    return riskRegisterCard(
      place,
      register.risks.map((s) => ({ risk: s.record, threshold: policy.escalationThreshold })),
      this.deps.clock(),
      notice,
      { entries: register.entries, page: register.page, pages: register.pages, threshold: policy.escalationThreshold },
    );
  }

  /** "Add mitigating action": the action form, prefilled with the risk's place and a link to it. */
  async mitigationForm(context: Turn, ref: string): Promise<AdaptiveCardJson> {
    const found = await this.deps.records.get('risk', ref);
    const stored = found && (await this.audience.maySee(context, found.record.place)) ? found : undefined;
    if (!stored) return noticeCard(`No risk ${ref}`, 'There is no risk with that reference.');
    const r = stored.record;
    return actionFormCard({
      formId: newFormId(),
      places: await this.creation.recordablePlaces(context),
      people: await peopleHere(context),
      now: this.deps.clock(),
      values: { place: r.place, ...(r.locality ? { locality: r.locality } : {}), owner: r.owner.id },
      mitigates: { ref: r.ref, title: r.title },
    });
  }

  /**
   * A reaction to a mitigating action being logged (bot/teams/app.ts): link it from its risk, by the
   * risk's own rule, in one ETag-checked write with its audit event (commitByRef: read again and
   * decided again once if the risk changed meanwhile). Returns a line for the action's card.
   */
  async linkMitigatingAction(action: Action, actor: Actor): Promise<Notice | undefined> {
    const riskRef = action.links.riskRef;
    if (!riskRef) return undefined;
    const ref = parseRef(riskRef);
    if (ref?.kind !== 'risk') return undefined;
    const canonical = formatRef(ref.place, 'risk', ref.n);
    try {
      const done = await commitByRef(this.deps.records, 'risk', canonical, (risk) =>
        applyRiskCommand(risk, actor, { type: 'linkAction', actionRef: action.ref }, this.deps.clock()),
      );
      if (done.ok) return { text: `It is linked from risk ${canonical} as a mitigating action.`, style: 'good' };
      if (done.why === 'missing') return { text: `There is no risk ${canonical} to link it to.`, style: 'warning' };
      if (done.why === 'refused') return { text: `Not linked from ${canonical}: ${done.refusal.message}`, style: 'warning' };
      return {
        text: `The action is saved and points to ${canonical}, but the risk kept changing, so it does not list it yet.`,
        style: 'warning',
      };
    } catch (err) {
      const why = storeErrorCode(err) === 'UNAVAILABLE' ? 'the record store is not answering' : 'the risk could not be updated';
      console.warn(`could not link ${action.ref} from ${canonical}`, err);
      return { text: `The action is saved and points to ${canonical}, but ${why}, so the risk does not list it yet.`, style: 'warning' };
    }
  }

  private async policy(place: PlaceCode): Promise<RiskPolicy> {
    const policy = await this.deps.places.riskPolicyOf(place);
    this.thresholds.set(place, policy.escalationThreshold);
    return policy;
  }

  /** The card drawer for a turn whose place settings are already read. */
  private cardWith(place: PlaceCode, policy: RiskPolicy): RecordCards<'risk', RiskCardCommand, RiskCardValues>['card'] {
    return (stored, actor, extras) => this.card(stored, actor, extras, stored.record.place === place ? policy : undefined);
  }

  /** The risk card for this person; `known` saves reading the place's settings again in the same turn. */
  private async card(
    stored: Stored<Risk>,
    actor: Actor,
    extras: CardExtras<RiskCardValues> = {},
    known?: RiskPolicy,
  ): Promise<AdaptiveCardJson> {
    const policy = known ?? (await this.policy(stored.record.place));
    return riskCard({
      risk: stored.record,
      etag: stored.etag,
      now: this.deps.clock(),
      permissions: permissionsOf(stored.record, actor),
      threshold: policy.escalationThreshold,
      ...extras,
    });
  }
}

function permissionsOf(risk: Risk, actor: Actor): RiskPermissions {
  const may = (verb: string) => offered(RISK_VERBS, verb, risk, actor);
  return {
    review: may('risk.review'),
    controls: may('risk.setControls'),
    addAction: mayGiveRisk(risk, actor, 'linkAction'),
    escalate: may('risk.escalate'),
    deescalate: may('risk.deescalate'),
    close: may('risk.close'),
    reopen: may('risk.reopen'),
  };
}

/** How a change reads on the card everyone else sees, e.g. "Reviewed by Sam Patel." */
const CHANGED: Record<RiskCardCommand['type'], string> = {
  rescore: 'Reviewed',
  review: 'Reviewed',
  setTarget: 'Target changed',
  edit: 'Edited',
  setControls: 'Controls and gaps updated',
  setAppetite: 'Appetite changed',
  setResponse: 'Response changed',
  linkAction: 'Action linked',
  unlinkAction: 'Action unlinked',
  setReviewFrequency: 'Review frequency changed',
  reassign: 'Reassigned',
  changeLevel: 'Register changed',
  escalate: 'Escalated',
  deescalate: 'De-escalated',
  close: 'Closed',
  reopen: 'Reopened',
};

const SAVED: Record<RiskCardCommand['type'], string> = {
  ...Object.fromEntries(Object.keys(CHANGED).map((k) => [k, 'Saved.'])),
  rescore: 'Review saved. The score is added to its history and the next review date is set.',
  setControls: 'Controls and gaps saved.',
  escalate: 'Escalated. The reason is kept in the history.',
  deescalate: 'De-escalated. The reason is kept in the history.',
  close: 'Risk closed. It stays on record and can be reopened.',
  reopen: 'Risk reopened, with a fresh review date.',
} as Record<RiskCardCommand['type'], string>;

const NOTE = LIMITS.note;
/** The verbs of a risk's card: command from its inputs, how much of each box is echoed back, who is offered the button. */
export const RISK_VERBS: VerbTable<'risk', RiskCardCommand, RiskCardValues> = {
  verbs: {
    'risk.review': {
      echo: { reviewLikelihood: 2, reviewConsequence: 2, reviewNote: NOTE, reviewDate: 10 },
      command: (v) => ({
        type: 'rescore',
        likelihood: v.reviewLikelihood as unknown as number,
        consequence: v.reviewConsequence as unknown as number,
        ...(v.reviewNote!.trim() ? { note: v.reviewNote! } : {}),
        ...(v.reviewDate!.trim() ? { nextReviewDate: v.reviewDate! } : {}),
      }),
      may: (r, actor) => mayGiveRisk(r, actor, 'rescore'),
    },
    'risk.setControls': {
      echo: { controls: LIST_EDIT_LIMIT, gaps: LIST_EDIT_LIMIT },
      command: (v) => ({ type: 'setControls', controls: lines(v.controls!), gapsInControl: lines(v.gaps!) }),
      may: (r, actor) => mayGiveRisk(r, actor, 'setControls'),
    },
    'risk.escalate': {
      echo: { escalateTo: 20, escalateReason: NOTE },
      command: (v) => ({ type: 'escalate', to: v.escalateTo!, reason: v.escalateReason! }),
      may: (r, actor) => mayGiveRisk(r, actor, 'changeLevel'),
    },
    'risk.deescalate': {
      echo: { deescalateTo: 20, deescalateReason: NOTE },
      command: (v) => ({ type: 'deescalate', to: v.deescalateTo!, reason: v.deescalateReason! }),
      may: (r, actor) => mayGiveRisk(r, actor, 'changeLevel'),
    },
    'risk.close': {
      echo: { closeReason: NOTE },
      command: (v) => ({ type: 'close', reason: v.closeReason! }),
      may: (r, actor) => mayGiveRisk(r, actor, 'close'),
    },
    'risk.reopen': {
      echo: { reopenReason: NOTE },
      command: (v) => ({ type: 'reopen', reason: v.reopenReason! }),
      may: (r, actor) => mayGiveRisk(r, actor, 'reopen'),
    },
  },
  changed: CHANGED,
  saved: SAVED,
};

/** The register page a button asks for (from 0); anything else is the first. */
function pageOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}

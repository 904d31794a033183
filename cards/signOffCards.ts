// Card builders for sign-offs: the card in its views (shared, approver or delegate, conflicted
// approver, requester, chair or admin ratifying, bystander, decided), the request form and the
// "sign-offs" list. Pure: records and `now` in, card JSON out.
import { addDays, formatDate, formatInstant, londonToday } from '../records/dates.js';
import type { Person } from '../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import {
  isFinal,
  ITEM_TYPES,
  ROUTES,
  SIGNOFF_STATUS_LABELS,
  viewers,
  type SignOff,
  type SignOffPermissions,
  type SignOffResponse,
  type SignOffStatus,
} from '../records/signoff.js';
import { noticeCard, placeChoices, type Notice } from './commonCards.js';
import { COVER_INPUTS, coverCardData, coverFormChoices } from './coverSheetCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, speech, truncate } from './text.js';

/** Every input on the sign-off card, so typed text can be kept when a change is not saved. */
export const SIGNOFF_CARD_INPUTS = [
  'onBehalfOf',
  'approveComment',
  'conditions',
  'conditionsComment',
  'rejectReason',
  'question',
  'conflictNature',
  'conflictHowManaged',
  'answer',
  'meeting',
  'ratifyComment',
  'withdrawReason',
  'delegateFor',
  'delegate',
] as const;
export type SignOffCardInputId = (typeof SIGNOFF_CARD_INPUTS)[number];
export type SignOffCardValues = Partial<Record<SignOffCardInputId, string>>;

/** The verb a refresh invoke carries: Teams sends it for each person in `userIds` who opens the card. */
export const REFRESH_VERB = 'signoff.refresh';

const STATUS_COLOR: Record<SignOffStatus, string> = {
  PENDING: 'Accent',
  INFO_REQUESTED: 'Warning',
  APPROVED: 'Good',
  APPROVED_WITH_CONDITIONS: 'Good',
  REJECTED: 'Attention',
  WITHDRAWN: 'Default',
  EXPIRED: 'Warning',
  AWAITING_RATIFICATION: 'Warning',
  RATIFIED: 'Good',
  NOT_RATIFIED: 'Attention',
  NOTED: 'Good',
};

const OUTCOME_WORDS: Record<SignOffResponse['outcome'], string> = {
  APPROVED: 'approved',
  APPROVED_WITH_CONDITIONS: 'approved with conditions',
  REJECTED: 'rejected',
  INFO_REQUESTED: 'asked for more information',
};

export interface SignOffCardInput {
  signOff: SignOff;
  etag: string;
  /** Whose view: what that person may do, or the shared view everyone in the conversation sees. */
  view: { viewer: Person; permissions: SignOffPermissions } | 'shared';
  heading?: string;
  notice?: Notice;
  values?: SignOffCardValues;
  /** Shows the "record a delegate" panel, offering these people. */
  delegating?: Person[];
}

const byName = (p: Person) => truncate(p.name, 60);

/** Keeps line breaks, cuts long text: the card shows enough to decide; the record keeps it all. */
function clip(text: string, max: number): string {
  const t = plain(text).trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** A name safe inside `<at>…</at>`: no markdown or tags. */
function mentionName(name: string): string {
  return truncate(name, 80).replace(/[<>*_[\]()#~`\\|]/g, '');
}

function onBehalf(r: SignOffResponse): string {
  return r.by.id === r.approver.id ? byName(r.by) : `${byName(r.by)} (delegate, for ${byName(r.approver)})`;
}

/** Who answered what, conflicts, questions and answers, the decision: the record's story, oldest first. */
function storyOf(s: SignOff): { lead: string; text: string }[] {
  const lines: { at: string; lead: string; text: string }[] = [];
  for (const c of s.conflicts) {
    lines.push({
      at: c.declaredAt,
      lead: `${formatInstant(c.declaredAt)} · ${byName(c.person)}: `,
      text: `${c.nature} conflict of interest declared; managed by: ${clip(c.howManaged, 300)}`,
    });
  }
  for (const q of s.infoRequests) {
    lines.push({ at: q.at, lead: `${formatInstant(q.at)} · ${byName(q.by)} asked: `, text: clip(q.question, 500) });
    if (q.answer && q.answeredAt)
      lines.push({
        at: q.answeredAt,
        lead: `${formatInstant(q.answeredAt)} · ${byName(s.requestedBy)} answered: `,
        text: clip(q.answer, 500),
      });
  }
  for (const r of s.responses) {
    if (r.outcome === 'INFO_REQUESTED') continue; // shown as the question above
    const detail = [r.conditions ? `Conditions: ${clip(r.conditions, 300)}` : '', r.comment ? clip(r.comment, 200) : '']
      .filter(Boolean)
      .join(' · ');
    lines.push({
      at: r.at,
      lead: `${formatInstant(r.at)} · ${onBehalf(r)} ${OUTCOME_WORDS[r.outcome]}${detail ? ': ' : ''}`,
      text: detail,
    });
  }
  if (s.decision) {
    const d = s.decision;
    const what = SIGNOFF_STATUS_LABELS[d.outcome].toLowerCase();
    // When one answer decided it, that answer's line above already carries its detail.
    const sameAnswer = s.responses.some((r) => r.at === d.at && r.by.id === d.by.id && !r.conditions === !d.conditions);
    const detail = sameAnswer
      ? ''
      : [d.conditions ? `Conditions: ${clip(d.conditions, 1500)}` : '', d.comment ? clip(d.comment, 300) : ''].filter(Boolean).join(' · ');
    const by = d.outcome === 'EXPIRED' ? 'the due date passed' : `by ${byName(d.by)}`;
    lines.push({ at: d.at, lead: `${formatInstant(d.at)} · Decided: ${what}, ${by}${detail ? ': ' : '.'}`, text: detail });
  }
  if (s.ratification) {
    const r = s.ratification;
    lines.push({
      at: r.at,
      lead: `${formatInstant(r.at)} · ${r.outcome === 'RATIFIED' ? 'Ratified' : 'Not ratified'} at ${clip(r.meeting, 200)}, recorded by ${byName(r.by)}${r.comment ? ': ' : ''}`,
      text: r.comment ? clip(r.comment, 500) : '',
    });
  }
  // Oldest first; same instant keeps the order above (answer, then the decision it made).
  return lines
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
    .slice(-40)
    .map(({ lead, text }) => ({ lead, text }));
}

/** "None yet", or who has answered what in this round: the shared card's answer to "where is it?". */
function answersSoFar(s: SignOff): string {
  const answered = s.responses.map((r) => `${onBehalf(r)}: ${OUTCOME_WORDS[r.outcome]}`);
  const waiting = s.approvers
    .filter((a) => !s.responses.some((r) => r.approver.id === a.id) && !s.conflicts.some((c) => c.person.id === a.id))
    .map(byName);
  return [
    answered.length ? answered.join('; ') : 'None yet',
    waiting.length && s.status === 'PENDING' ? `waiting for ${waiting.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function factsOf(s: SignOff): { title: string; value: string }[] {
  const conflicted = new Set(s.conflicts.map((c) => c.person.id));
  const approvers = s.approvers
    .map((a) => {
      const delegates = s.delegates.filter((d) => d.approverId === a.id).map((d) => byName(d.delegate));
      return `${byName(a)}${conflicted.has(a.id) ? ' (conflict declared)' : ''}${delegates.length ? ` (delegate: ${delegates.join(', ')})` : ''}`;
    })
    .join('; ');
  const facts = [
    { title: 'Place', value: `${PLACE_NAMES[s.place]} · ${clip(s.board, 120)}` },
    { title: 'Item', value: `${ITEM_TYPES[s.itemType]} · ${ROUTES[s.route]}` },
    { title: 'Approvers', value: approvers },
    {
      title: 'Decides',
      value:
        s.route === 'chairs-action'
          ? 'The chair alone, then ratified at a meeting'
          : s.mode === 'ALL'
            ? 'Every approver must approve'
            : 'The first answer decides',
    },
    { title: 'Requested by', value: `${byName(s.requestedBy)}, ${formatInstant(s.requestedAt)}` },
    { title: 'Due by', value: formatDate(s.dueBy) },
  ];
  if (!isFinal(s) && s.status !== 'AWAITING_RATIFICATION') facts.push({ title: 'Answers', value: answersSoFar(s) });
  if (s.paperUrl) facts.push({ title: 'Paper', value: s.paperUrl });
  if (s.corrects) facts.push({ title: 'Corrects', value: s.corrects });
  return facts;
}

/** The one line addressed to the person looking at their own view. */
function youLine(s: SignOff, viewer: Person, p: SignOffPermissions): string {
  if (isFinal(s)) return '';
  if (p.conflicted) return 'You have a declared conflict of interest on this sign-off, so you cannot decide it.';
  if (p.seats.length > 0) {
    const own = p.seats.find((seat) => seat.id === viewer.id);
    const others = p.seats.filter((seat) => seat.id !== viewer.id).map(byName);
    if (own && others.length) return `You are an approver, and a delegate for ${others.join(', ')}. Choose your answer below.`;
    if (own) return 'You are an approver. Choose your answer below.';
    return `You are the recorded delegate for ${others.join(', ')}. Choose your answer below.`;
  }
  if (p.answered.length > 0) {
    const mine = p.answered
      .map((r) => `${r.approver.id === viewer.id ? 'You' : byName(r.approver)} ${OUTCOME_WORDS[r.outcome]}`)
      .join('; ');
    return `${mine}. ${s.status === 'PENDING' ? 'Waiting for the other approvers.' : ''}`.trim();
  }
  if (p.canResubmit) {
    const q = s.infoRequests.at(-1);
    return q ? `${byName(q.by)} asked: “${clip(q.question, 500)}” Answer below to send it back to the approvers.` : '';
  }
  if (p.canRatify) return 'Record below whether the board ratified this chair’s action, naming the meeting.';
  if (viewer.id === s.requestedBy.id) return 'You asked for this sign-off. You can withdraw it while it is open.';
  return '';
}

/** The `refresh` that gives each approver, delegate and the requester their own view in Teams; none once final. */
function refreshOf(s: SignOff): Record<string, unknown> | undefined {
  if (isFinal(s)) return undefined;
  const data = { verb: REFRESH_VERB, ref: s.ref };
  return {
    action: { type: 'Action.Execute', verb: REFRESH_VERB, data, fallback: { type: 'Action.Submit', title: 'Refresh', data } },
    userIds: viewers(s),
  };
}

export function signOffCard({ signOff: s, etag, view, heading, notice, values = {}, delegating }: SignOffCardInput): AdaptiveCardJson {
  const shared = view === 'shared';
  const p = shared ? undefined : view.permissions;
  const open = !isFinal(s);
  const mentioned = shared && s.status === 'PENDING' ? s.approvers : [];
  const you = p && !shared ? youLine(s, (view as { viewer: Person }).viewer, p) : '';
  const card = renderCard('signOffCard', {
    speak: speech(
      heading ?? `Sign-off ${s.ref}`,
      notice?.text,
      `${clip(s.title, 160)}, ${SIGNOFF_STATUS_LABELS[s.status]}`,
      mentioned.length > 0 && `For ${mentioned.map((a) => byName(a)).join(', ')}`,
      open && `Due by ${formatDate(s.dueBy)}`,
      s.decision && `${SIGNOFF_STATUS_LABELS[s.decision.outcome]} by ${byName(s.decision.by)}`,
      you,
    ),
    heading: heading ?? `Sign-off ${s.ref}`,
    statusLabel: SIGNOFF_STATUS_LABELS[s.status],
    statusColor: STATUS_COLOR[s.status],
    notice: notice ? plain(notice.text) : '',
    noticeStyle: notice?.style ?? 'default',
    mentions: mentioned.length ? `For: ${mentioned.map((a) => `<at>${mentionName(a.name)}</at>`).join(', ')}` : '',
    title: clip(s.title, 200),
    summary: clip(s.summary, 1500),
    facts: factsOf(s),
    ...coverCardData(s.cover),
    linesHeading: s.responses.length || s.decision || s.conflicts.length || s.infoRequests.length ? 'So far' : '',
    lines: storyOf(s),
    you,
    seatChoices: p ? p.seats.map((a) => ({ id: a.id, name: byName(a) })) : [],
    onBehalfOf: p && p.seats.length === 1 ? p.seats[0]!.id : '',
    decide: open && !!p && p.seats.length > 0,
    canDeclareConflict: open && !!p?.canDeclareConflict,
    canResubmit: open && !!p?.canResubmit,
    canRatify: !!p?.canRatify,
    canWithdraw: open && !!p?.canWithdraw,
    canDelegate: open && !!p && p.canDelegateFor.length > 0,
    delegating: open && !!p && p.canDelegateFor.length > 0 && !!delegating,
    delegateFor: (p?.canDelegateFor ?? []).map((a) => ({ id: a.id, name: byName(a) })),
    people: (delegating ?? []).slice(0, 50).map((d) => ({ id: d.id, name: byName(d) })),
    shared,
    open,
    ref: s.ref,
    etag,
    values: Object.fromEntries(SIGNOFF_CARD_INPUTS.map((id) => [id, plain(values[id] ?? '')])),
  });
  const refresh = open ? refreshOf(s) : undefined;
  if (refresh) card.refresh = refresh;
  if (mentioned.length) {
    card.msteams = {
      entities: mentioned.map((a) => ({ type: 'mention', text: `<at>${mentionName(a.name)}</at>`, mentioned: { id: a.id, name: a.name } })),
    };
  }
  return card;
}

/** When a refresh cannot load the sign-off in time: a calm card that keeps refreshing for this person. */
export function unavailableRefreshCard(ref: string, viewerId: string): AdaptiveCardJson {
  const card = noticeCard(
    `Sign-off ${ref}`,
    'This sign-off cannot be loaded just now. It will load the next time you open it, or press the button below in a minute.',
  );
  const data = { verb: REFRESH_VERB, ref };
  card.refresh = {
    action: { type: 'Action.Execute', verb: REFRESH_VERB, data, fallback: { type: 'Action.Submit', title: 'Refresh', data } },
    userIds: [viewerId],
  };
  card.actions = [
    {
      type: 'Action.Execute',
      title: 'Show my options',
      verb: 'signoff.view',
      data: { verb: 'signoff.view', ref },
      fallback: { type: 'Action.Submit', title: 'Show my options', data: { verb: 'signoff.view', ref } },
    },
  ];
  return card;
}

/** "Request a sign-off: which place?" */
export function signOffPlaceCard(banner = '', places?: readonly PlaceCode[]): AdaptiveCardJson {
  return renderCard('signOffPlace', {
    speak: speech('Request a sign-off', banner, 'Which place partnership is it for?'),
    banner,
    places: placeChoices(places),
  });
}

export const SIGNOFF_FORM_FIELDS = [
  'board',
  'title',
  'summary',
  'paperUrl',
  'itemType',
  'route',
  'approvers',
  'mode',
  'dueBy',
  'conflictNature',
  'conflictHowManaged',
  ...COVER_INPUTS,
] as const;
export type SignOffFormField = (typeof SIGNOFF_FORM_FIELDS)[number];
export type SignOffFormValues = Partial<Record<SignOffFormField, string>>;

/** How far ahead a sign-off may be due, and its default. */
export const DUE_DEFAULT_DAYS = 14;
export const DUE_MAX_DAYS = 60;

export interface SignOffFormInput {
  /** Kept by the submit button, so submitting the same form twice requests one sign-off. */
  formId: string;
  place: PlaceCode;
  /** The place's chairs and named approvers: the only people who can be approvers there. */
  approvers: (Person & { chair: boolean })[];
  now: Date;
  values?: SignOffFormValues;
  errors?: Partial<Record<SignOffFormField, string>>;
  banner?: string;
  /** A new form: every chair and approver of the place is preselected. */
  preselect?: boolean;
}

export function signOffFormCard({
  formId,
  place,
  approvers,
  now,
  values = {},
  errors = {},
  banner = '',
  preselect = false,
}: SignOffFormInput): AdaptiveCardJson {
  const today = londonToday(now);
  const defaults: SignOffFormValues = preselect
    ? {
        board: `${PLACE_NAMES[place]} Place Partnership Board`,
        itemType: 'decision',
        route: 'between-meetings',
        mode: 'FIRST',
        dueBy: addDays(today, DUE_DEFAULT_DAYS),
        conflictNature: 'none',
        approvers: approvers.map((a) => a.id).join(','),
      }
    : {};
  const shown = { ...defaults, ...values };
  return renderCard('signOffForm', {
    speak: speech(`Request a sign-off for ${PLACE_NAMES[place]}: a form`, banner, ...SIGNOFF_FORM_FIELDS.map((f) => errors[f])),
    formId,
    place,
    placeName: PLACE_NAMES[place],
    banner,
    today,
    latest: addDays(today, DUE_MAX_DAYS),
    values: Object.fromEntries(SIGNOFF_FORM_FIELDS.map((f) => [f, plain(shown[f] ?? '')])),
    errors: Object.fromEntries(SIGNOFF_FORM_FIELDS.map((f) => [f, errors[f] ?? ''])),
    itemTypes: (Object.keys(ITEM_TYPES) as (keyof typeof ITEM_TYPES)[]).map((k) => ({ title: ITEM_TYPES[k], value: k })),
    routes: (Object.keys(ROUTES) as (keyof typeof ROUTES)[]).map((k) => ({ title: ROUTES[k], value: k })),
    approvers: approvers.map((a) => ({ title: `${byName(a)}${a.chair ? ' (chair)' : ''}`, value: a.id })),
    ...coverFormChoices(shown, errors),
  });
}

/** The list's ratification panels repeat once per sign-off, so each input id carries its ref. */
export function listInputId(ref: string, field: 'meeting' | 'ratifyComment'): string {
  return `${ref}.${field}`;
}

export const SIGNOFF_LIST_LIMIT = 10; // per section, to stay well under 40 KB

/** A sign-off on the list, with the ETag its panel's answer is written over. */
export interface ListedSignOff {
  record: SignOff;
  etag: string;
}

export interface SignOffListInput {
  pending: ListedSignOff[];
  mine: ListedSignOff[];
  toRatify: ListedSignOff[];
  canRatify: boolean;
  now: Date;
  notice?: Notice;
}

export function signOffListCard({ pending, mine, toRatify, canRatify, notice }: SignOffListInput): AdaptiveCardJson {
  const items = (list: ListedSignOff[]) =>
    list.slice(0, SIGNOFF_LIST_LIMIT).map(({ record: s, etag }) => ({
      ref: s.ref,
      etag,
      ids: { meeting: listInputId(s.ref, 'meeting'), ratifyComment: listInputId(s.ref, 'ratifyComment') },
      place: PLACE_NAMES[s.place],
      title: truncate(s.title, 160),
      status: SIGNOFF_STATUS_LABELS[s.status],
      due: formatDate(s.dueBy),
    }));
  const more = (list: ListedSignOff[]) =>
    list.length > SIGNOFF_LIST_LIMIT
      ? `And ${list.length - SIGNOFF_LIST_LIMIT} more: open them by ref, e.g. “${list[SIGNOFF_LIST_LIMIT]!.record.ref}”.`
      : '';
  return renderCard('signOffList', {
    speak: speech(
      'Sign-offs',
      notice?.text,
      `${pending.length} awaiting your decision, ${mine.length} requested by you and still open${canRatify ? `, ${toRatify.length} awaiting ratification` : ''}`,
      pending[0] &&
        `First awaiting your decision: ${pending[0].record.ref}, ${truncate(pending[0].record.title, 120)}, due by ${formatDate(pending[0].record.dueBy)}`,
    ),
    notice: notice ? plain(notice.text) : '',
    noticeStyle: notice?.style ?? 'default',
    pending: items(pending),
    pendingMore: more(pending),
    mine: items(mine),
    mineMore: more(mine),
    toRatify: items(toRatify),
    toRatifyMore: more(toRatify),
    canRatify,
  });
}

// Card builders for board meetings: the prepare form (the draft agenda to trim), the meeting card
// (agenda with Close / Decline closure and Ratify / Not ratified, key decisions, matters for
// escalation, key messages), the meetings of a place, and the published key messages as posted to
// the place's channel. Pure: records and `now` in, card JSON out.
import { formatDate, londonToday } from '../records/dates.js';
import {
  AGENDA_SECTIONS,
  matterTargetChoices,
  publishedKeyMessages,
  longDate,
  MEETING_STATUS_LABELS,
  signedOffLine,
  type AgendaItem,
  type AgendaSection,
  type Meeting,
} from '../records/meeting.js';
import { decisionSentence, matterSentence } from '../records/keyMessagesDraft.js';
import type { Forum } from '../records/forum.js';
import { LIMITS } from '../records/limits.js';
import { groupByForum } from '../records/meetingsByForum.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { PaperOutcome } from '../records/signoff.js';
import type { Notice } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, truncate } from './text.js';

export const MEETING_FORM_FIELDS = ['board', 'date'] as const;
export type MeetingFormField = (typeof MEETING_FORM_FIELDS)[number];
export type MeetingFormValues = Partial<Record<MeetingFormField, string>>;

/** The toggle id of an agenda item on the prepare form. */
export function agendaToggleId(item: Pick<AgendaItem, 'section' | 'ref'>): string {
  return `agenda.${item.section}.${item.ref}`;
}

function sectionsOf<T extends { section: AgendaSection }>(items: readonly T[]): { section: AgendaSection; heading: string; items: T[] }[] {
  return (Object.keys(AGENDA_SECTIONS) as AgendaSection[])
    .map((section) => ({ section, heading: AGENDA_SECTIONS[section], items: items.filter((i) => i.section === section) }))
    .filter((s) => s.items.length > 0);
}

export interface MeetingFormInput {
  formId: string;
  place: PlaceCode;
  agenda: readonly AgendaItem[];
  values?: MeetingFormValues;
  /** Agenda items unticked on a form that came back: kept unticked. */
  unticked?: ReadonlySet<string>;
  errors?: Partial<Record<MeetingFormField | 'form', string>>;
  banner?: string;
  /** The forum it is a meeting of (its ref carried in the form's data, checked again on submit). */
  forum?: { ref: string; name: string };
  /** A line about what was proposed, e.g. the forum's rhythm gives no date. */
  note?: string;
}

export function meetingFormCard({
  formId,
  place,
  agenda,
  values = {},
  unticked = new Set(),
  errors = {},
  banner = '',
  forum,
  note = '',
}: MeetingFormInput): AdaptiveCardJson {
  const placeName = PLACE_NAMES[place];
  const sections = sectionsOf(agenda);
  return renderCard('meetingForm', {
    speak: `Prepare a meeting of ${placeName}: board or forum, date, and a draft agenda of ${agenda.length} items from what is open.${banner ? ` ${banner}` : ''}`,
    heading: `Prepare a meeting: ${forum ? `${plain(forum.name)} (${placeName})` : placeName}`,
    placeName,
    place,
    forumRef: forum?.ref ?? '',
    note: plain(note),
    formId,
    banner,
    values: { board: plain(values.board ?? ''), date: values.date ?? '' },
    errors: { board: errors.board ?? '', date: errors.date ?? '', form: errors.form ?? '' },
    agendaCount: agenda.length,
    sections: sections.map((s) => ({
      heading: s.heading,
      count: s.items.length,
      items: s.items.map((i) => ({
        id: agendaToggleId(i),
        ref: i.ref,
        label: truncate(plain(`${i.ref} ${i.title}${i.detail ? ` · ${i.detail}` : ''}`), 240),
        value: unticked.has(agendaToggleId(i)) ? 'false' : 'true',
      })),
    })),
  });
}

/** One agenda item as the meeting card shows it, with the current state of its record. */
export interface AgendaEntry {
  item: AgendaItem;
  /** The record's ETag, for a change from this card. */
  etag?: string;
  /** What has happened to it, e.g. "Closed at this meeting: agreed, outcomes met". */
  state?: string;
  /** An action closed or declined at this meeting, with the decision or reason: for its key messages. */
  atThisMeeting?: { outcome: 'closed' | 'declined'; text: string };
  canClose?: boolean;
  canRatify?: boolean;
  /** A paper routed "at a meeting" the person may record the board's decision on. */
  canDecidePaper?: boolean;
  /** What this meeting decided on the paper: for its key messages. */
  paper?: { outcome: PaperOutcome; text?: string; deferredTo?: string };
  hasFeedback?: boolean;
}

/** Input ids repeat once per agenda item, so each carries the item's ref. */
export function meetingInputId(ref: string, field: string): string {
  return `${ref}.${field}`;
}

const PANEL_FIELDS = [
  'decision',
  'weDid',
  'declineReason',
  'ratifyComment',
  'notRatifyReason',
  'paperOutcome',
  'paperText',
  'paperDeferTo',
];

/** Agenda items with their own Close / Ratify panels; beyond this they are closed with "Close agreed actions" or from their own cards (keeps the card under 40 KB). */
export const MEETING_PANEL_LIMIT = 4;

export interface MeetingPermissions {
  /** Record key decisions and matters, new actions, batch close (a chair or admin). */
  record: boolean;
  draft: boolean;
  send: boolean;
}

export const NO_MEETING_CHANGES: MeetingPermissions = { record: false, draft: false, send: false };

export interface MeetingCardValues {
  decisionText?: string;
  decisionLink?: string;
  matterText?: string;
  matterTo?: string;
  matterToDetail?: string;
  keyMessages?: string;
  agreed?: string;
  batchDecision?: string;
  /** "Add to forward plan" (bot/forum/forwardPlanFlow.ts). */
  planText?: string;
  planOwner?: string;
  planDue?: string;
}

/** "Add to forward plan" on the meeting card, for its forum's plan keepers: a change to the forum, at its ETag. */
export interface MeetingPlanOffer {
  forumRef: string;
  etag: string;
  /** People offered as owners before a search. */
  people: readonly { id: string; name: string }[];
}

export interface MeetingCardInput {
  meeting: Meeting;
  etag: string;
  entries: readonly AgendaEntry[];
  permissions: MeetingPermissions;
  /** The key messages to offer in the draft box when none are drafted yet (composed from the meeting). */
  composed: string;
  now: Date;
  heading?: string;
  notice?: Notice;
  values?: MeetingCardValues;
  /** What was typed into one agenda item's panel, kept when the change was not saved. */
  kept?: { ref: string; values: Record<string, string> };
  shared?: boolean;
  plan?: MeetingPlanOffer;
}

/** How much of each agenda item a meeting card carries: less as the agenda grows, so the card stays under 40 KB. */
const COMPACTNESS = [
  { panels: MEETING_PANEL_LIMIT, title: 100, detail: 80, state: 140, items: 80, keyMessages: LIMITS.longText },
  { panels: 2, title: 60, detail: 0, state: 80, items: 80, keyMessages: 600 },
  { panels: 0, title: 40, detail: 0, state: 40, items: 40, keyMessages: 300 },
] as const;
const CARD_BUDGET = 38_000;

export function meetingCard(input: MeetingCardInput): AdaptiveCardJson {
  let card: AdaptiveCardJson | undefined;
  for (const level of COMPACTNESS) {
    card = drawMeetingCard(input, level);
    if (JSON.stringify(card).length <= CARD_BUDGET) return card;
  }
  return card!;
}

function drawMeetingCard(
  { meeting: m, etag, entries, permissions, composed, now, heading, notice, values = {}, kept, shared = false, plan }: MeetingCardInput,
  level: (typeof COMPACTNESS)[number],
): AdaptiveCardJson {
  const live = !shared;
  let panels = 0;
  const items = entries.slice(0, level.items).map((e) => {
    const wantsPanel = live && (e.canClose || e.canRatify || e.canDecidePaper);
    const panel = wantsPanel && panels < level.panels;
    if (panel) panels += 1;
    const k = kept?.ref === e.item.ref ? kept.values : {};
    return {
      section: e.item.section,
      ref: e.item.ref,
      etag: e.etag ?? '',
      title: truncate(plain(e.item.title), level.title),
      detail: e.item.detail && level.detail ? ` · ${truncate(plain(e.item.detail), level.detail)}` : '',
      state: truncate(plain(e.state ?? ''), level.state),
      canClose: panel && !!e.canClose,
      canRatify: panel && !!e.canRatify,
      canDecidePaper: panel && !!e.canDecidePaper,
      hasFeedback: !!e.hasFeedback,
      ids: Object.fromEntries(PANEL_FIELDS.map((f) => [f, meetingInputId(e.item.ref, f)])),
      kept: Object.fromEntries(PANEL_FIELDS.map((f) => [f, plain(k[f] ?? '')])),
    };
  });
  const withoutPanel = entries.filter((e) => live && (e.canClose || e.canRatify || e.canDecidePaper)).length - panels;
  const closable = live && permissions.record ? entries.filter((e) => e.canClose && e.etag) : [];
  const km = m.keyMessages;
  const kmState = km?.published
    ? `${signedOffLine(km.published)} · Date posted: ${longDate(km.published.posted)}`
    : m.status === 'KEY_MESSAGES_AWAITING_SIGNOFF' && km?.signOffRef
      ? `Awaiting the chair's sign-off: ${km.signOffRef}.`
      : km?.returned
        ? `Back from the chair (${km.returned.by.name}): ${km.returned.comment}`
        : '';
  const statusLine = `${MEETING_STATUS_LABELS[m.status]} · ${PLACE_NAMES[m.place]}${m.locality ? ` (${m.locality})` : ''} · prepared by ${m.preparedBy.name}`;
  const sections = sectionsOf(items);
  const title = heading ?? `${m.board} · ${formatDate(m.date)} · ${m.ref}`;
  return renderCard('meetingCard', {
    speak: truncate(
      `${title}. ${MEETING_STATUS_LABELS[m.status]}. Agenda of ${entries.length} items; ${m.decisions.length} key decisions; ${m.matters.length} matters for escalation.${notice ? ` ${notice.text}` : ''}`,
      600,
    ),
    heading: title,
    statusLine,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    ref: m.ref,
    etag,
    shared,
    sections: sections.map((s) => ({ heading: s.heading, count: s.items.length, items: s.items })),
    more: [
      entries.length > level.items ? `${entries.length - level.items} more agenda items are not shown here: open them by ref.` : '',
      withoutPanel > 0 ? `${withoutPanel} more to close or ratify: use “Close agreed actions”, or open each by its ref.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    decisions: m.decisions.map((d) => ({ text: plain(decisionSentence(d)) })),
    matters: m.matters.map((x) => ({
      text: plain(`${matterSentence(x)}${x.acknowledged ? ` Acknowledged by ${x.acknowledged.by.name}.` : ''}`),
    })),
    place: m.place,
    keyMessages: km ? 'yes' : '',
    // Cut when the card is full; the whole text is in the edit box and in the published post.
    keyMessageLines: km
      ? shorten(km.text, level.keyMessages)
          .split('\n')
          .map((line) => ({ line: plain(line) || ' ' }))
      : [],
    keyMessagesState: plain(kmState),
    canRecord: live && permissions.record,
    canDraft: live && permissions.draft,
    canSend: live && permissions.send,
    canBatch: closable.length > 0,
    batch: closable.map((e) => ({ title: truncate(plain(`${e.item.ref} ${e.item.title}`), 70), value: e.item.ref })),
    etagsJson: JSON.stringify(Object.fromEntries(closable.map((e) => [e.item.ref, e.etag]))),
    draftTitle: km ? 'Edit key messages' : 'Draft key messages',
    targets: matterTargetChoices(m),
    today: londonToday(now),
    canPlan: live && !!plan,
    plan: {
      forumRef: plan?.forumRef ?? '',
      etag: plan?.etag ?? '',
      people: (plan?.people ?? []).map((p) => ({ id: p.id, name: plain(p.name) })),
    },
    values: {
      decisionText: plain(values.decisionText ?? ''),
      decisionLink: plain(values.decisionLink ?? ''),
      matterText: plain(values.matterText ?? ''),
      matterTo: values.matterTo ?? '',
      matterToDetail: plain(values.matterToDetail ?? ''),
      keyMessages: plain(values.keyMessages ?? km?.text ?? composed),
      agreed: values.agreed ?? '',
      batchDecision: plain(values.batchDecision ?? ''),
      planText: plain(values.planText ?? ''),
      planOwner: values.planOwner ?? '',
      planDue: plain(values.planDue ?? ''),
    },
  });
}

export const MEETINGS_LIST_LIMIT = 12;

/**
 * A place's latest meetings, newest date first (at most MEETINGS_LIST_LIMIT); `olderRef`: the next
 * older meeting, when there are more than are listed.
 */
export function meetingsListCard(
  place: PlaceCode,
  meetings: readonly Meeting[],
  canPrepare: boolean,
  olderRef?: string,
  notice?: Notice,
  /** The place's forums: the meetings are grouped by forum (records/meetingsByForum.ts); none, one group. */
  forums: readonly Forum[] = [],
): AdaptiveCardJson {
  const sorted = [...meetings].sort((a, b) => b.date.localeCompare(a.date) || b.ref.localeCompare(a.ref));
  const shown = sorted.slice(0, MEETINGS_LIST_LIMIT);
  const groups = groupByForum(shown, forums);
  const item = (m: Meeting) => ({
    ref: m.ref,
    date: formatDate(m.date),
    board: truncate(plain(m.board), 120),
    status: MEETING_STATUS_LABELS[m.status],
  });
  const older = olderRef ?? sorted[shown.length]?.ref;
  const heading = older
    ? `Meetings of ${PLACE_NAMES[place]}: the latest ${shown.length}`
    : `Meetings of ${PLACE_NAMES[place]}: ${shown.length}`;
  return renderCard('meetingList', {
    speak: `${heading}.${shown[0] ? ` Latest: ${formatDate(shown[0].date)}, ${MEETING_STATUS_LABELS[shown[0].status]}.` : ''}`,
    heading,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    place,
    placeName: PLACE_NAMES[place],
    canPrepare,
    items: shown.map(item),
    // One group, of no forum (a place with none yet): no heading, as before forums.
    groups: groups.map((g) => ({
      heading: g.forum ? truncate(plain(g.forum.name), 120) : groups.length > 1 ? 'Meetings of no forum' : '',
      items: g.meetings.map(item),
    })),
    more: older ? `Older meetings are not listed: open one by its ref, e.g. “${older}”.` : '',
  });
}

const SECTION_HEADINGS = new Set(['Key Decisions and Actions', 'Matters for Escalation (and where to)']);

/** The published key messages, as posted to the forum's channel: seed 001's layout (records/meeting.ts publishedKeyMessages). */
export function keyMessagesCard(m: Meeting): AdaptiveCardJson {
  const km = m.keyMessages;
  if (!km?.published) throw new Error(`${m.ref} has no published key messages`);
  const p = publishedKeyMessages(m);
  return renderCard('keyMessages', {
    speak: truncate(`${p.title}. ${p.datePosted}. ${p.signedOff}.`, 600),
    title: plain(p.title),
    datePosted: plain(p.datePosted),
    meetingDate: plain(p.meetingDate),
    lines: p.body.map((l) => ({ text: plain(l) || ' ', heading: SECTION_HEADINGS.has(l.trim()) })),
    signedOff: plain(p.signedOff),
    ref: m.ref,
  });
}

/** Text cut to `max` characters, keeping its lines, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Card builders for actions: the form, the action card (confirmation and detail) and the
// "my actions" list. Pure: records and `now` in, card JSON out.
import { ACTION_ESCALATION_TARGETS, currentDueDate, isOpen, ragOf, STATUS_LABELS, type Action, type Rag } from '../records/action.js';
import { formatDate, formatInstant, londonToday } from '../records/dates.js';
import { isTeamsMessageLink } from '../records/limits.js';
import type { Person } from '../records/people.js';
import {
  LANCASHIRE_LOCALITIES,
  PLACE_CODES,
  PLACE_NAMES,
  PLACE_PRIORITIES,
  STRATEGIC_OBJECTIVES,
  type PlaceCode,
  type PlacePriority,
  type StrategicObjective,
} from '../records/places.js';
import { placeTagChoices } from '../records/placeTags.js';
import { placeChoices, sourceBinding, type FormSource, type Notice } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { chartBlock, ragDonut, ragWords } from './charts.js';
import { plain, speech, truncate } from './text.js';
import { countByRag } from '../records/tallies.js';

export const ACTION_FORM_FIELDS = [
  'place',
  'locality',
  'description',
  'owner',
  'dueDate',
  'sourceMeeting',
  'sourceDate',
  'sourceMinuteRef',
  'priority',
  'strategicObjective',
  'youSaid',
  'workstream',
  'ward',
] as const;
export type ActionFormField = (typeof ACTION_FORM_FIELDS)[number];
export type ActionFormValues = Partial<Record<ActionFormField, string>>;

export type { Notice } from './commonCards.js';

export const RAG_VIEW: Record<Rag, { label: string; color: string }> = {
  RED: { label: 'Red · overdue', color: 'Attention' },
  AMBER: { label: 'Amber · due soon', color: 'Warning' },
  GREEN: { label: 'Green · on track', color: 'Good' },
  BLUE: { label: 'Blue · proposed for closure', color: 'Accent' },
  NONE: { label: '', color: 'Default' },
};

export function placeLabel(action: Pick<Action, 'place' | 'locality'>): string {
  return action.locality ? `${PLACE_NAMES[action.place]} (${action.locality})` : PLACE_NAMES[action.place];
}

export interface ActionFormInput {
  /** Drawn once per form and carried by its submit button, so a resubmit never logs a second action. */
  formId: string;
  /** The places offered (default all four; a guest's own, records/access.ts). */
  places?: readonly PlaceCode[];
  people: Person[];
  now: Date;
  values?: ActionFormValues;
  errors?: Partial<Record<ActionFormField, string>>;
  banner?: string;
  /** A line above the form saying where its contents came from (e.g. a Teams message), or why it is empty. */
  intro?: string;
  /** Where a prefilled form came from (e.g. a Teams message): shown as a link and carried in the submit data. */
  source?: FormSource;
  /** The risk this action mitigates (from a risk card's "Add mitigating action"): shown and carried in the submit data. */
  mitigates?: { ref: string; title: string };
}

export function actionFormCard({
  formId,
  places,
  people,
  now,
  values = {},
  errors = {},
  banner = '',
  intro = '',
  source,
  mitigates,
}: ActionFormInput): AdaptiveCardJson {
  const fieldValues = Object.fromEntries(ACTION_FORM_FIELDS.map((f) => [f, plain(values[f] ?? '')]));
  const fieldErrors = Object.fromEntries(ACTION_FORM_FIELDS.map((f) => [f, errors[f] ?? '']));
  return renderCard('actionForm', {
    speak: speech(
      'Log an action: a form for who does what by when',
      intro,
      mitigates && `Mitigating action for risk ${mitigates.ref}`,
      banner,
      ...ACTION_FORM_FIELDS.map((f) => errors[f]),
    ),
    formId,
    intro: plain(intro),
    banner,
    source: sourceBinding(source),
    mitigates: mitigates ? { ref: mitigates.ref, title: truncate(mitigates.title, 200) } : { ref: '', title: '' },
    today: londonToday(now),
    values: fieldValues,
    errors: fieldErrors,
    places: placeChoices(places),
    localities: LANCASHIRE_LOCALITIES.map((l) => ({ title: l, value: l })),
    workstreams: placeTagChoices('workstream', places ?? PLACE_CODES),
    wards: placeTagChoices('ward', places ?? PLACE_CODES),
    priorities: (Object.keys(PLACE_PRIORITIES) as PlacePriority[]).map((k) => ({ title: PLACE_PRIORITIES[k], value: k })),
    objectives: (Object.keys(STRATEGIC_OBJECTIVES) as StrategicObjective[]).map((k) => ({
      title: `${k}: ${STRATEGIC_OBJECTIVES[k]}`,
      value: k,
    })),
    people: people.map((p) => ({ id: p.id, name: plain(p.name) })),
  });
}

/** What the person looking at the card may do to the action. */
export interface ActionPermissions {
  canUpdate: boolean;
  canRevise: boolean;
  canPropose: boolean;
  /** A chair or place admin, when it is proposed for closure: Close and Decline closure. */
  canClose?: boolean;
  canDecline?: boolean;
  /** The other rules of an action (records/action.ts mayGive decides who is offered each). */
  canReassign?: boolean;
  canHold?: boolean;
  canResume?: boolean;
  canCancel?: boolean;
  canEscalate?: boolean;
}

export interface ActionCardInput {
  action: Action;
  etag: string;
  now: Date;
  permissions: ActionPermissions;
  heading?: string;
  notice?: Notice;
  values?: {
    updateText?: string;
    newDueDate?: string;
    reason?: string;
    closureNote?: string;
    closeDecision?: string;
    weDid?: string;
    declineReason?: string;
    newOwner?: string;
    holdReason?: string;
    cancelReason?: string;
    escalateTo?: string;
    escalateWhy?: string;
  };
  /** The view everyone in a group chat or channel sees: no change buttons, an "Open" button instead. */
  shared?: boolean;
}

export const NO_CHANGES: ActionPermissions = { canUpdate: false, canRevise: false, canPropose: false };

export function actionCard({
  action,
  etag,
  now,
  permissions,
  heading,
  notice,
  values = {},
  shared = false,
}: ActionCardInput): AdaptiveCardJson {
  const rag = RAG_VIEW[ragOf(action, now)];
  const due = currentDueDate(action);
  const lastRevision = action.revisions.at(-1);
  const facts: { title: string; value: string }[] = [
    { title: 'Place', value: placeLabel(action) },
    { title: 'Owner', value: plain(action.owner.name) },
    { title: 'Due', value: formatDate(due) },
    { title: 'Status', value: STATUS_LABELS[action.status] },
  ];
  if (lastRevision) {
    facts.push({ title: 'Due date revised', value: `from ${formatDate(lastRevision.from)}: ${plain(lastRevision.reason)}` });
  }
  if (action.oldRef) facts.push({ title: 'Imported', value: `was ${plain(action.oldRef)}` });
  if (action.source) {
    const when = action.source.date ? `, ${formatDate(action.source.date)}` : '';
    const minute = action.source.minuteRef ? `, minute ${plain(action.source.minuteRef)}` : '';
    facts.push({ title: 'Raised at', value: `${plain(action.source.meeting)}${when}${minute}` });
  }
  if (action.links.priority) facts.push({ title: 'Place priority', value: PLACE_PRIORITIES[action.links.priority] });
  if (action.links.strategicObjective) {
    const so = action.links.strategicObjective;
    facts.push({ title: 'Strategic objective', value: `${so}: ${STRATEGIC_OBJECTIVES[so]}` });
  }
  if (action.links.riskRef) facts.push({ title: 'Mitigates risk', value: action.links.riskRef });
  if (action.links.workstream) facts.push({ title: 'Workstream', value: plain(action.links.workstream) });
  if (action.links.ward) facts.push({ title: 'Priority ward', value: plain(action.links.ward) });
  if (action.feedback) facts.push({ title: 'You said', value: plain(action.feedback.youSaid) });
  if (action.feedback?.weDid) facts.push({ title: 'We did', value: plain(action.feedback.weDid) });
  if (action.escalation) {
    facts.push({ title: 'Escalated to', value: `${plain(action.escalation.to)}: ${plain(action.escalation.why)}` });
  }
  facts.push({ title: 'Raised by', value: `${plain(action.raisedBy.name)}, ${formatInstant(action.raisedAt)}` });
  if (action.closure) facts.push({ title: action.status === 'CANCELLED' ? 'Cancelled' : 'Closed', value: plain(action.closure.decision) });

  const open = isOpen(action) && !shared;
  return renderCard('actionCard', {
    speak: speech(
      heading ?? `Action ${action.ref}`,
      notice?.text,
      truncate(action.description, 160),
      rag.label && rag.label.replace(' · ', ', '),
      `Owner ${plain(action.owner.name)}, due ${formatDate(due)}, ${STATUS_LABELS[action.status]}`,
      lastRevision && 'Due date revised',
    ),
    heading: heading ?? `Action ${action.ref}`,
    ragLabel: rag.label,
    ragColor: rag.color,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    description: plain(action.description),
    facts,
    updates: action.updates
      .slice(-3)
      .reverse()
      .map((u) => ({ when: formatInstant(u.at), who: plain(u.by.name), text: plain(u.text) })),
    canUpdate: open && permissions.canUpdate,
    canRevise: open && permissions.canRevise,
    canPropose: open && permissions.canPropose,
    canClose: open && !!permissions.canClose,
    canDecline: open && !!permissions.canDecline,
    canReassign: open && !!permissions.canReassign,
    canHold: open && !!permissions.canHold,
    canResume: open && !!permissions.canResume,
    canCancel: open && !!permissions.canCancel,
    canEscalate: open && !!permissions.canEscalate,
    // The picker searches the directory; these are only the first few offered before anyone types.
    people: [action.raisedBy].filter((p) => p.id !== action.owner.id).map((p) => ({ id: p.id, name: plain(p.name) })),
    escalationTargets: ACTION_ESCALATION_TARGETS.map((t) => ({ title: t, value: t })),
    hasFeedback: !!action.feedback,
    shared,
    // Only a Teams message link is a button (a record stored before that rule may hold another link).
    sourceUrl: action.sourceUrl && isTeamsMessageLink(action.sourceUrl) ? action.sourceUrl : '',
    ref: action.ref,
    riskRef: action.links.riskRef ?? '',
    etag,
    today: londonToday(now),
    values: {
      updateText: plain(values.updateText ?? ''),
      newDueDate: values.newDueDate ?? '',
      reason: plain(values.reason ?? ''),
      closureNote: plain(values.closureNote ?? ''),
      closeDecision: plain(values.closeDecision ?? ''),
      weDid: plain(values.weDid ?? ''),
      declineReason: plain(values.declineReason ?? ''),
      newOwner: values.newOwner ?? '',
      holdReason: plain(values.holdReason ?? ''),
      cancelReason: plain(values.cancelReason ?? ''),
      escalateTo: values.escalateTo ?? '',
      escalateWhy: plain(values.escalateWhy ?? ''),
    },
  });
}

export const MY_ACTIONS_LIMIT = 12; // each item carries its own update panel; 12 keep the card well under 40 KB

/** Inputs repeat once per action on the list card, so each id carries its action's ref. */
export function listInputId(ref: string, field: 'updateText' | 'newDueDate' | 'reason' | 'closureNote'): string {
  return `${ref}.${field}`;
}

export interface ListedAction {
  action: Action;
  etag: string;
  permissions: ActionPermissions;
}

export function myActionsCard(listed: ListedAction[], now: Date, notice?: Notice): AdaptiveCardJson {
  const shown = listed.slice(0, MY_ACTIONS_LIMIT);
  const overdue = listed.filter(({ action }) => ragOf(action, now) === 'RED').length;
  const heading = listed.length === 0 ? 'Your open actions' : `Your open actions: ${listed.length}${overdue ? `, ${overdue} overdue` : ''}`;
  const byRag = countByRag(
    listed.map((l) => l.action),
    now,
  );
  const first = shown[0]?.action;
  return renderCard('myActions', {
    speak: speech(
      heading,
      notice?.text,
      listed.length > 0 && `By RAG: ${ragWords(byRag)}`,
      first &&
        `First: ${first.ref}, ${truncate(first.description, 120)}, ${RAG_VIEW[ragOf(first, now)].label.replace(' · ', ', ')}, due ${formatDate(currentDueDate(first))}`,
    ),
    charts: chartBlock(`By RAG: ${ragWords(byRag)}.`, listed.length > 0 ? [ragDonut('My open actions by RAG', byRag)] : []),
    heading,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    today: londonToday(now),
    items: shown.map(({ action: a, etag, permissions }) => {
      const rag = RAG_VIEW[ragOf(a, now)];
      return {
        ref: a.ref,
        etag,
        place: placeLabel(a),
        summary: truncate(a.description, 200),
        due: formatDate(currentDueDate(a)),
        status: STATUS_LABELS[a.status],
        ragLabel: rag.label,
        ragColor: rag.color,
        canUpdate: isOpen(a) && permissions.canUpdate,
        canRevise: isOpen(a) && permissions.canRevise,
        canPropose: isOpen(a) && permissions.canPropose,
        ids: {
          updateText: listInputId(a.ref, 'updateText'),
          newDueDate: listInputId(a.ref, 'newDueDate'),
          reason: listInputId(a.ref, 'reason'),
          closureNote: listInputId(a.ref, 'closureNote'),
        },
      };
    }),
    more:
      listed.length > shown.length
        ? `And ${listed.length - shown.length} more, not shown: open them by ref, e.g. “${listed[shown.length]!.action.ref}”.`
        : '',
  });
}

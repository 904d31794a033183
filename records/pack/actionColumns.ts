// The action log's columns, shared by the CSV, the workbook and the pack's action table, in the
// order a secretary reads an action log: where it came from, what and who, when due (and why it
// moved), where it stands, and how it ended. Pure functions.
import { currentDueDate, ragOf, STATUS_LABELS, type Action, type Rag } from '../action.js';
import { formatDate } from '../dates.js';
import { PLACE_NAMES, PLACE_PRIORITIES } from '../places.js';
import { dayOf, RAG_COLOURS, RAG_TEXT, type CellContext, type Column } from './cells.js';
import type { DetailRow } from './xlsx.js';

/**
 * RAG as a word: an ended action reads "Closed" or "Cancelled" rather than a blank cell, which
 * read as "not yet assessed".
 */
function ragWord(action: Pick<Action, 'status' | 'dueDate' | 'revisions'>, now: Date): string {
  const rag: Rag = ragOf(action, now);
  if (rag !== 'NONE') return rag.charAt(0) + rag.slice(1).toLowerCase();
  return STATUS_LABELS[action.status];
}

/** "Chased the council (Sam Patel, 3 Dec 2026)": the latest update, who gave it and the day. */
function latestUpdate(a: Action): string | undefined {
  const latest = a.updates.at(-1);
  return latest ? `${latest.text} (${latest.by.name}, ${formatDate(dayOf(latest.at))})` : undefined;
}

export function actionColumns(context: CellContext): Column<Action>[] {
  const { now } = context;
  const ended = (a: Action) => (a.status === 'CLOSED' || a.status === 'CANCELLED' ? a.closure : undefined);
  // Every pack file is one place's: its title names the place, so a Place column only repeats it.
  const place: Column<Action>[] = context.manyPlaces
    ? [{ header: 'Place', width: 14, kind: 'text', value: (a) => PLACE_NAMES[a.place] }]
    : [];
  return [
    { header: 'Ref', width: 12, kind: 'text', value: (a) => a.ref },
    ...place,
    { header: 'Locality', width: 10, kind: 'text', value: (a) => a.locality },
    { header: 'Meeting date', width: 12, kind: 'date', value: (a) => a.source?.date },
    { header: 'Meeting', width: 24, kind: 'text', value: (a) => a.source?.meeting },
    { header: 'Minute ref', width: 10, kind: 'text', value: (a) => a.source?.minuteRef },
    { header: 'Description', width: 60, kind: 'text', value: (a) => a.description },
    { header: 'Owner', width: 22, kind: 'text', value: (a) => a.owner.name },
    { header: 'Raised by', width: 22, kind: 'text', value: (a) => a.raisedBy.name },
    { header: 'Raised on', width: 12, kind: 'date', value: (a) => dayOf(a.raisedAt) },
    { header: 'Due date', width: 12, kind: 'date', value: (a) => currentDueDate(a) },
    { header: 'Original due date', width: 12, kind: 'date', value: (a) => (a.revisions.length > 0 ? a.dueDate : undefined) },
    { header: 'Why the due date moved', width: 30, kind: 'text', value: (a) => a.revisions.at(-1)?.reason },
    { header: 'Status', width: 20, kind: 'text', value: (a) => STATUS_LABELS[a.status] },
    {
      header: 'RAG',
      width: 10,
      kind: 'rag',
      value: (a) => ragWord(a, now),
      fill: (a) => {
        const r = ragOf(a, now);
        return { background: RAG_COLOURS[r], text: RAG_TEXT[r] };
      },
    },
    { header: 'Latest update', width: 50, kind: 'text', value: latestUpdate },
    { header: 'Latest update on', width: 12, kind: 'date', value: (a) => (a.updates.length ? dayOf(a.updates.at(-1)!.at) : undefined) },
    { header: 'Earlier updates', width: 9, kind: 'number', value: (a) => Math.max(a.updates.length - 1, 0) },
    { header: 'Closed on', width: 12, kind: 'date', value: (a) => (ended(a) ? dayOf(ended(a)!.at) : undefined) },
    { header: 'Closed at meeting', width: 14, kind: 'text', value: (a) => ended(a)?.meetingRef },
    { header: 'Closure decision', width: 30, kind: 'text', value: (a) => ended(a)?.decision },
    { header: 'Workstream', width: 24, kind: 'text', value: (a) => a.links.workstream },
    { header: 'Priority ward', width: 20, kind: 'text', value: (a) => a.links.ward },
    {
      header: 'Place priority',
      width: 28,
      kind: 'text',
      value: (a) => (a.links.priority ? PLACE_PRIORITIES[a.links.priority] : undefined),
    },
    { header: 'Strategic objective', width: 10, kind: 'text', value: (a) => a.links.strategicObjective },
    { header: 'Linked risk', width: 12, kind: 'text', value: (a) => a.links.riskRef },
    {
      header: 'Escalated to',
      width: 28,
      kind: 'text',
      value: (a) => (a.escalation ? `${a.escalation.to}: ${a.escalation.why}` : undefined),
    },
    { header: 'You said', width: 30, kind: 'text', value: (a) => a.feedback?.youSaid },
    { header: 'We did', width: 30, kind: 'text', value: (a) => a.feedback?.weDid },
  ];
}

/** The action table the printed pack shows (Word, HTML): what a board reads down, in this order. */
export const PRINTED_ACTION_HEADERS = [
  'Ref',
  'Meeting date',
  'Minute ref',
  'Description',
  'Owner',
  'Due date',
  'Why the due date moved',
  'RAG',
  'Latest update',
  'Closed on',
  'Workstream',
] as const;

type ActionUpdate = Action['updates'][number];

/**
 * The action log workbook's second sheet: every update, one row each, oldest first within an
 * action, so the history a board asks about ("what has happened since March?") is on paper.
 */
export function updateHistoryColumns(): Column<DetailRow<Action, ActionUpdate>>[] {
  return [
    { header: 'Ref', width: 12, kind: 'text', value: (r) => r.record.ref },
    { header: 'Update', width: 8, kind: 'number', value: (r) => r.n },
    { header: 'Date', width: 12, kind: 'date', value: (r) => dayOf(r.detail.at) },
    { header: 'By', width: 22, kind: 'text', value: (r) => r.detail.by.name },
    { header: 'What was said', width: 60, kind: 'text', value: (r) => r.detail.text },
    { header: 'Action', width: 40, kind: 'text', value: (r) => r.record.description },
    { header: 'Owner', width: 22, kind: 'text', value: (r) => r.record.owner.name },
  ];
}

// What the board pack (Word and printable HTML) holds, in order, for both to follow: the action
// last meeting's key decisions and matters for escalation (when the place has held one), the
// action log, the risk register with its heat map, sign-offs decided since the last meeting, and
// chair's actions awaiting ratification. Each section reads its records only when it is written.
import { longDate, type Decision, type Matter } from '../meeting.js';
import type { Risk } from '../risk.js';
import { BAND_COLOURS, BAND_LABELS, BAND_RANGES, RISK_BANDS } from '../scoring.js';
import {
  BAND_TEXT,
  decisionColumns,
  matterColumns,
  pick,
  RAG_COLOURS,
  RAG_LABELS,
  RAG_TEXT,
  signOffColumns,
  type CellContext,
  type Column,
} from './cells.js';
import { actionColumns, PRINTED_ACTION_HEADERS } from './actionColumns.js';
import { printedRiskColumns } from './riskColumns.js';
import type { PackMeeting, PackSource } from './packTypes.js';
import { lastKeyMessagesIntro, type MeetingPack, type PackAgendaItem } from './meetingPack.js';

export interface LegendEntry {
  label: string;
  background: string;
  text: string;
}

export interface PackSection<T> {
  title: string;
  /** What the section lists, in a sentence. */
  intro: string;
  columns: Column<T>[];
  read: () => AsyncIterable<T>;
  /** Shown when there are no records. */
  none: string;
  /** "actions", "risks", "sign-offs": for the count line. */
  noun: [singular: string, plural: string];
  legend?: { name: string; entries: LegendEntry[] };
  /** The risk register: also draw a 5×5 heat map of these ratings. */
  heatMapOf?: (record: T) => Pick<Risk, 'current'>;
  /** A section of text, not records: printed as paragraphs, one a line (no table). */
  prose?: string[];
}

/** A section of any record kind, for writers that treat them alike. */
export type AnySection = PackSection<unknown>;
const section = <T>(s: PackSection<T>): AnySection => s as unknown as AnySection;

async function* each<T>(list: readonly T[]): AsyncIterable<T> {
  for (const item of list) yield item;
}

/** The last meeting's key decisions and matters for escalation: what the board agreed and sent on. */
function lastMeetingSections(m: PackMeeting): AnySection[] {
  const held = `${m.board}, ${longDate(m.date)} (${m.ref})`;
  return [
    section<Decision>({
      title: 'Key decisions at the last meeting',
      intro: `${held}: the decisions recorded on the meeting card.`,
      columns: decisionColumns(),
      read: () => each(m.decisions),
      none: 'No key decisions were recorded at the last meeting.',
      noun: ['key decision', 'key decisions'],
    }),
    section<Matter>({
      title: 'Matters for escalation from the last meeting',
      intro: `${held}: each matter and where it was escalated to.`,
      columns: matterColumns(),
      read: () => each(m.matters),
      none: 'No matters were escalated at the last meeting.',
      noun: ['matter', 'matters'],
    }),
  ];
}

/** The agenda's columns: the order, the ref (never broken), what it is, and a paper's cover sheet and link. */
function agendaColumns(): Column<PackAgendaItem>[] {
  return [
    { header: 'No.', width: 5, kind: 'number', value: (a) => a.number },
    { header: 'Ref', width: 12, kind: 'text', value: (a) => a.ref, keepRefs: true },
    { header: 'Agenda item', width: 36, kind: 'text', value: (a) => a.title, keepRefs: true },
    { header: 'Section', width: 22, kind: 'text', value: (a) => a.section },
    { header: 'Detail', width: 26, kind: 'text', value: (a) => a.detail, keepRefs: true },
    { header: 'Cover sheet', width: 60, kind: 'text', value: (a) => a.cover, keepRefs: true },
    { header: 'Paper', width: 30, kind: 'text', value: (a) => a.paper },
  ];
}

/** The meeting's own sections: its agenda in order, then the forum's last key messages. */
function meetingSections(m: MeetingPack, last: PackMeeting | undefined): AnySection[] {
  const published = m.lastKeyMessages.kind === 'published' ? m.lastKeyMessages.lines : undefined;
  return [
    section<PackAgendaItem>({
      title: 'Agenda',
      intro: `${m.forum}, ${longDate(m.date)} (${m.ref}): the items in the order the meeting takes them, each paper with its cover sheet and link.`,
      columns: agendaColumns(),
      read: () => each(m.agenda),
      none: 'The agenda has no items yet.',
      noun: ['agenda item', 'agenda items'],
    }),
    section<never>({
      title: 'Key messages from the last meeting',
      intro: lastKeyMessagesIntro(m.lastKeyMessages),
      columns: [],
      read: () => each([]),
      none: '',
      noun: ['line', 'lines'],
      prose: published ?? [],
    }),
    // Not yet published: what the last meeting decided and escalated, as recorded.
    ...(!published && last ? lastMeetingSections(last) : []),
  ];
}

export function boardPackSections(source: PackSource, context: CellContext): AnySection[] {
  return [
    ...(source.meeting
      ? meetingSections(source.meeting, source.lastMeeting)
      : source.lastMeeting
        ? lastMeetingSections(source.lastMeeting)
        : []),
    section({
      title: 'Action log',
      intro: source.lastMeeting
        ? `Open actions, then actions closed or cancelled since the last meeting (${longDate(source.lastMeeting.date)}).`
        : 'Open actions, then actions closed or cancelled in the last 90 days (no meeting has been held).',
      columns: pick(actionColumns(context), PRINTED_ACTION_HEADERS),
      read: source.actions,
      none: 'No actions.',
      noun: ['action', 'actions'],
      legend: {
        name: 'RAG key',
        entries: (['RED', 'AMBER', 'GREEN', 'BLUE', 'NONE'] as const).map((r) => ({
          label: RAG_LABELS[r],
          background: RAG_COLOURS[r],
          text: RAG_TEXT[r],
        })),
      },
    }),
    section<Risk>({
      title: 'Risk register',
      intro: 'Open risks, with scores on the NPSA 5×5 matrix (likelihood × consequence).',
      columns: printedRiskColumns(context),
      read: source.risks,
      none: 'No open risks.',
      noun: ['risk', 'risks'],
      legend: {
        name: 'Risk score key',
        entries: RISK_BANDS.map((b) => ({
          label: `${BAND_LABELS[b]} ${BAND_RANGES[b].min}–${BAND_RANGES[b].max}`,
          background: BAND_COLOURS[b],
          text: BAND_TEXT,
        })),
      },
      heatMapOf: (r) => r,
    }),
    section({
      title: 'Sign-offs decided since the last meeting',
      intro: 'Papers and decisions signed off, or not, since the board last met.',
      columns: signOffColumns(),
      read: source.signOffsDecidedSince,
      none: 'No sign-offs decided since the last meeting.',
      noun: ['sign-off', 'sign-offs'],
    }),
    section({
      title: "Chair's actions awaiting ratification",
      intro: "Decisions taken by chair's action, for the board to ratify.",
      columns: signOffColumns(),
      read: source.awaitingRatification,
      none: "No chair's actions await ratification.",
      noun: ["chair's action", "chair's actions"],
    }),
  ];
}

export function countLine(section: AnySection, n: number): string {
  return `${n} ${n === 1 ? section.noun[0] : section.noun[1]}.`;
}

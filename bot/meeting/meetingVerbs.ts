// The meeting card's verb tables: the meeting's own (key decisions, matters, key messages) and
// those of the records on its agenda, changed by their own kind's rule from their panel on it
// (closing an action, ratifying a chair's action at this meeting).
import { type MeetingCardValues } from '../../cards/meetingCards.js';
import { mayGive, type Action, type ActionCommand } from '../../records/action.js';
import { formatDate } from '../../records/dates.js';
import { LIMITS } from '../../records/limits.js';
import { mayGiveMeeting, type Meeting, type MeetingCommand } from '../../records/meeting.js';
import { mayDecidePaper } from '../../records/meetingPapers.js';
import { type Actor } from '../../records/people.js';
import { type PaperOutcome } from '../../records/signoff.js';
import { type SignOffCommand } from '../../records/signoffCommands.js';
import { ACTION_VERBS } from '../action/actionFlow.js';
import { type VerbTable } from '../change/declarations.js';
import { type Stored } from '../ports.js';
import { SIGNOFF_VERBS } from '../signoff/signOffFlow.js';

export const NOTE = LIMITS.note;

/** What was typed in an agenda item's panel, by field. */
export type ItemValues = Record<string, string>;

/** The meeting's own verbs: key decisions, matters for escalation, key messages (a chair or admin). */
export const MEETING_VERBS: VerbTable<'meeting', MeetingCommand, MeetingCardValues> = {
  verbs: {
    'meeting.addDecision': {
      echo: { decisionText: NOTE, decisionLink: 20 },
      command: (v) => ({ type: 'addDecision', text: v.decisionText!, ...(v.decisionLink!.trim() ? { link: v.decisionLink! } : {}) }),
      may: (m, actor) => mayGiveMeeting(m, actor, 'addDecision'),
    },
    'meeting.addMatter': {
      echo: { matterText: NOTE, matterTo: 40, matterToDetail: LIMITS.shortText },
      command: (v) => ({
        type: 'addMatter',
        text: v.matterText!,
        to: v.matterTo!,
        ...(v.matterToDetail!.trim() ? { toDetail: v.matterToDetail! } : {}),
      }),
      may: (m, actor) => mayGiveMeeting(m, actor, 'addMatter'),
    },
    'meeting.draftKeyMessages': {
      echo: { keyMessages: LIMITS.longText },
      command: (v) => ({ type: 'draftKeyMessages', text: v.keyMessages! }),
      may: (m, actor) => mayGiveMeeting(m, actor, 'draftKeyMessages'),
    },
  },
  changed: {
    addDecision: 'Key decision recorded',
    addMatter: 'Matter for escalation recorded',
    draftKeyMessages: 'Key messages drafted',
    requestSignOff: 'Key messages sent for sign-off',
    publish: 'Key messages published',
    returnKeyMessages: 'Key messages sent back',
    acknowledgeMatter: 'Matter for escalation acknowledged',
  },
  saved: {
    addDecision: 'Key decision recorded.',
    addMatter: 'Matter for escalation recorded.',
    draftKeyMessages: 'Key messages saved. Send them to the chair for sign-off when ready.',
  },
};

// How a change made from the meeting card reads on the card everyone else sees: the kind's own
// lines, saying where a closure or ratification was decided.
export const CLOSE_LINES: Record<ActionCommand['type'], string> = {
  ...ACTION_VERBS.changed,
  close: 'Closed at the meeting',
  declineClosure: 'Closure declined at the meeting',
};
export const RATIFY_LINES: Record<SignOffCommand['type'], string> = {
  ...SIGNOFF_VERBS.changed,
  ratify: 'Ratified at the meeting',
  notRatify: 'Not ratified at the meeting',
  decideAtMeeting: "Board's decision recorded at the meeting",
};

/** Closing an action from its panel on the meeting card: the action's own rule, at this meeting. */
export const ACTION_ON_MEETING: VerbTable<'action', ActionCommand, ItemValues, Stored<Meeting> | undefined> = {
  verbs: {
    'meeting.closeAction': {
      echo: { decision: NOTE, weDid: NOTE },
      command: (v, _data, _context, meeting) => ({
        type: 'close',
        decision: v.decision!,
        ...(v.weDid!.trim() ? { weDid: v.weDid! } : {}),
        atMeeting: meeting!.record.ref,
      }),
      may: proposedForClosure,
    },
    'meeting.declineClosure': {
      echo: { declineReason: NOTE },
      command: (v, _data, _context, meeting) => ({ type: 'declineClosure', reason: v.declineReason!, atMeeting: meeting!.record.ref }),
      may: proposedForClosure,
    },
  },
  changed: CLOSE_LINES,
  saved: { close: 'Closed at this meeting.', declineClosure: 'Closure declined at this meeting: it is back in progress.' },
};

function proposedForClosure(a: Action, actor: Actor): boolean {
  return a.status === 'PROPOSED_FOR_CLOSURE' && mayGive(a, actor, 'close');
}

/** Ratifying a chair's action from its panel on the meeting card: the sign-off's own rule, naming this meeting. */
export const SIGNOFF_ON_MEETING: VerbTable<'signoff', SignOffCommand, ItemValues, Stored<Meeting> | undefined> = {
  verbs: {
    'meeting.ratify': {
      echo: { ratifyComment: NOTE },
      command: (v, _data, _context, meeting) => ({
        type: 'ratify',
        meeting: meetingName(meeting!.record),
        ...(v.ratifyComment!.trim() ? { comment: v.ratifyComment! } : {}),
      }),
    },
    'meeting.notRatify': {
      echo: { notRatifyReason: NOTE },
      command: (v, _data, _context, meeting) => ({ type: 'notRatify', meeting: meetingName(meeting!.record), reason: v.notRatifyReason! }),
    },
    // A paper routed "at a meeting": the board's decision, recorded by a chair (records/meetingPapers.ts).
    'meeting.decidePaper': {
      echo: { paperOutcome: 40, paperText: NOTE, paperDeferTo: 40 },
      command: (v, _data, _context, meeting) => ({
        type: 'decideAtMeeting',
        outcome: v.paperOutcome as PaperOutcome,
        meeting: meetingName(meeting!.record),
        meetingRef: meeting!.record.ref,
        ...(v.paperText!.trim() ? { text: v.paperText! } : {}),
        ...(v.paperOutcome === 'DEFERRED' ? { deferTo: v.paperDeferTo! } : {}),
      }),
      may: mayDecidePaper,
    },
  },
  changed: RATIFY_LINES,
  saved: {
    ratify: 'Ratified at this meeting.',
    notRatify: 'Recorded as not ratified at this meeting.',
    decideAtMeeting: "The board's decision is recorded on the paper.",
  },
};

/** How a ratification names the meeting, e.g. "Blackpool Place Partnership Board, 12 Nov 2026 (BPL-M-0001)". */
function meetingName(m: Meeting): string {
  return `${m.board}, ${formatDate(m.date)} (${m.ref})`;
}

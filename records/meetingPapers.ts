// Papers decided at a meeting: a sign-off routed "at a meeting" is on the meeting's agenda as a
// paper, and the chair records the board's decision on it there (Approved, Approved with
// conditions, Noted, Not approved, Deferred). Pure: who may record it, what it does to the
// sign-off, and the sentence the key messages say about it.
import { refuse, invalid, type Refusal } from './outcome.js';
import { isChairOrAdmin, toPerson, type Actor } from './people.js';
import { deferredTo, deferredToLabel } from './paperDeferral.js';
import { type MeetingOutcome, type PaperOutcome, type SignOff } from './signoff.js';
import { ending, midSentence, sentence, titleMidSentence } from './sentences.js';

export const PAPER_OUTCOME_LABELS: Record<PaperOutcome, string> = {
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  NOTED: 'Noted',
  REJECTED: 'Not approved',
  DEFERRED: 'Deferred',
};

/** The board's decision on a paper, as the meeting card sends it. */
export interface PaperDecision {
  outcome: PaperOutcome;
  /** How the meeting reads on the sign-off. */
  meeting: string;
  meetingRef: string;
  /** Conditions, the reason it was not approved or deferred, or a comment. */
  text?: string;
  /** Deferred: the month or meeting it is deferred to, as typed (records/paperDeferral.ts). */
  deferTo?: string;
}

/** A paper the meeting decides: open, routed "at a meeting". */
export function isOpenPaper(s: Pick<SignOff, 'route' | 'status'>): boolean {
  return s.route === 'meeting' && (s.status === 'PENDING' || s.status === 'INFO_REQUESTED');
}

/** Who may record the board's decision on a paper: a chair or admin of the paper's place, while it is open. */
export function mayDecidePaper(s: Pick<SignOff, 'route' | 'status'>, actor: Actor): boolean {
  return isOpenPaper(s) && isChairOrAdmin(actor);
}

/** What the meeting decided on this paper, if anything. */
export function outcomeAtMeeting(s: Pick<SignOff, 'atMeetings'>, meetingRef: string): MeetingOutcome | undefined {
  return s.atMeetings?.findLast((o) => o.meetingRef === meetingRef);
}

const NEEDS_TEXT: Partial<Record<PaperOutcome, [field: string, message: string]>> = {
  APPROVED_WITH_CONDITIONS: ['paperText', 'Record the conditions the board set.'],
  REJECTED: ['paperText', 'Say why the board did not approve it.'],
  DEFERRED: ['paperText', 'Say why it was deferred.'],
};

/** The board's decision recorded on the sign-off, under its own rule: "decided by <forum> at <meeting>, recorded by <chair>". */
export function decidePaper(
  s: SignOff,
  actor: Actor,
  d: PaperDecision,
  at: string,
): { ok: true; record: SignOff } | { ok: false; refusal: Refusal } {
  if (s.route !== 'meeting') return refuse('NOT_ALLOWED', `${s.ref} is not a paper for a meeting, so a meeting does not decide it.`);
  if (!d.meetingRef.startsWith(`${s.place}-`)) return refuse('NOT_ALLOWED', `${s.ref} is a paper of another place.`);
  if (!isChairOrAdmin(actor)) return refuse('WRONG_PERSON', `Only a chair or place admin can record the board's decision on ${s.ref}.`);
  if (outcomeAtMeeting(s, d.meetingRef)) return refuse('NOT_ALLOWED', `The decision on ${s.ref} at this meeting is already recorded.`);
  const need = NEEDS_TEXT[d.outcome];
  if (need && !d.text?.trim()) return invalid({ [need[0]]: need[1] });
  const deferral = d.outcome === 'DEFERRED' ? deferredTo(d.deferTo, s.place, d.meetingRef, at) : undefined;
  if (typeof deferral === 'object') return invalid(deferral);
  if ((s.atMeetings?.length ?? 0) >= 20) return refuse('NOT_ALLOWED', `${s.ref} has been deferred 20 times; withdraw it and ask again.`);
  const by = toPerson(actor);
  const entry: MeetingOutcome = {
    outcome: d.outcome,
    meeting: d.meeting,
    meetingRef: d.meetingRef,
    by,
    at,
    ...(d.text ? { text: d.text } : {}),
    ...(deferral ? { deferredTo: deferral } : {}),
  };
  const atMeetings = [...(s.atMeetings ?? []), entry];
  if (d.outcome === 'DEFERRED') return { ok: true, record: { ...s, atMeetings } };
  const comment = `Decided by ${d.meeting}, recorded by ${by.name}${d.outcome !== 'APPROVED_WITH_CONDITIONS' && d.text ? `: ${d.text}` : ''}`;
  return {
    ok: true,
    record: {
      ...s,
      atMeetings,
      status: d.outcome,
      decision: {
        outcome: d.outcome,
        by,
        at,
        comment: comment.slice(0, 2000),
        ...(d.outcome === 'APPROVED_WITH_CONDITIONS' ? { conditions: d.text! } : {}),
      },
    },
  };
}

/** A paper decided at a meeting, for its key messages. */
export interface PaperAtMeeting {
  ref: string;
  title: string;
  outcome: PaperOutcome;
  text?: string;
  /** Deferred: the month or meeting it was deferred to. */
  deferredTo?: string;
}

/** What the key messages say about a paper: "The Board noted the finance report (BPL-S-0003)." */
export function paperSentence(p: PaperAtMeeting): string {
  const what = `the ${titleMidSentence(p.title).replace(/^the\s+/i, '')} (${p.ref})`;
  const more = p.text?.trim() ? ` ${sentence(p.text)}` : '';
  switch (p.outcome) {
    case 'APPROVED':
      return `The Board approved ${what}.${more}`;
    case 'APPROVED_WITH_CONDITIONS':
      return `The Board approved ${what} with conditions: ${ending(midSentence(p.text ?? ''))}`;
    case 'NOTED':
      return `The Board noted ${what}.${more}`;
    case 'REJECTED':
      return `The Board did not approve ${what}.${more}`;
    case 'DEFERRED':
      return `The Board deferred ${what} to ${p.deferredTo ? deferredToLabel(p.deferredTo) : 'a later meeting'}.${more}`;
  }
}

// A paper deferred at a meeting: which month or meeting it is deferred to (asked on the meeting
// card with the "Deferred" decision), and the forward plan item that brings it back. Pure.
import { londonToday } from './dates.js';
import { monthLabel, parseDueText, type DueInput, type PlanCommand } from './forwardPlan.js';
import type { MeetingOutcome, SignOff } from './signoff.js';

/**
 * What a deferral stores as `deferredTo` ("2027-03", or a meeting ref of the same place other than
 * this one), or the message for the card's "Deferred to" box.
 */
export function deferredTo(typed: string | undefined, place: string, meetingRef: string, at: string): string | Record<string, string> {
  const problem = (m: string) => ({ paperDeferTo: m });
  const parsed = parseDueText(typed ?? '');
  if (!parsed.ok) return problem(`Say which meeting or month it is deferred to. ${parsed.problem}`);
  if ('meetingRef' in parsed) {
    if (!parsed.meetingRef.startsWith(`${place}-`)) return problem(`${parsed.meetingRef} is a meeting of another place.`);
    if (parsed.meetingRef === meetingRef) return problem('A paper is deferred to a later meeting, not this one.');
    return parsed.meetingRef;
  }
  const thisMonth = londonToday(new Date(at)).slice(0, 7);
  if (parsed.month < thisMonth)
    return problem(`${monthLabel(parsed.month)} is in the past: defer it to ${monthLabel(thisMonth)} or later.`);
  return parsed.month;
}

/** Where a paper was deferred to, mid-sentence: "its meeting in March 2027", "its meeting LAN-M-0005". */
export function deferredToLabel(to: string): string {
  return /^\d{4}-\d{2}$/.test(to) ? `its meeting in ${monthLabel(to)}` : `its meeting ${to}`;
}

/** The deferral the sign-off's latest meeting decision records, if it is one. */
export function latestDeferral(s: Pick<SignOff, 'atMeetings'>): (MeetingOutcome & { deferredTo: string }) | undefined {
  const last = s.atMeetings?.at(-1);
  return last?.outcome === 'DEFERRED' && last.deferredTo ? (last as MeetingOutcome & { deferredTo: string }) : undefined;
}

/** The forward plan item that brings a deferred paper back: owned by whoever asked for it, due where it was deferred to. */
export function deferredPaperItem(s: Pick<SignOff, 'ref' | 'title' | 'requestedBy'>, meetingRef: string, due: DueInput): PlanCommand {
  const text = `Receive the deferred paper “${s.title}” (${s.ref})`;
  return {
    type: 'addPlanItem',
    text: text.length > 300 ? `${text.slice(0, 280)}…” (${s.ref})` : text,
    owner: { id: s.requestedBy.id, name: s.requestedBy.name },
    due,
    deferred: { signOffRef: s.ref, meetingRef },
  };
}

// Each item on a meeting's agenda as the meeting card shows it: its record's state now (read once
// per item), what this meeting did to it, and what the person looking may do there.
import { type AgendaEntry } from '../../cards/meetingCards.js';
import { closureDeclinedAt, isOpen as isOpenAction, mayGive, STATUS_LABELS, type Action } from '../../records/action.js';
import { type Meeting } from '../../records/meeting.js';
import { type ClosedAtMeeting } from '../../records/keyMessagesDraft.js';
import { isChairOrAdmin, type Actor } from '../../records/people.js';
import { parseRef } from '../../records/refs.js';
import { SIGNOFF_STATUS_LABELS } from '../../records/signoff.js';
import { mayDecidePaper, outcomeAtMeeting, PAPER_OUTCOME_LABELS, type PaperAtMeeting } from '../../records/meetingPapers.js';
import type { RecordRepository } from '../ports.js';

/** Each agenda item with its record's current state, read once per item (point reads; the store keeps recent ones). */
export async function agendaEntries(
  records: Pick<RecordRepository, 'get'>,
  m: Meeting,
  actor: Actor,
  /** Whether the actor decides at this meeting (records/meetingDeciders.ts): the forum's chairs and the place's admins. */
  decides: boolean = isChairOrAdmin(actor),
): Promise<AgendaEntry[]> {
  const running = m.status === 'PREPARING' || m.status === 'HELD';
  return Promise.all(
    m.agenda.map(async (item): Promise<AgendaEntry> => {
      const kind = parseRef(item.ref)?.kind;
      if (kind === 'action') {
        const s = await records.get('action', item.ref);
        if (!s) return { item, state: 'No longer found.' };
        const outcome = outcomeAt(s.record, m);
        return {
          item,
          etag: s.etag,
          state: actionState(s.record, outcome),
          ...(outcome ? { atThisMeeting: outcome } : {}),
          canClose: running && s.record.status === 'PROPOSED_FOR_CLOSURE' && decides && mayGive(s.record, actor, 'close'),
          hasFeedback: !!s.record.feedback,
        };
      }
      if (kind === 'signoff') {
        const s = await records.get('signoff', item.ref);
        if (!s) return { item, state: 'No longer found.' };
        const r = s.record;
        const decided = outcomeAtMeeting(r, m.ref);
        if (decided) {
          const state = `${PAPER_OUTCOME_LABELS[decided.outcome]} at this meeting${decided.text ? `: ${decided.text}` : '.'}`;
          const paper = { outcome: decided.outcome, ...(decided.text ? { text: decided.text } : {}) };
          return { item, etag: s.etag, state, paper: { ...paper, ...(decided.deferredTo ? { deferredTo: decided.deferredTo } : {}) } };
        }
        const state = r.ratification
          ? `${SIGNOFF_STATUS_LABELS[r.status]} at ${r.ratification.meeting}.`
          : item.section === 'ratification' || r.status === 'PENDING'
            ? ''
            : `Now ${SIGNOFF_STATUS_LABELS[r.status].toLowerCase()}.`;
        return {
          item,
          etag: s.etag,
          state,
          canRatify: running && r.status === 'AWAITING_RATIFICATION' && decides,
          canDecidePaper: running && item.section === 'papers' && decides && mayDecidePaper(r, actor),
        };
      }
      return { item };
    }),
  );
}

/** An action closed, or its closure declined, at this meeting: the decision or the reason. */
function outcomeAt(a: Action, m: Meeting): AgendaEntry['atThisMeeting'] {
  if (a.status === 'CLOSED' && a.closure?.meetingRef === m.ref) return { outcome: 'closed', text: a.closure.decision };
  const declined = closureDeclinedAt(a, m.ref);
  return declined !== undefined ? { outcome: 'declined', text: declined } : undefined;
}

/** What has happened to an action on the agenda, as the meeting card says it. */
function actionState(a: Action, atThisMeeting: AgendaEntry['atThisMeeting']): string {
  if (atThisMeeting)
    return `${atThisMeeting.outcome === 'closed' ? 'Closed at this meeting' : 'Closure declined at this meeting'}: ${atThisMeeting.text}`;
  if (a.closure && a.status === 'CLOSED') return `Closed: ${a.closure.decision}`;
  if (!isOpenAction(a)) return `Now ${STATUS_LABELS[a.status].toLowerCase()}.`;
  return '';
}

/** The actions closed or declined at this meeting, for its key messages. */
export function closedAt(entries: AgendaEntry[]): ClosedAtMeeting[] {
  return entries.flatMap((e) =>
    e.atThisMeeting ? [{ ref: e.item.ref, outcome: e.atThisMeeting.outcome, description: e.item.title, text: e.atThisMeeting.text }] : [],
  );
}

/** The papers decided (or deferred) at this meeting, for its key messages. */
export function papersAt(entries: AgendaEntry[]): PaperAtMeeting[] {
  return entries.flatMap((e) => (e.paper ? [{ ref: e.item.ref, title: e.item.title, ...e.paper }] : []));
}

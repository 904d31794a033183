// How a cycle notice reads on `npm run digest`'s output and in the Functions log: one line each.
import type { CycleLine } from '../bot/cycle/cycleRun.js';
import { formatDate } from '../records/dates.js';
import type { CycleNoticeKind } from '../records/forumCycle.js';
import { PLACE_NAMES } from '../records/places.js';

const KIND_LABELS: Record<CycleNoticeKind, string> = {
  pack: 'board pack',
  agenda: 'agenda not prepared',
  draft: 'key messages not drafted',
  signoff: 'key messages await sign-off',
};

function outcomeWords(l: CycleLine): string {
  const verb = l.kind === 'pack' ? 'offered' : 'sent';
  switch (l.outcome) {
    case 'sent':
      return `${verb} (activity ${l.activityId ?? '?'})${l.reason ? `, but ${l.reason}` : ''}`;
    case 'already sent':
      return `already ${verb} (activity ${l.activityId ?? '?'})`;
    case 'never talked to the bot':
      return `not ${verb}: ${l.person} has never talked to the bot 1:1 (it goes once they do)`;
    case 'failed':
      return `failed, ${l.reason ?? 'unknown reason'}`;
    case 'in progress elsewhere':
      return 'being sent by another run';
  }
}

/** `Blackpool · Blackpool Place Partnership Board (Thu 10 Dec 2026) · board pack for Sam Patel: offered (activity …)` */
export function cycleLine(l: CycleLine): string {
  const meeting = `${formatDate(l.meetingDate)}${l.meetingRef ? `, ${l.meetingRef}` : ''}`;
  return `${PLACE_NAMES[l.place]} · ${l.forum} (${meeting}) · ${KIND_LABELS[l.kind]} for ${l.person}: ${outcomeWords(l)}`;
}

/** The same, for the Functions log. */
export function cycleLogLine(l: CycleLine): string {
  return `cycle ${l.place} ${l.kind} ${l.meetingDate} ${l.meetingRef ?? ''} ${l.person}: ${l.outcome}${l.reason ? ` (${l.reason})` : ''}`;
}

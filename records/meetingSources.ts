// Gathers what a meeting's draft agenda needs from the record store: the place's open actions,
// risks and sign-offs (index rows of open records, by key range) and its last meeting held (a
// forum's: that forum's own last meeting, by its forum index row).
// Never the history of closed records: the bench holds its cost flat from 1,000 to 100,000.
// A Lancashire locality forum's agenda holds that locality's items and the place-wide ones, by
// the same rule as a locality channel's lists (records/access.ts inLocalityView).
import type { Action } from './action.js';
import { inLocalityView } from './access.js';
import type { Forum } from './forum.js';
import { scheduledAgendaItems, withScheduled } from './forwardPlanAgenda.js';
import { londonToday } from './dates.js';
import { buildAgenda, type AgendaItem, type Meeting } from './meeting.js';
import type { ForumScope } from './forumScope.js';
import type { PlaceCode } from './places.js';
import type { Risk } from './risk.js';
import type { SignOff } from './signoff.js';

/** A record as a read gives it (the store's Stored has this and its ETag). */
type Read<T> = { record: T };

/** The record-store reads the agenda uses (RecordStore has them all). */
export interface AgendaReads {
  listByPlace(kind: 'action', place: PlaceCode, opts: { openOnly: true }): Promise<Read<Action>[]>;
  listByPlace(kind: 'risk', place: PlaceCode, opts: { openOnly: true }): Promise<Read<Risk>[]>;
  listByPlace(kind: 'signoff', place: PlaceCode, opts: { openOnly: true }): Promise<Read<SignOff>[]>;
  lastMeetingHeld(place: PlaceCode, today: string, of?: readonly string[]): Promise<Read<Meeting> | undefined>;
}

export async function gatherAgenda(
  reads: AgendaReads,
  place: PlaceCode,
  date: string,
  threshold: number,
  now: Date,
  /** The forum's scope (records/forumScope.ts): its locality's items since its own last meeting; none: the whole place since the place's last meeting. */
  scope: Partial<ForumScope> = {},
  /** The forum, whose forward plan gives the scheduled items (records/forwardPlanAgenda.ts). */
  forum?: Pick<Forum, 'forwardPlan'>,
): Promise<AgendaItem[]> {
  const { locality, meetingsOf } = scope;
  const [actions, risks, signOffs, lastMeeting] = await Promise.all([
    reads.listByPlace('action', place, { openOnly: true }),
    reads.listByPlace('risk', place, { openOnly: true }),
    reads.listByPlace('signoff', place, { openOnly: true }),
    reads.lastMeetingHeld(place, londonToday(now), meetingsOf),
  ]);
  const last = lastMeeting?.record.date;
  const agenda = buildAgenda(
    date,
    {
      actions: actions.map((s) => s.record).filter((a) => inLocalityView(a, locality)),
      risks: risks.map((s) => s.record).filter((r) => inLocalityView(r, locality)),
      signOffs: signOffs.map((s) => s.record),
      threshold,
      ...(last ? { lastMeetingDate: last } : {}),
    },
    now,
  );
  return withScheduled(agenda, scheduledAgendaItems(forum, date));
}

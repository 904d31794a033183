// A place's board pack source from the store (records/pack/source.ts packSourceFrom reads it page
// by page when a file is written). Decided here: the board's name, and what follows from the
// place's last meeting held (the store's): its key decisions and matters open the pack, and
// "sign-offs decided since the last meeting" counts from the start of its day, as do the action
// log's closures (records/pack/source.ts); a place that has held none in the bot counts the last
// 35 days for sign-offs (boards meet about monthly) and 90 for closures.
import { londonStartOf } from '../records/dates.js';
import type { Meeting } from '../records/meeting.js';
import type { PackRecordReader } from '../records/pack/source.js';
import { packSourceFrom } from '../records/pack/source.js';
import type { PackSource } from '../records/pack/packFiles.js';
import type { MeetingPack } from '../records/pack/meetingPack.js';
import type { Person } from '../records/people.js';
import type { PlaceSettings } from '../records/placeSettings.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';

export const DECIDED_WINDOW_DAYS = 35;

export function packSourceOf(
  reader: PackRecordReader,
  place: PlaceCode,
  settings: PlaceSettings | undefined,
  madeBy: Person,
  now: Date,
  last?: Meeting,
  /** The pack for a meeting (functions/meetingPackSource.ts); `last` is then its forum's previous meeting. */
  meeting?: MeetingPack,
): PackSource {
  return packSourceFrom(reader, {
    place,
    board: meeting?.forum ?? `${settings?.displayName ?? PLACE_NAMES[place]} Place Partnership Board`,
    madeAt: now,
    madeBy: { id: madeBy.id, name: madeBy.name },
    decidedSince: last ? londonStartOf(last.date) : new Date(now.getTime() - DECIDED_WINDOW_DAYS * 86_400_000),
    ...(settings ? { escalationThreshold: settings.escalationThreshold, marking: settings.marking } : {}),
    ...(meeting ? { meeting } : {}),
    ...(last
      ? { lastMeeting: { ref: last.ref, board: last.board, date: last.date, decisions: last.decisions, matters: last.matters } }
      : {}),
  });
}

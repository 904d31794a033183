// A place's board pack source from the store (records/pack/source.ts packSourceFrom reads it page
// by page when a file is written). Decided here: the board's name, and that "since the last
// meeting" means the last 35 days (boards meet about monthly; meetings are not yet records).
import type { PackRecordReader } from '../records/pack/source.js';
import { packSourceFrom } from '../records/pack/source.js';
import type { PackSource } from '../records/pack/packFiles.js';
import type { Person } from '../records/people.js';
import type { PlaceSettings } from '../records/placeSettings.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';

export const DECIDED_WINDOW_DAYS = 35;

export function packSourceOf(reader: PackRecordReader, place: PlaceCode, settings: PlaceSettings | undefined, madeBy: Person, now: Date): PackSource {
  return packSourceFrom(reader, {
    place,
    board: `${settings?.displayName ?? PLACE_NAMES[place]} Place Partnership Board`,
    madeAt: now,
    madeBy: { id: madeBy.id, name: madeBy.name },
    decidedSince: new Date(now.getTime() - DECIDED_WINDOW_DAYS * 86_400_000),
    ...(settings ? { escalationThreshold: settings.escalationThreshold } : {}),
  });
}

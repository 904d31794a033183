// A place's board pack source (records/pack/packFiles.ts PackSource) from the store: what the
// files are made of, read when a file is written. The board's name and the window for "decided
// since the last meeting" are decided here.
import type { Action } from '../records/action.js';
import type { Person } from '../records/people.js';
import type { PackSource } from '../records/pack/packFiles.js';
import type { PlaceSettings } from '../records/placeSettings.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { Risk } from '../records/risk.js';
import type { SignOff } from '../records/signoff.js';
import type { Stored } from '../records/store/entity.js';
import type { RecordStore } from '../records/store/recordStore.js';

/** Boards meet about monthly: "decided since the last meeting" is the last 35 days. */
export const DECIDED_WINDOW_DAYS = 35;

async function* records<T>(read: () => Promise<Stored<T>[]>): AsyncIterable<T> {
  for (const s of await read()) yield s.record;
}

export function packSourceOf(store: RecordStore, place: PlaceCode, settings: PlaceSettings | undefined, madeBy: Person, now: Date): PackSource {
  const since = new Date(now.getTime() - DECIDED_WINDOW_DAYS * 86_400_000).toISOString();
  return {
    place,
    board: `${settings?.displayName ?? PLACE_NAMES[place]} Place Partnership Board`,
    madeAt: now.toISOString(),
    madeBy: { id: madeBy.id, name: madeBy.name },
    escalationThreshold: settings?.escalationThreshold,
    actions: () => records<Action>(() => store.listByPlace('action', place)),
    risks: () => records<Risk>(() => store.listByPlace('risk', place, { openOnly: true })),
    signOffsDecidedSince: async function* () {
      for await (const s of records<SignOff>(() => store.listByPlace('signoff', place))) if (s.decision && s.decision.at >= since) yield s;
    },
    awaitingRatification: () => records<SignOff>(() => store.listSignOffsAwaitingRatification([place])),
  };
}

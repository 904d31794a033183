// A card verb that names a second record (the host card it was clicked on, e.g. closing an action
// "at" meeting BPL-M-0001): whether the speaker may use that second record, and whether the two
// belong together. The host is never taken from card data alone: it is the record this rule
// accepted. Pure: the caller reads the host and says who is looking.
import { maySeePlace, type Viewer } from './access.js';
import type { PlaceCode } from './places.js';
import { parseRef } from './refs.js';

/** The host as stored: its ref, its place and the refs it holds (a meeting's agenda). */
export interface HostRecord {
  ref: string;
  place: PlaceCode;
  items: readonly string[];
}

/**
 * `ok`: the item may be changed "at" this host. Otherwise the card is out of date (or forged); the
 * caller answers "out of date" and shows nothing of the host.
 */
export type HostCheck = { ok: true } | { ok: false; reason: 'no-host' | 'not-visible' | 'other-place' | 'not-on-host' | 'not-this-host' };

/**
 * `named`: the host ref the card carries; `host`: what is stored under it (undefined: none);
 * `itemRef`: the record the verb changes. The item must be on the host, of the host's place, the
 * host's canonical ref must be the one named, and the viewer must be allowed to see its place.
 */
export function hostFor(viewer: Viewer, named: string, host: HostRecord | undefined, itemRef: string): HostCheck {
  if (!host) return { ok: false, reason: 'no-host' };
  if (host.ref !== named) return { ok: false, reason: 'not-this-host' };
  if (!maySeePlace(viewer, host.place)) return { ok: false, reason: 'not-visible' };
  const item = parseRef(itemRef);
  if (!item || item.place !== host.place) return { ok: false, reason: 'other-place' };
  if (!host.items.includes(itemRef)) return { ok: false, reason: 'not-on-host' };
  return { ok: true };
}

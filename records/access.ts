// Who may see which places' records: one rule, used by every read (a ref, a list, a register,
// a digest preview, search, a file). Pure: the caller says who is looking; this says where.
import { PLACE_CODES, type Locality, type PlaceCode } from './places.js';

/** The person looking, as the edge knows them. */
export interface Viewer {
  id: string;
  /** A guest of the tenant (Teams `userRole: guest`) or a user of another tenant. */
  guest: boolean;
  /** For a guest: the places whose linked channel they were added to. */
  guestOfPlaces?: readonly PlaceCode[];
}

/** Members of the ICB tenant see every place; a guest only the places whose channel they are in. */
export function placesVisibleTo(viewer: Viewer): PlaceCode[] {
  if (!viewer.guest) return [...PLACE_CODES];
  const allowed = new Set(viewer.guestOfPlaces ?? []);
  return PLACE_CODES.filter((place) => allowed.has(place));
}

export function maySeePlace(viewer: Viewer, place: PlaceCode): boolean {
  return placesVisibleTo(viewer).includes(place);
}

/**
 * Where the viewer may record (log an action, raise a risk, request a sign-off, prepare a
 * meeting): where they may read. A guest records only in the places whose channel they are in.
 */
export function mayRecordIn(viewer: Viewer, place: PlaceCode): boolean {
  return maySeePlace(viewer, place);
}

/** The records of a list the viewer may see, in the list's order: a guest's lists hold only their places. */
export function visibleTo<T extends { record: { place: PlaceCode } }>(viewer: Viewer, list: readonly T[]): T[] {
  const places = new Set(placesVisibleTo(viewer));
  return list.filter((item) => places.has(item.record.place));
}

/**
 * What a Lancashire locality's channel shows: that locality's records and the place-wide ones (no
 * locality), never another locality's. With no locality (a place's own channel), everything.
 */
export function inLocalityView(record: { locality?: Locality | undefined }, locality: Locality | undefined): boolean {
  return !locality || !record.locality || record.locality === locality;
}

/** What Teams says of a person (its member record: `userRole`, `tenantId`). */
export interface MemberFacts {
  userRole?: string;
  tenantId?: string;
}

/**
 * A guest: Teams calls them a guest (or an anonymous meeting user), or their home tenant is not
 * one of ours (`ownTenants`, ALLOWED_TENANT_IDS; with none configured, the tenant says nothing).
 */
export function isGuest(facts: MemberFacts, ownTenants: readonly string[]): boolean {
  const role = facts.userRole?.toLowerCase();
  if (role === 'guest' || role === 'anonymous') return true;
  if (ownTenants.length === 0 || !facts.tenantId) return false;
  const tenant = facts.tenantId.toLowerCase();
  return !ownTenants.some((t) => t.toLowerCase() === tenant);
}

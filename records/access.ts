// Who may see which places' records: one rule, used by every read (a ref, a list, a register,
// a digest preview, search, a file). Pure: the caller says who is looking; this says where.
import { PLACE_CODES, type PlaceCode } from './places.js';

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

// Each place's own workstreams and priority wards, as its partnership names them (seed 004), that
// an action may be tagged with. Pure data and one check: a tag from another place is refused.
import { PLACE_NAMES, type PlaceCode } from './places.js';

/** Workstreams a place's partnership has agreed (South Cumbria's three interim priority workstreams). */
export const PLACE_WORKSTREAMS: Record<PlaceCode, readonly string[]> = {
  BPL: [],
  BWD: [],
  LAN: [],
  SC: ['Thriving Healthy Communities', 'Enhanced Care at Home', 'Workforce'],
};

/**
 * Priority wards as the seed names them. Blackburn with Darwen works across 11 priority wards but
 * the seed names only these three; the rest are added when the place gives them, not guessed.
 */
export const PRIORITY_WARDS: Record<PlaceCode, readonly string[]> = {
  BPL: ['Bloomfield', 'Claremont', 'Talbot', 'Tyldesley', 'Park'],
  BWD: ['Little Harwood and Whitebirk', 'Blackburn Central', 'Darwen East'],
  LAN: [],
  SC: ['Central (Barrow-in-Furness)', 'Hindpool'],
};

export interface PlaceTags {
  workstream?: string;
  ward?: string;
}

/** Which place names this tag (the first, in place order), for a clear refusal. */
function placeNaming(list: Record<PlaceCode, readonly string[]>, tag: string): PlaceCode | undefined {
  return (Object.keys(list) as PlaceCode[]).find((p) => list[p].includes(tag));
}

/** A message per field for a workstream or ward that is not the place's own. */
export function placeTagProblems(place: PlaceCode, tags: PlaceTags): Partial<Record<keyof PlaceTags, string>> {
  const problems: Partial<Record<keyof PlaceTags, string>> = {};
  const check = (field: keyof PlaceTags, list: Record<PlaceCode, readonly string[]>, noun: string) => {
    const tag = tags[field];
    if (tag === undefined || list[place].includes(tag)) return;
    const owner = placeNaming(list, tag);
    problems[field] = owner
      ? `${tag} is a ${PLACE_NAMES[owner]} ${noun}, not ${PLACE_NAMES[place]}’s.`
      : `Choose one of ${PLACE_NAMES[place]}’s ${noun}s${list[place].length ? '' : ' (it has none listed)'}.`;
  };
  check('workstream', PLACE_WORKSTREAMS, 'workstream');
  check('ward', PRIORITY_WARDS, 'priority ward');
  return problems;
}

/** The choices a form offers, each titled with its place so one list serves every place. */
export function placeTagChoices(list: 'workstream' | 'ward', places: readonly PlaceCode[]): { title: string; value: string }[] {
  const source = list === 'workstream' ? PLACE_WORKSTREAMS : PRIORITY_WARDS;
  return places.flatMap((p) => source[p].map((tag) => ({ title: `${PLACE_NAMES[p]} · ${tag}`, value: tag })));
}

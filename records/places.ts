// The four place-based partnerships of Lancashire and South Cumbria, and the shared
// reference lists that records link to. Pure data: no I/O.
import { z } from 'zod';

export const PLACE_CODES = ['BPL', 'BWD', 'LAN', 'SC'] as const;
export const placeCodeSchema = z.enum(PLACE_CODES);
export type PlaceCode = z.infer<typeof placeCodeSchema>;

export const PLACE_NAMES: Record<PlaceCode, string> = {
  BPL: 'Blackpool',
  BWD: 'Blackburn with Darwen',
  LAN: 'Lancashire',
  SC: 'South Cumbria',
};

/** Only Lancashire place is split into localities. */
export const LANCASHIRE_LOCALITIES = ['Central', 'North', 'East'] as const;
export const localitySchema = z.enum(LANCASHIRE_LOCALITIES);
export type Locality = z.infer<typeof localitySchema>;

/** The five common place priorities agreed for 2023/24 (ICB Board, 8 Nov 2023). */
export const PLACE_PRIORITIES = {
  POP_HEALTH: 'Population health and inequalities',
  PRIMARY_CARE: 'Primary care and integrated neighbourhood teams',
  BCF: 'Better Care Fund and section 75/256 agreements',
  COMMUNITY: 'Community services',
  CHC: 'Continuing health care',
} as const;
export type PlacePriority = keyof typeof PLACE_PRIORITIES;
export const placePrioritySchema = z.enum(Object.keys(PLACE_PRIORITIES) as [PlacePriority, ...PlacePriority[]]);

/** ICB strategic objectives SO1–SO6. */
export const STRATEGIC_OBJECTIVES = {
  SO1: 'Improve quality, including safety, clinical outcomes and patient experience',
  SO2: 'Equalise opportunities and clinical outcomes across the area',
  SO3: 'Make working in Lancashire and South Cumbria an attractive option',
  SO4: 'Meet financial targets and deliver improved productivity',
  SO5: 'Meet national and local performance standards and targets',
  SO6: 'Develop and implement ambitious, deliverable strategies',
} as const;
export type StrategicObjective = keyof typeof STRATEGIC_OBJECTIVES;
export const strategicObjectiveSchema = z.enum(Object.keys(STRATEGIC_OBJECTIVES) as [StrategicObjective, ...StrategicObjective[]]);

/** Life-course priorities from the people and communities strategy. */
export const LIFE_COURSE = ['Starting well', 'Living well', 'Working well', 'Ageing well', 'Dying well'] as const;
export const lifeCourseSchema = z.enum(LIFE_COURSE);

/** A place from what a person typed: its code ("BPL") or name ("Blackpool", "blackburn with darwen"); undefined if none matches. */
export function placeFromText(text: string): PlaceCode | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return undefined;
  return PLACE_CODES.find(
    (code) => code.toLowerCase() === t || PLACE_NAMES[code].toLowerCase() === t || (code === 'BWD' && t === 'blackburn'),
  );
}

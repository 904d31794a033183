// Human references per place and kind: BPL-A-0042, SC-R-0007, LAN-S-0003.
import { KIND_LETTER, KIND_LETTER_CLASS, kindOfLetter, type RecordKind } from './kinds.js';
import { PLACE_CODES, type PlaceCode } from './places.js';

export function formatRef(place: PlaceCode, kind: RecordKind, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`A ref number must be a positive integer, got ${n}`);
  return `${place}-${KIND_LETTER[kind]}-${String(n).padStart(4, '0')}`;
}

/** The highest ref number a place can reach: far beyond any real log, and exact as a number. */
export const MAX_REF_NUMBER = 99_999_999;

// Derived from the kinds' letters, so a new kind's refs parse without touching this file.
const REF_PATTERN = new RegExp(`^(${PLACE_CODES.join('|')})-(${KIND_LETTER_CLASS})-(\\d{4,})$`);

/**
 * A ref as typed or carried on a card, or undefined when it cannot name a record: an unknown
 * place or kind, number 0, or a number beyond MAX_REF_NUMBER (`BPL-A-` and 309 nines).
 */
export function parseRef(ref: string): { place: PlaceCode; kind: RecordKind; n: number } | undefined {
  const m = REF_PATTERN.exec(ref.trim().toUpperCase());
  if (!m) return undefined;
  const digits = m[3]!.replace(/^0+/, '');
  if (digits.length === 0 || digits.length > String(MAX_REF_NUMBER).length) return undefined;
  const n = Number(digits);
  if (n > MAX_REF_NUMBER) return undefined;
  const kind = kindOfLetter(m[2]!)!;
  return { place: m[1] as PlaceCode, kind, n };
}

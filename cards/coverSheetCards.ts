// The cover sheet on the sign-off request form and card: its inputs, their choices, and the
// labelled lines the card shows in the order the board reads them. Pure.
import { COVER_PURPOSES, coverInputId, coverLines, type CoverSheet } from '../records/coverSheet.js';
import { PLACE_PRIORITIES } from '../records/places.js';
import { plain } from './text.js';

/** The form's cover-sheet input ids, in the order they are shown. */
export const COVER_INPUTS = [
  coverInputId('purpose'),
  coverInputId('recommendations'),
  coverInputId('author'),
  coverInputId('sponsor'),
  coverInputId('previously'),
  coverInputId('finance'),
  coverInputId('quality'),
  coverInputId('equality'),
  coverInputId('risk'),
  coverInputId('riskRef'),
  coverInputId('priority'),
] as const;

/** The choices the form's cover-sheet pickers offer. */
export function coverFormChoices() {
  return {
    purposes: Object.entries(COVER_PURPOSES).map(([value, title]) => ({ title, value })),
    priorities: Object.entries(PLACE_PRIORITIES).map(([value, title]) => ({ title, value })),
  };
}

/** What the card shows of the cover sheet: a heading and its lines, or nothing when there is none. */
export function coverCardData(cover: CoverSheet | undefined) {
  if (!cover) return { coverHeading: '', cover: [] };
  // The card shows enough to decide; the record and the pack keep it all.
  const clip = (t: string) => {
    const p = plain(t).trim();
    return p.length <= 600 ? p : `${p.slice(0, 599).trimEnd()}…`;
  };
  return { coverHeading: 'Cover sheet', cover: coverLines(cover).map((l) => ({ title: l.title, value: clip(l.value) })) };
}

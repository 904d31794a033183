// Cards for search: the results card (`find`), with a box to search again, and the preview of
// one result in the search message extension.
import { PLACE_NAMES } from '../records/places.js';
import type { AnyRecord } from '../records/recordTypes.js';
import type { Tier } from '../records/search.js';
import type { Notice } from './commonCards.js';
import { recordLine, VIEW_VERB } from './kindCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { truncate } from './text.js';

/** A card stays under Teams' 40 KB with room to spare; results that do not fit are counted in "N more". */
export const SEARCH_CARD_BYTES = 38 * 1024;

const WHY: Record<Tier | 'ref', string> = {
  ref: 'Its reference, as typed.',
  '1': 'In its title.',
  '2': 'In a name or tag (owner, requester, approver, place priority).',
  '3': 'In its details, updates or notes.',
};

/** What a result shows, whatever its kind. */
export interface ResultLine {
  ref: string;
  kind: string;
  place: string;
  status: string;
  title: string;
  who: string;
  why: string;
  verb: string;
}

export function resultLine(record: AnyRecord, match: Tier | 'ref'): ResultLine {
  return { ref: record.ref, place: PLACE_NAMES[record.place], why: WHY[match], verb: VIEW_VERB[record.kind], ...recordLine(record) };
}

export interface SearchCardInput {
  /** What was searched for, kept in the box. */
  query: string;
  results: Array<{ record: AnyRecord; match: Tier | 'ref' }>;
  /** Matches not listed; at least this many when `moreAtLeast`. */
  more?: number;
  moreAtLeast?: boolean;
  /** A problem with the query, storage news, or what was left out of a long query. */
  notice?: Notice;
  /** False when nothing was searched (a problem with the query): no "nothing found" line. */
  searched?: boolean;
}

const n = (x: number) => x.toLocaleString('en-GB');

/**
 * The results card: each result opens its own card (the kind's view verb). As many as fit under
 * SEARCH_CARD_BYTES are listed; the rest are counted in the "N more" line.
 */
export function searchResultsCard(input: SearchCardInput): AdaptiveCardJson {
  const lines = input.results.map((r) => resultLine(r.record, r.match));
  let shown = lines.length;
  for (;;) {
    const card = draw(input, lines.slice(0, shown), lines.length - shown);
    if (shown === 0 || Buffer.byteLength(JSON.stringify(card)) <= SEARCH_CARD_BYTES) return card;
    shown--;
  }
}

function draw(input: SearchCardInput, lines: ResultLine[], leftOut: number): AdaptiveCardJson {
  const searched = input.searched ?? true;
  const more = (input.more ?? 0) + leftOut;
  const quoted = `“${truncate(input.query, 80)}”`;
  const summary = !searched ? '' : lines.length ? `${n(lines.length)} found for ${quoted}, best first` : `Nothing found for ${quoted}.`;
  const moreLine =
    more > 0
      ? `${input.moreAtLeast ? 'At least ' : ''}${n(more)} more ${more === 1 && !input.moreAtLeast ? 'match' : 'matches'} not listed: add a word, a place (e.g. Blackpool), a kind (actions, risks, sign-offs) or “open” to narrow the search.`
      : '';
  const first = lines.slice(0, 3).map((l) => `${l.ref}, ${l.title}, ${l.kind.toLowerCase()}, ${l.status.toLowerCase()}`);
  const speak = [
    'Find.',
    input.notice?.text ?? '',
    summary && !summary.endsWith('.') ? `${summary}.` : summary,
    first.length ? `${first.join('. ')}.` : '',
    more > 0 ? `${input.moreAtLeast ? 'At least ' : ''}${n(more)} more not listed.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return renderCard('searchResults', {
    speak,
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    query: input.query,
    summary,
    items: lines,
    more: moreLine,
  });
}

/** The preview of one result in the search message extension (a thumbnail card): choosing it asks for the record's card. */
export function resultPreview(
  record: AnyRecord,
  match: Tier | 'ref',
): { title: string; text: string; tap: { type: 'invoke'; value: { ref: string } } } {
  const l = resultLine(record, match);
  return {
    title: `${l.ref} · ${l.title}`,
    text: `${l.kind} · ${l.place} · ${l.status} · ${l.who}`,
    tap: { type: 'invoke', value: { ref: l.ref } },
  };
}

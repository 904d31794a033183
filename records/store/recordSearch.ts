// Search over a place's records: a ref typed in the query, then the word index (wordIndex.ts),
// then point reads of only the records shown, each checked against the query again.
import type { TableClient } from '@azure/data-tables';
import type { RecordKind } from '../kinds.js';
import type { PlaceCode } from '../places.js';
import type { RecordOf } from '../recordTypes.js';
import { parseRef } from '../refs.js';
import { matchTier, type SearchQuery } from '../search.js';
import { type SearchResults } from '../searchRanking.js';
import type { Stored } from '../stored.js';
import { WordIndex } from './wordIndex.js';

type Get = <K extends RecordKind>(kind: K, ref: string) => Promise<Stored<RecordOf<K>> | undefined>;

/**
 * Records matching a query in the given places (records/access.ts decides which: the caller
 * passes `placesVisibleTo(viewer)`), best first: a ref typed in the query (1 point read), then
 * the word index (wordIndex.ts: its words' ranges in pages, intersected and ranked, stopping once
 * `limit` matches are final), then point reads of only the records shown, each checked against
 * the query again (the index may be a moment behind a record changed meanwhile).
 */
export async function searchRecords(
  client: TableClient,
  get: Get,
  query: SearchQuery,
  places: readonly PlaceCode[],
  opts: { limit: number; deadline?: number },
): Promise<SearchResults<Stored<RecordOf<RecordKind>>>> {
  const where = places.filter((p) => !query.place || p === query.place);
  const found: SearchResults<Stored<RecordOf<RecordKind>>>['found'] = [];
  const typed = query.ref ? parseRef(query.ref) : undefined;
  if (typed && places.includes(typed.place)) {
    const stored = await get(typed.kind, query.ref!);
    if (stored) found.push({ stored, match: 'ref' });
  }
  if (!query.terms.length && !query.prefix) return { found, more: 0, moreAtLeast: false, moreCompletions: false, indexRowsRead: 0 };
  const index = await new WordIndex(client).search(query, where, {
    limit: opts.limit,
    ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}),
  });
  const candidates = index.ranked.filter((c) => c.ref !== found[0]?.stored.record.ref);
  let dropped = 0;
  let next = 0;
  while (found.length < opts.limit && next < candidates.length) {
    const batch = candidates.slice(next, next + (opts.limit - found.length));
    next += batch.length;
    const read = await Promise.all(batch.map((c) => get(parseRef(c.ref)!.kind, c.ref)));
    for (const stored of read) {
      const tier = stored ? matchTier(stored.record, query) : undefined;
      if (stored && tier) found.push({ stored, match: tier });
      else dropped++;
    }
  }
  const shownFromIndex = found.filter((f) => f.match !== 'ref').length;
  return {
    found,
    more: Math.max(
      0,
      index.matched -
        dropped -
        shownFromIndex -
        (found[0]?.match === 'ref' && index.ranked.some((c) => c.ref === found[0]!.stored.record.ref) ? 1 : 0),
    ),
    moreAtLeast: !index.exhausted,
    moreCompletions: index.moreCompletions,
    indexRowsRead: index.rowsRead,
  };
}

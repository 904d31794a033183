// The word index in Table Storage: one small row per (record, word), in the record's place
// partition, written in the same entity-group transaction as the record (records/search.ts says
// which words and tiers):
//
//   wrd|<word>|<tier>|<inverted creation time>|<ref>      { ref }
//
// A word's rows sort best first (title, then people and tags, then body; newest first), so a
// query reads the first page of each of its words' ranges and usually stops there. A change
// writes only the rows that differ: a status change (closing, deciding) touches none. "open"
// filters with each place's open-records index (codecs.ts `open` rows: the live work, not the history).
import { odata, type TableClient } from '@azure/data-tables';
import type { PlaceCode } from '../places.js';
import { parseRef } from '../refs.js';
import { indexTerms, MAX_COMPLETIONS, rankKey, searchDocument, type SearchQuery } from '../search.js';
import { RankedIntersection, type IndexHit, type ListId } from '../searchRanking.js';
import type { BaseRecord } from './codecs.js';
import { ROW } from './entity.js';
import { toStoreError } from './errors.js';
import { KIND_LETTER } from '../kinds.js';
import type { RecordKind } from '../audit.js';

/** What one entity-group transaction may hold (Azure Table Storage). */
export const TRANSACTION_LIMIT = 100;

export type WordRow = { partitionKey: string; rowKey: string; ref: string };

const PREFIX = 'wrd|';
/** `|` sorts after a–z and 0–9, `}` after `|`: a word's own rows are [wrd|w|, wrd|w}). */
const wordRange = (word: string) => ({ from: `${PREFIX}${word}|`, to: `${PREFIX}${word}}` });
/** Every word that starts with `p` (and p itself): [wrd|p, wrd|p}). */
const prefixRange = (p: string) => ({ from: `${PREFIX}${p}`, to: `${PREFIX}${p}}` });

/** The word rows of a record as it is now, best words first, at most `max`. */
export function wordRows(record: BaseRecord, max?: number): WordRow[] {
  const doc = searchDocument(record as Parameters<typeof searchDocument>[0]);
  return indexTerms(doc)
    .slice(0, max)
    .map(({ term, tier }) => ({
      partitionKey: record.place,
      rowKey: `${PREFIX}${term}|${rankKey(tier, doc.created, doc.ref)}`,
      ref: doc.ref,
    }));
}

/**
 * What a change does to a record's word rows: rows for new words (or a word that moved tier)
 * written, rows for words it no longer has deleted; none when its text is unchanged.
 * At most `room` of them, so the write stays one transaction: new rows first (best words first),
 * then deletions. Any left out are harmless: a search checks every record it shows against the
 * record itself, and the next change or the backfill writes them.
 */
export function wordRowChanges(before: BaseRecord, after: BaseRecord, room: number): { upserts: WordRow[]; deletes: WordRow[] } {
  const was = wordRows(before);
  const now = wordRows(after);
  const wasKeys = new Set(was.map((r) => r.rowKey));
  const nowKeys = new Set(now.map((r) => r.rowKey));
  const upserts = now.filter((r) => !wasKeys.has(r.rowKey));
  const deletes = was.filter((r) => !nowKeys.has(r.rowKey));
  const fit = Math.max(0, room);
  const keptUpserts = upserts.slice(0, fit);
  return { upserts: keptUpserts, deletes: deletes.slice(0, Math.max(0, fit - keptUpserts.length)) };
}

/** How a search read the index: for the card ("N more") and the bench. */
export interface IndexSearch {
  /** Matches, best first: final ones only, unless the read was cut short (`complete` false). */
  ranked: Array<{ ref: string; place: PlaceCode; key: string }>;
  /** Records known to match so far (all of them when `exhausted`). */
  matched: number;
  /** Every range was read to its end: `matched` is the total. */
  exhausted: boolean;
  /** Whether the ranking is final (false when the read was cut short by its bounds). */
  complete: boolean;
  /** The last word had more completions than MAX_COMPLETIONS in some place. */
  moreCompletions: boolean;
  rowsRead: number;
}

export interface IndexSearchOptions {
  /** Stop once this many matches are final. */
  limit: number;
  /** The first page of each range; later pages double, up to 1,000 (the service's maximum). */
  firstPage?: number;
  /** Stop reading after this many rows in all (a word in every record), or after this long. */
  maxRows?: number;
  deadline?: number;
}

/** Reads the word index for a query: its words' ranges in pages, intersected and ranked (records/search.ts). */
export class WordIndex {
  constructor(private readonly client: TableClient) {}

  async search(query: SearchQuery, places: readonly PlaceCode[], opts: IndexSearchOptions): Promise<IndexSearch> {
    const termCount = query.terms.length + (query.prefix ? 1 : 0);
    const merge = new RankedIntersection(termCount, places);
    let moreCompletions = false;
    const lists: ListId[] = [];
    await Promise.all(
      places.map(async (place) => {
        query.terms.forEach((word, term) => lists.push({ place, term, word }));
        if (query.prefix) {
          const { words, more } = await this.completions(place, query.prefix);
          moreCompletions ||= more;
          // And the shorter words a half-typed last word may be on its way to (records/search.ts suffixRoots).
          const roots = (query.prefixRoots ?? []).filter((r) => !words.includes(r));
          for (const word of [...words, ...roots]) lists.push({ place, term: query.terms.length, word });
        }
      }),
    );
    for (const list of lists) merge.open(list);
    // "open": the live records of each place, from its open-records index (a range as long as the live work).
    const live = query.openOnly ? await this.openRefs(places, query.kind) : undefined;
    const after = new Map<ListId, string>();
    let rowsRead = 0;
    let page = opts.firstPage ?? 50;
    const maxRows = opts.maxRows ?? 20_000;
    let cut = false;
    for (;;) {
      const pending = merge.pending();
      if (!pending.length) break;
      await Promise.all(
        pending.map(async (list) => {
          const { rows, done } = await this.page(list, after.get(list), page);
          rowsRead += rows.length;
          const last = rows.at(-1);
          if (last) after.set(list, last.rowKey);
          const hits: IndexHit[] = rows
            .filter((r) => keep(r, query, live))
            .map((r) => ({ ref: r.ref, key: r.rowKey.slice(PREFIX.length + list.word.length + 1) }));
          merge.add(list, hits, last ? last.rowKey.slice(PREFIX.length + list.word.length + 1) : undefined, done);
        }),
      );
      if (merge.settled().length >= opts.limit) break;
      if (rowsRead >= maxRows || (opts.deadline !== undefined && Date.now() > opts.deadline)) {
        cut = !merge.exhausted();
        break;
      }
      page = Math.min(1000, page * 2);
    }
    const exhausted = merge.exhausted();
    const complete = !cut;
    return {
      ranked: complete && !exhausted ? merge.settled() : merge.matches(),
      matched: merge.matches().length,
      exhausted,
      complete,
      moreCompletions,
      rowsRead,
    };
  }

  /** Refs of the live records of these places (of one kind, or all): the store's `open` index rows. */
  private async openRefs(places: readonly PlaceCode[], kind: RecordKind | undefined): Promise<Set<string>> {
    const letters = kind ? [KIND_LETTER[kind]] : Object.values(KIND_LETTER);
    const refs = new Set<string>();
    await Promise.all(
      places.flatMap((place) =>
        letters.map(async (letter) => {
          const { from, to } = ROW.indexRange(letter, 'open', { eq: '' });
          try {
            const filter = odata`PartitionKey eq ${place} and RowKey ge ${from} and RowKey lt ${to}`;
            for await (const e of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['ref'] } }))
              refs.add(String(e.ref));
          } catch (err) {
            throw toStoreError(err, 'search');
          }
        }),
      ),
    );
    return refs;
  }

  /** The index words in a place that start with `prefix`, in key order: one 1-row query per word found. */
  private async completions(place: PlaceCode, prefix: string): Promise<{ words: string[]; more: boolean }> {
    const { from, to } = prefixRange(prefix);
    const words: string[] = [];
    let lower = from;
    while (words.length <= MAX_COMPLETIONS) {
      const first = await this.firstRowKey(place, lower, to);
      if (first === undefined) return { words, more: false };
      const word = first.slice(PREFIX.length).split('|')[0]!;
      if (words.length === MAX_COMPLETIONS) return { words, more: true };
      words.push(word);
      // A word's extensions sort before its own rows, so the next word starts after them all.
      lower = `${PREFIX}${word}}`;
    }
    return { words, more: true };
  }

  private async firstRowKey(place: PlaceCode, from: string, to: string): Promise<string | undefined> {
    try {
      const filter = odata`PartitionKey eq ${place} and RowKey ge ${from} and RowKey lt ${to}`;
      const pages = this.client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey'] } })
        .byPage({ maxPageSize: 1 });
      const first = await pages.next();
      const row = first.done ? undefined : first.value[0];
      return row ? String(row.rowKey) : undefined;
    } catch (err) {
      throw toStoreError(err, 'search');
    }
  }

  /** One page of a word's range after `afterKey`: a fresh key-range query, so each page reads only its own rows. */
  private async page(list: ListId, afterKey: string | undefined, size: number): Promise<{ rows: WordRow[]; done: boolean }> {
    const { from, to } = wordRange(list.word);
    const filter = afterKey
      ? odata`PartitionKey eq ${list.place} and RowKey gt ${afterKey} and RowKey lt ${to}`
      : odata`PartitionKey eq ${list.place} and RowKey ge ${from} and RowKey lt ${to}`;
    try {
      const pages = this.client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey', 'ref'] } })
        .byPage({ maxPageSize: size });
      const first = await pages.next();
      if (first.done) return { rows: [], done: true };
      const rows = first.value.map((e) => ({ partitionKey: list.place, rowKey: String(e.rowKey), ref: String(e.ref) }));
      return { rows, done: !first.value.continuationToken && rows.length < size };
    } catch (err) {
      throw toStoreError(err, 'search');
    }
  }
}

/** Whether an index row passes the query's filters: its kind (from its ref), and live when asked for open ones. */
function keep(row: WordRow, query: SearchQuery, live: Set<string> | undefined): boolean {
  if (live && !live.has(row.ref)) return false;
  if (query.kind && parseRef(row.ref)?.kind !== query.kind) return false;
  return true;
}

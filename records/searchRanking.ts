// Ranking a search: the word index's hits for each word intersected (a record must hold every
// word), best tier first, newest first on ties, read a page at a time. Pure.
import type { PlaceCode } from './places.js';
import type { Tier } from './search.js';

/** One index row as read: the record it names and its rank key (rankKey). */
export interface IndexHit {
  ref: string;
  key: string;
}

/** A list of index rows in key order: one word's range in one place. */
export interface ListId {
  place: PlaceCode;
  /** Which query word: 0..n-1, the prefix's completions all under one term. */
  term: number;
  word: string;
}

const INFINITY = '\uffff';

/**
 * Intersects index ranges read in pages, ranking with an early stop (the threshold algorithm):
 * a record matches when it is seen under every query word; its rank key is its worst key across
 * the words (the tier where the last word was found; its creation time is the same in every list).
 * Every row not yet read sorts after its list's last row read (its frontier), so a record not yet
 * seen under some word ranks after the lowest frontier, F. A match whose key is ≤ F is therefore
 * final and ahead of everything unread: once `limit` of them are known, reading stops.
 */
export class RankedIntersection {
  private readonly frontiers = new Map<string, { id: ListId; frontier: string; done: boolean }>();
  private readonly seen = new Map<string, { place: PlaceCode; keys: (string | undefined)[] }>();
  /** `<place>|<term>` under which some row was seen. */
  private readonly hit = new Set<string>();

  /** `places`: where the search looks; a word with no list in a place (no completions there) matches nothing there. */
  constructor(
    private readonly termCount: number,
    private readonly places: readonly PlaceCode[],
  ) {}

  private static id(l: ListId): string {
    return `${l.place}|${l.term}|${l.word}`;
  }

  /** Declares a list before its first page (so its frontier, nothing read yet, holds the stop back). */
  open(list: ListId): void {
    this.frontiers.set(RankedIntersection.id(list), { id: list, frontier: '', done: false });
  }

  /**
   * Rows read from a list, in key order (those a filter left out included as `passed`: they
   * still move the frontier), and whether its range is exhausted.
   */
  add(list: ListId, rows: IndexHit[], lastKey: string | undefined, done: boolean): void {
    const id = RankedIntersection.id(list);
    const state = this.frontiers.get(id) ?? { id: list, frontier: '', done: false };
    for (const row of rows) {
      const entry = this.seen.get(row.ref) ?? { place: list.place, keys: new Array<string | undefined>(this.termCount).fill(undefined) };
      const prev = entry.keys[list.term];
      if (prev === undefined || row.key < prev) entry.keys[list.term] = row.key;
      this.seen.set(row.ref, entry);
      this.hit.add(`${list.place}|${list.term}`);
    }
    if (lastKey !== undefined && lastKey > state.frontier) state.frontier = lastKey;
    state.done = done;
    this.frontiers.set(id, state);
  }

  /**
   * Places where nothing can match: a word has no list there (no completions), or all its lists
   * there are read to the end without a row. Their other lists need no more reading.
   */
  private deadPlaces(): Set<PlaceCode> {
    const dead = new Set<PlaceCode>();
    for (const place of this.places) {
      for (let term = 0; term < this.termCount; term++) {
        const lists = [...this.frontiers.values()].filter((s) => s.id.place === place && s.id.term === term);
        if (!lists.length || (lists.every((s) => s.done) && !this.hit.has(`${place}|${term}`))) dead.add(place);
      }
    }
    return dead;
  }

  /** Lists still worth reading. */
  pending(): ListId[] {
    const dead = this.deadPlaces();
    return [...this.frontiers.values()].filter((s) => !s.done && !dead.has(s.id.place)).map((s) => s.id);
  }

  /** F: every record not yet known to match ranks after this key. */
  threshold(): string {
    let f = INFINITY;
    const dead = this.deadPlaces();
    for (const place of this.places) {
      if (dead.has(place)) continue;
      for (let term = 0; term < this.termCount; term++) {
        const lists = [...this.frontiers.values()].filter((s) => s.id.place === place && s.id.term === term);
        // The term's best possible unread key in this place: its lowest open frontier.
        const open = lists.filter((s) => !s.done);
        const termF = open.length ? open.reduce((m, s) => (s.frontier < m ? s.frontier : m), INFINITY) : INFINITY;
        if (termF < f) f = termF;
      }
    }
    return f;
  }

  /** Every record seen under all words so far, best first, with its rank key. */
  matches(): Array<{ ref: string; place: PlaceCode; key: string }> {
    const out: Array<{ ref: string; place: PlaceCode; key: string }> = [];
    for (const [ref, { place, keys }] of this.seen) {
      if (keys.some((k) => k === undefined)) continue;
      const key = (keys as string[]).reduce((m, k) => (k > m ? k : m), '');
      out.push({ ref, place, key });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The ranked matches that are final (no unread row can rank ahead of them or change them). */
  settled(): Array<{ ref: string; place: PlaceCode; key: string }> {
    const f = this.threshold();
    return this.matches().filter((m) => m.key <= f);
  }

  /** True when every list that could still add a match has been read to its end. */
  exhausted(): boolean {
    return this.pending().length === 0;
  }
}

/** What a search found: records shown (best first, each with why: its ref, or the tier its words matched), and how many more. */
export interface SearchResults<S> {
  found: Array<{ stored: S; match: Tier | 'ref' }>;
  /** Matches not shown; at least this many when `moreAtLeast` (the ranking stopped early). */
  more: number;
  moreAtLeast: boolean;
  /** The last word had more completions than were searched (a longer prefix narrows it). */
  moreCompletions: boolean;
  /** Index rows read (for the bench and tests: a common word costs a page or two, not its whole range). */
  indexRowsRead: number;
}

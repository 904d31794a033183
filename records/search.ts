// Search, pure: how text becomes index words, what a record is indexed under, how a typed query
// is read (words and filters), and how index rows read in pages are intersected and ranked with
// an early stop. No I/O: records/store/wordIndex.ts reads and writes the rows.
//
// Ranking: an exact ref first, then records where every query word is in the title, then where
// every word is at least in a person's name or a tag (owner, requester, approvers, place priority),
// then in the body; newest first within each. An index row's key orders its word's rows that way
// (`<tier>|<inverted creation time>|<ref>`), so the first page of a word's range holds its best matches.
import { stemmer } from 'stemmer';
import { isOpen as isOpenAction } from './action.js';
import { KIND_LABELS, KIND_LETTER_CLASS, RECORD_KINDS, type RecordKind } from './kinds.js';
import { PLACE_CODES, PLACE_NAMES, type PlaceCode } from './places.js';
import { isForumActive } from './forum.js';
import { isMeetingOpen, keyMessagesTitle } from './meeting.js';
import type { AnyRecord, RecordOf } from './recordTypes.js';
import { formatRef, parseRef } from './refs.js';
import { isOpenRisk } from './risk.js';
import { OPEN_SIGNOFF_STATUSES } from './signoff.js';
import { coverLines } from './coverSheet.js';

/** Shorter words are not indexed or searched for. */
export const MIN_WORD = 2;
/** Longer words are cut to this (a row key stays short; nobody types 40 letters of one word). */
export const MAX_WORD = 40;
/**
 * The words indexed per record: its title's first, then people and tags, then its body's most
 * frequent. With the record's other rows this keeps a write's transaction well inside 100 entities.
 */
export const MAX_TERMS_PER_RECORD = 48;
/** What a query may hold: characters read, and words used (each word is one index range per place). */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 5;
/** At most this many indexed words complete the last word as typed ("work" → work, workforce, …). */
export const MAX_COMPLETIONS = 6;

/**
 * A small English stop list: words so common in board papers' prose that they would match
 * nearly everything. Deliberately short, so words that carry meaning here ("care", "plan",
 * "need", "first") stay searchable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to too us was we were ' +
    'what when where which who whom why will with would you your about all any also'
  ).split(' '),
);

/** Tiers, best first: the first character of an index row's key after the word. */
export const TIER = { title: '1', people: '2', body: '3' } as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, diacritics folded (é → e, ß → ss), anything but a–z and 0–9 a separator. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LIGATURES[c] ?? c);
}

/** The words of a text as typed, folded: runs of a–z and 0–9. */
export function rawWords(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

/** The index form of one folded word: undefined for a stop word or one shorter than MIN_WORD. */
export function termOf(word: string): string | undefined {
  if (word.length < MIN_WORD || STOP_WORDS.has(word)) return undefined;
  const stem = /^[a-z]+$/.test(word) ? stemmer(word) : word;
  const term = (stem.length >= MIN_WORD ? stem : word).slice(0, MAX_WORD);
  return term;
}

/** The index words of a text, in order, each once. */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const w of rawWords(text)) {
    const t = termOf(w);
    if (t) out.add(t);
  }
  return [...out];
}

// ------------------------------------------------------------------ what a record is indexed under

/** The text of a record, by tier, and what ranks and filters it. */
export interface SearchDocument {
  kind: RecordKind;
  ref: string;
  place: PlaceCode;
  open: boolean;
  /** When it was created (ISO instant): newer first on ties. */
  created: string;
  title: string;
  /** Names of the people it belongs to, and its tags (place priority, strategic objective). */
  people: string[];
  body: string[];
}

/** Per kind, a table every kind must be in (records/kinds.ts). */
type ByKind<F extends (record: never) => unknown> = { [K in RecordKind]: (record: RecordOf<K>) => ReturnType<F> };

/** Whether a record is still live: the same rules as the store's `open` index. */
const LIVE = {
  action: isOpenAction,
  risk: isOpenRisk,
  signoff: (s) => OPEN_SIGNOFF_STATUSES.includes(s.status),
  meeting: isMeetingOpen,
  forum: isForumActive,
} satisfies ByKind<(r: never) => boolean>;

export function isLive(record: AnyRecord): boolean {
  return (LIVE[record.kind] as (r: AnyRecord) => boolean)(record);
}

/** What of each kind is searched: its title, the people and tags it belongs to, and its body. */
const DOCUMENTS = {
  action: (record) => ({
    created: record.raisedAt,
    // An action's description is what it is called everywhere (its card's heading, the lists).
    title: record.description,
    people: [
      record.owner.name,
      record.links.priority ?? '',
      record.links.strategicObjective ?? '',
      // A place's workstream and priority ward, so `find Bloomfield` finds the ward's actions.
      record.links.workstream ?? '',
      record.links.ward ?? '',
    ],
    body: [
      record.source?.meeting ?? '',
      record.source?.minuteRef ?? '',
      record.oldRef ?? '',
      ...record.updates.map((u) => u.text),
      ...record.revisions.map((r) => r.reason),
      record.escalation ? `${record.escalation.to} ${record.escalation.why}` : '',
      record.feedback ? `${record.feedback.youSaid} ${record.feedback.weDid ?? ''}` : '',
      record.closure?.decision ?? '',
    ],
  }),
  risk: (record) => ({
    created: record.raisedAt,
    title: record.title,
    people: [record.owner.name, record.priority ?? '', record.strategicObjective ?? ''],
    body: [
      record.event,
      record.cause,
      record.effect,
      ...record.controls,
      ...record.gapsInControl,
      ...record.assurances,
      record.closure?.reason ?? '',
      record.reopening?.reason ?? '',
    ],
  }),
  signoff: (record) => ({
    created: record.requestedAt,
    title: record.title,
    people: [
      record.requestedBy.name,
      ...record.approvers.map((a) => a.name),
      record.cover?.author ?? '',
      record.cover?.sponsor ?? '',
      record.cover?.authorisedBy?.name ?? '',
      record.cover?.priority ?? '',
    ],
    body: [
      record.board,
      record.summary,
      ...(record.cover ? coverLines(record.cover).map((l) => l.value) : []),
      ...record.infoRequests.flatMap((q) => [q.question, q.answer ?? '']),
      record.decision?.comment ?? '',
      record.decision?.conditions ?? '',
      record.ratification?.meeting ?? '',
    ],
  }),
  meeting: (record) => ({
    created: record.preparedAt,
    title: keyMessagesTitle(record),
    people: [record.preparedBy.name, ...(record.keyMessages?.published ? [record.keyMessages.published.signedOffBy.name] : [])],
    body: [...record.decisions.map((d) => d.text), ...record.matters.map((m) => m.text), record.keyMessages?.text ?? ''],
  }),
  forum: (record) => ({
    created: record.createdAt,
    title: record.name,
    people: [...record.chairs.flatMap((c) => [c.name, c.title]), record.viceChair?.name ?? '', record.secretary?.name ?? ''],
    body: [record.locality ?? '', ...record.reportingLines.map((l) => l.name)],
  }),
} satisfies ByKind<(r: never) => Pick<SearchDocument, 'created' | 'title' | 'people' | 'body'>>;

/** What of a record is searched, and how it ranks. */
export function searchDocument(record: AnyRecord): SearchDocument {
  const doc = (DOCUMENTS[record.kind] as (r: AnyRecord) => Pick<SearchDocument, 'created' | 'title' | 'people' | 'body'>)(record);
  return { kind: record.kind, ref: record.ref, place: record.place, open: isLive(record), ...doc };
}

/**
 * The words a record is indexed under, each with its best tier, at most `max`: every title word
 * (up to the bound), then people and tags, then body words, most frequent first (first seen
 * first on ties). Which words a long record keeps is stable: the same text gives the same words.
 */
export function indexTerms(doc: SearchDocument, max = MAX_TERMS_PER_RECORD): Array<{ term: string; tier: Tier }> {
  const out = new Map<string, Tier>();
  const add = (term: string, tier: Tier) => {
    if (out.size < max && !out.has(term)) out.set(term, tier);
  };
  for (const t of terms(doc.title)) add(t, TIER.title);
  for (const t of terms(doc.people.join(' '))) add(t, TIER.people);
  const counts = new Map<string, number>();
  for (const w of rawWords(doc.body.join(' '))) {
    const t = termOf(w);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const body = [...counts].sort((a, b) => b[1] - a[1]); // stable: first seen first on ties
  for (const [t] of body) add(t, TIER.body);
  return [...out].map(([term, tier]) => ({ term, tier }));
}

/** The part of an index row's key after its word: `<tier>|<inverted creation time>|<ref>`; sorts best first. */
export function rankKey(tier: Tier, created: string, ref: string): string {
  const ms = Date.parse(created);
  const inverted = String(9_999_999_999_999 - (Number.isFinite(ms) ? ms : 0)).padStart(13, '0');
  return `${tier}|${inverted}|${ref}`;
}

// ------------------------------------------------------------------ reading a query

export interface SearchQuery {
  /** What was searched for, as typed (clipped to MAX_QUERY_CHARS), for the card to keep. */
  text: string;
  /** Index words matched exactly (each must be present). */
  terms: string[];
  /** The last word as typed, matched as a prefix of an index word; absent when it was a filter or stop word. */
  prefix?: string;
  /**
   * With `prefix`: shorter index words the last word may be a half-typed form of, because the
   * stem cuts a suffix it had started ("nursin" is on its way to "nursing", indexed as "nurs").
   */
  prefixRoots?: string[];
  kind?: RecordKind;
  place?: PlaceCode;
  /** Only live records (typed "open"); otherwise all. */
  openOnly: boolean;
  /** A ref in the query (canonical), shown first when it exists and may be seen. */
  ref?: string;
  /** Lines for the card: what was left out of a long query. */
  notes: string[];
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; text: string; problem: string };

const KIND_WORDS: Array<[RegExp, RecordKind]> = RECORD_KINDS.map((k) => [new RegExp(KIND_LABELS[k].searchWord.source, 'g'), k]);
const PLACE_WORDS: Array<[RegExp, PlaceCode]> = [
  [/\bblackburn(?:\s+with\s+darwen)?\b/g, 'BWD'],
  [/\bsouth\s+cumbria\b/g, 'SC'],
  ...PLACE_CODES.filter((p) => p !== 'BWD' && p !== 'SC').map((p): [RegExp, PlaceCode] => [
    new RegExp(`\\b${PLACE_NAMES[p].toLowerCase()}\\b`, 'g'),
    p,
  ]),
  ...PLACE_CODES.map((p): [RegExp, PlaceCode] => [new RegExp(`\\b${p.toLowerCase()}\\b`, 'g'), p]),
];
const REF_IN_TEXT = new RegExp(`\\b([a-z]{2,3})-(${KIND_LETTER_CLASS})-(\\d{1,10})\\b`, 'gi');

export const EXAMPLES = 'e.g. “find BCF”, “find actions Helen Price” or “find risks workforce Blackpool”';

/**
 * A typed query: a ref, words, and filters (a kind: actions, risks, sign-offs; a place by name or
 * code; "open" for live records only, "all" for every one, the default). Words are matched
 * against titles, people and tags (a place priority's code, e.g. BCF), and bodies; the last word
 * as a prefix, so a half-typed word finds its completions.
 */
export function parseQuery(input: string): ParsedQuery {
  const typed = input.replace(/\s+/g, ' ').trim();
  const notes: string[] = [];
  const text = typed.length > MAX_QUERY_CHARS ? typed.slice(0, MAX_QUERY_CHARS) : typed;
  if (typed.length > MAX_QUERY_CHARS)
    notes.push(`Only the first ${MAX_QUERY_CHARS} of the ${typed.length.toLocaleString('en-GB')} characters typed were searched.`);
  if (!text) return { ok: false, text, problem: `Type what to find after “find”, ${EXAMPLES}.` };

  let ref: string | undefined;
  let rest = text.replace(REF_IN_TEXT, (whole: string) => {
    const parsed = parseRef(whole.replace(/-(\d{1,3})$/, (_m, d: string) => `-${d.padStart(4, '0')}`));
    if (parsed && !ref) ref = formatRef(parsed.place, parsed.kind, parsed.n);
    return parsed ? ' ' : whole;
  });
  let folded = ` ${fold(rest)} `;
  let kind: RecordKind | undefined;
  let place: PlaceCode | undefined;
  for (const [pattern, k] of KIND_WORDS) {
    if (kind) break;
    if (pattern.test(folded)) {
      kind = k;
      folded = folded.replace(pattern, ' ');
    }
    pattern.lastIndex = 0;
  }
  for (const [pattern, p] of PLACE_WORDS) {
    if (place) break;
    if (pattern.test(folded)) {
      place = p;
      folded = folded.replace(pattern, ' ');
    }
    pattern.lastIndex = 0;
  }
  let openOnly = false;
  const words = rawWords(folded).filter((w) => {
    if (w === 'open') return !(openOnly = true);
    if (w === 'all') return false;
    return true;
  });
  rest = words.join(' ');
  // The last word as typed (not a filter, not followed by punctuation) may be half-typed.
  const lastTyped = rawWords(text).at(-1);
  const endsWithWord = /[\p{L}\p{N}]$/u.test(text) && words.length > 0 && words.at(-1) === lastTyped;

  const exact: string[] = [];
  let prefix: string | undefined;
  words.forEach((w, i) => {
    const t = termOf(w);
    if (!t) return;
    if (i === words.length - 1 && endsWithWord) prefix = t;
    else if (!exact.includes(t)) exact.push(t);
  });
  const kept = [...exact, ...(prefix ? [prefix] : [])];
  if (kept.length > MAX_QUERY_TERMS) {
    notes.push(`Only the first ${MAX_QUERY_TERMS} words were searched for; fewer, more specific words work best.`);
    exact.splice(MAX_QUERY_TERMS - (prefix ? 1 : 0));
  }
  const roots = prefix ? suffixRoots(words.at(-1)!, prefix) : [];
  const query: SearchQuery = {
    text,
    terms: exact,
    ...(prefix ? { prefix } : {}),
    ...(roots.length ? { prefixRoots: roots } : {}),
    ...(kind ? { kind } : {}),
    ...(place ? { place } : {}),
    openOnly,
    ...(ref ? { ref } : {}),
    notes,
  };
  if (ref || exact.length || prefix) return { ok: true, query };

  // Nothing to look up: say why, in the person's own terms.
  const letters = rawWords(text);
  if (!letters.length)
    return {
      ok: false,
      text,
      problem: `There are no letters or numbers to search for in “${text}”. Type a word, a name or a ref such as BPL-A-0007.`,
    };
  if (letters.join('').length < MIN_WORD)
    return { ok: false, text, problem: `Type at least ${MIN_WORD} letters or digits to search, ${EXAMPLES}.` };
  if (words.length && words.every((w) => STOP_WORDS.has(w) || w.length < MIN_WORD)) {
    return { ok: false, text, problem: `“${rest}” has only words too common to search for. Add a more specific word, ${EXAMPLES}.` };
  }
  return {
    ok: false,
    text,
    problem: `Add a word to find as well as ${[kind && 'a kind', place && 'a place', openOnly && '“open”'].filter(Boolean).join(' and ') || 'filters'}, ${EXAMPLES}.`,
  };
}

/** How many letters a stem may cut from a word ("nursing" → "nurs"); a half-typed word may stop inside them. */
const SUFFIX_CUT = 3;

/** The words a half-typed `word` may be the start of, once stemmed: its own starts down to SUFFIX_CUT letters shorter, those its prefix does not cover. */
export function suffixRoots(word: string, prefix: string): string[] {
  const out: string[] = [];
  for (let k = Math.max(MIN_WORD, word.length - SUFFIX_CUT); k <= word.length; k++) {
    const root = word.slice(0, k);
    if (!root.startsWith(prefix) && !STOP_WORDS.has(root)) out.push(root);
  }
  return out;
}

/** Whether an index word matches the query's last word: it starts with the prefix, or is one of its roots. */
export function matchesPrefix(term: string, query: Pick<SearchQuery, 'prefix' | 'prefixRoots'>): boolean {
  return !!query.prefix && (term.startsWith(query.prefix) || !!query.prefixRoots?.includes(term));
}

/**
 * Whether a record, as read now, still matches a query: its words, kind, place and status. The
 * index can be a moment behind a record changed during a search, so every record shown is
 * checked again; undefined, or its tier (for ranking) when it matches.
 */
export function matchTier(record: AnyRecord, query: SearchQuery): Tier | undefined {
  const doc = searchDocument(record);
  if ((query.kind && doc.kind !== query.kind) || (query.place && doc.place !== query.place) || (query.openOnly && !doc.open))
    return undefined;
  const indexed = indexTerms(doc);
  let worst: Tier = TIER.title;
  const tierOf = (match: (t: string) => boolean): Tier | undefined => {
    let best: Tier | undefined;
    for (const { term, tier } of indexed) if (match(term) && (!best || tier < best)) best = tier;
    return best;
  };
  for (const wanted of query.terms) {
    const tier = tierOf((t) => t === wanted);
    if (!tier) return undefined;
    if (tier > worst) worst = tier;
  }
  if (query.prefix) {
    const tier = tierOf((t) => matchesPrefix(t, query));
    if (!tier) return undefined;
    if (tier > worst) worst = tier;
  }
  return worst;
}

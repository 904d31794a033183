// Search: `find <words>` in chat (and the results card's box to search again), and the search
// message extension in Teams' compose box (composeExtension/query → a preview per result;
// composeExtension/selectItem → the record's card, inserted into the message being written).
// One search for both: records/search.ts reads the query, the store's word index finds and ranks,
// and records/access.ts `placesVisibleTo` is the one check of which places' records come back.
import { z } from 'zod';
import type { Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { resultPreview, searchResultsCard } from '../../cards/searchCards.js';
import { truncate } from '../../cards/text.js';
import { placesVisibleTo } from '../../records/access.js';
import { parseRef } from '../../records/refs.js';
import { MAX_COMPLETIONS, parseQuery, type SearchQuery } from '../../records/search.js';
import { type SearchResults } from '../../records/searchRanking.js';
import type { AnyRecord } from '../../records/recordTypes.js';
import { sharedCardOf } from '../sharedCards.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import { UNAVAILABLE_READ } from '../change/messages.js';
import { storeErrorCode, type BotDeps, type Stored } from '../ports.js';
import { within } from '../change/timeBound.js';
import { type Turn } from '../turn.js';
import type { BotRoutes, SearchAnswer, SearchAttachment } from '../routes.js';

/** The search command's id in the manifest's composeExtensions. */
export const SEARCH_COMMAND_ID = 'findRecords';
/** Its one parameter: what was typed in the compose box. */
export const SEARCH_PARAMETER = 'query';
/** Results listed at most (Teams shows 25 in a message extension; a card fits them under 40 KB). */
export const SEARCH_LIMIT = 25;
/** How long the index is read before ranking what has been found; the record reads follow. */
export const INDEX_BUDGET_MS = 2000;
/** The message extension answers within this, whatever storage does (Teams waits 5 s). */
export const EXTENSION_ANSWER_MS = 4000;
/** The most of what was typed the card keeps in its box. */
const KEEP_CHARS = 500;

const SLOW = 'The search took too long to answer, so nothing is listed. Try again, or add a word to narrow it.';

export class SearchFlow {
  constructor(private readonly deps: BotDeps) {}

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, 'with “find”');
    routes.readMessage(/^\s*find\b([\s\S]*)$/i, (context, match) => this.find(context, match[1] ?? ''));
    routes.read('search.find', (context, data) => this.find(context, typeof data.q === 'string' ? data.q : ''));
    app.searchQuery(SEARCH_COMMAND_ID, (context, parameters) => this.query(context, parameters));
    app.searchSelect((context, item) => this.select(context, item));
  }

  /** The results card for what was typed after `find` (or in the card's box). */
  async find(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const kept = typed.replace(/\s+/g, ' ').trim().slice(0, KEEP_CHARS);
    const parsed = parseQuery(typed);
    if (!parsed.ok)
      return searchResultsCard({ query: kept, results: [], searched: false, notice: { text: parsed.problem, style: 'attention' } });
    const found = await this.search(context, parsed.query);
    if (!found) return searchResultsCard({ query: kept, results: [], searched: false, notice: { text: NO_PLACES, style: 'attention' } });
    const notes = [...parsed.query.notes, ...(found.moreCompletions ? [completionsNote(parsed.query)] : [])];
    const notice: Notice | undefined = notes.length ? { text: notes.join(' '), style: 'warning' } : undefined;
    return searchResultsCard({
      query: kept,
      results: found.found.map((f) => ({ record: f.stored.record, match: f.match })),
      more: found.more,
      moreAtLeast: found.moreAtLeast,
      ...(notice ? { notice } : {}),
    });
  }

  /** The search message extension: a preview per result, or a line saying why there are none. */
  async query(context: Turn, parameters: Record<string, unknown>): Promise<SearchAnswer> {
    const typed = typeof parameters[SEARCH_PARAMETER] === 'string' ? (parameters[SEARCH_PARAMETER] as string) : '';
    const parsed = parseQuery(typed);
    if (!parsed.ok) return message(parsed.problem);
    try {
      const found = await within<SearchResults<Stored<AnyRecord>> | undefined | 'late'>(
        this.search(context, parsed.query),
        EXTENSION_ANSWER_MS,
        () => 'late',
      );
      if (found === 'late') return message(SLOW);
      if (!found) return message(NO_PLACES);
      if (!found.found.length) return message(`Nothing found for “${truncate(parsed.query.text, 80)}”.`);
      return { type: 'result', attachmentLayout: 'list', attachments: found.found.map((f) => previewAttachment(f.stored.record, f.match)) };
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return message(UNAVAILABLE_READ);
      console.error('search message extension failed', err);
      return message('Something went wrong with the search. Try again, or tell your place admin if it keeps happening.');
    }
  }

  /** A result chosen in the message extension: the record's card (its shared, read-only view) to insert into the message. */
  async select(context: Turn, item: unknown): Promise<SearchAnswer> {
    const chosen = selectedItem.safeParse(item);
    const parsed = chosen.success ? parseRef(chosen.data.ref) : undefined;
    if (!parsed) return message('That result is out of date. Search again.');
    try {
      const visible = placesVisibleTo((await this.deps.viewers.of(context)).viewer);
      const stored = visible.includes(parsed.place)
        ? await within(this.deps.records.get(parsed.kind, chosen.data!.ref), EXTENSION_ANSWER_MS, () => undefined)
        : undefined;
      if (!stored) return message(`There is no record ${truncate(chosen.data!.ref, 40)} that you can see. Search again.`);
      const card = await this.recordCard(stored);
      const preview = resultPreview(stored.record, 'ref');
      return {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card, preview: thumbnail(preview) }],
      };
    } catch (err) {
      if (storeErrorCode(err) === 'UNAVAILABLE') return message(UNAVAILABLE_READ);
      console.error('search selectItem failed', err);
      return message('Something went wrong opening that record. Try again.');
    }
  }

  /** The places this person may see (records/access.ts), then the search there; undefined when they may see none. */
  private async search(context: Turn, query: SearchQuery): Promise<SearchResults<Stored<AnyRecord>> | undefined> {
    const places = placesVisibleTo((await this.deps.viewers.of(context)).viewer);
    if (!places.length) return undefined;
    return this.deps.records.search(query, places, { limit: SEARCH_LIMIT, deadline: Date.now() + INDEX_BUDGET_MS });
  }

  /** The read-only card everyone in a conversation sees, as each kind's flow draws it for a group chat or channel. */
  private recordCard(stored: Stored<AnyRecord>): Promise<AdaptiveCardJson> {
    return sharedCardOf(stored, { text: 'Shared from search. Open it to see your own options.', style: 'accent' }, this.deps);
  }
}

const NO_PLACES = 'You can see no place’s records from here: as a guest, search from a partnership channel you were added to.';

const selectedItem = z.object({ ref: z.string().max(40) });

function completionsNote(query: SearchQuery): string {
  return `Only the first ${MAX_COMPLETIONS} words starting with “${query.prefix ?? ''}” were searched: type more of the word to narrow it.`;
}

function message(text: string): SearchAnswer {
  return { type: 'message', text };
}

function thumbnail(p: ReturnType<typeof resultPreview>) {
  return { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title: p.title, text: p.text, tap: p.tap } };
}

/** One result in the message extension's list: its preview, which when chosen asks for the record's card (selectItem). */
function previewAttachment(record: AnyRecord, match: Parameters<typeof resultPreview>[1]): SearchAttachment {
  const t = thumbnail(resultPreview(record, match));
  return { ...t, preview: t };
}

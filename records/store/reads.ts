// The store's primitive reads, over any of a place's rows: a query (every page of it), pages of
// one index range (`idx|…` rows, codecs.ts indexEntries) with the records they name, bounded
// parallel point reads, and a record decoded from its row (or the copy held at that ETag,
// heldRecords.ts). No rows of their own. The engine (recordStore.ts) and each kind's queries
// (actionQueries.ts, riskQueries.ts, signOffQueries.ts, meetingQueries.ts) are built on these, through PrimitiveReads.
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { RecordKind } from '../audit.js';
import { PLACE_CODES, type PlaceCode } from '../places.js';
import { KIND_LETTER } from '../kinds.js';
import { codecOf, type BaseRecord, type Codec, type RecordOf } from './codecs.js';
import { CARRIED_MAX_CHARS, CHUNK_CHARS, fromChunks, ROW, type Stored } from './entity.js';
import { statusOf, toStoreError } from './errors.js';
import type { HeldRecords } from './heldRecords.js';

export type Entity = TableEntityResult<Record<string, unknown>>;

/** One index range of a kind (entity.ts ROW.indexRange): `eq` one value; `from`/`to` inclusive; `below` strictly less. */
export interface IndexRange {
  name: string;
  eq?: string;
  from?: string;
  to?: string;
  below?: string;
}

/**
 * Index rows (and so records) a board-pack read holds at once. Each row carries its record
 * (codecs.ts carriedBy), so a page is one query: 200 keeps a file at 1,000 actions to 5 queries of
 * its action log and memory to 200 records (a few hundred KB; at most ~24 MB of the longest).
 */
export const PACK_PAGE = 200;

/** Point reads a list makes at once (records named by its index rows). */
const READ_PARALLEL = 32;

/** Joins filter fragments, each built with the `odata` tag, with `and`. */
export function and(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => `(${p})`)
    .join(' and ');
}

/** Refs in row-key order (place, kind, number as stored). */
export function byRef(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What each kind's queries are built from: the primitive reads, nothing else of the store. */
export interface PrimitiveReads {
  query(filter: string, select?: string[]): Promise<Entity[]>;
  pointReads(partition: string, rowKeys: string[]): Promise<(Entity | undefined)[]>;
  listIndexed<K extends RecordKind>(kind: K, place: PlaceCode | 'ALL', ranges: IndexRange[]): Promise<Stored<RecordOf<K>>[]>;
  indexedPages<K extends RecordKind>(kind: K, place: PlaceCode, range: IndexRange): AsyncGenerator<RecordOf<K>[]>;
  fromEntity<T extends BaseRecord>(codec: Codec<T>, entity: Entity, hold: boolean): Stored<T>;
  firstIndexed<K extends RecordKind>(kind: K, place: PlaceCode, range: IndexRange, n: number): Promise<Stored<RecordOf<K>>[]>;
}

export class TableReads implements PrimitiveReads {
  constructor(
    private readonly client: TableClient,
    private readonly held: HeldRecords,
  ) {}

  /** Every entity a filter matches (all its pages), with only the `select`ed columns if given. */
  async query(filter: string, select?: string[]): Promise<Entity[]> {
    const out: Entity[] = [];
    try {
      const queryOptions = select ? { filter, select } : { filter };
      for await (const page of this.client.listEntities<Record<string, unknown>>({ queryOptions }).byPage({ maxPageSize: 1000 })) {
        out.push(...page);
      }
    } catch (err) {
      throw toStoreError(err, 'query');
    }
    return out;
  }

  /** Entities by row key in one partition (point reads, a few at a time); undefined where none. */
  async pointReads(partition: string, rowKeys: string[]): Promise<(Entity | undefined)[]> {
    const out: (Entity | undefined)[] = [];
    for (let i = 0; i < rowKeys.length; i += READ_PARALLEL) {
      out.push(
        ...(await Promise.all(
          rowKeys.slice(i, i + READ_PARALLEL).map(async (rowKey) => {
            try {
              return await this.client.getEntity<Record<string, unknown>>(partition, rowKey);
            } catch (err) {
              if (statusOf(err) === 404) return undefined;
              throw toStoreError(err, `read ${partition} ${rowKey}`);
            }
          }),
        )),
      );
    }
    return out;
  }

  /**
   * Records named by index rows in the given ranges (one query per range and place, all at
   * once), each read once. The caller re-checks its rule on what comes back.
   */
  async listIndexed<K extends RecordKind>(kind: K, place: PlaceCode | 'ALL', ranges: IndexRange[]): Promise<Stored<RecordOf<K>>[]> {
    const places = place === 'ALL' ? PLACE_CODES : [place];
    const perPlace = await Promise.all(
      places.map(async (p) => {
        const hits = await Promise.all(ranges.map((range) => this.query(indexFilter(kind, p, range), ['ref'])));
        const refs = [...new Set(hits.flat().map((e) => String(e.ref)))].sort(byRef);
        return { p, refs };
      }),
    );
    const codec = codecOf(kind);
    const records = await Promise.all(
      perPlace.map(async ({ p, refs }) =>
        (
          await this.pointReads(
            p,
            refs.map((r) => ROW.record(r)),
          )
        ).filter((e): e is Entity => !!e && e.kind === kind),
      ),
    );
    return records.flat().map((e) => this.fromEntity(codec, e, true));
  }

  /**
   * The records named by one index range of a place, in index order, PACK_PAGE index rows at a
   * time. Where the kind's rows of that index carry the record (codecs.ts carriedBy), each comes
   * with its index row: one query a page. A row without its copy (a record too long to carry, or
   * a row written before rows carried records) is read by a point read. The records are for
   * reading only (no ETag: a copy's ETag is its index row's) and are not held in the recent cache
   * (a whole register would only push out the records people are working on).
   */
  async *indexedPages<K extends RecordKind>(kind: K, place: PlaceCode, range: IndexRange): AsyncGenerator<RecordOf<K>[]> {
    const codec = codecOf(kind);
    const filter = indexFilter(kind, place, range);
    const carried = codec.carriedBy?.includes(range.name) ?? false;
    const select = carried ? ['ref', 'chunks', ...Array.from({ length: CARRIED_MAX_CHARS / CHUNK_CHARS }, (_, i) => `data${i}`)] : ['ref'];
    const pages = this.client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter, select } })
      .byPage({ maxPageSize: PACK_PAGE });
    while (true) {
      let next: IteratorResult<Entity[]>;
      try {
        next = (await pages.next()) as IteratorResult<Entity[]>;
      } catch (err) {
        throw toStoreError(err, 'query');
      }
      if (next.done) return;
      const seen = new Set<string>();
      const rows = next.value.filter((e) => !seen.has(String(e.ref)) && seen.add(String(e.ref)));
      const uncarried = rows.filter((e) => typeof e.chunks !== 'number').map((e) => String(e.ref));
      const read = new Map<string, Entity | undefined>();
      if (uncarried.length) {
        const entities = await this.pointReads(
          place,
          uncarried.map((r) => ROW.record(r)),
        );
        uncarried.forEach((ref, i) => read.set(ref, entities[i]));
      }
      const records: RecordOf<K>[] = [];
      for (const row of rows) {
        const ref = String(row.ref);
        if (typeof row.chunks === 'number') records.push(codec.schema.parse(fromChunks(row)) as RecordOf<K>);
        else {
          const entity = read.get(ref);
          if (entity && entity.kind === kind) records.push(this.fromEntity(codec, entity, false).record as RecordOf<K>);
        }
      }
      yield records;
    }
  }

  /**
   * The records named by the first `n` index rows of one range of a place, in index order: index
   * rows asked for `n` a page (a page may come back short: read on until `n` or the end), then
   * those records by point reads. For "the latest" of a newest-first index.
   */
  async firstIndexed<K extends RecordKind>(kind: K, place: PlaceCode, range: IndexRange, n: number): Promise<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    const filter = indexFilter(kind, place, range);
    const refs: string[] = [];
    try {
      for await (const page of this.client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['ref'] } })
        .byPage({ maxPageSize: n })) {
        refs.push(...page.map((e) => String(e.ref)));
        if (refs.length >= n) break;
      }
    } catch (err) {
      throw toStoreError(err, 'query');
    }
    const entities = await this.pointReads(
      place,
      [...new Set(refs.slice(0, n))].map((r) => ROW.record(r)),
    );
    return entities.filter((e): e is Entity => !!e && e.kind === kind).map((e) => this.fromEntity(codec, e, true));
  }

  /** Records of a kind a filter matches. Whole ranges (every record of a kind) are not held: they would only push out the recent ones. */
  async queryRecords<K extends RecordKind>(kind: K, filter: string): Promise<Stored<RecordOf<K>>[]> {
    const codec = codecOf(kind);
    return (await this.query(filter)).map((e) => this.fromEntity(codec, e, false));
  }

  /**
   * A record read from storage: the copy this process holds at that same ETag if it has one (an
   * ETag names one stored version, so it is that record; no decode), else decoded and checked
   * against its schema, and held (`hold`) for the next read or card change.
   */
  fromEntity<T extends BaseRecord>(codec: Codec<T>, entity: Entity, hold: boolean): Stored<T> {
    const ref = typeof entity.ref === 'string' ? entity.ref : undefined;
    const held = ref === undefined ? undefined : this.held.lookup(ref, entity.etag, { kind: codec.kind, touch: hold });
    if (held) return held as Stored<T>;
    const stored = decode(codec, entity);
    return hold ? this.held.keep(stored, entity) : stored;
  }
}

/** The filter for one index range of a kind in a place's partition. */
function indexFilter(kind: RecordKind, place: PlaceCode, range: IndexRange): string {
  const { name, ...by } = range;
  const { from, to } = ROW.indexRange(KIND_LETTER[kind], name, by);
  return and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`);
}

/** A record from its row, checked against its kind's schema. */
function decode<T extends BaseRecord>(codec: Codec<T>, entity: Entity): Stored<T> {
  const record = codec.schema.parse(fromChunks(entity));
  return { record, etag: entity.etag, ...(typeof entity.version === 'number' ? { version: entity.version } : {}) };
}

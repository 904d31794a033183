// The records this process read or wrote lately, with their ETags, held in memory: no rows of
// its own. An ETag names one stored version, so a held copy at the ETag storage answers with is
// that record (no decode), and a card change whose ETag is the one held needs no read at all: its
// write is still ETag-checked (recordStore.ts update), and a stale one fails there.
import { LRUCache } from 'lru-cache';
import type { RecordKind } from '../audit.js';
import type { BaseRecord } from './codecs.js';
import type { Stored } from './entity.js';

/** Records kept in memory for get-with-ETag (a card change) and reads: at most this many, */
export const RECENT_MAX = 500;
/** and at most this many characters of their JSON in all (a few MB of memory). */
export const RECENT_MAX_CHARS = 1_000_000;

/**
 * Records by ref: at most RECENT_MAX of them and RECENT_MAX_CHARS characters of JSON (or the
 * bounds given), the least recently used dropped first.
 */
export class HeldRecords {
  private readonly recent: LRUCache<string, Stored<BaseRecord>>;

  constructor(bounds: { records?: number; chars?: number } = {}) {
    this.recent = new LRUCache({ max: bounds.records ?? RECENT_MAX, maxSize: bounds.chars ?? RECENT_MAX_CHARS });
  }

  /**
   * The copy held of `ref` at exactly `etag` (and of `kind`, when given), if there is one.
   * `touch`: the look counts as a use (it keeps the record longer); else it leaves the order be.
   */
  lookup(ref: string, etag: string, opts: { kind?: RecordKind; touch: boolean }): Stored<BaseRecord> | undefined {
    const held = opts.touch ? this.recent.get(ref) : this.recent.peek(ref);
    if (!held || held.etag !== etag || (opts.kind !== undefined && held.record.kind !== opts.kind)) return undefined;
    return held;
  }

  /**
   * Remembers a record version for get-with-ETag and reads (the bounds above). Only records of
   * one chunk (≤ 30,000 characters as JSON), `entity` being the row it is stored as: a larger
   * one is read when needed.
   */
  keep<T extends BaseRecord>(stored: Stored<T>, entity: Record<string, unknown>): Stored<T> {
    const ref = stored.record.ref;
    const json = entity.data0;
    if (entity.chunks !== 1 || typeof json !== 'string') this.recent.delete(ref);
    else this.recent.set(ref, stored, { size: Math.max(1, json.length) });
    return stored;
  }
}

// A person's recent writes in a place, one row each (records/createRate.ts for creates, in the
// create's own transaction; records/changeRate.ts for changes, ETag-checked on its own), keyed by a
// hash of the person.
import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { admitChange } from '../changeRate.js';
import type { PlaceCode } from '../places.js';
import { ROW } from './entity.js';
import { statusOf, StoreError, toStoreError } from './errors.js';

/** The row key of a person's rate row: a hash of their id (ids may hold characters keys forbid). */
export function personKey(personId: string): string {
  return createHash('sha256').update(personId).digest('hex').slice(0, 32);
}

/** A rate row (in a place's partition, or the pack store's): the instants of recent writes, and its ETag; undefined if none. */
export async function readRateRow(
  client: TableClient,
  partition: string,
  rowKey: string,
  what: string,
): Promise<{ recent: unknown[]; etag: string } | undefined> {
  try {
    const entity = await client.getEntity<{ recent?: string }>(partition, rowKey);
    let recent: unknown = [];
    try {
      recent = JSON.parse(String(entity.recent ?? '[]'));
    } catch {
      recent = [];
    }
    return { recent: Array.isArray(recent) ? recent : [], etag: entity.etag };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw toStoreError(err, `read ${partition} ${what}`);
  }
}

export class ChangeRates {
  /** Each person's change-rate row per place as this process last wrote it (read again only when another instance moved it). */
  private readonly rates = new Map<string, { recent: unknown[]; etag: string }>();
  /** One person's counts in one place from this process run one after another, so they never race each other's ETag. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly client: TableClient) {}

  /**
   * Counts one change attempt (saved or refused) by a person in a place against records/changeRate.ts:
   * a row `chg|<person hash>` in the place's partition, ETag-checked (held per process like the
   * create rate's rows, read again only when another instance moved it). Cost: 1 write, +1 read cold.
   */
  admit(place: PlaceCode, personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }> {
    const cacheKey = `chg|${place}|${personKey(personId)}`;
    // Closing ten actions in one click counts ten changes at once: in turn here, not ten racing writes.
    const run = (this.queues.get(cacheKey) ?? Promise.resolve()).then(() => this.admitNow(place, personId, now));
    const tail = run.catch(() => undefined);
    this.queues.set(cacheKey, tail);
    void tail.then(() => {
      if (this.queues.get(cacheKey) === tail) this.queues.delete(cacheKey);
    });
    return run;
  }

  private async admitNow(place: PlaceCode, personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }> {
    const key = personKey(personId);
    const cacheKey = `chg|${place}|${key}`;
    for (let attempt = 0; attempt < 8; attempt++) {
      const held = attempt === 0 ? this.rates.get(cacheKey) : undefined;
      this.rates.delete(cacheKey);
      const row = held ?? (await readRateRow(this.client, place, ROW.changeRate(key), 'change rate'));
      const admission = admitChange(row?.recent ?? [], now);
      if (!admission.ok) {
        if (row) this.rates.set(cacheKey, row);
        return admission;
      }
      const entity = { partitionKey: place, rowKey: ROW.changeRate(key), recent: JSON.stringify(admission.recent) };
      try {
        const res = row ? await this.client.updateEntity(entity, 'Replace', { etag: row.etag }) : await this.client.createEntity(entity);
        if (res.etag) this.rates.set(cacheKey, { recent: admission.recent, etag: res.etag });
        return { ok: true };
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw toStoreError(err, `count ${place} change`);
      }
    }
    throw new StoreError('CONFLICT', `too many changes at once in ${place}`);
  }
}

// The writes' building blocks: a record's entity, the ref counter, and one entity-group
// transaction answering the new ETags of the entities asked for.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { PlaceCode } from '../places.js';
import { recordColumns, type BaseRecord, type Codec } from './codecs.js';
import { ROW, toChunks, type Row } from './entity.js';
import { statusOf, toStoreError } from './errors.js';
import type { TableReads } from './reads.js';

export type RecordEntity = Record<string, unknown> & { partitionKey: string; rowKey: string };

export function recordEntity<T extends BaseRecord>(codec: Codec<T>, record: T): RecordEntity {
  return {
    partitionKey: record.place,
    rowKey: ROW.record(record.ref),
    ...recordColumns(codec, record),
    ...toChunks(record, record.ref),
  };
}

/** Those of `rows` that are stored (point reads). */
export async function existingRows(reads: TableReads, rows: Row[]): Promise<Row[]> {
  const found = await Promise.all(rows.map(async (r) => ((await reads.pointReads(r.partitionKey, [r.rowKey]))[0] ? r : undefined)));
  return found.filter((r): r is Row => !!r);
}

export async function readCounter(
  client: TableClient,
  place: PlaceCode,
  rowKey: string,
): Promise<{ last: number; etag: string } | undefined> {
  try {
    const entity = await client.getEntity<{ last: number }>(place, rowKey);
    return { last: entity.last, etag: entity.etag };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw toStoreError(err, `read ${place} ${rowKey}`);
  }
}

/**
 * Submits one entity-group transaction; returns the new ETags of the entities at `indexes`.
 * (Sub-responses come in request order; their row keys are URL-encoded, so match by index.)
 */
export async function submitTransaction(client: TableClient, actions: TransactionAction[], ...indexes: number[]): Promise<string[]> {
  const response = await client.submitTransaction(actions);
  return indexes.map((index) => {
    const sub = response.subResponses[index];
    const rowKey = actions[index]?.[1].rowKey;
    if (!sub?.etag || (sub.rowKey !== undefined && decodeURIComponent(sub.rowKey) !== rowKey)) {
      throw new Error(`The transaction response has no ETag for ${rowKey}`);
    }
    return sub.etag.trim();
  });
}

// The board pack's own table, `packfiles`: the download links (PartitionKey `link`, RowKey the
// token) and the audit of every file made (PartitionKey the place, RowKey `aud|<at>|<suffix>`, in
// time order). Kept apart from `records` so a file made never reads as a record change (the
// weekly digest reads the records table's audit by time window).
import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { fileLinkSchema, type FileLink, type FileMadeEvent } from '../packAccess.js';
import type { PlaceCode } from '../places.js';
import { statusOf, toStoreError } from './errors.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

export const PACK_FILES_TABLE = 'packfiles';
const LINKS = 'link';

/** A new link token: 32 random bytes, URL-safe base64 (43 characters). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export class PackStore {
  readonly metrics: Metrics;

  private constructor(private readonly client: TableClient, metrics: Metrics) {
    this.metrics = metrics;
  }

  static fromConnection(opts: ConnectionOptions & { tableName?: string }): PackStore {
    const { client, metrics } = openTable(opts, PACK_FILES_TABLE);
    return new PackStore(client, metrics);
  }

  async ensureTable(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  /** Stores new links (inserts: a token is never reused), up to 100 in one transaction. */
  async saveLinks(links: FileLink[]): Promise<void> {
    if (!links.length) return;
    if (links.length > 100) throw new Error('at most 100 links at once');
    try {
      await this.client.submitTransaction(links.map((link) => ['create', { partitionKey: LINKS, rowKey: link.token, json: JSON.stringify(link), expiresAt: link.expiresAt }]));
    } catch (err) {
      throw toStoreError(err, 'save file links');
    }
  }

  /** The link with this token; undefined when there is none (or the stored row is not a link). One point read. */
  async getLink(token: string): Promise<FileLink | undefined> {
    try {
      const entity = await this.client.getEntity<{ json?: string }>(LINKS, token);
      const parsed = fileLinkSchema.safeParse(JSON.parse(String(entity.json ?? 'null')));
      return parsed.success && parsed.data.token === token ? parsed.data : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, 'read file link');
    }
  }

  /** Appends the audit event of a file made. */
  async recordFileMade(event: FileMadeEvent): Promise<void> {
    const rowKey = `aud|${event.at}|${randomBytes(6).toString('hex')}`;
    try {
      await this.client.createEntity({
        partitionKey: event.place,
        rowKey,
        kind: event.kind,
        madeForId: event.madeFor.id,
        delivery: event.delivery,
        outcome: event.outcome,
        json: JSON.stringify(event),
      });
    } catch (err) {
      throw toStoreError(err, 'audit file made');
    }
  }

  /** The files made for a place, oldest first (one row-key range). */
  async filesMade(place: PlaceCode): Promise<FileMadeEvent[]> {
    const out: FileMadeEvent[] = [];
    try {
      const filter = odata`PartitionKey eq ${place} and RowKey ge ${'aud|'} and RowKey lt ${'aud}'}`;
      for await (const e of this.client.listEntities<{ json?: string }>({ queryOptions: { filter } })) {
        out.push(JSON.parse(String(e.json)) as FileMadeEvent);
      }
    } catch (err) {
      throw toStoreError(err, 'list files made');
    }
    return out;
  }
}

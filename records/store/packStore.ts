// The board pack's own table, `packfiles`: the download links (PartitionKey `link`, RowKey the
// token) and the audit of every file made (PartitionKey the place, RowKey `aud|<at>|<suffix>`, in
// time order). Kept apart from `records` so a file made never reads as a record change (the
// weekly digest reads the records table's audit by time window).
import { createHash, randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { fileLinkSchema, type FileLink, type FileMadeEvent } from '../packAccess.js';
import { admitFile, mayOpenLinkAgain } from '../fileOut.js';
import type { PlaceCode } from '../places.js';
import { statusOf, toStoreError } from './errors.js';
import { readRateRow } from './rateRows.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

export const PACK_FILES_TABLE = 'packfiles';
const LINKS = 'link';
/** Each person's recent files made (records/fileOut.ts FILE_RATE). */
const RATES = 'rate';

/** A new link token: 32 random bytes, URL-safe base64 (43 characters). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export class PackStore {
  /** The uses and ETag of links this process read lately, so counting an opening needs no second read (at most 200). */
  private readonly heldLinks = new Map<string, { uses: number; etag: string }>();

  private holdLink(token: string, version: { uses: number; etag: string }): void {
    if (this.heldLinks.size >= 200) this.heldLinks.delete(this.heldLinks.keys().next().value!);
    this.heldLinks.set(token, version);
  }

  readonly metrics: Metrics;

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
  ) {
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
      await this.client.submitTransaction(
        links.map((link) => ['create', { partitionKey: LINKS, rowKey: link.token, json: JSON.stringify(link), expiresAt: link.expiresAt }]),
      );
    } catch (err) {
      throw toStoreError(err, 'save file links');
    }
  }

  /** The link with this token; undefined when there is none (or the stored row is not a link). One point read. */
  async getLink(token: string): Promise<FileLink | undefined> {
    try {
      const entity = await this.client.getEntity<{ json?: string; uses?: number }>(LINKS, token);
      this.holdLink(token, { uses: typeof entity.uses === 'number' ? entity.uses : 0, etag: entity.etag });
      const parsed = fileLinkSchema.safeParse(JSON.parse(String(entity.json ?? 'null')));
      return parsed.success && parsed.data.token === token ? parsed.data : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, 'read file link');
    }
  }

  /**
   * Counts one opening of a link (its `uses` column, ETag-checked so two at once count twice);
   * false when it has been opened as often as it may be (records/fileOut.ts) or is not there.
   */
  async claimLinkUse(token: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      // The version getLink just read, if this process holds it (the write is ETag-checked either way).
      let entity: { uses?: number; etag: string } | undefined = attempt === 0 ? this.heldLinks.get(token) : undefined;
      this.heldLinks.delete(token);
      try {
        entity ??= await this.client.getEntity<{ uses?: number }>(LINKS, token);
      } catch (err) {
        if (statusOf(err) === 404) return false;
        throw toStoreError(err, 'read file link');
      }
      const uses = typeof entity.uses === 'number' ? entity.uses : 0;
      if (!mayOpenLinkAgain(uses)) return false;
      try {
        await this.client.updateEntity({ partitionKey: LINKS, rowKey: token, uses: uses + 1 }, 'Merge', { etag: entity.etag });
        return true;
      } catch (err) {
        if (statusOf(err) !== 412) throw toStoreError(err, 'count file link use');
      }
    }
    return false;
  }

  /**
   * One more file made for a person, if within their rate (records/fileOut.ts FILE_RATE): a row per
   * person (`rate`, keyed by a hash of their id), ETag-checked. `retryAt` when refused.
   */
  async admitFileFor(personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }> {
    const rowKey = createHash('sha256').update(personId).digest('hex').slice(0, 32);
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await readRateRow(this.client, RATES, rowKey, 'file rate');
      const admission = admitFile(row?.recent ?? [], now);
      if (!admission.ok) return admission;
      const entity = { partitionKey: RATES, rowKey, recent: JSON.stringify(admission.recent) };
      try {
        if (row) await this.client.updateEntity(entity, 'Replace', { etag: row.etag });
        else await this.client.createEntity(entity);
        return { ok: true };
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw toStoreError(err, 'count file made');
      }
    }
    throw toStoreError(new Error('too many files asked for at once'), 'count file made');
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

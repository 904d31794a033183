// The digest's own bookkeeping, in table `digests` (PartitionKey = place code):
//   claim|<ISO week>|<channel id>   one row per (place, channel, week): who claimed it and what was
//                                   sent. Created with a conditional insert, so however many timer
//                                   ticks or instances race, exactly one claim exists.
//   remind|<YYYY-MM-DD>|<person id> (PartitionKey `people`) one row per person per reminder day.
// Every later change is ETag-checked, so two workers holding the same message cannot both post.
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { PlaceCode } from '../places.js';
import { StoreError, statusOf, toStoreError } from './errors.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

export const DIGESTS_TABLE = 'digests';

/**
 * claimed → posting (written just before the post) → sent (with the activity id), or
 * failed (the channel refused: the bot was removed, 403/404) or skipped (nothing to post to).
 */
export const CLAIM_STATES = ['claimed', 'posting', 'sent', 'failed', 'skipped'] as const;

export const claimSchema = z.object({
  place: z.string(),
  week: z.string(),
  channelId: z.string(),
  state: z.enum(CLAIM_STATES),
  claimedAt: z.string(),
  /** When the last post attempt started: a crash leaves `posting`, and a later run takes over after a lease. */
  postingAt: z.string().optional(),
  attempts: z.number().int().default(0),
  /** When a later tick last enqueued it again (a lost message, or a worker that died mid-post). */
  requeuedAt: z.string().optional(),
  activityId: z.string().optional(),
  sentAt: z.string().optional(),
  reason: z.string().optional(),
});
export type DigestClaim = z.infer<typeof claimSchema>;

const claimRow = (week: string, channelId: string) => `claim|${week}|${encodeURIComponent(channelId)}`;
const reminderRow = (day: string, personId: string) => `remind|${day}|${encodeURIComponent(personId)}`;

export class DigestStore {
  readonly metrics: Metrics;
  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
  ) {
    this.metrics = metrics;
  }

  static fromConnection(opts: ConnectionOptions & { tableName?: string }): DigestStore {
    const { client, metrics } = openTable(opts, DIGESTS_TABLE);
    return new DigestStore(client, metrics);
  }

  async ensureTable(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  /** One conditional insert: true for the one caller that claimed it, false for every other. */
  async claim(place: PlaceCode, week: string, channelId: string, now: Date): Promise<boolean> {
    const claim: DigestClaim = { place, week, channelId, state: 'claimed', claimedAt: now.toISOString(), attempts: 0 };
    try {
      await this.client.createEntity({ partitionKey: place, rowKey: claimRow(week, channelId), ...claim });
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw toStoreError(err, `claim ${place} ${week} ${channelId}`);
    }
  }

  async get(place: PlaceCode, week: string, channelId: string): Promise<{ claim: DigestClaim; etag: string } | undefined> {
    try {
      const e = await this.client.getEntity<Record<string, unknown>>(place, claimRow(week, channelId));
      return { claim: claimSchema.parse(e), etag: e.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get claim ${place} ${week} ${channelId}`);
    }
  }

  /** Replaces a claim if nobody changed it since `etag` (StoreError STALE otherwise); returns the new ETag. */
  async update(claim: DigestClaim, etag: string): Promise<string> {
    const entity = { partitionKey: claim.place, rowKey: claimRow(claim.week, claim.channelId), ...claimSchema.parse(claim) };
    try {
      const res = await this.client.updateEntity(entity, 'Replace', { etag });
      if (!res.etag) throw new StoreError('BAD_REQUEST', 'no ETag in the response');
      return res.etag;
    } catch (err) {
      throw toStoreError(err, `update claim ${claim.place} ${claim.week} ${claim.channelId}`);
    }
  }

  /** Every claim of a place for a week (one row-key range). */
  async claimsOf(place: PlaceCode, week: string): Promise<DigestClaim[]> {
    const from = `claim|${week}|`;
    const to = `claim|${week}}`;
    const out: DigestClaim[] = [];
    try {
      for await (const e of this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${place} and RowKey ge ${from} and RowKey lt ${to}` },
      })) {
        out.push(claimSchema.parse(e));
      }
    } catch (err) {
      throw toStoreError(err, `list claims ${place} ${week}`);
    }
    return out;
  }

  /** At most one reminder per person per day: the conditional insert decides. */
  async claimReminder(day: string, personId: string, now: Date): Promise<boolean> {
    try {
      await this.client.createEntity({
        partitionKey: 'people',
        rowKey: reminderRow(day, personId),
        personId,
        day,
        state: 'claimed',
        claimedAt: now.toISOString(),
      });
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw toStoreError(err, `claim reminder ${day} ${personId}`);
    }
  }

  /** Records how a claimed reminder ended (sent with its activity id, or why not). */
  async finishReminder(
    day: string,
    personId: string,
    outcome: { state: 'sent' | 'failed' | 'nothing'; activityId?: string; reason?: string },
  ): Promise<void> {
    try {
      await this.client.updateEntity({ partitionKey: 'people', rowKey: reminderRow(day, personId), ...outcome }, 'Merge', { etag: '*' });
    } catch (err) {
      throw toStoreError(err, `finish reminder ${day} ${personId}`);
    }
  }
}

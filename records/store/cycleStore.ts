// The meeting cycle's markers, in the digest's table `digests` (PartitionKey = place code):
//   cycle|<meeting date>|<forum ref>|<kind>|<person id>   one row per notice (records/forumCycle.ts noticeKey)
// Claimed with a conditional insert before anything is sent, so however many timer ticks or
// instances race, one claim exists; every later change is ETag-checked. Keyed by meeting date
// first, so a tick reads only the markers of the few weeks it looks at (one row-key range).
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { CYCLE_NOTICE_KINDS, type CycleNotice } from '../forumCycle.js';
import type { IsoDate } from '../dates.js';
import type { PlaceCode } from '../places.js';
import { DIGESTS_TABLE } from './digestStore.js';
import { StoreError, statusOf, toStoreError } from './errors.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

/**
 * claimed (just before the first send) → sent; or unreachable (the person never talked
 * to the bot: sent once they have), failed (the chat is gone, or Teams refused it three times).
 * A claim left `claimed` by a crash, or `sending` (a take-over
 * in progress, or a refused send to try again), is taken over after CYCLE_LEASE_MS.
 */
export const CYCLE_STATES = ['claimed', 'sending', 'sent', 'unreachable', 'failed'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

/** Longer than any send takes, shorter than the 15-minute timer: the next tick retries a crashed one. */
export const CYCLE_LEASE_MS = 10 * 60 * 1000;

export const markerSchema = z.object({
  place: z.string(),
  key: z.string(),
  kind: z.enum(CYCLE_NOTICE_KINDS),
  forumRef: z.string(),
  meetingDate: z.string(),
  personId: z.string(),
  personName: z.string(),
  state: z.enum(CYCLE_STATES),
  claimedAt: z.string(),
  /** When the last send started: a crash leaves `sending`, and a later tick takes over after the lease. */
  sendingAt: z.string().optional(),
  attempts: z.number().int().default(0),
  activityId: z.string().optional(),
  sentAt: z.string().optional(),
  reason: z.string().optional(),
});
export type CycleMarker = z.infer<typeof markerSchema>;

const row = (key: string) => `cycle|${key.split('|').map(encodeURIComponent).join('|')}`;

export class CycleStore {
  readonly metrics: Metrics;
  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
  ) {
    this.metrics = metrics;
  }

  static fromConnection(opts: ConnectionOptions & { tableName?: string }): CycleStore {
    const { client, metrics } = openTable(opts, DIGESTS_TABLE);
    return new CycleStore(client, metrics);
  }

  async ensureTable(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  /** The marker a notice would have, claimed now. */
  static markerOf(notice: CycleNotice, key: string, now: Date): CycleMarker {
    return {
      place: notice.place,
      key,
      kind: notice.kind,
      forumRef: notice.forumRef,
      meetingDate: notice.meetingDate,
      personId: notice.to.id,
      personName: notice.to.name,
      state: 'claimed',
      claimedAt: now.toISOString(),
      attempts: 0,
    };
  }

  /** One conditional insert: true for the one caller that claimed it, false for every other. */
  async claim(marker: CycleMarker): Promise<{ claimed: true; etag: string } | { claimed: false }> {
    try {
      const res = await this.client.createEntity({ partitionKey: marker.place, rowKey: row(marker.key), ...markerSchema.parse(marker) });
      return { claimed: true, etag: res.etag ?? '' };
    } catch (err) {
      if (statusOf(err) === 409) return { claimed: false };
      throw toStoreError(err, `claim cycle notice ${marker.place} ${marker.key}`);
    }
  }

  async get(place: PlaceCode, key: string): Promise<{ marker: CycleMarker; etag: string } | undefined> {
    try {
      const e = await this.client.getEntity<Record<string, unknown>>(place, row(key));
      return { marker: markerSchema.parse(e), etag: e.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get cycle notice ${place} ${key}`);
    }
  }

  /** Replaces a marker if nobody changed it since `etag` (StoreError STALE otherwise); returns the new ETag. */
  async update(marker: CycleMarker, etag: string): Promise<string> {
    const entity = { partitionKey: marker.place, rowKey: row(marker.key), ...markerSchema.parse(marker) };
    try {
      const res = await this.client.updateEntity(entity, 'Replace', { etag });
      if (!res.etag) throw new StoreError('BAD_REQUEST', 'no ETag in the response');
      return res.etag;
    } catch (err) {
      throw toStoreError(err, `update cycle notice ${marker.place} ${marker.key}`);
    }
  }

  /** A place's markers for meetings dated from `from` to `to` (inclusive), by key: one row-key range. */
  async markersBetween(place: PlaceCode, from: IsoDate, to: IsoDate): Promise<Map<string, { marker: CycleMarker; etag: string }>> {
    const out = new Map<string, { marker: CycleMarker; etag: string }>();
    try {
      for await (const e of this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${place} and RowKey ge ${`cycle|${from}`} and RowKey lt ${`cycle|${to}}`}` },
      })) {
        const marker = markerSchema.parse(e);
        out.set(marker.key, { marker, etag: e.etag });
      }
    } catch (err) {
      throw toStoreError(err, `list cycle notices ${place} ${from}–${to}`);
    }
    return out;
  }
}

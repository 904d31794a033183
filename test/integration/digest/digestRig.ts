// A digest rig on in-process Azurite: real stores and the real `digest` queue, a sender whose
// posts go to a recording function (per channel, with optional failures), and a simulated clock.
import { DigestService, RetryLater, type DigestDeps, type TickLine, type WorkLine } from '../../../bot/digest/digestRun.js';
import { ProactiveSender, type PostFn, type Reference } from '../../../bot/teams/sender.js';
import { createAction, type ActionDraft } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { PLACE_CODES, PLACE_NAMES, type PlaceCode } from '../../../records/places.js';
import { DigestQueue } from '../../../records/store/digestQueue.js';
import { DigestStore } from '../../../records/store/digestStore.js';
import { PlaceStore } from '../../../records/store/placeStore.js';
import { RecordStore } from '../../../records/store/recordStore.js';
import type { AzuriteFixture } from '../../support/azurite.js';

let n = 0;
export const ADMIN: Actor = { id: 'aad-admin', name: 'Sam Patel', roles: ['admin'] };

export interface Post {
  conversationId: string;
  activity: Record<string, unknown>;
  id: string;
}

export class DigestRig {
  readonly records: RecordStore;
  readonly places: PlaceStore;
  readonly digests: DigestStore;
  readonly queue: DigestQueue;
  readonly sender: ProactiveSender;
  readonly service: DigestService;

  constructor(
    readonly storage: AzuriteFixture,
    readonly suffix = `${++n}x${Date.now() % 100000}`,
    depsOverride: (d: DigestDeps) => DigestDeps = (d) => d,
    readonly posts: Post[] = [],
    /** conversation id → status to answer instead of posting (e.g. 403). */
    readonly refuse = new Map<string, number>(),
  ) {
    const connectionString = storage.connectionString;
    this.records = RecordStore.fromConnection({ connectionString, tableName: `rec${suffix}` });
    this.places = PlaceStore.fromConnection({ connectionString, tableName: `pla${suffix}` });
    this.digests = DigestStore.fromConnection({ connectionString, tableName: `dig${suffix}` });
    this.queue = DigestQueue.fromConnection({ connectionString, queueName: `digest-${suffix}` });
    const post: PostFn = async (reference: Reference, activity) => {
      const conversationId = String(reference.conversation?.id);
      const status = this.refuse.get(conversationId);
      if (status) throw Object.assign(new Error(`refused ${status}`), { statusCode: status });
      const id = `post-${this.posts.length + 1}`;
      this.posts.push({ conversationId, activity, id });
      return id;
    };
    this.sender = new ProactiveSender(post, { sleep: async () => undefined });
    this.service = new DigestService(
      depsOverride({ records: this.records, places: this.places, digests: this.digests, queue: this.queue, sender: this.sender }),
    );
  }

  /** Same tables, queue and recorded posts; its own clients and service: a second timer instance or worker. */
  twin(depsOverride?: (d: DigestDeps) => DigestDeps): DigestRig {
    return new DigestRig(this.storage, this.suffix, depsOverride, this.posts, this.refuse);
  }

  async prepare(): Promise<void> {
    await Promise.all([this.records.ensureTable(), this.places.ensureTables(), this.digests.ensureTable(), this.queue.ensureQueue()]);
  }

  /** Settings for a place with `channels` linked (references saved at `linkedAt`). */
  async linkPlace(place: PlaceCode, channels: string[], linkedAt: Date, extra: { digestEnabled?: boolean } = {}): Promise<void> {
    await this.places.put({
      place,
      displayName: PLACE_NAMES[place],
      admins: [{ id: ADMIN.id, name: ADMIN.name }],
      channels: channels.map((id) => ({ id, name: `${PLACE_NAMES[place]} ${id}` })),
      ...extra,
    });
    for (const id of channels) {
      await this.places.saveChannelReference(
        place,
        id,
        {
          channelId: 'msteams',
          serviceUrl: 'http://connector.invalid/',
          conversation: { id, isGroup: true, conversationType: 'channel', name: id },
        },
        linkedAt,
      );
    }
  }

  async linkAll(linkedAt: Date, channelsPerPlace = 1): Promise<string[]> {
    const all: string[] = [];
    for (const place of PLACE_CODES) {
      const ids = Array.from({ length: channelsPerPlace }, (_, i) => `19:${place.toLowerCase()}-${i}@thread.tacv2`);
      await this.linkPlace(place, ids, linkedAt);
      all.push(...ids);
    }
    return all;
  }

  async logAction(place: PlaceCode, at: Date, over: Partial<ActionDraft> = {}): Promise<void> {
    const draft: ActionDraft = {
      place,
      description: `Action for ${place}`,
      owner: { id: 'aad-owner', name: 'Olu Owen' },
      dueDate: '2026-12-18',
      links: {},
      ...over,
    };
    const res = await this.records.create('action', place, (ref) => createAction(draft, ref, ADMIN, at));
    if (!res.ok) throw new Error(res.refusal.message);
  }

  /** Receives and works every message on the queue (as the queue trigger would), deleting handled ones. */
  async drain(now: Date): Promise<WorkLine[]> {
    const lines: WorkLine[] = [];
    for (;;) {
      const batch = await this.queue.receive(32, 1);
      if (batch.length === 0) return lines;
      for (const m of batch) {
        try {
          lines.push(await this.service.work(m.message, now));
          await this.queue.delete(m);
        } catch (err) {
          if (!(err instanceof RetryLater)) throw err;
          lines.push({ message: JSON.parse(Buffer.from(String(m.message), 'base64').toString()), outcome: 'busy', reason: err.message });
          await this.queue.delete(m); // the test re-runs explicitly
        }
      }
    }
  }

  async tick(now: Date): Promise<TickLine[]> {
    return this.service.tick(now);
  }
}

// People the bot can message 1:1, in table `conversations` (PartitionKey `person`, RowKey the
// person's id, URL-encoded): their personal conversation reference (saved when they install the
// app or first talk to the bot) and whether they want the weekday reminders.
import { odata, type TableClient } from '@azure/data-tables';
import { fromChunks, toChunks } from './entity.js';
import { statusOf, toStoreError } from './errors.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';
import type { Viewer } from '../access.js';

export const CONVERSATIONS_TABLE = 'conversations';
const PARTITION = 'person';
const row = (personId: string) => encodeURIComponent(personId);

export interface PersonalChat {
  personId: string;
  name: string;
  reference: Record<string, unknown>;
  savedAt: string;
  remindersOff: boolean;
  /**
   * Who they are to the read rule (records/access.ts), as Teams last told the bot when they spoke
   * 1:1: a member, or a guest and the places whose channel they are in. Reminders show only those
   * places; a row saved before this was kept has none, and is reminded of nothing until they speak.
   */
  viewer?: Viewer;
}

export class PersonStore {
  readonly metrics: Metrics;
  /** People whose reference (and viewer) this process has saved or seen stored, as saved: no write per message. */
  private readonly known = new Map<string, string>();

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
  ) {
    this.metrics = metrics;
  }

  static fromConnection(opts: ConnectionOptions & { tableName?: string }): PersonStore {
    const { client, metrics } = openTable(opts, CONVERSATIONS_TABLE);
    return new PersonStore(client, metrics);
  }

  async ensureTable(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  async get(personId: string): Promise<PersonalChat | undefined> {
    try {
      return fromChunks(await this.client.getEntity<Record<string, unknown>>(PARTITION, row(personId))) as PersonalChat;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get person ${personId}`);
    }
  }

  private async put(chat: PersonalChat): Promise<void> {
    try {
      await this.client.upsertEntity(
        {
          partitionKey: PARTITION,
          rowKey: row(chat.personId),
          remindersOff: chat.remindersOff,
          ...toChunks(chat, `Personal chat of ${chat.personId}`),
        },
        'Replace',
      );
    } catch (err) {
      throw toStoreError(err, `save person ${chat.personId}`);
    }
  }

  /**
   * Saves a person's personal conversation reference, and who they are to the read rule when
   * Teams said (`viewer`), once: later calls in this process with the same cost nothing.
   */
  async rememberChat(personId: string, name: string, reference: Record<string, unknown>, now: Date, viewer?: Viewer): Promise<void> {
    const seen = JSON.stringify([reference.conversation, viewer ?? null]);
    if (this.known.get(personId) === seen) return;
    const existing = await this.get(personId);
    const sameChat = !!existing?.reference && JSON.stringify(existing.reference.conversation) === JSON.stringify(reference.conversation);
    const sameViewer = !viewer || JSON.stringify(existing?.viewer ?? null) === JSON.stringify(viewer);
    if (existing && sameChat && sameViewer) {
      this.known.set(personId, seen);
      return;
    }
    const kept = viewer ?? existing?.viewer;
    await this.put({
      personId,
      name,
      reference,
      savedAt: now.toISOString(),
      remindersOff: existing?.remindersOff ?? false,
      ...(kept ? { viewer: kept } : {}),
    });
    this.known.set(personId, seen);
  }

  /** Turns the weekday reminders off or on; kept across restarts. False when there is no personal chat yet. */
  async setReminders(personId: string, on: boolean): Promise<boolean> {
    const existing = await this.get(personId);
    if (!existing) return false;
    await this.put({ ...existing, remindersOff: !on });
    return true;
  }

  /** Everyone with a personal chat who has not turned reminders off. */
  async listRemindable(): Promise<PersonalChat[]> {
    const out: PersonalChat[] = [];
    try {
      for await (const e of this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${PARTITION} and remindersOff eq ${false}` },
      })) {
        out.push(fromChunks(e) as PersonalChat);
      }
    } catch (err) {
      throw toStoreError(err, 'list people');
    }
    return out;
  }
}

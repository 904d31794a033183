// Place settings and partnership channel conversation references, in their own table
// `places` (PartitionKey = place code), so a restart or redeploy loses no channel.
//   settings            the place's PlaceSettings (JSON in data0..dataN), ETag-checked
//   chan|<channel id>   a channel's conversation reference (JSON, as the Teams room gives it), URL-encoded id
import { odata, type TableClient } from '@azure/data-tables';
import { diffFields } from '../audit.js';
import type { Person, PlaceRole } from '../people.js';
import {
  DEFAULT_ESCALATION_THRESHOLD,
  rolesOf,
  placeSettingsSchema,
  type PlaceSettings,
  type PlaceSettingsInput,
} from '../placeSettings.js';
import { DEFAULT_APPETITE, type Appetite } from '../risk.js';
import { PLACE_CODES, type Locality, type PlaceCode } from '../places.js';
import { fromChunks, newSuffix, toChunks, type Stored } from './entity.js';
import { StaleRecordError, statusOf, StoreError, toStoreError } from './errors.js';
import { createTableIfMissing, openTable, type ConnectionOptions, type Metrics } from './tables.js';

/** Where a conversation is, as the Teams room saves it (a Bot Framework conversation reference): opaque here but for its ids. */
export type ConversationRef = Record<string, unknown> & {
  conversation?: { id?: string; name?: string; [k: string]: unknown };
  serviceUrl?: string;
};

export const PLACES_TABLE = 'places';
const SETTINGS_ROW = 'settings';
const channelRow = (channelId: string) => `chan|${encodeURIComponent(channelId)}`;

export type PlaceSettingsWrite =
  { ok: true; stored: Stored<PlaceSettings> } | { ok: false; fieldErrors: Record<string, string>; message: string };

export interface ChannelReference {
  place: PlaceCode;
  channelId: string;
  reference: ConversationRef;
  savedAt: string;
  /** Set when the digest stopped for this channel: unlinked in setup, or Teams answered 403/404. */
  stopped?: { at: string; reason: string };
}

/** Settings checked against their schema: invalid input comes back as field errors, never a storage error. */
function parseSettings(
  input: PlaceSettingsInput,
): { ok: true; settings: PlaceSettings } | { ok: false; fieldErrors: Record<string, string>; message: string } {
  const parsed = placeSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false, fieldErrors, message: Object.values(fieldErrors)[0] ?? 'Check the settings.' };
}

/**
 * How long a place's settings read by this process are used without asking storage again
 * (roles are looked up on every turn that changes something; settings change rarely). Within
 * FRESH_MS they are used as they are; up to MAX_AGE_MS they are used while one background read
 * revalidates them; after that a turn waits for a read. Writes through this store update them at once.
 */
export const SETTINGS_CACHE = { FRESH_MS: 5_000, MAX_AGE_MS: 60_000 } as const;

interface CachedSettings {
  at: number;
  value: Stored<PlaceSettings> | undefined;
  refreshing?: Promise<void>;
}

export class PlaceStore {
  readonly metrics: Metrics;
  private readonly cache = new Map<PlaceCode, CachedSettings>();

  private constructor(
    private readonly client: TableClient,
    metrics: Metrics,
  ) {
    this.metrics = metrics;
  }

  static fromConnection(opts: ConnectionOptions & { tableName?: string }): PlaceStore {
    const { client, metrics } = openTable(opts, PLACES_TABLE);
    return new PlaceStore(client, metrics);
  }

  /** Creates the `places` table if missing (idempotent). */
  async ensureTables(): Promise<void> {
    await createTableIfMissing(this.client);
  }

  async get(place: PlaceCode): Promise<Stored<PlaceSettings> | undefined> {
    const at = Date.now();
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(place, SETTINGS_ROW);
      const stored = { record: placeSettingsSchema.parse(fromChunks(entity)), etag: entity.etag };
      this.remember(place, stored, at);
      return stored;
    } catch (err) {
      if (statusOf(err) === 404) return this.remember(place, undefined, at);
      throw toStoreError(err, `get settings of ${place}`);
    }
  }

  /**
   * Writes a place's settings. Pass the ETag they were read with (none only when
   * creating them: fails with CONFLICT if they exist). A stale ETag throws StaleRecordError.
   * Invalid input comes back as field errors, never as a storage error.
   */
  async put(input: PlaceSettingsInput, etag?: string): Promise<PlaceSettingsWrite> {
    const parsed = parseSettings(input);
    if (!parsed.ok) return parsed;
    const settings = parsed.settings;
    const entity = { partitionKey: settings.place, rowKey: SETTINGS_ROW, ...toChunks(settings, `Settings of ${settings.place}`) };
    try {
      const response = etag ? await this.client.updateEntity(entity, 'Replace', { etag }) : await this.client.createEntity(entity);
      if (!response.etag) throw new Error('no ETag in the response');
      const stored = { record: settings, etag: response.etag };
      this.remember(settings.place, stored, Date.now());
      return { ok: true, stored };
    } catch (err) {
      if (statusOf(err) === 412) {
        const latest = await this.get(settings.place);
        if (latest) throw new StaleRecordError(latest, { cause: err });
        throw new StoreError('NOT_FOUND', `No settings for ${settings.place}`, { cause: err });
      }
      throw toStoreError(err, `put settings of ${settings.place}`);
    }
  }

  /**
   * The roles a person holds in a place (none when the place has no settings yet), from the
   * settings this process holds (SETTINGS_CACHE): usually no storage call at all.
   */
  async rolesOf(place: PlaceCode, personId: string): Promise<PlaceRole[]> {
    const settings = await this.cachedSettings(place);
    return settings ? rolesOf(settings.record, personId) : [];
  }

  /** A place's settings as this process last read or wrote them, revalidated as SETTINGS_CACHE says. */
  async cachedSettings(place: PlaceCode): Promise<Stored<PlaceSettings> | undefined> {
    const hit = this.cache.get(place);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < SETTINGS_CACHE.FRESH_MS) return hit.value;
    if (hit && age < SETTINGS_CACHE.MAX_AGE_MS) {
      hit.refreshing ??= this.get(place).then(
        () => undefined,
        () => void (hit.refreshing = undefined), // storage is down: keep serving, try again next turn
      );
      return hit.value;
    }
    return this.get(place);
  }

  /** Keeps what was read or written, unless something newer is already held. */
  private remember(place: PlaceCode, value: Stored<PlaceSettings> | undefined, at: number): undefined {
    const held = this.cache.get(place);
    if (!held || held.at <= at) this.cache.set(place, { at, value });
    return undefined;
  }

  /** When a risk in this place is flagged for escalation, and the appetite a new one starts with (defaults when unset). */
  async riskPolicyOf(place: PlaceCode): Promise<{ escalationThreshold: number; defaultAppetite: Appetite }> {
    const settings = await this.cachedSettings(place);
    return settings
      ? { escalationThreshold: settings.record.escalationThreshold, defaultAppetite: settings.record.defaultAppetite }
      : { escalationThreshold: DEFAULT_ESCALATION_THRESHOLD, defaultAppetite: DEFAULT_APPETITE };
  }

  /** Saves (or replaces) a channel's conversation reference, for proactive posts. */
  async saveChannelReference(place: PlaceCode, channelId: string, reference: ConversationRef, now: Date = new Date()): Promise<void> {
    const saved: ChannelReference = { place, channelId, reference, savedAt: now.toISOString() };
    try {
      await this.client.upsertEntity(
        { partitionKey: place, rowKey: channelRow(channelId), channelId, ...toChunks(saved, `Channel reference ${channelId}`) },
        'Replace',
      );
    } catch (err) {
      throw toStoreError(err, `save channel ${channelId} of ${place}`);
    }
  }

  /** Every saved channel reference of a place (one query). */
  async listChannelReferences(place: PlaceCode): Promise<ChannelReference[]> {
    const out: ChannelReference[] = [];
    try {
      const filter = odata`PartitionKey eq ${place} and RowKey ge ${'chan|'} and RowKey lt ${'chan}'}`;
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push(fromChunks(entity) as ChannelReference);
      }
    } catch (err) {
      throw toStoreError(err, `list channels of ${place}`);
    }
    return out;
  }

  /**
   * Which place a partnership channel belongs to: a channel named in a place's settings (with its
   * locality), or one whose conversation reference a place keeps. Point reads only, four places
   * in parallel; undefined when no place has linked the channel.
   */
  async placeOfChannel(channelId: string): Promise<{ place: PlaceCode; locality?: Locality } | undefined> {
    const found = await Promise.all(
      PLACE_CODES.map(async (place) => {
        const [settings, reference] = await Promise.all([this.get(place), this.getChannelReference(place, channelId)]);
        const named = settings?.record.channels.find((c) => c.id === channelId);
        if (named) return { place, ...(named.locality ? { locality: named.locality } : {}) };
        return reference ? { place } : undefined;
      }),
    );
    return found.find((f) => f !== undefined);
  }

  async getChannelReference(place: PlaceCode, channelId: string): Promise<ChannelReference | undefined> {
    try {
      return fromChunks(await this.client.getEntity<Record<string, unknown>>(place, channelRow(channelId))) as ChannelReference;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, `get channel ${channelId} of ${place}`);
    }
  }

  /**
   * Stops the digest for a channel (unlinked, or the bot was removed: Teams answered 403/404).
   * The reference is kept, with when and why, so place admins see it in `setup`.
   */
  async stopChannel(place: PlaceCode, channelId: string, reason: string, now: Date = new Date()): Promise<void> {
    const saved = await this.getChannelReference(place, channelId);
    if (!saved) return;
    const stopped: ChannelReference = { ...saved, stopped: { at: now.toISOString(), reason } };
    try {
      await this.client.upsertEntity(
        { partitionKey: place, rowKey: channelRow(channelId), channelId, ...toChunks(stopped, `Channel reference ${channelId}`) },
        'Replace',
      );
    } catch (err) {
      throw toStoreError(err, `stop channel ${channelId} of ${place}`);
    }
  }

  /**
   * Writes a place's settings as a person's change, audited: the settings row and an audit row
   * `aud|<at>|settings|<suffix>` (who, when, the fields before and after) in ONE entity-group
   * transaction. ETag-checked like put (none only when creating them).
   */
  async putAudited(
    input: PlaceSettingsInput,
    etag: string | undefined,
    actor: Person,
    now: Date,
    command = 'setup',
  ): Promise<PlaceSettingsWrite> {
    const parsed = parseSettings(input);
    if (!parsed.ok) return parsed;
    const settings = parsed.settings;
    const before = etag ? ((await this.get(settings.place))?.record ?? null) : null;
    const diff = diffFields(before, settings);
    const at = now.toISOString();
    const audit = { at, actor: { id: actor.id, name: actor.name }, command, place: settings.place, ...diff };
    const entity = { partitionKey: settings.place, rowKey: SETTINGS_ROW, ...toChunks(settings, `Settings of ${settings.place}`) };
    const auditEntity = {
      partitionKey: settings.place,
      rowKey: `aud|${at}|settings|${newSuffix()}`,
      command,
      actorId: actor.id,
      ...toChunks(audit, 'Settings audit'),
    };
    try {
      const res = await this.client.submitTransaction([
        etag ? ['update', entity, 'Replace', { etag }] : ['create', entity],
        ['create', auditEntity],
      ]);
      const newEtag = res.subResponses[0]?.etag;
      if (!newEtag) throw new Error('no ETag in the transaction response');
      return { ok: true, stored: { record: settings, etag: newEtag } };
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 409) {
        const latest = await this.get(settings.place);
        if (latest) throw new StaleRecordError(latest, { cause: err });
      }
      throw toStoreError(err, `put settings of ${settings.place}`);
    }
  }

  /** The audited changes to a place's settings, oldest first. */
  async settingsHistory(
    place: PlaceCode,
  ): Promise<
    Array<{ at: string; actor: Person; command: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>
  > {
    const out: Array<{
      at: string;
      actor: Person;
      command: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown>;
    }> = [];
    try {
      const filter = odata`PartitionKey eq ${place} and RowKey ge ${'aud|'} and RowKey lt ${'aud}'}`;
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push(fromChunks(entity) as (typeof out)[number]);
      }
    } catch (err) {
      throw toStoreError(err, `settings history of ${place}`);
    }
    return out;
  }
}

// Everything a function invocation needs, built once per process from the settings.
import { createBot, type Bot } from '../bot/teams/app.js';
import type { BotDeps } from '../bot/ports.js';
import { DigestService } from '../bot/digest/digestRun.js';
import { ReminderService } from '../bot/reminders/reminders.js';
import { londonToday } from '../records/dates.js';
import { PersonStore } from '../records/store/personStore.js';
import { digestCard } from '../cards/digestCard.js';
import { nextDigestTime, weekOf } from '../records/schedule.js';
import { adapterPost, adapterUpdate, ProactiveSender } from '../bot/teams/sender.js';
import { SignOffNotices } from '../bot/signoff/signOffNotices.js';
import { Viewers } from '../bot/teams/viewer.js';
import { DIGEST_POISON_QUEUE, DigestQueue } from '../records/store/digestQueue.js';
import { DigestStore } from '../records/store/digestStore.js';
import { PlaceStore } from '../records/store/placeStore.js';
import { RecordStore } from '../records/store/recordStore.js';
import type { ConnectionOptions } from '../records/store/tables.js';
import type { PlaceCode } from '../records/places.js';
import { loadSettings, type Settings } from './settings.js';
import { sweepExpiredSignOffs, type SweepResult } from './signOffSweep.js';
import { PackDelivery } from '../bot/boardPack/packDelivery.js';
import { packFile } from '../records/pack/packFiles.js';
import { newLinkToken, PackStore } from '../records/store/packStore.js';
import { stillMayHavePack } from '../records/fileOut.js';
import { packSourceOf } from './packSource.js';
import { readMeetingPack } from '../bot/boardPack/meetingPackSource.js';
import { countPackFile } from './telemetry/signals.js';
import { CycleService } from '../bot/cycle/cycleRun.js';
import { CycleStore } from '../records/store/cycleStore.js';

export interface Runtime {
  settings: Settings;
  records: RecordStore;
  places: PlaceStore;
  bot: Bot;
  digests: DigestStore;
  queue: DigestQueue;
  /** The digest queue's poison queue (the Functions host's), whose length telemetry reports for its alert. */
  poison: DigestQueue;
  sender: ProactiveSender;
  digest: DigestService;
  people: PersonStore;
  reminders: ReminderService;
  /** Expires pending sign-offs past their expiry date (the scheduled tick runs it before the digest), updating their cards and telling requesters. */
  sweepSignOffs(now: Date): Promise<SweepResult>;
  /** Board pack download links and the audit of files made (table `packfiles`). */
  packs: PackStore;
  /** Makes board pack files and delivers them (upload in personal chat, download links elsewhere). */
  packDelivery: PackDelivery;
  /** Where download links point: PUBLIC_BASE_URL, else (local runs) the local host's own address once it listens. */
  publicUrl: { value?: string };
  /** The meeting cycle run from each forum's rhythm (pack offers and reminders to secretaries and chairs), on the digest's timer. */
  cycle: CycleService;
  /** The cycle's once-only markers (table `digests`, `cycle|…` rows). */
  cycleNotices: CycleStore;
}

export function createRuntime(
  settings: Settings,
  clock: () => Date = () => new Date(),
  storage: Pick<ConnectionOptions, 'httpClient'> = {},
): Runtime {
  // `storage.httpClient`: tests only (Table Storage in memory, test/support/memoryTables.ts).
  const connection = { connectionString: settings.STORAGE_CONNECTION_STRING, accountName: settings.STORAGE_ACCOUNT_NAME, ...storage };
  const records = RecordStore.fromConnection(connection);
  const places = PlaceStore.fromConnection(connection);
  const people = PersonStore.fromConnection(connection);
  const channelsOf = async (place: PlaceCode) => ((await places.get(place))?.record.channels ?? []).map((c) => c.id);
  const packs = PackStore.fromConnection(connection);
  const publicUrl: { value?: string } = { value: settings.PUBLIC_BASE_URL };
  const packDelivery = new PackDelivery({
    links: packs,
    // Each file made is audited, and counted for telemetry (kind, delivery, outcome, place; never who).
    audit: {
      recordFileMade: (event) => (countPackFile(event.kind, event.delivery, event.outcome, event.place), packs.recordFileMade(event)),
    },
    sourceOf: async (place, madeFor, now, meetingRef) => {
      if (meetingRef) {
        // The pack for a meeting: its forum's previous meeting is "the last meeting" (bounded reads, functions/meetingPackSource.ts).
        const settings = (await places.get(place))?.record;
        const forMeeting = await readMeetingPack(records, place, meetingRef, settings);
        if (forMeeting) return packSourceOf(records, place, settings, madeFor, now, forMeeting.previous, forMeeting.pack);
      }
      const [settings, lastMeeting] = await Promise.all([places.get(place), records.lastMeetingHeld(place, londonToday(now))]);
      return packSourceOf(records, place, settings?.record, madeFor, now, lastMeeting?.record);
    },
    makeFile: packFile,
    newToken: newLinkToken,
    clock,
    stillAllowed: async (place, personId) => stillMayHavePack((await places.get(place))?.record, personId),
  });
  const deps: BotDeps = {
    people,
    // The sender needs the bot's adapter, so it is made after the bot; it is only called in a turn.
    messenger: {
      referenceOf: async (personId) => (await people.get(personId))?.reference,
      send: (reference, activity) => sender.send(reference, activity),
    },
    // Made with the sender, below; only called in a turn.
    signOffNotices: {
      expired: (stored, skip) => signOffNotices.expired(stored, skip),
      changed: (stored, notice, skip) => signOffNotices.changed(stored, notice, skip),
    },
    // Through the sender (made after the bot); only called in a turn.
    channels: {
      post: async (place, activity, channelId) => {
        const linked = (await places.listChannelReferences(place)).filter((c) => !c.stopped && (!channelId || c.channelId === channelId));
        return Promise.all(
          linked.map(async (c) => {
            const sent = await sender.send(c.reference, activity);
            const reference = c.reference as Record<string, unknown>;
            return sent.ok
              ? { channelId: c.channelId, ok: true, activityId: sent.activityId, reference }
              : { channelId: c.channelId, ok: false, reference };
          }),
        );
      },
      update: (reference, activityId, activity) => sender.update(reference, activityId, activity),
    },
    records,
    places: {
      rolesOf: (place, personId) => places.rolesOf(place, personId),
      signOffPeopleOf: async (place) => {
        const settings = (await places.get(place))?.record;
        return { chairs: settings?.chairs ?? [], approvers: settings?.approvers ?? [] };
      },
      placeOfChannel: (channelId) => places.placeOfChannel(channelId),
      channelsOf,
      riskPolicyOf: (place) => places.riskPolicyOf(place),
    },
    // Who is looking (member or guest, and a guest's places): asked of Teams, kept for minutes.
    viewers: new Viewers({ channelsOf }, settings.ALLOWED_TENANT_IDS, clock),
    clock,
    boardPack: {
      delivery: packDelivery,
      settingsOf: async (place) => (await places.get(place))?.record,
      baseUrl: () => publicUrl.value,
      secure: !!settings.MicrosoftAppId,
      // Deployed, a link can prove who opens it only behind App Service authentication (functions/files.ts).
      linksTrusted: !settings.MicrosoftAppId || settings.WEBSITE_AUTH_ENABLED,
    },
    setup: {
      settings: places,
      setupAdminIds: settings.SETUP_ADMIN_IDS,
      // The digest service needs the bot's adapter (to post), so it is made after the bot.
      previewDigest: async (placeSettings, channelId, now) => {
        const week = weekOf(nextDigestTime(now));
        return digestCard(await digest.compose(placeSettings, channelId ? { channelId } : undefined, week, now), { preview: true });
      },
    },
  };
  const digests = DigestStore.fromConnection(connection);
  const queue = DigestQueue.fromConnection(connection);
  const poison = DigestQueue.fromConnection({ ...connection, queueName: DIGEST_POISON_QUEUE });
  const bot = createBot(settings, deps);
  const sender = new ProactiveSender(adapterPost(bot.adapter, settings.MicrosoftAppId ?? ''), {
    update: adapterUpdate(bot.adapter, settings.MicrosoftAppId ?? ''),
  });
  const digest = new DigestService({ records, places, digests, queue, sender });
  const reminders = new ReminderService({ people, records, digests, sender });
  // A sign-off the sweep expires: its posted card updated for everyone, its requester told 1:1.
  const signOffNotices = new SignOffNotices({ records, sender, referenceOf: async (personId) => (await people.get(personId))?.reference });
  const sweepSignOffs = (now: Date) => sweepExpiredSignOffs(records, now, signOffNotices);
  const cycleNotices = CycleStore.fromConnection(connection);
  const cycle = new CycleService({ records, places, people, markers: cycleNotices, sender, pack: packDelivery });
  return {
    settings,
    records,
    places,
    bot,
    digests,
    queue,
    poison,
    sender,
    digest,
    people,
    reminders,
    sweepSignOffs,
    packs,
    packDelivery,
    publicUrl,
    cycle,
    cycleNotices,
  };
}

/**
 * Creates tables that do not exist yet, and indexes records stored before the store kept index
 * rows (a one-off backfill; afterwards one point read). Safe to call on every start.
 */
export async function prepareStorage(runtime: Runtime): Promise<void> {
  await Promise.all([
    runtime.records.ensureTable(),
    runtime.places.ensureTables(),
    runtime.digests.ensureTable(),
    runtime.queue.ensureQueue(),
    runtime.poison.ensureQueue(),
    runtime.people.ensureTable(),
    runtime.packs.ensureTable(),
  ]);
  const backfill = await runtime.records.backfillIndexes();
  if (backfill.ran && backfill.records + backfill.events > 0) {
    console.log(`index backfill: ${backfill.records} records and ${backfill.events} audit events indexed`);
  }
}

let shared: Runtime | undefined;
let prepared: Promise<void> | undefined;

/** The process-wide runtime for the Functions host, with its tables created once. */
export async function sharedRuntime(): Promise<Runtime> {
  shared ??= createRuntime(loadSettings());
  prepared ??= prepareStorage(shared);
  await prepared;
  return shared;
}

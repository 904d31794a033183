// Everything a function invocation needs, built once per process from the settings.
import { createBot, type Bot } from '../bot/app.js';
import type { BotDeps } from '../bot/ports.js';
import { PlaceStore } from '../records/store/placeStore.js';
import { RecordStore } from '../records/store/recordStore.js';
import { loadSettings, type Settings } from './settings.js';

export interface Runtime {
  settings: Settings;
  records: RecordStore;
  places: PlaceStore;
  bot: Bot;
}

export function createRuntime(settings: Settings, clock: () => Date = () => new Date()): Runtime {
  const connection = { connectionString: settings.STORAGE_CONNECTION_STRING, accountName: settings.STORAGE_ACCOUNT_NAME };
  const records = RecordStore.fromConnection(connection);
  const places = PlaceStore.fromConnection(connection);
  const deps: BotDeps = {
    records,
    places: {
      rolesOf: (place, personId) => places.rolesOf(place, personId),
      signOffPeopleOf: async (place) => {
        const settings = (await places.get(place))?.record;
        return { chairs: settings?.chairs ?? [], approvers: settings?.approvers ?? [] };
      },
    },
    clock,
  };
  const bot = createBot(settings, deps);
  return { settings, records, places, bot };
}

/** Creates tables that do not exist yet. Safe to call on every start. */
export async function prepareStorage(runtime: Runtime): Promise<void> {
  await Promise.all([runtime.records.ensureTable(), runtime.places.ensureTables()]);
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

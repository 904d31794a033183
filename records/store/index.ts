// The Table Storage store: records (actions, risks, sign-offs, meetings, their audit and ref
// counters) and places (settings, channel conversation references). Each type is defined once,
// in the module that owns it, and re-exported here (bot/ and cards/ reach it through bot/ports.ts).
import { PlaceStore } from './placeStore.js';
import { RecordStore } from './recordStore.js';

export { FORM_ID, RecordStore, RECORDS_TABLE, type CreateOptions, type RecordStoreOptions, type WriteResult } from './recordStore.js';
export { PACK_PAGE } from './reads.js';
export type { PlaceActionsView } from './actionQueries.js';
export type { PostedCard } from './postedCards.js';
export { PlaceStore, PLACES_TABLE, type ChannelReference, type PlaceSettingsWrite } from './placeStore.js';
export type { Stored } from './entity.js';
export type { RecordOf } from './codecs.js';
export { StoreError, StaleRecordError, type StoreErrorCode } from './errors.js';
export { withStorageDeadline, type Metrics } from './tables.js';

/**
 * The store from the two storage settings (functions/settings.ts): STORAGE_CONNECTION_STRING
 * (Azurite locally; wins if both are set) or STORAGE_ACCOUNT_NAME with DefaultAzureCredential.
 */
export function createStores(settings: { STORAGE_CONNECTION_STRING?: string; STORAGE_ACCOUNT_NAME?: string }): {
  records: RecordStore;
  places: PlaceStore;
} {
  const conn = { connectionString: settings.STORAGE_CONNECTION_STRING, accountName: settings.STORAGE_ACCOUNT_NAME };
  return { records: RecordStore.fromConnection(conn), places: PlaceStore.fromConnection(conn) };
}

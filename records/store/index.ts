// The Table Storage store: records (actions, risks, sign-offs, their audit and ref counters)
// and places (settings, channel conversation references).
import { PlaceStore } from './placeStore.js';
import { RecordStore } from './recordStore.js';

export { FORM_ID, PACK_PAGE, RecordStore, RECORDS_TABLE, type CreateOptions, type PlaceActionsView, type PostedCard, type RecordStoreOptions, type WriteResult } from './recordStore.js';
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

// The Table Storage store: records (actions, risks, sign-offs, meetings, their audit and ref
// counters) and places (settings, channel conversation references). Each type is defined once,
// in the module that owns it, and re-exported here (bot/ and cards/ reach it through bot/ports.ts).

export { FORM_ID, RecordStore, RECORDS_TABLE, type RecordStoreOptions, type WriteResult } from './recordStore.js';
export { PACK_PAGE } from './reads.js';
export type { ActionScope, PlaceActionsView } from './actionQueries.js';
export type { PostedCard } from './postedCards.js';
export { PlaceStore } from './placeStore.js';
export type { Stored } from './entity.js';
export type { RecordOf } from './codecs.js';
export { StoreError, StaleRecordError } from './errors.js';
export { withStorageDeadline } from './tables.js';

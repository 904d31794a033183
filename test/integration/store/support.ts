// Shared set-up for the store's integration tests: one in-process Azurite per test file,
// a fresh table per test, a raw TableClient to look at what is really stored, and
// action builders with a fixed clock.
import { odata, TableClient } from '@azure/data-tables';
import { createAction, type ActionDraft } from '../../../records/action.js';
import type { RiskDraft } from '../../../records/risk.js';
import type { Actor } from '../../../records/people.js';
import type { PlaceCode } from '../../../records/places.js';
import { RecordStore, type RecordStoreOptions } from '../../../records/store/index.js';
import { startAzurite, type AzuriteFixture } from '../../support/azurite.js';
import { startMemoryStorage, type MemoryStorage } from '../../support/memoryTables.js';

export const NOW = new Date('2026-11-23T10:00:00.000Z'); // a Monday
export const TODAY = '2026-11-23';

export const ALICE: Actor = { id: 'aad-alice', name: 'Alice Ainsworth', roles: [] };
export const BOB: Actor = { id: 'aad-bob', name: 'Bob Bamber', roles: [] };
export const CHAIR: Actor = { id: 'aad-chair', name: 'Chris Chair', roles: ['chair'] };

export function draft(place: PlaceCode, overrides: Partial<ActionDraft> = {}): ActionDraft {
  return {
    place,
    description: 'Agree the Place Integration Deal delivery group terms of reference',
    owner: { id: ALICE.id, name: ALICE.name },
    dueDate: '2026-12-18',
    links: {},
    ...overrides,
  };
}

/** The `build` callback for store.create: the real createAction rule. */
export function buildAction(d: ActionDraft, actor: Actor = ALICE, now: Date = NOW) {
  return (ref: string) => createAction(d, ref, actor, now);
}

/**
 * Which Table Storage the store's tests run on: Azurite (default), or the in-memory table
 * (test/support/memoryTables.ts) with STORE_BACKEND=memory or inside `onBackend('memory', …)`
 * (memoryBackend.test.ts runs every store test file again on it).
 */
export type Backend = 'azurite' | 'memory';
let backend: Backend = process.env.STORE_BACKEND === 'memory' ? 'memory' : 'azurite';

/** Registers the suites `register` declares on `which` backend. */
export function onBackend(which: Backend, register: () => void): void {
  const was = backend;
  backend = which;
  try {
    register();
  } finally {
    backend = was;
  }
}

/** Storage for one test file on the current backend; the in-memory one also listens on loopback, for tests that put a proxy in front. */
export function startStorage(which: Backend = backend): Promise<AzuriteFixture & { httpClient?: MemoryStorage['httpClient'] }> {
  return which === 'memory' ? startMemoryStorage({ http: true }) : startAzurite();
}

/** Starts storage on the backend current now (when a suite is declared), for suites that do not use useStore(). */
export function storageStarter(): () => ReturnType<typeof startStorage> {
  const which = backend;
  return () => startStorage(which);
}

export interface StoreContext {
  azurite: AzuriteFixture & { httpClient?: MemoryStorage['httpClient'] };
  store: RecordStore;
  /** A plain client on the same table, to inspect or seed rows behind the store's back. */
  raw: TableClient;
  tableName: string;
  /** A second store on the same table with other options (e.g. a fixed audit suffix). */
  storeWith(opts: Partial<RecordStoreOptions>): RecordStore;
}

let tables = 0;

/**
 * Registers mocha hooks: Azurite once for the file (before/after), a new table per test
 * (beforeEach). Read the fields inside tests/hooks, not at describe time.
 */
export function useStore(): StoreContext {
  const ctx = {} as StoreContext;
  const which = backend; // the backend chosen when the suite is declared
  before(async function () {
    this.timeout(30_000);
    ctx.azurite = await startStorage(which);
  });
  after(async () => {
    await ctx.azurite?.dispose();
  });
  beforeEach(async () => {
    ctx.tableName = `t${Date.now().toString(36)}${++tables}`;
    // In memory, through the SDK's httpClient; a test that names its own connection (a proxy) goes over loopback.
    const { httpClient } = ctx.azurite;
    ctx.storeWith = (opts) =>
      RecordStore.fromConnection({
        connectionString: ctx.azurite.connectionString,
        tableName: ctx.tableName,
        ...(httpClient && !opts.connectionString ? { httpClient } : {}),
        ...opts,
      });
    ctx.store = ctx.storeWith({});
    ctx.raw = TableClient.fromConnectionString(ctx.azurite.connectionString, ctx.tableName, {
      allowInsecureConnection: true,
      ...(httpClient ? { httpClient } : {}),
    });
    await ctx.store.ensureTable();
    ctx.store.metrics.reset();
  });
  return ctx;
}

/** Every row of a partition whose row key starts with `prefix` (rec|, aud|, ctr|). */
export async function rows(raw: TableClient, place: PlaceCode, prefix: string): Promise<Record<string, unknown>[]> {
  if (!prefix) throw new Error('rows() needs a row-key prefix');
  const out: Record<string, unknown>[] = [];
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  for await (const e of raw.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${place} and RowKey ge ${prefix} and RowKey lt ${end}` },
  })) {
    out.push(e);
  }
  return out;
}

export async function createOk(store: RecordStore, d: ActionDraft, actor: Actor = ALICE, now: Date = NOW) {
  const result = await store.create('action', d.place, buildAction(d, actor, now));
  if (!result.ok) throw new Error(`create refused: ${result.refusal.message}`);
  return result;
}

/** A risk draft owned by Alice, scored likelihood `l` × consequence `c`. */
export function riskDraft(place: PlaceCode, l: number, c: number, overrides: Partial<RiskDraft> = {}): RiskDraft {
  return {
    place,
    title: 'Care Connexions roll-out slips past winter',
    cause: 'Delayed recruitment of care co-ordinators',
    event: 'The roll-out misses its winter milestone',
    effect: 'More avoidable admissions over winter',
    category: 'service-disruption',
    owner: { id: ALICE.id, name: ALICE.name },
    initial: { likelihood: l as 1, consequence: c as 1 },
    target: { likelihood: 1, consequence: 1 },
    response: 'treat',
    ...overrides,
  };
}

// TableClient construction: connection string (Azurite) or account name + managed identity,
// a short retry policy (a write while storage is down fails in about a second, not minutes),
// a deadline on every call (storage that hangs is given up on, so a turn answers inside Teams'
// 5 s), and a pipeline policy that counts every HTTP request the store sends: `metrics.transactions`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { StorageDeadlineError, toStoreError } from './errors.js';

export interface Metrics {
  /** HTTP requests sent to the Table service (an entity-group transaction is one; each retry counts). */
  transactions: number;
  reset(): void;
}

export function newMetrics(): Metrics {
  return {
    transactions: 0,
    reset() {
      this.transactions = 0;
    },
  };
}

export interface ConnectionOptions {
  /** STORAGE_CONNECTION_STRING: Azurite locally, a fallback in Azure. Wins when both are given. */
  connectionString?: string;
  /** STORAGE_ACCOUNT_NAME: reached with DefaultAzureCredential (managed identity in Azure). */
  accountName?: string;
  /** Longest one storage call (with its retries) may take; default CALL_DEADLINE_MS. */
  deadlineMs?: number;
  /** Tests only: the HTTP client under the SDK's pipeline (test/support/memoryTables.ts: Table Storage in memory). */
  httpClient?: TableServiceClientOptions['httpClient'];
}

/**
 * One storage call, retries included, is given up after this long (StoreError UNAVAILABLE).
 * A turn makes at most three calls before it answers; `withStorageDeadline` bounds the whole turn.
 */
export const CALL_DEADLINE_MS = 1500;

const turnDeadline = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every storage call in it ending by `ms` from now (or its own deadline, if
 * sooner). The bot runs each turn inside one, so the turn answers inside Teams' 5 s.
 */
export function withStorageDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return turnDeadline.run(Date.now() + ms, work);
}

/** Few, short retries: storage that is down is reported quickly (StoreError UNAVAILABLE). */
export const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 400 } as const;

export function tableClient(opts: ConnectionOptions, tableName: string, metrics: Metrics): TableClient {
  const options: TableServiceClientOptions = {
    retryOptions: { ...RETRY_OPTIONS },
    ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
  };
  let client: TableClient;
  if (opts.connectionString) {
    const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(opts.connectionString);
    client = TableClient.fromConnectionString(opts.connectionString, tableName, { ...options, allowInsecureConnection: insecure });
  } else if (opts.accountName) {
    client = new TableClient(`https://${opts.accountName}.table.core.windows.net`, tableName, new DefaultAzureCredential(), options);
  } else {
    throw new Error('Set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME to reach Table Storage.');
  }
  // Before the retry phase, so one deadline covers a call and all its retries.
  const deadlineMs = opts.deadlineMs ?? CALL_DEADLINE_MS;
  client.pipeline.addPolicy({
    name: 'storageDeadline',
    sendRequest: async (request, next) => {
      const turnEnds = turnDeadline.getStore();
      const ms = Math.max(0, Math.min(deadlineMs, turnEnds === undefined ? deadlineMs : turnEnds - Date.now()));
      const write = request.method !== 'GET' && request.method !== 'HEAD';
      const timer = new AbortController();
      const outer = request.abortSignal;
      const onOuterAbort = () => timer.abort();
      if (outer?.aborted) timer.abort();
      else outer?.addEventListener('abort', onOuterAbort, { once: true });
      let timedOut = false;
      const clock = setTimeout(() => {
        timedOut = true;
        timer.abort();
      }, ms);
      request.abortSignal = timer.signal;
      try {
        return await next(request);
      } catch (err) {
        if (timedOut) throw new StorageDeadlineError(ms, write, { cause: err });
        throw err;
      } finally {
        clearTimeout(clock);
        outer?.removeEventListener('abort', onOuterAbort);
      }
    },
  });
  client.pipeline.addPolicy(
    {
      name: 'countTableTransactions',
      sendRequest: async (request, next) => {
        metrics.transactions++;
        try {
          const response = await next(request);
          tableCalls.seen?.(response.status);
          return response;
        } catch (err) {
          tableCalls.seen?.(undefined);
          throw err;
        }
      },
    },
    { afterPhase: 'Retry' },
  );
  return client;
}

/**
 * Told of every table call any store makes, with its HTTP status (undefined: no answer), so
 * telemetry (functions/telemetry) can count transactions and 412s without the store knowing it.
 */
export const tableCalls: { seen?: (status: number | undefined) => void } = {};

/** A store's table client and its call counter, from the connection (the table named, else the store's own). */
export function openTable(
  opts: ConnectionOptions & { tableName?: string },
  defaultName: string,
): { client: TableClient; metrics: Metrics } {
  const metrics = newMetrics();
  return { client: tableClient(opts, opts.tableName ?? defaultName, metrics), metrics };
}

/** Creates a store's table if it is missing (idempotent); a failure is a StoreError like any other call. */
export async function createTableIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (err) {
    throw toStoreError(err, 'create table');
  }
}

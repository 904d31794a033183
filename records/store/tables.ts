// TableClient construction: connection string (Azurite) or account name + managed identity,
// a short retry policy (a write while storage is down fails in about a second, not minutes),
// and a pipeline policy that counts every HTTP request the store sends: `metrics.transactions`.
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';

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
}

/** Few, short retries: storage that is down is reported quickly (StoreError UNAVAILABLE). */
export const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 400 } as const;

export function tableClient(opts: ConnectionOptions, tableName: string, metrics: Metrics): TableClient {
  const options: TableServiceClientOptions = { retryOptions: { ...RETRY_OPTIONS } };
  let client: TableClient;
  if (opts.connectionString) {
    const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(opts.connectionString);
    client = TableClient.fromConnectionString(opts.connectionString, tableName, { ...options, allowInsecureConnection: insecure });
  } else if (opts.accountName) {
    client = new TableClient(`https://${opts.accountName}.table.core.windows.net`, tableName, new DefaultAzureCredential(), options);
  } else {
    throw new Error('Set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME to reach Table Storage.');
  }
  client.pipeline.addPolicy(
    {
      name: 'countTableTransactions',
      sendRequest: (request, next) => {
        metrics.transactions++;
        return next(request);
      },
    },
    { afterPhase: 'Retry' },
  );
  return client;
}

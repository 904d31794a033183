// Telemetry on start-up: OpenTelemetry to Application Insights (@azure/monitor-opentelemetry) when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set and well formed; otherwise one line says why it is
// off and the app runs on. Exporting is in the background, batched: Application Insights being
// slow or unreachable never holds up a turn (test/integration/functions/telemetry.test.ts).
import { metrics, trace } from '@opentelemetry/api';
import { telemetryConnection } from './connection.js';
import { countStorageCall, openSignals } from './signals.js';
import { scrubUrls } from './scrub.js';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

export interface Telemetry {
  on: boolean;
  /** Sends what is buffered now (tests; a graceful stop). Never throws; gives up after `timeoutMs`. */
  flush(timeoutMs?: number): Promise<void>;
}

let started: Telemetry | undefined;

/** Starts telemetry once per process; later calls return the first answer. `log` gets the one start-up line. */
export async function startTelemetry(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<Telemetry> {
  if (started) return started;
  const connection = telemetryConnection(env);
  if (connection.state !== 'on') {
    log(connection.line);
    started = { on: false, flush: async () => undefined };
    return started;
  }
  // Loaded only when on: the SDK is large, and a run without telemetry should not pay for it.
  const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  const credential = connection.entraAuth ? new (await import('@azure/identity')).ManagedIdentityCredential() : undefined;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: connection.connectionString, ...(credential ? { credential } : {}) },
    // Requests and dependencies: the HTTP instrumentation sees the Bot Connector calls, the Azure
    // SDK's own tracing the Table Storage ones. Console lines are not sent (they may hold text).
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true }, console: { enabled: false } },
    enableLiveMetrics: false,
    spanProcessors: [scrubUrls as unknown as NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number]],
    // Every turn is kept (a few a minute at most): no rate-limited sampling, so the counts in Kusto are whole.
    samplingRatio: 1,
    tracesPerSecond: 0,
  });
  openSignals();
  // The store's call hook (loaded here, not at the top: the Functions entry must not load the store).
  (await import('../../records/store/tables.js')).tableCalls.seen = countStorageCall;
  log(`telemetry on: Application Insights at ${new URL(connection.ingestionEndpoint).host}${connection.entraAuth ? ' (Entra ID)' : ''}`);
  started = { on: true, flush: flushAll };
  return started;
}

async function flushAll(timeoutMs = 5_000): Promise<void> {
  const providers = [trace.getTracerProvider(), metrics.getMeterProvider()] as unknown as {
    forceFlush?: () => Promise<void>;
    getDelegate?: () => { forceFlush?: () => Promise<void> };
  }[];
  const flushes = providers.flatMap((p) => {
    const flush = (p.getDelegate?.() ?? p).forceFlush?.();
    return flush ? [flush.catch(() => undefined)] : [];
  });
  await Promise.race([Promise.all(flushes), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
}

// Azure Functions v4 registrations. The same handlers are served by localHost.ts where
// Functions Core Tools are not installed. Loading this file registers the functions and loads
// nothing else: the bot, the store and their libraries are loaded by the first request
// (runtime.ts), so the host's cold start does not wait for them.
import { app } from '@azure/functions';
import { DIGEST_QUEUE } from '../records/store/digestQueue.js';
import { digestWorkerHandler } from './digestWorker.js';
import { healthHandler } from './health.js';
import { messagesHandler } from './messages.js';
import { filesHandler } from './files.js';
import type { Runtime } from './runtime.js';
import { WEEKLY_DIGEST_SCHEDULE, weeklyDigestHandler } from './weeklyDigest.js';
import { unauthenticatedOutsideLocal } from './whereRunning.js';
import { startTelemetry } from './telemetry/start.js';

// Without credentials nothing is authenticated: in Azure that is refused here, at load, in one
// line, before any function is registered (settings.ts refuses it again for every other entry).
const refusal = unauthenticatedOutsideLocal(process.env);
if (refusal) throw new Error(refusal);

// OpenTelemetry to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (one line
// says so either way). Started in the background: registering the functions never waits for it.
void startTelemetry().catch((err: unknown) => console.error('telemetry off: could not start', err));

// Board pack downloads are streamed as they are made (functions/files.ts), not buffered whole.
app.setup({ enableHttpStream: true });

const sharedRuntime = async (): Promise<Runtime> => (await import('./runtime.js')).sharedRuntime();

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messagesHandler(sharedRuntime) });
app.http('health', { methods: ['GET'], authLevel: 'anonymous', route: 'health', handler: healthHandler(sharedRuntime) });
// Behind App Service authentication in Azure (infra/main.bicep); the handler checks who it is for.
app.http('files', { methods: ['GET'], authLevel: 'anonymous', route: 'files/{token}', handler: filesHandler(sharedRuntime) });
app.timer('weeklyDigest', { schedule: WEEKLY_DIGEST_SCHEDULE, runOnStartup: false, handler: weeklyDigestHandler(sharedRuntime) });
// The digest queue lives in the app's storage account, reached like the host's own storage
// (AzureWebJobsStorage__accountName with the managed identity; Azurite's connection string locally).
app.storageQueue('digestWorker', {
  queueName: DIGEST_QUEUE,
  connection: 'AzureWebJobsStorage',
  handler: digestWorkerHandler(sharedRuntime),
});

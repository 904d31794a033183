// Entry point of the local host process (`npm start` runs it): settings, tables, demo data,
// then the same Functions handlers over HTTP on loopback.
import { existsSync } from 'node:fs';
import { loadDemoData } from './demoData.js';
import { startLocalSchedule } from './localDigest.js';
import { PortInUseError, startLocalHost } from './localHost.js';
import { createRuntime, prepareStorage } from './runtime.js';
import { loadSettings, SettingsError } from './settings.js';
import { startTelemetry } from './telemetry/start.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Off locally unless a connection string is given (one line says which).
  await startTelemetry().catch((err: unknown) => console.error('telemetry off: could not start', err));
  const settings = loadSettings();
  const runtime = createRuntime(settings);
  await prepareStorage(runtime);
  if (settings.DEMO_DATA) {
    const loaded = await loadDemoData(runtime);
    console.log(loaded ? 'Demo data loaded for the four places.' : 'Demo data already present.');
  }
  const host = await startLocalHost(runtime);
  console.log(`Bot listening on ${host.url}/api/messages (health: ${host.url}/api/health)`);
  // The weekly digest's timer and queue worker, as the Functions host would run them.
  const schedule = startLocalSchedule(runtime);
  const stop = () => void Promise.all([schedule.stop(), host.stop()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof SettingsError || err instanceof PortInUseError) console.error(err.message);
  else console.error('The bot could not start:', err);
  process.exit(1);
});

#!/usr/bin/env node
// `npm start`: Azurite (Table + Queue), the bot's local host with demo data, and Microsoft 365
// Agents Playground as the Teams client, in one command. Ctrl-C stops all of it.
import './requireNode.mjs';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// One home for Azurite's public development key, shared with the TypeScript code: loaded through tsx.
const { azuriteDevConnectionString } = await tsImport('../functions/azuriteDev.ts', import.meta.url);
// What may run (loopback only; local storage unless bot credentials are set): functions/localStart.ts, unit-tested.
const { startPlan, LOCAL_BIND } = await tsImport('../functions/localStart.ts', import.meta.url);
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The usual local ports; each can be moved with an environment variable (tests move them all).
const BOT_PORT = Number(process.env.PORT ?? 3978);
const TABLE_PORT = Number(process.env.AZURITE_TABLE_PORT ?? 10002);
const QUEUE_PORT = Number(process.env.AZURITE_QUEUE_PORT ?? 10001);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
const PORTS = [
  { port: TABLE_PORT, host: '127.0.0.1', what: 'Azurite Table service (set AZURITE_TABLE_PORT to move it)' },
  { port: QUEUE_PORT, host: '127.0.0.1', what: 'Azurite Queue service (set AZURITE_QUEUE_PORT to move it)' },
  { port: BOT_PORT, host: '127.0.0.1', what: 'the bot (set PORT to move it)' },
  { port: PLAYGROUND_PORT, host: '127.0.0.1', what: 'Agents Playground (set PLAYGROUND_PORT to move it)' },
];
const DATA_DIR = process.env.LOCAL_DATA_DIR ?? join(root, '.data');

const children = [];
let stopping = false;

function portFree(port, host) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function waitForPort(port, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`${what} did not start on port ${port} within ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

async function waitForHttp(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (stopping) throw new Error(`${what} stopped before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Azurite's well-known development account, on the ports chosen above (the key lives in functions/azuriteDev.ts). */
function azuriteConnectionString() {
  return azuriteDevConnectionString({ table: TABLE_PORT, queue: QUEUE_PORT });
}

/** Starts a child in its own process group, so stopping it stops everything it started. */
function start(name, command, args, { env = {}, logFile, errorLog = logFile } = {}) {
  const out = logFile ? openSync(logFile, 'a') : 'inherit';
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, logFile ? out : 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${signal ?? `exit ${code}`})${errorLog ? `; see ${errorLog}` : ''}.`);
      void stopAll(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const exits = children.map(
    ({ child }) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        try {
          // SIGINT, as Ctrl-C would: Azurite saves its database on SIGINT.
          process.kill(-child.pid, 'SIGINT');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          resolve();
        }, 5000).unref();
      }),
  );
  await Promise.all(exits);
  process.exit(exitCode);
}

process.on('SIGINT', () => {
  console.log('\nStopping…');
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  const plan = startPlan(process.env, azuriteConnectionString());
  if (!plan.ok) {
    console.error(plan.message);
    process.exit(1);
  }
  const dataDir = DATA_DIR;
  mkdirSync(join(dataDir, 'azurite'), { recursive: true });
  for (const { port, host, what } of PORTS) {
    if (!(await portFree(port, host))) {
      console.error(`Port ${port} is already in use (needed by ${what}).`);
      process.exit(1);
    }
  }

  const azuriteArgs = ['--location', join(dataDir, 'azurite'), '--disableTelemetry', '--silent', '--skipApiVersionCheck'];
  start('Azurite Table', bin('azurite-table'), [...azuriteArgs, '--tableHost', '127.0.0.1', '--tablePort', String(TABLE_PORT)], {
    logFile: join(dataDir, 'azurite-table.log'),
  });
  start('Azurite Queue', bin('azurite-queue'), [...azuriteArgs, '--queueHost', '127.0.0.1', '--queuePort', String(QUEUE_PORT)], {
    logFile: join(dataDir, 'azurite-queue.log'),
  });
  await Promise.all([waitForPort(TABLE_PORT, 'Azurite Table'), waitForPort(QUEUE_PORT, 'Azurite Queue')]);
  console.log(`Azurite is running (Table ${TABLE_PORT}, Queue ${QUEUE_PORT}; data in ${relative(root, dataDir) || '.'}/azurite).`);

  // The Node flags the Function App's worker gets too (README, "What a process keeps in memory").
  const { flags } = JSON.parse(readFileSync(join(root, 'functions', 'hostNodeFlags.json'), 'utf8'));
  start('The bot', process.execPath, [...flags, '--import', 'tsx', join(root, 'functions', 'localMain.ts')], {
    env: {
      STORAGE_CONNECTION_STRING: plan.storage,
      DEMO_DATA: process.env.DEMO_DATA ?? 'true',
      PORT: String(BOT_PORT),
      // Loopback only, whatever HOST the shell has.
      HOST: LOCAL_BIND,
      // The demo's Blackpool channel is posted to through the Playground started below.
      DEMO_SERVICE_URL: process.env.DEMO_SERVICE_URL ?? `http://localhost:${PLAYGROUND_PORT}/_connector`,
      // The Playground talks to a bot with no app id (local storage); with storage elsewhere, the credentials set.
      ...plan.bot,
    },
  });
  await waitForHttp(`http://127.0.0.1:${BOT_PORT}/api/health`, 'the bot');

  const playgroundArgs = [
    'start',
    '-e',
    `http://127.0.0.1:${BOT_PORT}/api/messages`,
    '-c',
    'msteams',
    '--disable-telemetry',
    '-p',
    String(PLAYGROUND_PORT),
    ...plan.playgroundArgs,
  ];
  start('Agents Playground', bin('agentsplayground'), playgroundArgs, {
    env: {
      // The Playground has no address option and would listen on every interface: loopback only.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(join(root, 'scripts', 'loopbackOnly.cjs'))}`.trim(),
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, 'scripts', 'playground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'playground.log'),
    },
    logFile: join(dataDir, 'playground-console.log'),
    errorLog: join(dataDir, 'playground.log'),
  });
  await waitForHttp(`http://127.0.0.1:${PLAYGROUND_PORT}/_internal/v1/config`, 'Agents Playground');
  console.log(`\nReady. Open http://localhost:${PLAYGROUND_PORT} in your browser and type "help" to the bot.`);
  console.log('Press Ctrl-C to stop Azurite, the bot and the Playground.');
}

main().catch((err) => {
  console.error(`Could not start: ${err.message}`);
  void stopAll(1);
});

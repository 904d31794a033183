// Cold start and memory of the BUILT app (npm run build: dist/bundle/, what the Functions host
// loads), each in fresh Node processes, alternating:
// - load: importing the Functions entry (dist/bundle/index.mjs) vs require('botbuilder') alone;
// - first turn: the built local host (dist/bundle/localMain.mjs, the same handlers) from spawn
//   to its first answered invoke, tables ready (the first request loads the bot and the store);
// - RSS of that host process over 2,000 turns (log action, open, my actions, help), sampled
//   every 100 turns from /proc.
import { randomUUID } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import hostNodeFlags from '../functions/hostNodeFlags.json';
import { addDays, londonToday } from '../records/dates.js';
import { startAzurite } from '../test/support/azurite.js';
import { ALEX, invokeActivity } from '../test/support/botHarness.js';

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist/bundle/index.mjs');
const LOCAL_MAIN = join(ROOT, 'dist/bundle/localMain.mjs');
const LOADS = 5;
const TURNS = 2_000;
/**
 * Node flags for the host process: those `npm start` and the Function App's worker use
 * (functions/hostNodeFlags.json; languageWorkers__node__arguments in infra/main.bicep), unless
 * BENCH_HOST_NODE_FLAGS gives others ("" for none).
 */
const HOST_NODE_FLAGS = (process.env.BENCH_HOST_NODE_FLAGS ?? hostNodeFlags.flags.join(' ')).split(' ').filter(Boolean);

function timeInFreshNode(script: string, type: 'module' | 'commonjs'): number {
  const out = execFileSync(process.execPath, [`--input-type=${type}`, '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(out.trim().split('\n').pop());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

export interface ColdStart {
  loadMs: { app: number; botbuilder: number };
  firstTurnMs: number;
  rss: Array<{ turns: number; mb: number }>;
  /** Wall time of the 2,000 turns (one at a time). */
  turnsMs: number;
}

export async function benchColdStart(): Promise<ColdStart | undefined> {
  if (!existsSync(ENTRY) || !existsSync(LOCAL_MAIN)) {
    console.log('  (no built app: run `npm run build` first)');
    return undefined;
  }
  const app: number[] = [];
  const botbuilder: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    app.push(
      timeInFreshNode(`const t = performance.now(); await import(${JSON.stringify(ENTRY)}); console.log(performance.now() - t);`, 'module'),
    );
    botbuilder.push(timeInFreshNode(`const t = performance.now(); require('botbuilder'); console.log(performance.now() - t);`, 'commonjs'));
  }

  const azurite = await startAzurite();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api/messages`;
  const started = performance.now();
  const child = spawn(process.execPath, [...HOST_NODE_FLAGS, LOCAL_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      MicrosoftAppId: '',
    },
    stdio: ['ignore', process.env.BENCH_HOST_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  // Invokes are answered in the HTTP reply; the only call to "Teams" is who is asking (bot/teams/viewer.ts), answered here.
  const teams = createHttpServer((req, res) => {
    const member = /\/members\/([^/]+)$/.exec(req.url ?? '')?.[1];
    if (req.method === 'GET' && member)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: decodeURIComponent(member), name: ALEX.name, aadObjectId: ALEX.id, userRole: 'user' }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/`;
  const turn = async (activity: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`the built host answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  };
  try {
    let firstTurnMs = NaN;
    for (;;) {
      try {
        await turn(invokeActivity(serviceUrl, 'help'));
        firstTurnMs = performance.now() - started;
        break;
      } catch (err) {
        if (child.exitCode !== null) throw new Error(`the built host exited (${child.exitCode})`);
        if (performance.now() - started > 60_000) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const form = (i: number) => ({
      place: 'BPL',
      description: `Memory run: agree the BCF section 75 schedule, item ${i}`,
      owner: ALEX.id,
      dueDate: addDays(londonToday(new Date()), 30),
      people: [{ id: ALEX.id, name: ALEX.name }],
      formId: randomUUID(),
    });
    const rss = [{ turns: 0, mb: rssMb(child) }];
    const turnsStarted = performance.now();
    for (let i = 1; i <= TURNS; i++) {
      const n = Math.min(i, 10);
      const which = i % 4;
      // Log a few actions (kept at 10 open, so "my actions" stays the same size), then open, list, help.
      if (which === 0 && i <= 40) await turn(invokeActivity(serviceUrl, 'action.create', form(i)));
      else if (which === 1) await turn(invokeActivity(serviceUrl, 'action.view', { ref: `BPL-A-${String(n).padStart(4, '0')}` }));
      else if (which === 2) await turn(invokeActivity(serviceUrl, 'action.mine'));
      else await turn(invokeActivity(serviceUrl, 'help'));
      if (i % 100 === 0) rss.push({ turns: i, mb: rssMb(child) });
    }
    const turnsMs = performance.now() - turnsStarted;
    return { loadMs: { app: median(app), botbuilder: median(botbuilder) }, firstTurnMs, rss, turnsMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise<void>((resolve) => teams.close(() => resolve()));
    await azurite.dispose();
  }
}

export function printColdStart(c: ColdStart): void {
  console.log(
    `  load, median of ${LOADS} fresh processes each: built app ${c.loadMs.app.toFixed(0)} ms vs botbuilder alone ${c.loadMs.botbuilder.toFixed(0)} ms: ${(c.loadMs.app / c.loadMs.botbuilder).toFixed(2)}×  (target ≤ 1.3×)`,
  );
  console.log(
    `  first answered turn of the built host, from spawn (tables ready, bot loaded by that request): ${c.firstTurnMs.toFixed(0)} ms`,
  );
  const at = (t: number) => c.rss.find((r) => r.turns === t)?.mb ?? NaN;
  const last = c.rss.filter((r) => r.turns >= TURNS / 2).map((r) => r.mb);
  console.log(
    `  RSS of the built host: start ${at(0).toFixed(0)} MB, after 1,000 turns ${at(1000).toFixed(0)} MB, after ${TURNS.toLocaleString('en-GB')} ${at(TURNS).toFixed(0)} MB; ` +
      `peak ${Math.max(...c.rss.map((r) => r.mb)).toFixed(0)} MB; last 1,000 turns ${Math.min(...last).toFixed(0)}–${Math.max(...last).toFixed(0)} MB (target ≤ 200 MB, no growth)`,
  );
  console.log(`  host Node flags: ${HOST_NODE_FLAGS.join(' ') || '(none)'}`);
  console.log(
    `  the ${TURNS.toLocaleString('en-GB')} turns, one at a time: ${(c.turnsMs / 1000).toFixed(1)} s, ${(c.turnsMs / TURNS).toFixed(2)} ms a turn`,
  );
}

if (process.argv[1]?.endsWith('coldStart.ts')) {
  benchColdStart()
    .then((c) => c && printColdStart(c))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

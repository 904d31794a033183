// The floor comparison: the app (local host → teams-ai bot → store) against a bare botbuilder
// bot doing one entity-group transaction per turn (bench/floorBot.ts), on the same Azurite,
// driven alternately with the same load by autocannon at 1 and 8 connections. Both run in a
// child process (bench/servers.ts); the load comes from this one. Prints; asserts nothing.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { OPERATIONS, type LoadState, type Operation } from './floorLoad.js';
import { printTable } from './table.js';

const SECONDS = 3;
const ROUNDS = 2;
const CONNECTIONS = [1, 8] as const;

interface Run {
  p50: number;
  p99: number;
  rps: number;
  failures: number;
}

export interface FloorRow {
  operation: string;
  connections: number;
  app: Run;
  floor: Run;
}

interface Servers {
  appUrl: string;
  floorUrl: string;
  serviceUrl: string;
  pool: Array<{ ref: string; etag: string }>;
}

async function startServers(): Promise<{ servers: Servers; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench servers exited (${code}) before starting`)));
  });
  return {
    servers: JSON.parse(line) as Servers,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

const counters = new Map<string, number>();

function load(url: string, servers: Servers, state: LoadState, op: Operation, connections: number, seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const i = (counters.get(op.name) ?? 0) + 1;
              counters.set(op.name, i);
              return { ...req, body: JSON.stringify(op.activity(servers.serviceUrl, state, i)) };
            },
            ...(op.onAnswer && url === servers.appUrl ? { onResponse: (_status: number, body: string) => op.onAnswer!(body, state) } : {}),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          p50: result.latency.p50,
          p99: result.latency.p99,
          rps: result.requests.average,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
  });
}

/** One request to the app, to check it answers this operation with the card it should. */
async function check(servers: Servers, state: LoadState, op: Operation): Promise<void> {
  const res = await fetch(servers.appUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op.activity(servers.serviceUrl, state, 0)),
  });
  const text = await res.text();
  op.onAnswer?.(text, state);
  if (res.status !== 200 || !op.expect.test(text)) throw new Error(`${op.name}: the app answered ${res.status} ${text.slice(0, 300)}`);
}

const mean = (runs: Run[]): Run => ({
  p50: runs.reduce((s, r) => s + r.p50, 0) / runs.length,
  p99: runs.reduce((s, r) => s + r.p99, 0) / runs.length,
  rps: runs.reduce((s, r) => s + r.rps, 0) / runs.length,
  failures: runs.reduce((s, r) => s + r.failures, 0),
});

export async function benchFloor(): Promise<FloorRow[]> {
  const { servers, stop } = await startServers();
  try {
    const rows: FloorRow[] = [];
    const state: LoadState = { pool: servers.pool.map((p) => p.ref), etags: new Map(servers.pool.map((p) => [p.ref, p.etag])) };
    for (const op of OPERATIONS) await check(servers, state, op);
    for (const connections of CONNECTIONS) {
      for (const op of OPERATIONS) {
        await load(servers.appUrl, servers, state, op, connections, 1); // warm up both
        await load(servers.floorUrl, servers, state, op, connections, 1);
        const app: Run[] = [];
        const floor: Run[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          app.push(await load(servers.appUrl, servers, state, op, connections, SECONDS));
          floor.push(await load(servers.floorUrl, servers, state, op, connections, SECONDS));
        }
        rows.push({ operation: op.name, connections, app: mean(app), floor: mean(floor) });
      }
    }
    return rows;
  } finally {
    await stop();
  }
}

export function printFloor(rows: FloorRow[]): void {
  const f = (n: number, d = 1) => n.toFixed(d);
  const table = [
    [
      'operation',
      'conns',
      'app p50 ms',
      'floor p50 ms',
      'p50 ×',
      'app p99 ms',
      'floor p99 ms',
      'p99 ×',
      'app req/s',
      'floor req/s',
      'throughput ×',
      'failed',
    ],
    ...rows.map((r) => [
      r.operation,
      String(r.connections),
      f(r.app.p50),
      f(r.floor.p50),
      f(r.app.p50 / r.floor.p50, 2),
      f(r.app.p99),
      f(r.floor.p99),
      f(r.app.p99 / r.floor.p99, 2),
      f(r.app.rps),
      f(r.floor.rps),
      f(r.app.rps / r.floor.rps, 2),
      `${r.app.failures}/${r.floor.failures}`,
    ]),
  ];
  printTable(table);
  console.log(
    `  (× = app / floor; throughput × ≥ 1 and latency × ≤ 1 would be at the floor. ${ROUNDS} alternating ${SECONDS} s runs each, after a 1 s warm-up;`,
  );
  console.log(
    '   failed = non-2xx, errors and timeouts, app/floor. The floor answers every turn with one entity-group transaction and a small card.)',
  );
}

if (process.argv[1]?.endsWith('floor.ts')) {
  benchFloor()
    .then(printFloor)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

// `npm start` as a newcomer uses it: one command brings up Azurite, the bot with demo data and
// the Agents Playground; Ctrl-C stops all of it. Ports are moved to free ones so the test
// never clashes with a developer's own `npm start`.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

/** This machine's IPv4 addresses other than loopback. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

/** Processes whose command line mentions the test's own data dir: what `npm start` left behind. */
function processesUsing(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(dir) && !line.includes(' ps -eo'));
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startScript(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', function () {
  this.timeout(120_000);
  let dataDir: string;
  let ports: { table: number; queue: number; bot: number; playground: number };
  let env: Record<string, string>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ppbot-start-'));
    ports = { table: await freePort(), queue: await freePort(), bot: await freePort(), playground: await freePort() };
    env = {
      LOCAL_DATA_DIR: dataDir,
      AZURITE_TABLE_PORT: String(ports.table),
      AZURITE_QUEUE_PORT: String(ports.queue),
      PORT: String(ports.bot),
      PLAYGROUND_PORT: String(ports.playground),
    };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('brings up Azurite, the bot with demo data and the Playground; Ctrl-C leaves nothing running', async () => {
    const run = startScript(env);
    try {
      await waitFor(() => run.output().includes('Ready.') || run.child.exitCode !== null, '"Ready."', 90_000);
      expect(run.output()).to.contain('Demo data loaded for the four places.');
      expect(run.output()).to.contain(`Open http://localhost:${ports.playground} in your browser`);
      const health = await fetch(`http://127.0.0.1:${ports.bot}/api/health`);
      expect(await health.json()).to.include({ status: 'ok', storage: 'ok' });
      const playground = await fetch(`http://127.0.0.1:${ports.playground}/_internal/v1/config`);
      expect(playground.status).to.equal(200);
      // Loopback only: not reachable on this machine's other addresses (issue 27, finding 10).
      for (const address of externalAddresses()) {
        for (const port of [ports.bot, ports.playground])
          expect(await listening(port, address), `${address}:${port} reachable`).to.equal(false);
      }
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).to.equal(0);
    for (const port of Object.values(ports)) expect(await listening(port), `port ${port} still open`).to.equal(false);
    expect(processesUsing(dataDir)).to.deep.equal([]);
  });

  it('a port already in use stops it with one line naming the port, and starts nothing', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.bot, '127.0.0.1', resolve));
    try {
      const run = startScript(env);
      expect(await run.exited).to.equal(1);
      const lines = run.output().trim().split('\n');
      expect(lines).to.deep.equal([`Port ${ports.bot} is already in use (needed by the bot (set PORT to move it)).`]);
      expect(await listening(ports.table)).to.equal(false);
      expect(processesUsing(dataDir)).to.deep.equal([]);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('a storage connection that is not the local emulator, with no bot credentials, stops it with one line, and starts nothing', async () => {
    const run = startScript({
      ...env,
      // A made-up account key, drawn for this run.
      STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=https;AccountName=lscplaces;AccountKey=${randomBytes(32).toString('base64')};EndpointSuffix=core.windows.net`,
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
    });
    expect(await run.exited).to.equal(1);
    const lines = run.output().trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain('Refusing STORAGE_CONNECTION_STRING').and.not.contain('c2VjcmV0');
    expect(await listening(ports.table)).to.equal(false);
    expect(processesUsing(dataDir)).to.deep.equal([]);
  });
});

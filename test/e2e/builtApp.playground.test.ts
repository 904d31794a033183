// The app as it is deployed: `npm run build` bundles it with esbuild (dist/bundle/), leaving some
// unused libraries out (scripts/bundle.mjs). Every other test runs the TypeScript sources, so this
// one builds, starts the BUILT local host (with the Function App's Node flags and the demo data)
// against Azurite, and has the Agents Playground talk to it: what the bundle left out must not be needed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import hostNodeFlags from '../../functions/hostNodeFlags.json';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { startPlayground } from '../support/playground.js';
import { SECRETARY } from '../support/playgroundTenant.js';
import type { Playground } from '../support/playgroundTypes.js';
import { inputs, londonDate, texts, verbs } from './stack.js';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist/bundle/index.mjs');
const LOCAL_MAIN = join(ROOT, 'dist/bundle/localMain.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resolves with everything printed once `line` appears; rejects if the process exits first or time runs out. */
function waitForOutput(child: ChildProcess, line: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${line} within ${timeoutMs} ms; printed:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (line.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the built host exited (${code}); printed:\n${out}`));
    });
  });
}

describe('The built app (npm run build), as deployed, answering in the Agents Playground', function () {
  this.timeout(120_000);
  let storage: AzuriteFixture;
  let host: ChildProcess | undefined;
  let playground: Playground | undefined;
  let printed = '';
  const cwd = mkdtempSync(join(tmpdir(), 'built-app-')); // no developer .env is read

  before(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    storage = await startAzurite();
    const port = await freePort();
    host = spawn(process.execPath, [...hostNodeFlags.flags, LOCAL_MAIN], {
      cwd,
      env: {
        ...process.env,
        STORAGE_CONNECTION_STRING: storage.connectionString,
        PORT: String(port),
        DEMO_DATA: 'true',
        MicrosoftAppId: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    printed = await waitForOutput(host, /Bot listening on /, 60_000);
    playground = await startPlayground({ endpoint: `http://127.0.0.1:${port}/api/messages` });
  });
  after(async () => {
    await playground?.stop();
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host!.once('exit', resolve));
      host.kill('SIGTERM');
      await exited;
    }
    await storage?.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('the Functions entry loads in a fresh Node process on its own, without the bot', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `await import(${JSON.stringify(ENTRY)}); console.log('loaded');`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'], // @azure/functions warns that no Functions host is present
      },
    );
    expect(out.trim().split('\n').pop()).to.equal('loaded');
  });

  it('starts with the host Node flags and loads the demo data for the four places', () => {
    expect(printed).to.contain('Demo data loaded for the four places.');
  });

  it('"help" answers with the help card', async () => {
    await playground!.send('help');
    const help = await playground!.nextReply();
    expect(verbs(help.card!)).to.include.members(['action.form', 'action.mine']);
  });

  it('an action logged from the form is confirmed with its ref', async () => {
    await playground!.send('log action');
    const form = await playground!.nextReply();
    expect(Object.keys(inputs(form.card!))).to.include('description');
    const res = await playground!.execute(
      form,
      {
        place: 'SC',
        description: 'Confirm the chairing options with the three local authorities',
        owner: SECRETARY.aadObjectId,
        dueDate: londonDate(30),
      },
      { verb: 'action.create' },
    );
    expect(
      texts(res.card!).some((t) => /^Action SC-A-\d{4} logged$/.test(t)),
      texts(res.card!).join(' | '),
    ).to.equal(true);
  });

  it('"my actions" then lists it, opening its card', async () => {
    await playground!.send('my actions');
    const list = await playground!.nextReply();
    expect(verbs(list.card!)).to.include('action.view');
    expect(texts(list.card!)).to.include('Confirm the chairing options with the three local authorities');
  });

  it('"sign-offs" answers with its sections, and the Blackpool risk register shows the demo risks', async () => {
    await playground!.send('sign-offs');
    const list = await playground!.nextReply();
    expect(texts(list.card!)).to.include.members(['Sign-offs', 'Awaiting my decision']);
    await playground!.send('risk register Blackpool');
    const register = await playground!.nextReply();
    expect(verbs(register.card!)).to.include('risk.view');
  });
});

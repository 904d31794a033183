// `npm start` on a Node older than package.json's engines stops at once with one line (scripts/requireNode.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

const ROOT = join(__dirname, '..', '..', '..');
const START = join(ROOT, 'scripts', 'start.mjs');

/** Runs `npm start`'s script with `node`, preloading `preload` (a module given as source) if any. */
function start(node: string, preload?: string) {
  const args = [...(preload ? ['--import', `data:text/javascript,${encodeURIComponent(preload)}`] : []), START];
  // Ports no other run uses: if the check ever let it through, nothing here would collide.
  return spawnSync(node, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, PORT: '1', AZURITE_TABLE_PORT: '1', AZURITE_QUEUE_PORT: '1', PLAYGROUND_PORT: '1' },
  });
}

/** The machine's own Node when it is older than 22 (Debian 12's is 18 or 20), else undefined. */
function olderSystemNode(): string | undefined {
  for (const node of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(node) || node === process.execPath) continue;
    const v = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(v.split('.')[0]) < 22) return node;
  }
  return undefined;
}

describe('npm start on an older Node', () => {
  it('engines, .nvmrc and the check agree: Node 22.12 or newer', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(pkg.engines.node).to.equal('>=22.12');
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).to.equal('22');
    expect(pkg.devDependencies['@types/node']).to.match(/^22\./);
  });

  it('Node 22.11 (as this process reports it) stops with one line naming 22.12, and starts nothing', () => {
    const run = start(process.execPath, 'Object.defineProperty(process.versions, "node", { value: "22.11.0" });');
    expect(run.status).to.equal(1);
    expect(run.stdout).to.equal('');
    expect(run.stderr.trim().split('\n')).to.deep.equal([
      'This needs Node.js 22.12 or newer (Node 22, as Azure runs it; see .nvmrc); this is Node 22.11.0.',
    ]);
  });

  it("the machine's own older Node (Debian's), when there is one, stops the same way", function () {
    const node = olderSystemNode() ?? process.execPath;
    // With no older Node installed, the same check is driven by reporting Node 20 from this one.
    const run =
      node === process.execPath ? start(node, 'Object.defineProperty(process.versions, "node", { value: "20.19.0" });') : start(node);
    expect(run.status).to.equal(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^This needs Node\.js 22\.12 or newer .* this is Node (18|20)\.\d+\.\d+\.$/);
  });

  it('Node 22.12 and later pass the check (it is this process)', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 12), `tests run on Node ${process.versions.node}`).to.equal(true);
  });
});

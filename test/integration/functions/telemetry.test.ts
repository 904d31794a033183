// Telemetry to Application Insights, against a local stand-in for its ingestion endpoint: a turn
// produces a span with its outcome; a collector that hangs or a closed port never delays or fails
// a turn; a missing connection string is one start-up line, a malformed one is named and the app
// runs on. Each case is a process of its own (test/support/telemetryTurn.ts): telemetry is global.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';

const ROOT = join(__dirname, '..', '..', '..');
const KEY = '11111111-2222-4333-8444-555555555555';

interface ChildReport {
  lines: string[];
  on: boolean;
  turns: { ms: number; said: string }[];
  flushMs: number;
}

/**
 * A certificate for 127.0.0.1, made for this run (the exporter speaks only https, whatever the
 * connection string says); the child trusts it through NODE_EXTRA_CA_CERTS.
 */
function loopbackCertificate(): { key: string; cert: string; certPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'collector-'));
  const [keyPath, certPath] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
const TLS = loopbackCertificate();

/** A stand-in for Application Insights' ingestion endpoint (https): keeps every telemetry item posted to /v2(.1)/track. */
class Collector {
  readonly items: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}
  static async start(mode: 'answer' | 'hang' = 'answer'): Promise<Collector> {
    let self: Collector | undefined;
    const server = createServer({ key: TLS.key, cert: TLS.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (mode === 'hang') return; // never answers
        const body = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        if (req.method === 'POST' && /^\/v2(\.1)?\/track/.test(req.url ?? '')) {
          self!.raw.push(text);
          const parsed = JSON.parse(text) as unknown;
          self!.items.push(...((Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[]));
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new Collector(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return self;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Runs the child with `env` added; its one JSON line. */
function runChild(env: Record<string, string | undefined>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'support', 'telemetryTurn.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, APPLICATIONINSIGHTS_CONNECTION_STRING: '', NODE_EXTRA_CA_CERTS: TLS.certPath, ...env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (!line) return reject(new Error(`child printed no report (${err?.message ?? 'no error'}):\n${stderr.slice(-2000)}`));
        resolve(JSON.parse(line) as ChildReport);
      },
    );
  });
}

const baseData = (item: Record<string, unknown>) =>
  ((item.data as { baseData?: Record<string, unknown> } | undefined)?.baseData ?? {}) as {
    name?: string;
    type?: string;
    target?: string;
    data?: string;
    properties?: Record<string, string>;
  };

describe('Telemetry to Application Insights (a local stand-in collector)', function () {
  this.timeout(90_000);

  it('a turn produces a span with its kind, verb, outcome and a hashed person; Table Storage and the Bot Connector are dependencies; no text or names leave', async () => {
    const collector = await Collector.start();
    try {
      const report = await runChild({
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${KEY};IngestionEndpoint=${collector.url}`,
      });
      expect(report.on).to.equal(true);
      expect(report.lines).to.deep.equal([`telemetry on: Application Insights at ${new URL(collector.url).host}`]);
      expect(report.turns.map((t) => t.said)).to.deep.equal(['Action BPL-A-0001 logged', 'Action BPL-A-0002 logged']);
      const turns = collector.items.map(baseData).filter((d) => d.name === 'bot turn');
      expect(turns, 'two turn spans').to.have.length(2);
      for (const t of turns) {
        expect(t.properties).to.include({
          'turn.kind': 'invoke/adaptiveCard/action',
          'turn.verb': 'action.create',
          'turn.outcome': 'saved',
        });
        expect(t.properties!['turn.person']).to.match(/^[0-9a-f]{16}$/);
      }
      const dependencies = collector.items.filter((i) => String(i.name ?? '').endsWith('RemoteDependency')).map(baseData);
      expect(
        dependencies.some((d) => /127\.0\.0\.1/.test(String(d.target)) && /\$batch|records/.test(String(d.data ?? d.name))),
        'a Table Storage call',
      ).to.equal(true);
      expect(
        dependencies.some((d) => /v3\/conversations/.test(String(d.data ?? d.name))),
        'a Bot Connector call',
      ).to.equal(true);
      const metrics = collector.items.filter((i) => String(i.name ?? '').endsWith('Metric')).map((i) => JSON.stringify(i));
      expect(
        metrics.some((m) => m.includes('bot.turns') && m.includes('saved')),
        'turns counted by outcome',
      ).to.equal(true);
      expect(
        metrics.some((m) => m.includes('storage.transactions')),
        'storage transactions counted',
      ).to.equal(true);
      const everything = collector.raw.join('\n');
      for (const personal of ['falls pathway', 'discharge figures', 'Alex Wilber', 'aad-alex']) {
        const at = everything.indexOf(personal);
        expect(at, `"${personal}" sent: …${everything.slice(Math.max(0, at - 300), at + 100)}…`).to.equal(-1);
      }
    } finally {
      await collector.stop();
    }
  });

  it('a collector that never answers delays no turn and fails none', async () => {
    const collector = await Collector.start('hang');
    try {
      const report = await runChild({
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${KEY};IngestionEndpoint=${collector.url}`,
        FLUSH_TIMEOUT_MS: '1500',
      });
      expect(report.turns.map((t) => t.said)).to.deep.equal(['Action BPL-A-0001 logged', 'Action BPL-A-0002 logged']);
      expect(report.turns[1]!.ms, 'the turn taken while an export hangs').to.be.below(1_500);
      expect(report.flushMs, 'a flush gives up, never hangs the app').to.be.below(3_000);
    } finally {
      await collector.stop();
    }
  });

  it('an ingestion endpoint on a closed port delays no turn and fails none', async () => {
    const report = await runChild({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${KEY};IngestionEndpoint=https://127.0.0.1:9/`,
      FLUSH_TIMEOUT_MS: '1500',
    });
    expect(report.turns.map((t) => t.said)).to.deep.equal(['Action BPL-A-0001 logged', 'Action BPL-A-0002 logged']);
    expect(report.turns[1]!.ms).to.be.below(1_500);
  });

  it('no connection string: telemetry off, one start-up line, turns answered', async () => {
    const report = await runChild({});
    expect(report.on).to.equal(false);
    expect(report.lines).to.deep.equal(['telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING not set']);
    expect(report.turns.map((t) => t.said)).to.deep.equal(['Action BPL-A-0001 logged', 'Action BPL-A-0002 logged']);
  });

  it('a malformed connection string is named at start-up, and the app runs on', async () => {
    const report = await runChild({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=not-a-key;IngestionEndpoint=somewhere' });
    expect(report.on).to.equal(false);
    expect(report.lines).to.have.length(1);
    expect(report.lines[0]).to.match(
      /^telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING is malformed \(InstrumentationKey must be a GUID; IngestionEndpoint must be a URL\)/,
    );
    expect(report.lines[0]).to.not.include('not-a-key');
    expect(report.turns.map((t) => t.said)).to.deep.equal(['Action BPL-A-0001 logged', 'Action BPL-A-0002 logged']);
  });
});

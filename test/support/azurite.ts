// Test fixture: Azurite's Table and Queue servers running IN-PROCESS on free ports, with
// data in a fresh temp dir. No fixed port, so parallel runs and a developer's own Azurite
// never clash.
//
//   const storage = await startAzurite();          // in a before() hook
//   const store = RecordStore.fromConnection({ connectionString: storage.connectionString });
//   await storage.stop();    // storage goes away: requests now fail to connect
//   await storage.restart(); // same ports, same data dir: what was committed is still there
//   await storage.dispose(); // in after(): stop (if running) and delete the temp dir
//
// `require('azurite')` fails (its main wants vscode), so the server classes are loaded
// from azurite/dist directly. Loading them takes ≈0.5 s once; a start takes ≈10 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AZURITE_DEV_ACCOUNT, azuriteDevConnectionString } from '../../functions/azuriteDev.js';

/** Azurite's well-known development account (public, documented, not a secret). */
/** Azurite's public development account (its key is documented, not a secret: see functions/azuriteDev.ts). */
export const AZURITE_ACCOUNT = AZURITE_DEV_ACCOUNT;

export interface AzuriteFixture {
  /** Full connection string (Table + Queue endpoints), for TableClient/QueueClient.fromConnectionString. */
  readonly connectionString: string;
  /** e.g. http://127.0.0.1:41234/devstoreaccount1 */
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  /** The temp dir holding Azurite's data. */
  readonly location: string;
  /** Stops both servers; the data stays on disk. */
  stop(): Promise<void>;
  /** Starts both servers again on the same ports and data dir. */
  restart(): Promise<void>;
  /** Stops (if running) and deletes the temp dir. Call once, in after(). */
  dispose(): Promise<void>;
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}

type ServerCtor = new (config: unknown) => AzuriteServer;
type ConfigCtor = new (...args: unknown[]) => unknown;

interface AzuriteModules {
  TableServer: ServerCtor;
  TableConfiguration: ConfigCtor;
  QueueServer: ServerCtor;
  QueueConfiguration: ConfigCtor;
}

let modules: AzuriteModules | undefined;
function load(): AzuriteModules {
  modules ??= {
    TableServer: require('azurite/dist/src/table/TableServer').default,
    TableConfiguration: require('azurite/dist/src/table/TableConfiguration').default,
    QueueServer: require('azurite/dist/src/queue/QueueServer').default,
    QueueConfiguration: require('azurite/dist/src/queue/QueueConfiguration').default,
  };
  return modules;
}

const HOST = '127.0.0.1';

function tableServer(m: AzuriteModules, location: string, port: number): AzuriteServer {
  // (host, port, keepAliveTimeout, metadataDBPath, enableDebugLog, enableAccessLog, accessLogWriteStream,
  //  debugLogFilePath, loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, isMemoryPersistence)
  const config = new m.TableConfiguration(
    HOST,
    port,
    5,
    join(location, '__azurite_db_table__.json'),
    false,
    false,
    undefined,
    undefined,
    false,
    true,
    '',
    '',
    '',
    undefined,
    false,
    false,
  );
  return new m.TableServer(config);
}

function queueServer(m: AzuriteModules, location: string, port: number): AzuriteServer {
  // (host, port, keepAliveTimeout, metadataDBPath, extentDBPath, persistencePathArray, enableAccessLog,
  //  accessLogWriteStream, enableDebugLog, debugLogFilePath, loose, skipApiVersionCheck, cert, key, pwd,
  //  oauth, disableProductStyleUrl, isMemoryPersistence)
  const config = new m.QueueConfiguration(
    HOST,
    port,
    5,
    join(location, '__azurite_db_queue__.json'),
    join(location, '__azurite_db_queue_extent__.json'),
    [{ locationId: 'Default', locationPath: join(location, '__queuestorage__'), maxConcurrency: 1 }],
    false,
    undefined,
    false,
    undefined,
    false,
    true,
    '',
    '',
    '',
    undefined,
    false,
    false,
  );
  return new m.QueueServer(config);
}

function portOf(server: AzuriteServer): number {
  const port = Number(new URL(server.getHttpServerAddress()).port);
  if (!port) throw new Error(`Azurite did not report a port (${server.getHttpServerAddress()})`);
  return port;
}

/** Starts Azurite Table + Queue in this process on free ports, data in a new temp dir. */
export async function startAzurite(): Promise<AzuriteFixture> {
  const m = load();
  const location = mkdtempSync(join(tmpdir(), 'azurite-test-'));
  let table = tableServer(m, location, 0);
  let queue = queueServer(m, location, 0);
  await table.start();
  await queue.start();
  const tablePort = portOf(table);
  const queuePort = portOf(queue);
  let running = true;

  const tableEndpoint = `http://${HOST}:${tablePort}/${AZURITE_ACCOUNT}`;
  const queueEndpoint = `http://${HOST}:${queuePort}/${AZURITE_ACCOUNT}`;
  const connectionString = azuriteDevConnectionString({ host: HOST, table: tablePort, queue: queuePort }, { explicit: true });

  const stop = async () => {
    if (!running) return;
    running = false;
    await table.close();
    await queue.close();
  };
  const restart = async () => {
    await stop();
    // A closed Azurite server cannot listen again: build new ones on the same ports and files.
    table = tableServer(m, location, tablePort);
    queue = queueServer(m, location, queuePort);
    await table.start();
    await queue.start();
    running = true;
  };
  const dispose = async () => {
    await stop();
    rmSync(location, { recursive: true, force: true });
  };
  return { connectionString, tableEndpoint, queueEndpoint, location, stop, restart, dispose };
}

export interface AzuriteProcess extends AzuriteFixture {
  /** The child process's id. */
  readonly pid: number;
  /** SIGSTOP: storage neither answers nor refuses; requests hang. */
  freeze(): void;
  /** SIGCONT: storage carries on with whatever it had received. */
  thaw(): void;
}

/**
 * Azurite's Table server in a CHILD process (in-memory), so a test can freeze it with SIGSTOP:
 * storage that hangs rather than refuses. The child prints its port on stdout once listening.
 */
export async function startAzuriteProcess(): Promise<AzuriteProcess> {
  const { spawn } = await import('node:child_process');
  const script = `
    const TableServer = require('azurite/dist/src/table/TableServer').default;
    const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
    const config = new TableConfiguration('${HOST}', 0, 5, '', false, false, undefined, undefined, false, true, '', '', '', undefined, false, true);
    const server = new TableServer(config);
    // The runtime also needs a queue (the digest's): in memory, frozen with the table.
    const QueueServer = require('azurite/dist/src/queue/QueueServer').default;
    const QueueConfiguration = require('azurite/dist/src/queue/QueueConfiguration').default;
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'azurite-child-'));
    const queue = new QueueServer(new QueueConfiguration('${HOST}', 0, 5, '', '', [{ locationId: 'Default', locationPath: dir, maxConcurrency: 1 }],
      false, undefined, false, undefined, false, true, '', '', '', undefined, false, true));
    const portOf = (s) => new URL(s.getHttpServerAddress()).port;
    Promise.all([server.start(), queue.start()]).then(() => process.stdout.write(portOf(server) + ' ' + portOf(queue) + '\\n'));
    process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), stdio: ['pipe', 'pipe', 'inherit'] });
  const [port, queuePort] = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.trim().split(' ').map(Number));
    });
    child.once('exit', (code) => reject(new Error(`Azurite child exited (${code}) before listening`)));
  });
  const tableEndpoint = `http://${HOST}:${port}/${AZURITE_ACCOUNT}`;
  const queueEndpoint = `http://${HOST}:${queuePort}/${AZURITE_ACCOUNT}`;
  const connectionString = azuriteDevConnectionString({ host: HOST, table: port!, queue: queuePort! }, { explicit: true });
  let frozen = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (frozen) child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  };
  return {
    pid: child.pid!,
    connectionString,
    tableEndpoint,
    queueEndpoint,
    location: '',
    freeze: () => {
      frozen = true;
      child.kill('SIGSTOP');
    },
    thaw: () => {
      frozen = false;
      child.kill('SIGCONT');
    },
    stop,
    restart: () => Promise.reject(new Error('an Azurite child process is not restarted; start another')),
    dispose: stop,
  };
}

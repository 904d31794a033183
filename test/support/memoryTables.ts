// Table Storage in memory, for tests: an HTTP client for the Azure SDK (`httpClient` in
// TableServiceClientOptions) that answers the Table REST API itself, so the real SDK, the real
// pipeline (retries, the store's deadline and transaction-counting policies) and the real store
// run unchanged above it. This is the Azure SDK's own "injectable HTTP client" test pattern.
//
//   const storage = await startMemoryStorage();          // like startAzurite()
//   RecordStore.fromConnection({ connectionString: storage.connectionString, httpClient: storage.httpClient });
//   storage.stop() / restart()   // storage refuses connections / is back, data kept (like Azurite on disk)
//   storage.freeze() / thaw()    // storage takes requests and does not answer until thawed (or the caller aborts)
//
// What it answers, as Azure Table Storage (and Azurite 3.35, checked by recording its traffic) does:
// - tables: create (201; 409 TableAlreadyExists, which the SDK's createTable swallows), delete; an entity
//   call on a missing table is 404 TableNotFound;
// - entities: insert (409 EntityAlreadyExists), get (404 ResourceNotFound), replace (PUT) and merge
//   (PATCH/MERGE) with If-Match (an ETag or `*`: 404 if missing, 412 UpdateConditionNotSatisfied on a
//   mismatch) or without (upsert), delete (If-Match; 404, 412); a new ETag and Timestamp on every write;
// - queries: $filter (eq ne gt ge lt le, and or not, parentheses; string, number, Int64 `L`, bool,
//   datetime'…', guid'…', X'…' literals; PartitionKey, RowKey and properties), $select, $top (≤ 1000 a
//   page) with x-ms-continuation-NextPartitionKey/NextRowKey, results by PartitionKey then RowKey;
// - entity-group transactions ($batch, multipart/mixed): at most 100 operations, one partition, no
//   entity twice, atomic: the first failing operation rolls back all and is answered with its index
//   (`<i>:message`, Content-ID i+1) in the format the SDK parses;
// - types: Edm.Int64, Edm.DateTime, Edm.Binary, Edm.Guid (and Edm.Double) annotations kept and returned
//   as Azurite returns them; a number without one is Int32 if it is a 32-bit integer, else Double;
// - limits: a string property ≤ 32 K characters (64 KiB, 400 PropertyValueTooLarge), ≤ 252 custom
//   properties (400 TooManyProperties), an entity ≤ 1 MiB by Azure's size formula (400
//   EntityTooLarge), a transaction body ≤ 4 MiB (413 RequestBodyTooLarge), keys ≤ 1 KiB without
//   / \ # ? or control characters (400 InvalidInput).
// Not modelled: authentication (requests are not checked), table ACLs and properties, server-side
// paging before $top (Azure may return fewer rows with a continuation; code must follow
// continuations anyway), throttling.
//
// The parts, by responsibility, under memoryTables/: values.ts (typed properties, errors, limits),
// filter.ts (the $filter parser and matcher), table.ts (rows in key order, ETags), http.ts (the
// HTTP shapes and helpers), batch.ts (entity-group transactions), queues.ts (the queue), engine.ts
// (MemoryTables, which routes and answers); this file is the fixture, with its loopback server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AZURITE_DEV_ACCOUNT, azuriteDevConnectionString } from '../../functions/azuriteDev.js';
import { MemoryTables } from './memoryTables/engine.js';
import { decodePathAfterAccount, type HttpClient } from './memoryTables/http.js';

// ------------------------------------------------------------------ the fixture

export interface MemoryStorage {
  /** Table and Queue endpoints; with `http: true`, a loopback server answers them too (else nothing listens there). */
  readonly connectionString: string;
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  readonly location: string;
  /** Pass as `httpClient` to the Table and Queue clients. */
  readonly httpClient: HttpClient;
  readonly tables: MemoryTables;
  stop(): Promise<void>;
  restart(): Promise<void>;
  freeze(): void;
  thaw(): void;
  dispose(): Promise<void>;
}

/**
 * Table (and Queue) Storage in memory, shaped like the Azurite fixture (test/support/azurite.ts). With
 * `http: true` it also listens on a loopback port, for code that must go over the network (a proxy
 * between a store and storage, a client without `httpClient`).
 */
export async function startMemoryStorage(options: { http?: boolean } = {}): Promise<MemoryStorage> {
  const tables = new MemoryTables();
  let server: Server | undefined;
  let port = 1; // nothing listens: every request must go through httpClient
  if (options.http) {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
        const answer = tables.answer({
          method: (req.method ?? 'GET').toUpperCase(),
          path: decodePathAfterAccount(url.pathname, AZURITE_DEV_ACCOUNT),
          query: url.searchParams,
          header: (n) => {
            const v = req.headers[n.toLowerCase()];
            return Array.isArray(v) ? v[0] : v;
          },
          body: Buffer.concat(chunks).toString('utf8'),
          base: `${url.origin}/${AZURITE_DEV_ACCOUNT}`,
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) headers[k] = v;
        res.writeHead(answer.status, headers).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }
  const host = '127.0.0.1';
  const connectionString = azuriteDevConnectionString({ host, table: port, queue: port }, { explicit: true });
  return {
    connectionString,
    tableEndpoint: `http://${host}:${port}/${AZURITE_DEV_ACCOUNT}`,
    queueEndpoint: `http://${host}:${port}/${AZURITE_DEV_ACCOUNT}`,
    location: '',
    httpClient: tables.httpClient,
    tables,
    stop: async () => tables.stop(),
    restart: async () => tables.start(),
    freeze: () => tables.freeze(),
    thaw: () => tables.thaw(),
    dispose: async () => {
      tables.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
    },
  };
}

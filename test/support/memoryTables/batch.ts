// Table Storage in memory (../memoryTables.ts): entity-group transactions ($batch, multipart/mixed).
// At most 100 operations, one partition, no entity twice; every operation runs against a staged
// view of the touched rows, and only a change set that succeeds throughout is committed. The first
// failing operation rolls back all and is answered with its index (`<i>:message`, Content-ID i+1)
// in the format the SDK parses.
import { decodePathAfterAccount, errorBody, parseJson, pathTable, randomId, STATUS_TEXT, unquote, type Answer, type Call } from './http.js';
import type { Table } from './table.js';
import { fail, MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS, TableError, type Entity } from './values.js';

/** What a transaction needs of the table engine (MemoryTables): its account, its tables and its entity calls. */
export interface BatchEngine {
  readonly account: string;
  table(name: string): Table;
  entityCall(
    call: Call,
    table: Table,
    pk: string,
    rk: string,
    write?: { put(e: Entity): void; remove(pk: string, rk: string): void },
  ): Answer;
  insert(call: Call, name: string, table: Table, write?: (e: Entity) => void): Answer;
}

/** Answers a $batch: one change set, applied all or nothing. */
export function batch(call: Call, engine: BatchEngine): Answer {
  if (Buffer.byteLength(call.body) > MAX_BATCH_BYTES) fail(413, 'RequestBodyTooLarge');
  const batchBoundary = /boundary=(batch_[^;\s]+)/.exec(call.header('content-type') ?? '')?.[1] ?? fail(400, 'InvalidInput');
  const changeset = /boundary=(changeset_[^;\s\r\n]+)/.exec(call.body)?.[1] ?? fail(400, 'InvalidInput');
  const parts = call.body.split(`--${changeset}`).slice(1);
  const operations = parts.filter((p) => !p.startsWith('--')).map(parseSubRequest);
  const reply = (sub: string[]) => {
    const body = [
      `--batchresponse_${batchBoundary.slice('batch_'.length)}`,
      `Content-Type: multipart/mixed; boundary=changesetresponse_${changeset.slice('changeset_'.length)}`,
      '',
      ...sub.map(
        (s) =>
          `--changesetresponse_${changeset.slice('changeset_'.length)}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n${s}`,
      ),
      `--changesetresponse_${changeset.slice('changeset_'.length)}--`,
      `--batchresponse_${batchBoundary.slice('batch_'.length)}--`,
      '',
    ].join('\r\n');
    return {
      status: 202,
      headers: { 'content-type': `multipart/mixed; boundary=batchresponse_${batchBoundary.slice('batch_'.length)}` },
      body,
    };
  };
  const failed = (index: number, err: TableError, requestId = randomId()) =>
    reply([
      `HTTP/1.1 ${err.status} ${STATUS_TEXT[err.status] ?? ''}\r\nContent-ID: ${index + 1}\r\nDataServiceVersion: 3.0;\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n${errorBody(err.code, err.message, requestId, index)}\r\n`,
    ]);
  if (operations.length > MAX_BATCH_OPERATIONS)
    return failed(0, new TableError(400, 'InvalidInput', 'The batch request operation exceeds the maximum 100 changes per change set.'));
  // Everything is applied to a scratch copy of the touched rows; only a batch that succeeds is committed.
  const staged = new Map<string, { table: Table; pk: string; rk: string; entity: Entity | undefined }>();
  const seen = new Set<string>();
  let partition: string | undefined;
  const answers: string[] = [];
  for (const [index, op] of operations.entries()) {
    try {
      const path = decodePathAfterAccount(new URL(op.url).pathname, engine.account);
      const name = pathTable(path);
      const table = engine.table(name);
      const keyed = /^([^/(]+)\(PartitionKey='(.*)',\s*RowKey='(.*)'\)$/.exec(path);
      let pk: string;
      let rk: string;
      if (keyed) {
        pk = unquote(keyed[2]!);
        rk = unquote(keyed[3]!);
      } else {
        const body = parseJson(op.body);
        pk = String(body.PartitionKey ?? '');
        rk = String(body.RowKey ?? '');
      }
      if (partition !== undefined && pk !== partition) fail(400, 'CommandsInBatchActOnDifferentPartitions');
      partition = pk;
      const id = `${name}\u0000${pk}\u0000${rk}`;
      if (seen.has(id)) fail(400, 'InvalidDuplicateRow');
      seen.add(id);
      if (op.method === 'GET') fail(400, 'InvalidInput', 'A query is not allowed in a change set.');
      // A view of the table that sees and records this batch's staged rows.
      const view = {
        get: (p: string, r: string) => {
          const s = staged.get(`${name}\u0000${p}\u0000${r}`);
          return s ? s.entity : table.get(p, r);
        },
        put: (e: Entity) =>
          staged.set(`${name}\u0000${e.partitionKey}\u0000${e.rowKey}`, { table, pk: e.partitionKey, rk: e.rowKey, entity: e }),
        remove: (p: string, r: string) => staged.set(`${name}\u0000${p}\u0000${r}`, { table, pk: p, rk: r, entity: undefined }),
      };
      const sub: Call = {
        method: op.method,
        path,
        query: new URL(op.url).searchParams,
        header: (n) => op.headers.get(n.toLowerCase()),
        body: op.body,
        base: call.base,
      };
      const answer = keyed
        ? engine.entityCall(sub, view as unknown as Table, pk, rk, view)
        : engine.insert(sub, name, view as unknown as Table, view.put);
      const lines = [
        `HTTP/1.1 ${answer.status} ${STATUS_TEXT[answer.status] ?? ''}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-cache',
        'DataServiceVersion: 3.0;',
      ];
      if (answer.headers.location) lines.push(`Location: ${answer.headers.location}`, `DataServiceId: ${answer.headers.location}`);
      if (answer.headers.etag) lines.push(`ETag: ${answer.headers.etag}`);
      if (answer.body) lines.push('Content-Type: application/json;odata=minimalmetadata;charset=utf-8');
      answers.push(`${lines.join('\r\n')}\r\n\r\n${answer.body ?? ''}\r\n`);
    } catch (err) {
      if (!(err instanceof TableError)) throw err;
      return failed(index, err);
    }
  }
  for (const s of staged.values()) {
    if (s.entity) s.table.put(s.entity);
    else s.table.remove(s.pk, s.rk);
  }
  return reply(answers);
}

interface SubRequest {
  method: string;
  url: string;
  headers: Map<string, string>;
  body: string;
}

function parseSubRequest(part: string): SubRequest {
  const text = part.replace(/\r\n/g, '\n');
  // part: "\ncontent-type: application/http\ncontent-transfer-encoding: binary\n\nMETHOD URL HTTP/1.1\nheaders…\n\n\nbody\n"
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && !/^[A-Z]+ \S+ HTTP\/1\.1$/.test(lines[i]!)) i++;
  const start = lines[i] ?? fail(400, 'InvalidInput', 'No request line in a change set part');
  const [method, url] = start.split(' ') as [string, string];
  const headers = new Map<string, string>();
  for (i++; i < lines.length && lines[i] !== ''; i++) {
    const at = lines[i]!.indexOf(':');
    if (at > 0) headers.set(lines[i]!.slice(0, at).trim().toLowerCase(), lines[i]!.slice(at + 1).trim());
  }
  const body = lines.slice(i).join('\n').trim();
  return { method: method.toUpperCase(), url, headers, body };
}

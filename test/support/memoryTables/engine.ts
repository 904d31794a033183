// Table Storage in memory (../memoryTables.ts): the engine. MemoryTables is the Azure SDK's
// `httpClient`: it takes each request (or is stopped, or frozen), routes it to tables, entities,
// queries or a $batch (./batch.ts), and answers as the service does; Queue Storage requests on the
// same endpoint go to ./queues.ts.
import { AZURITE_DEV_ACCOUNT } from '../../../functions/azuriteDev.js';
import { batch } from './batch.js';
import { parseFilter } from './filter.js';
import {
  abortError,
  bodyText,
  decodePathAfterAccount,
  errorBody,
  fromToken,
  Headers,
  JSON_TYPE,
  parseJson,
  pathTable,
  randomId,
  refused,
  selectOf,
  toToken,
  unquote,
  type Answer,
  type Call,
  type HttpClient,
  type HttpHeaders,
  type PipelineRequest,
  type PipelineResponse,
} from './http.js';
import { MemoryQueues } from './queues.js';
import { etagOf, nextTimestamp, Table } from './table.js';
import { checkEntity, checkKey, entityJson, fail, MAX_PAGE, propsFromJson, TableError, type Entity } from './values.js';

export interface MemoryTablesOptions {
  /** The account name in the URLs (default: Azurite's devstoreaccount1). */
  account?: string;
}

/** Table Storage (and a small Queue Storage) in memory, answering the Azure SDK through `httpClient`. */
export class MemoryTables {
  readonly tables = new Map<string, Table>();
  /** Requests answered (every attempt, as the service would count them). */
  requests = 0;
  /** `down`: connections are refused. `frozen`: requests are taken and not answered. */
  private state: 'up' | 'down' | 'frozen' = 'up';
  private thawed: Array<() => void> = [];
  readonly queues = new MemoryQueues();
  readonly httpClient: HttpClient = { sendRequest: (request) => this.send(request) };

  constructor(readonly options: MemoryTablesOptions = {}) {}

  /** Storage goes away: requests fail to connect (ECONNREFUSED), as when Azurite is stopped. */
  stop(): void {
    this.state = 'down';
    this.release();
  }

  /** Storage takes requests and does not answer them until `thaw()` (a caller's abort still ends its wait). */
  freeze(): void {
    this.state = 'frozen';
  }

  /** Storage is back, with everything it had committed. */
  start(): void {
    this.state = 'up';
    this.release();
  }

  thaw(): void {
    this.start();
  }

  private release(): void {
    const waiting = this.thawed.splice(0);
    for (const go of waiting) go();
  }

  private async send(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.abortSignal?.aborted) throw abortError(request);
    await Promise.resolve(); // answer asynchronously, like a network
    if (this.state === 'frozen') {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(abortError(request));
        request.abortSignal?.addEventListener('abort', onAbort, { once: true });
        this.thawed.push(() => {
          request.abortSignal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    if (this.state === 'down') throw refused(request);
    const url = new URL(request.url);
    const body = bodyText(request.body);
    const answer = this.answer({
      method: request.method.toUpperCase(),
      path: decodePathAfterAccount(url.pathname, this.options.account ?? AZURITE_DEV_ACCOUNT),
      query: url.searchParams,
      header: (n) => request.headers.get(n),
      body,
      base: `${url.origin}/${this.options.account ?? AZURITE_DEV_ACCOUNT}`,
    });
    if (request.abortSignal?.aborted) throw abortError(request);
    return {
      request,
      status: answer.status,
      headers: new Headers(answer.headers) as unknown as HttpHeaders,
      ...(answer.body !== undefined ? { bodyAsText: answer.body } : {}),
    };
  }

  /** Answers one request (also used by the loopback HTTP server). */
  answer(call: Call): Answer {
    this.requests++;
    const requestId = randomId();
    const base = {
      'x-ms-request-id': requestId,
      'x-ms-version': '2025-11-05',
      'x-ms-client-request-id': call.header('x-ms-client-request-id'),
      date: new Date().toUTCString(),
    };
    // Queue Storage shares the endpoint in HTTP mode: a queue (PUT, DELETE, ?comp=…) or its messages (queue/messages…).
    const tableCall = call.path === 'Tables' || call.path === '$batch' || call.path.startsWith('Tables(') || call.path.includes('(');
    if (!tableCall && (call.path.includes('/') || ['PUT', 'DELETE', 'HEAD'].includes(call.method) || call.query.has('comp')))
      return this.queues.answer(call, base);
    try {
      const answer = this.route(call);
      return { ...answer, headers: { ...base, ...answer.headers } };
    } catch (err) {
      if (!(err instanceof TableError)) throw err;
      return {
        status: err.status,
        headers: { ...base, 'x-ms-error-code': err.code, 'content-type': JSON_TYPE },
        body: errorBody(err.code, err.message, requestId),
      };
    }
  }

  private route(call: Call): Answer {
    const { method, path } = call;
    if (path === '$batch' && method === 'POST') {
      return batch(call, {
        account: this.options.account ?? AZURITE_DEV_ACCOUNT,
        table: (name) => this.table(name),
        entityCall: (...args) => this.entityCall(...args),
        insert: (...args) => this.insert(...args),
      });
    }
    if (path === 'Tables' && method === 'POST') return this.createTable(call);
    if (path === 'Tables' && method === 'GET') {
      const value = [...this.tables.keys()].sort().map((TableName) => ({ TableName }));
      return {
        status: 200,
        headers: { 'content-type': 'application/json;odata=minimalmetadata' },
        body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#Tables`, value }),
      };
    }
    const dropped = /^Tables\('(.*)'\)$/.exec(path);
    if (dropped && method === 'DELETE') {
      if (!this.tables.delete(dropped[1]!)) fail(404, 'ResourceNotFound');
      return { status: 204, headers: {} };
    }
    const keyed = /^([^/(]+)\(PartitionKey='(.*)',\s*RowKey='(.*)'\)$/.exec(path);
    if (keyed) {
      const [, name, pk, rk] = keyed;
      return this.entityCall(call, this.table(name!), unquote(pk!), unquote(rk!));
    }
    const collection = /^([^/(]+)(\(\))?$/.exec(path);
    if (collection) {
      const table = this.table(collection[1]!);
      if (method === 'GET') return this.query(call, collection[1]!, table);
      if (method === 'POST') return this.insert(call, collection[1]!, table);
    }
    return fail(400, 'InvalidInput', `Unsupported request ${method} ${path}`);
  }

  private table(name: string): Table {
    return this.tables.get(name) ?? fail(404, 'TableNotFound');
  }

  private createTable(call: Call): Answer {
    const name = String((JSON.parse(call.body || '{}') as { TableName?: unknown }).TableName ?? '');
    if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name))
      fail(400, 'InvalidResourceName', 'The specifed resource name contains invalid characters.');
    if ([...this.tables.keys()].some((t) => t.toLowerCase() === name.toLowerCase())) fail(409, 'TableAlreadyExists');
    this.tables.set(name, new Table());
    const noContent = /return-no-content/.test(call.header('prefer') ?? '');
    return noContent
      ? { status: 204, headers: { 'preference-applied': 'return-no-content' } }
      : {
          status: 201,
          headers: { 'content-type': 'application/json;odata=minimalmetadata', 'preference-applied': 'return-content' },
          body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#Tables/@Element`, TableName: name }),
        };
  }

  private insert(call: Call, name: string, table: Table, write: (e: Entity) => void = (e) => table.put(e)): Answer {
    const body = parseJson(call.body);
    const pk = checkKey(body.PartitionKey);
    const rk = checkKey(body.RowKey);
    const props = propsFromJson(body);
    checkEntity(pk, rk, props);
    if (table.get(pk, rk)) fail(409, 'EntityAlreadyExists');
    const timestamp = nextTimestamp();
    const entity: Entity = { partitionKey: pk, rowKey: rk, props, timestamp, etag: etagOf(timestamp) };
    write(entity);
    const location = `${call.base}/${name}(PartitionKey='${encodeURIComponent(pk.replace(/'/g, "''"))}',RowKey='${encodeURIComponent(rk.replace(/'/g, "''"))}')`;
    if (/return-no-content/.test(call.header('prefer') ?? '')) {
      return { status: 204, headers: { etag: entity.etag, 'preference-applied': 'return-no-content', location, dataserviceid: location } };
    }
    const json = { 'odata.metadata': `${call.base}/$metadata#${name}/@Element`, ...entityJson(entity) };
    return {
      status: 201,
      headers: {
        etag: entity.etag,
        'content-type': 'application/json;odata=minimalmetadata',
        location,
        'preference-applied': 'return-content',
      },
      body: JSON.stringify(json),
    };
  }

  private entityCall(
    call: Call,
    table: Table,
    pk: string,
    rk: string,
    write?: { put(e: Entity): void; remove(pk: string, rk: string): void },
  ): Answer {
    const w = write ?? table;
    const current = table.get(pk, rk);
    const ifMatch = call.header('if-match');
    const precondition = () => {
      if (!current) fail(404, 'ResourceNotFound');
      if (ifMatch !== '*' && ifMatch !== current!.etag) fail(412, 'UpdateConditionNotSatisfied');
    };
    switch (call.method) {
      case 'GET': {
        if (!current) fail(404, 'ResourceNotFound');
        const select = selectOf(call.query);
        return {
          status: 200,
          headers: { 'content-type': 'application/json;odata=minimalmetadata', etag: current!.etag },
          body: JSON.stringify({
            'odata.metadata': `${call.base}/$metadata#${pathTable(call.path)}/@Element`,
            ...entityJson(current!, select),
          }),
        };
      }
      case 'DELETE':
        if (ifMatch === undefined)
          fail(400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified.');
        precondition();
        w.remove(pk, rk);
        return { status: 204, headers: {} };
      case 'PUT':
      case 'PATCH':
      case 'MERGE': {
        if (ifMatch !== undefined) precondition();
        const body = parseJson(call.body);
        if ((body.PartitionKey !== undefined && body.PartitionKey !== pk) || (body.RowKey !== undefined && body.RowKey !== rk))
          fail(400, 'PropertiesNeedValue', 'The keys in the body do not match the keys in the URL.');
        checkKey(pk);
        checkKey(rk);
        const incoming = propsFromJson(body);
        const props = call.method === 'PUT' || !current ? incoming : new Map([...current.props, ...incoming]);
        checkEntity(pk, rk, props);
        const timestamp = nextTimestamp();
        const entity: Entity = { partitionKey: pk, rowKey: rk, props, timestamp, etag: etagOf(timestamp) };
        w.put(entity);
        return { status: 204, headers: { etag: entity.etag } };
      }
      default:
        return fail(400, 'InvalidInput', `Unsupported method ${call.method}`);
    }
  }

  private query(call: Call, name: string, table: Table): Answer {
    const filterText = call.query.get('$filter');
    const filter = filterText ? parseFilter(filterText) : undefined;
    const topText = call.query.get('$top');
    const top = topText ? Number(topText) : MAX_PAGE;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) fail(400, 'InvalidInput', 'The $top value is not valid.');
    const npk = call.query.get('NextPartitionKey');
    const nrk = call.query.get('NextRowKey');
    const start = npk ? { pk: fromToken(npk), rk: nrk ? fromToken(nrk) : '' } : undefined;
    const { found, next } = table.query(filter, top, start);
    const select = selectOf(call.query);
    const headers: Record<string, string> = { 'content-type': 'application/json;odata=minimalmetadata' };
    if (next) {
      headers['x-ms-continuation-NextPartitionKey'] = toToken(next.pk);
      headers['x-ms-continuation-NextRowKey'] = toToken(next.rk);
    }
    return {
      status: 200,
      headers,
      body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#${name}`, value: found.map((e) => entityJson(e, select)) }),
    };
  }

  /** Every entity of a table, in key order (for tests that look behind the SDK). */
  entities(table: string): Array<Record<string, unknown>> {
    const t = this.tables.get(table);
    if (!t) return [];
    return t.query(undefined, Number.MAX_SAFE_INTEGER).found.map((e) => entityJson(e));
  }
}

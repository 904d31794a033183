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
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TableServiceClientOptions } from '@azure/data-tables';
import { AZURITE_DEV_ACCOUNT, azuriteDevConnectionString } from '../../functions/azuriteDev.js';

type HttpClient = NonNullable<TableServiceClientOptions['httpClient']>;
type PipelineRequest = Parameters<HttpClient['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;
type HttpHeaders = PipelineResponse['headers'];

// ------------------------------------------------------------------ values

type Edm = 'Edm.String' | 'Edm.Boolean' | 'Edm.Int32' | 'Edm.Double' | 'Edm.Int64' | 'Edm.DateTime' | 'Edm.Binary' | 'Edm.Guid';
/** A property as stored: its type and its JSON value (Int64 and Binary as strings, as on the wire). */
interface Prop {
  type: Edm;
  value: string | number | boolean;
}

interface Entity {
  partitionKey: string;
  rowKey: string;
  props: Map<string, Prop>;
  etag: string;
  /** Azure's form: 7 fractional digits, e.g. 2026-12-07T03:44:17.5188386Z */
  timestamp: string;
}

class TableError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  TableAlreadyExists: 'The table specified already exists.',
  TableNotFound: 'The table specified does not exist.',
  EntityAlreadyExists: 'The specified entity already exists.',
  ResourceNotFound: 'The specified resource does not exist.',
  UpdateConditionNotSatisfied: 'The update condition specified in the request was not satisfied.',
  PropertyValueTooLarge:
    'The property value exceeds the maximum allowed size (64KB). If the property value is a string, it is UTF-16 encoded and the maximum number of characters should be 32K or less.',
  TooManyProperties: 'The entity contains more properties than allowed. Each entity can include up to 252 properties to store data. Each entity also has 3 system properties.',
  EntityTooLarge: 'The entity is larger than the maximum allowed size (1MB).',
  RequestBodyTooLarge: 'The request body is too large and exceeds the maximum permissible limit.',
  InvalidDuplicateRow: 'The batch request contains multiple changes with same row key. An entity can appear only once in a batch request.',
  CommandsInBatchActOnDifferentPartitions: 'All commands in a batch must operate on same entity group.',
  InvalidInput: 'An error occurred while processing this request.',
  InvalidXmlDocument: 'XML specified is not syntactically valid.',
};

const fail = (status: number, code: string, message = MESSAGES[code] ?? code): never => {
  throw new TableError(status, code, message);
};

const MAX_STRING_CHARS = 32 * 1024;
const MAX_CUSTOM_PROPERTIES = 252;
const MAX_ENTITY_BYTES = 1024 * 1024;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MAX_BATCH_OPERATIONS = 100;
const MAX_PAGE = 1000;
const KEY_FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/** An entity's JSON body (PartitionKey, RowKey, props, `x@odata.type` annotations) as typed properties. */
function propsFromJson(body: Record<string, unknown>): Map<string, Prop> {
  const props = new Map<string, Prop>();
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@odata.') || name.startsWith('odata.') || name === 'PartitionKey' || name === 'RowKey' || name === 'Timestamp') continue;
    if (value === null || value === undefined) continue; // a null property is not stored
    const annotated = body[`${name}@odata.type`];
    let type: Edm;
    if (typeof annotated === 'string') type = annotated as Edm;
    else if (typeof value === 'string') type = 'Edm.String';
    else if (typeof value === 'boolean') type = 'Edm.Boolean';
    else if (typeof value === 'number') type = isInt32(value) ? 'Edm.Int32' : 'Edm.Double';
    else fail(400, 'InvalidInput');
    const prop = checkValue(type!, value);
    props.set(name, prop);
  }
  return props;
}

function checkValue(type: Edm, value: unknown): Prop {
  switch (type) {
    case 'Edm.String':
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      if ((value as string).length > MAX_STRING_CHARS) fail(400, 'PropertyValueTooLarge');
      return { type, value: value as string };
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') fail(400, 'InvalidInput');
      return { type, value: value as boolean };
    case 'Edm.Int32':
      if (typeof value !== 'number' || !isInt32(value)) fail(400, 'InvalidInput');
      return { type, value: value as number };
    case 'Edm.Double': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) fail(400, 'InvalidInput');
      return { type, value: n as number };
    }
    case 'Edm.Int64':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) fail(400, 'InvalidInput');
      return { type, value: value as string };
    case 'Edm.DateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(400, 'InvalidInput');
      return { type, value: value as string };
    }
    case 'Edm.Binary': {
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      if (Buffer.from(value as string, 'base64').length > 64 * 1024) fail(400, 'PropertyValueTooLarge');
      return { type, value: value as string };
    }
    case 'Edm.Guid':
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      return { type, value: value as string };
    default:
      return fail(400, 'InvalidInput');
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string') return fail(400, 'PropertiesNeedValue', 'The values are not specified for all properties in the entity.');
  if (KEY_FORBIDDEN.test(key) || key.length * 2 > 1024) fail(400, 'InvalidInput');
  return key;
}

/** Azure's entity size: 4 + keys (2 bytes a character) + per property 8 + name + value. */
function entitySize(pk: string, rk: string, props: Map<string, Prop>): number {
  let size = 4 + pk.length * 2 + rk.length * 2;
  for (const [name, p] of props) {
    size += 8 + name.length * 2;
    switch (p.type) {
      case 'Edm.String':
        size += (p.value as string).length * 2 + 4;
        break;
      case 'Edm.Binary':
        size += Buffer.from(p.value as string, 'base64').length + 4;
        break;
      case 'Edm.Boolean':
        size += 1;
        break;
      case 'Edm.Int32':
        size += 4;
        break;
      case 'Edm.Guid':
        size += 16;
        break;
      default:
        size += 8;
    }
  }
  return size;
}

function checkEntity(pk: string, rk: string, props: Map<string, Prop>): void {
  if (props.size > MAX_CUSTOM_PROPERTIES) fail(400, 'TooManyProperties');
  if (entitySize(pk, rk, props) > MAX_ENTITY_BYTES) fail(400, 'EntityTooLarge');
}

/** An entity as the service returns it (minimal metadata, as Azurite writes it). */
function entityJson(e: Entity, select?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { 'odata.etag': e.etag };
  const want = (name: string) => !select || select.includes(name);
  if (want('PartitionKey')) out.PartitionKey = e.partitionKey;
  if (want('RowKey')) out.RowKey = e.rowKey;
  for (const [name, p] of e.props) {
    if (!want(name)) continue;
    if (p.type === 'Edm.Int64' || p.type === 'Edm.DateTime' || p.type === 'Edm.Binary' || p.type === 'Edm.Guid') out[`${name}@odata.type`] = p.type;
    out[name] = p.value;
  }
  if (want('Timestamp')) out.Timestamp = e.timestamp;
  return out;
}

// ------------------------------------------------------------------ $filter

type Literal = { kind: 'lit'; type: Edm | 'null'; value: string | number | boolean | bigint | null };
type Node =
  | Literal
  | { kind: 'prop'; name: string }
  | { kind: 'not'; of: Node }
  | { kind: 'bool'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; left: Node; right: Node };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** Parses the OData $filter subset Table Storage supports. */
export function parseFilter(text: string): Node {
  let i = 0;
  const bad = (): never => fail(400, 'InvalidInput', `Bad filter at ${i}: ${text}`);
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const quoted = (): string => {
    // at a quote: '…' with '' for a quote
    i++;
    let s = '';
    for (;;) {
      if (i >= text.length) bad();
      const c = text[i++]!;
      if (c === "'") {
        if (text[i] === "'") {
          s += "'";
          i++;
        } else return s;
      } else s += c;
    }
  };
  const word = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    return m ? m[0] : '';
  };
  const primary = (): Node => {
    ws();
    if (text[i] === '(') {
      i++;
      const inner = or();
      ws();
      if (text[i] !== ')') bad();
      i++;
      return inner;
    }
    if (text[i] === "'") return { kind: 'lit', type: 'Edm.String', value: quoted() };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?([LlDdFfMm])?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      const suffix = num[3]?.toUpperCase();
      const digits = num[0].replace(/[LlDdFfMm]$/, '');
      if (suffix === 'L') return { kind: 'lit', type: 'Edm.Int64', value: BigInt(digits) };
      if (suffix || num[1] || num[2]) return { kind: 'lit', type: 'Edm.Double', value: Number(digits) };
      return { kind: 'lit', type: 'Edm.Int32', value: Number(digits) };
    }
    const w = word();
    if (!w) bad();
    i += w.length;
    if (text[i] === "'" && /^(datetime|guid|X|binary)$/i.test(w)) {
      const v = quoted();
      if (/^datetime$/i.test(w)) {
        const t = Date.parse(v);
        if (Number.isNaN(t)) bad();
        return { kind: 'lit', type: 'Edm.DateTime', value: v };
      }
      if (/^guid$/i.test(w)) return { kind: 'lit', type: 'Edm.Guid', value: v.toLowerCase() };
      return { kind: 'lit', type: 'Edm.Binary', value: Buffer.from(v, 'hex').toString('base64') };
    }
    if (w === 'true' || w === 'false') return { kind: 'lit', type: 'Edm.Boolean', value: w === 'true' };
    if (w === 'null') return { kind: 'lit', type: 'null', value: null };
    return { kind: 'prop', name: w };
  };
  const comparison = (): Node => {
    const left = primary();
    ws();
    const op = word();
    if (COMPARISONS.has(op)) {
      i += op.length;
      const right = primary();
      return { kind: 'cmp', op: op as 'eq', left, right };
    }
    return left;
  };
  const not = (): Node => {
    ws();
    const w = word();
    if (w === 'not') {
      i += 3;
      return { kind: 'not', of: not() };
    }
    return comparison();
  };
  const and = (): Node => {
    let left = not();
    for (;;) {
      ws();
      if (word() !== 'and') return left;
      i += 3;
      left = { kind: 'bool', op: 'and', left, right: not() };
    }
  };
  const or = (): Node => {
    let left = and();
    for (;;) {
      ws();
      if (word() !== 'or') return left;
      i += 2;
      left = { kind: 'bool', op: 'or', left, right: and() };
    }
  };
  const tree = or();
  ws();
  if (i !== text.length) bad();
  return tree;
}

type Value = { type: Edm; value: string | number | boolean | bigint } | undefined;

function valueOf(node: Node, e: Entity): Value {
  if (node.kind === 'lit') return node.type === 'null' ? undefined : (node as { type: Edm; value: string | number | boolean | bigint });
  if (node.kind === 'prop') {
    if (node.name === 'PartitionKey') return { type: 'Edm.String', value: e.partitionKey };
    if (node.name === 'RowKey') return { type: 'Edm.String', value: e.rowKey };
    if (node.name === 'Timestamp') return { type: 'Edm.DateTime', value: e.timestamp };
    return e.props.get(node.name);
  }
  return { type: 'Edm.Boolean', value: matches(node, e) };
}

const NUMERIC = new Set<Edm>(['Edm.Int32', 'Edm.Double', 'Edm.Int64']);

/** -1, 0, 1, or undefined when the two cannot be compared (different types, or a missing property). */
function compare(a: Value, b: Value): number | undefined {
  if (!a || !b) return undefined;
  const order = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
  if (NUMERIC.has(a.type) && NUMERIC.has(b.type)) {
    if (a.type === 'Edm.Int64' || b.type === 'Edm.Int64') {
      if (!Number.isInteger(Number(a.value)) || !Number.isInteger(Number(b.value))) return order(Number(a.value), Number(b.value));
      return order(BigInt(a.value as string | number), BigInt(b.value as string | number));
    }
    return order(Number(a.value), Number(b.value));
  }
  if (a.type !== b.type) return undefined;
  switch (a.type) {
    case 'Edm.DateTime':
      return order(Date.parse(a.value as string), Date.parse(b.value as string)) || order(subMs(a.value as string), subMs(b.value as string));
    case 'Edm.Guid':
      return order(String(a.value).toLowerCase(), String(b.value).toLowerCase());
    case 'Edm.Binary':
      return Buffer.compare(Buffer.from(a.value as string, 'base64'), Buffer.from(b.value as string, 'base64'));
    case 'Edm.Boolean':
      return a.value === b.value ? 0 : undefined;
    default:
      return order(String(a.value), String(b.value));
  }
}

/** The digits of an instant beyond milliseconds (Timestamp has seven). */
function subMs(iso: string): number {
  const m = /\.\d{3}(\d*)/.exec(iso);
  return m?.[1] ? Number(`0.${m[1]}`) : 0;
}

function matches(node: Node, e: Entity): boolean {
  switch (node.kind) {
    case 'bool':
      return node.op === 'and' ? matches(node.left, e) && matches(node.right, e) : matches(node.left, e) || matches(node.right, e);
    case 'not':
      return !matches(node.of, e);
    case 'cmp': {
      const c = compare(valueOf(node.left, e), valueOf(node.right, e));
      if (c === undefined) return false;
      switch (node.op) {
        case 'eq':
          return c === 0;
        case 'ne':
          return c !== 0;
        case 'gt':
          return c > 0;
        case 'ge':
          return c >= 0;
        case 'lt':
          return c < 0;
        case 'le':
          return c <= 0;
      }
      return false;
    }
    default: {
      const v = valueOf(node, e);
      return v?.type === 'Edm.Boolean' && v.value === true;
    }
  }
}

/** Key bounds implied by the top-level `and` of a filter, to skip what cannot match (a speed-up only). */
function keyBounds(node: Node): { pk?: string; from?: string; to?: string } {
  const out: { pk?: string; from?: string; to?: string } = {};
  const visit = (n: Node) => {
    if (n.kind === 'bool' && n.op === 'and') {
      visit(n.left);
      visit(n.right);
    } else if (n.kind === 'cmp' && n.left.kind === 'prop' && n.right.kind === 'lit' && n.right.type === 'Edm.String') {
      const v = n.right.value as string;
      if (n.left.name === 'PartitionKey' && n.op === 'eq') out.pk = v;
      if (n.left.name === 'RowKey' && (n.op === 'ge' || n.op === 'gt' || n.op === 'eq') && (out.from === undefined || v > out.from)) out.from = v;
    }
  };
  visit(node);
  return out;
}

// ------------------------------------------------------------------ tables

class Partition {
  /** Row keys, sorted. */
  readonly keys: string[] = [];
  readonly rows = new Map<string, Entity>();

  put(e: Entity): void {
    if (!this.rows.has(e.rowKey)) this.keys.splice(lowerBound(this.keys, e.rowKey), 0, e.rowKey);
    this.rows.set(e.rowKey, e);
  }

  remove(rowKey: string): void {
    if (!this.rows.delete(rowKey)) return;
    this.keys.splice(lowerBound(this.keys, rowKey), 1);
  }
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class Table {
  readonly partitions = new Map<string, Partition>();

  get(pk: string, rk: string): Entity | undefined {
    return this.partitions.get(pk)?.rows.get(rk);
  }

  put(e: Entity): void {
    let p = this.partitions.get(e.partitionKey);
    if (!p) this.partitions.set(e.partitionKey, (p = new Partition()));
    p.put(e);
  }

  remove(pk: string, rk: string): void {
    const p = this.partitions.get(pk);
    p?.remove(rk);
    if (p && !p.keys.length) this.partitions.delete(pk);
  }

  /** Up to `top` entities matching, from (pk, rk) on, and where the next page starts. */
  query(filter: Node | undefined, top: number, start?: { pk: string; rk: string }): { found: Entity[]; next?: { pk: string; rk: string } } {
    const bounds = filter ? keyBounds(filter) : {};
    const pks = bounds.pk !== undefined ? (this.partitions.has(bounds.pk) ? [bounds.pk] : []) : [...this.partitions.keys()].sort();
    const found: Entity[] = [];
    for (const pk of pks) {
      if (start && pk < start.pk) continue;
      const p = this.partitions.get(pk)!;
      let from = bounds.from !== undefined ? lowerBound(p.keys, bounds.from) : 0;
      if (start && pk === start.pk) from = Math.max(from, lowerBound(p.keys, start.rk));
      for (let i = from; i < p.keys.length; i++) {
        const e = p.rows.get(p.keys[i]!)!;
        if (filter && !matches(filter, e)) continue;
        if (found.length === top) return { found, next: { pk, rk: e.rowKey } };
        found.push(e);
      }
    }
    return { found };
  }
}

// ------------------------------------------------------------------ ETags and time

let lastTick = 0n;
/** A fresh instant in 100 ns ticks: strictly increasing, so every write has its own ETag. */
function nextTimestamp(): string {
  const now = BigInt(Date.now()) * 10_000n;
  lastTick = now > lastTick ? now : lastTick + 1n;
  const ms = Number(lastTick / 10_000n);
  const extra = String(lastTick % 10_000n).padStart(4, '0');
  return new Date(ms).toISOString().replace(/Z$/, `${extra}Z`);
}

function etagOf(timestamp: string): string {
  return `W/"datetime'${encodeURIComponent(timestamp)}'"`;
}

// ------------------------------------------------------------------ HTTP

class Headers implements Iterable<[string, string]> {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(init: Record<string, string | undefined> = {}) {
    for (const [k, v] of Object.entries(init)) if (v !== undefined) this.set(k, v);
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  toJSON(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, { name, value }] of this.map) out[options.preserveCase ? name : k] = value;
    return out;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [k, { value }] of this.map) yield [k, value];
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body?: string;
}

/** One request as the service sees it: method, path after the account, query, headers, body. */
interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  body: string;
  base: string;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Request Entity Too Large' };

function errorBody(code: string, message: string, requestId: string, index?: number): string {
  const value = `${index !== undefined ? `${index}:` : ''}${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}`;
  return JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value } } });
}

const JSON_TYPE = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';

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
    return { request, status: answer.status, headers: new Headers(answer.headers) as unknown as HttpHeaders, ...(answer.body !== undefined ? { bodyAsText: answer.body } : {}) };
  }

  /** Answers one request (also used by the loopback HTTP server). */
  answer(call: Call): Answer {
    this.requests++;
    const requestId = randomId();
    const base = { 'x-ms-request-id': requestId, 'x-ms-version': '2025-11-05', 'x-ms-client-request-id': call.header('x-ms-client-request-id'), date: new Date().toUTCString() };
    // Queue Storage shares the endpoint in HTTP mode: a queue (PUT, DELETE, ?comp=…) or its messages (queue/messages…).
    const tableCall = call.path === 'Tables' || call.path === '$batch' || call.path.startsWith('Tables(') || call.path.includes('(');
    if (!tableCall && (call.path.includes('/') || ['PUT', 'DELETE', 'HEAD'].includes(call.method) || call.query.has('comp'))) return this.queues.answer(call, base);
    try {
      const answer = this.route(call);
      return { ...answer, headers: { ...base, ...answer.headers } };
    } catch (err) {
      if (!(err instanceof TableError)) throw err;
      return { status: err.status, headers: { ...base, 'x-ms-error-code': err.code, 'content-type': JSON_TYPE }, body: errorBody(err.code, err.message, requestId) };
    }
  }

  private route(call: Call): Answer {
    const { method, path } = call;
    if (path === '$batch' && method === 'POST') return this.batch(call);
    if (path === 'Tables' && method === 'POST') return this.createTable(call);
    if (path === 'Tables' && method === 'GET') {
      const value = [...this.tables.keys()].sort().map((TableName) => ({ TableName }));
      return { status: 200, headers: { 'content-type': 'application/json;odata=minimalmetadata' }, body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#Tables`, value }) };
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
    if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name)) fail(400, 'InvalidResourceName', 'The specifed resource name contains invalid characters.');
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
    return { status: 201, headers: { etag: entity.etag, 'content-type': 'application/json;odata=minimalmetadata', location, 'preference-applied': 'return-content' }, body: JSON.stringify(json) };
  }

  private entityCall(call: Call, table: Table, pk: string, rk: string, write?: { put(e: Entity): void; remove(pk: string, rk: string): void }): Answer {
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
          body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#${pathTable(call.path)}/@Element`, ...entityJson(current!, select) }),
        };
      }
      case 'DELETE':
        if (ifMatch === undefined) fail(400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified.');
        precondition();
        w.remove(pk, rk);
        return { status: 204, headers: {} };
      case 'PUT':
      case 'PATCH':
      case 'MERGE': {
        if (ifMatch !== undefined) precondition();
        const body = parseJson(call.body);
        if ((body.PartitionKey !== undefined && body.PartitionKey !== pk) || (body.RowKey !== undefined && body.RowKey !== rk)) fail(400, 'PropertiesNeedValue', 'The keys in the body do not match the keys in the URL.');
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
    return { status: 200, headers, body: JSON.stringify({ 'odata.metadata': `${call.base}/$metadata#${name}`, value: found.map((e) => entityJson(e, select)) }) };
  }

  // ------------------------------------------------------------ entity-group transactions

  private batch(call: Call): Answer {
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
        ...sub.map((s) => `--changesetresponse_${changeset.slice('changeset_'.length)}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n${s}`),
        `--changesetresponse_${changeset.slice('changeset_'.length)}--`,
        `--batchresponse_${batchBoundary.slice('batch_'.length)}--`,
        '',
      ].join('\r\n');
      return { status: 202, headers: { 'content-type': `multipart/mixed; boundary=batchresponse_${batchBoundary.slice('batch_'.length)}` }, body };
    };
    const failed = (index: number, err: TableError, requestId = randomId()) =>
      reply([
        `HTTP/1.1 ${err.status} ${STATUS_TEXT[err.status] ?? ''}\r\nContent-ID: ${index + 1}\r\nDataServiceVersion: 3.0;\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n${errorBody(err.code, err.message, requestId, index)}\r\n`,
      ]);
    if (operations.length > MAX_BATCH_OPERATIONS) return failed(0, new TableError(400, 'InvalidInput', 'The batch request operation exceeds the maximum 100 changes per change set.'));
    // Everything is applied to a scratch copy of the touched rows; only a batch that succeeds is committed.
    const staged = new Map<string, { table: Table; pk: string; rk: string; entity: Entity | undefined }>();
    const seen = new Set<string>();
    let partition: string | undefined;
    const answers: string[] = [];
    for (const [index, op] of operations.entries()) {
      try {
        const path = decodePathAfterAccount(new URL(op.url).pathname, this.options.account ?? AZURITE_DEV_ACCOUNT);
        const name = pathTable(path);
        const table = this.table(name);
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
          put: (e: Entity) => staged.set(`${name}\u0000${e.partitionKey}\u0000${e.rowKey}`, { table, pk: e.partitionKey, rk: e.rowKey, entity: e }),
          remove: (p: string, r: string) => staged.set(`${name}\u0000${p}\u0000${r}`, { table, pk: p, rk: r, entity: undefined }),
        };
        const sub: Call = { method: op.method, path, query: new URL(op.url).searchParams, header: (n) => op.headers.get(n.toLowerCase()), body: op.body, base: call.base };
        const answer = keyed ? this.entityCall(sub, view as unknown as Table, pk, rk, view) : this.insert(sub, name, view as unknown as Table, view.put);
        const lines = [`HTTP/1.1 ${answer.status} ${STATUS_TEXT[answer.status] ?? ''}`, 'X-Content-Type-Options: nosniff', 'Cache-Control: no-cache', 'DataServiceVersion: 3.0;'];
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

  /** Every entity of a table, in key order (for tests that look behind the SDK). */
  entities(table: string): Array<Record<string, unknown>> {
    const t = this.tables.get(table);
    if (!t) return [];
    return t.query(undefined, Number.MAX_SAFE_INTEGER).found.map((e) => entityJson(e));
  }
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

function pathTable(path: string): string {
  return /^([^/(]+)/.exec(path)?.[1] ?? '';
}

function unquote(key: string): string {
  return key.replace(/''/g, "'");
}

function decodePathAfterAccount(pathname: string, account: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === account) parts.shift();
  return decodeURIComponent(parts.join('/'));
}

function selectOf(query: URLSearchParams): string[] | undefined {
  const s = query.get('$select');
  return s ? s.split(',').map((x) => x.trim()) : undefined;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text || '{}') as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(400, 'InvalidInput');
    return v as Record<string, unknown>;
  } catch {
    return fail(400, 'InvalidInput');
  }
}

function toToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64');
}

function fromToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

function bodyText(body: PipelineRequest['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  throw new Error('memoryTables: a streamed request body is not supported');
}

function randomId(): string {
  return crypto.randomUUID();
}

function refused(request: PipelineRequest): Error {
  const err = new Error(`connect ECONNREFUSED ${new URL(request.url).host}`) as Error & { code: string; request: PipelineRequest };
  err.name = 'RestError';
  err.code = 'ECONNREFUSED';
  err.request = request;
  return err;
}

function abortError(request: PipelineRequest): Error {
  const err = new Error('The operation was aborted.') as Error & { request: PipelineRequest };
  err.name = 'AbortError';
  err.request = request;
  return err;
}

// ------------------------------------------------------------------ Queue Storage (what the digest queue uses)

interface QueueMessage {
  id: string;
  text: string;
  popReceipt: string;
  visibleAt: number;
  insertedAt: number;
  dequeueCount: number;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The queue operations DigestQueue uses: create, send, receive, delete, properties. */
export class MemoryQueues {
  readonly queues = new Map<string, QueueMessage[]>();

  answer(call: Call, base: Record<string, string | undefined>): Answer {
    const [name = '', sub, id] = call.path.split('/');
    const xml = (status: number, body: string, headers: Record<string, string> = {}) => ({
      status,
      headers: { ...base, 'content-type': 'application/xml', ...headers },
      body: `<?xml version="1.0" encoding="utf-8"?>${body}`,
    });
    const error = (status: number, code: string) => xml(status, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`, { 'x-ms-error-code': code });
    const queue = this.queues.get(name);
    if (!sub) {
      if (call.method === 'PUT') {
        if (queue) return { status: 204, headers: base };
        this.queues.set(name, []);
        return { status: 201, headers: base };
      }
      if (!queue) return error(404, 'QueueNotFound');
      if (call.method === 'GET' || call.method === 'HEAD') return { status: 200, headers: { ...base, 'x-ms-approximate-messages-count': String(queue.length) } };
      if (call.method === 'DELETE') {
        this.queues.delete(name);
        return { status: 204, headers: base };
      }
    }
    if (!queue) return error(404, 'QueueNotFound');
    const now = Date.now();
    const time = (ms: number) => new Date(ms).toUTCString();
    if (sub === 'messages' && call.method === 'POST') {
      const text = /<MessageText>([\s\S]*)<\/MessageText>/.exec(call.body)?.[1] ?? '';
      const visibility = Number(call.query.get('visibilitytimeout') ?? 0);
      const m: QueueMessage = { id: randomId(), text, popReceipt: randomId(), visibleAt: now + visibility * 1000, insertedAt: now, dequeueCount: 0 };
      queue.push(m);
      return xml(
        201,
        `<QueueMessagesList><QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${time(now)}</InsertionTime><ExpirationTime>${time(now + 7 * 86_400_000)}</ExpirationTime><PopReceipt>${m.popReceipt}</PopReceipt><TimeNextVisible>${time(m.visibleAt)}</TimeNextVisible></QueueMessage></QueueMessagesList>`,
      );
    }
    if (sub === 'messages' && call.method === 'GET' && !id) {
      const n = Math.min(32, Number(call.query.get('numofmessages') ?? 1));
      const visibility = Number(call.query.get('visibilitytimeout') ?? 30);
      const taken = queue.filter((m) => m.visibleAt <= now).slice(0, n);
      for (const m of taken) {
        m.dequeueCount++;
        m.popReceipt = randomId();
        m.visibleAt = now + visibility * 1000;
      }
      const items = taken
        .map(
          (m) =>
            `<QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${time(m.insertedAt)}</InsertionTime><ExpirationTime>${time(m.insertedAt + 7 * 86_400_000)}</ExpirationTime><PopReceipt>${xmlEscape(m.popReceipt)}</PopReceipt><TimeNextVisible>${time(m.visibleAt)}</TimeNextVisible><DequeueCount>${m.dequeueCount}</DequeueCount><MessageText>${m.text}</MessageText></QueueMessage>`,
        )
        .join('');
      return xml(200, `<QueueMessagesList>${items}</QueueMessagesList>`);
    }
    if (sub === 'messages' && call.method === 'DELETE' && id) {
      const at = queue.findIndex((m) => m.id === id);
      if (at < 0) return error(404, 'MessageNotFound');
      if (queue[at]!.popReceipt !== call.query.get('popreceipt')) return error(400, 'PopReceiptMismatch');
      queue.splice(at, 1);
      return { status: 204, headers: base };
    }
    return error(400, 'UnsupportedHttpVerb');
  }
}

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

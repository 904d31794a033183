// Table Storage in memory (../memoryTables.ts): the HTTP side. The SDK's HttpClient types, the
// headers and answers the service sends, one request as the service sees it (a Call), its error
// body, and the small helpers to read a request's path, keys, $select, body and continuation.
import type { TableServiceClientOptions } from '@azure/data-tables';
import { fail } from './values.js';

export type HttpClient = NonNullable<TableServiceClientOptions['httpClient']>;
export type PipelineRequest = Parameters<HttpClient['sendRequest']>[0];
export type PipelineResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;
export type HttpHeaders = PipelineResponse['headers'];

export class Headers implements Iterable<[string, string]> {
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

export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body?: string;
}

/** One request as the service sees it: method, path after the account, query, headers, body. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  body: string;
  base: string;
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
};

export function errorBody(code: string, message: string, requestId: string, index?: number): string {
  const value = `${index !== undefined ? `${index}:` : ''}${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}`;
  return JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value } } });
}

export const JSON_TYPE = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';

export function pathTable(path: string): string {
  return /^([^/(]+)/.exec(path)?.[1] ?? '';
}

export function unquote(key: string): string {
  return key.replace(/''/g, "'");
}

export function decodePathAfterAccount(pathname: string, account: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === account) parts.shift();
  return decodeURIComponent(parts.join('/'));
}

export function selectOf(query: URLSearchParams): string[] | undefined {
  const s = query.get('$select');
  return s ? s.split(',').map((x) => x.trim()) : undefined;
}

export function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text || '{}') as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(400, 'InvalidInput');
    return v as Record<string, unknown>;
  } catch {
    return fail(400, 'InvalidInput');
  }
}

export function toToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64');
}

export function fromToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

export function bodyText(body: PipelineRequest['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  throw new Error('memoryTables: a streamed request body is not supported');
}

export function randomId(): string {
  return crypto.randomUUID();
}

export function refused(request: PipelineRequest): Error {
  const err = new Error(`connect ECONNREFUSED ${new URL(request.url).host}`) as Error & { code: string; request: PipelineRequest };
  err.name = 'RestError';
  err.code = 'ECONNREFUSED';
  err.request = request;
  return err;
}

export function abortError(request: PipelineRequest): Error {
  const err = new Error('The operation was aborted.') as Error & { request: PipelineRequest };
  err.name = 'AbortError';
  err.request = request;
  return err;
}

// Serves the Functions handlers over node:http for local runs and tests, where Azure
// Functions Core Tools cannot be installed. Same handlers, same routes; the body is streamed to
// the handler, which reads it only once the request may be answered (functions/messages.ts).
//
// A web page open in the developer's browser must not be able to drive it, so before any
// handler: a browser Origin other than the Playground's is 403, a POST that is not
// application/json is 415 (a page can send text/plain and forms without asking), and without
// credentials (loopback only) a Host header naming anything but this host is 421 (a DNS-rebinding
// page's requests name the attacker's host).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvocationContext, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { filesHandler } from './files.js';
import { healthHandler } from './health.js';
import { messagesHandler, type MessagesRequest } from './messages.js';
import type { Runtime } from './runtime.js';
import { isLoopback } from './whereRunning.js';

/** What a handler is given: the request, and the route's parameters (the download token). */
type LocalRequest = MessagesRequest & Pick<HttpRequest, 'params'>;
type Handler = (req: LocalRequest, context: InvocationContext) => Promise<HttpResponseInit>;
type Route = { method: string; name: string; handler: Handler };

/** Who may talk to the local host: the Host header values it answers to (none: any), and the browser origins it accepts. */
interface Callers {
  hosts?: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export interface LocalHost {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  constructor(readonly port: number) {
    super(`Port ${port} is already in use: stop whatever is using it, or set PORT to another port.`);
  }
}

export async function startLocalHost(runtime: Runtime, options: { port?: number; host?: string } = {}): Promise<LocalHost> {
  const host = options.host ?? runtime.settings.HOST;
  const port = options.port ?? runtime.settings.PORT;
  if (!isLoopback(host) && !runtime.settings.MicrosoftAppId) {
    throw new Error(`Refusing to listen on ${host}: without bot credentials the host serves loopback only.`);
  }
  const ready = async () => runtime;
  const routes: Record<string, Route> = {
    '/api/messages': { method: 'POST', name: 'messages', handler: messagesHandler(ready) },
    '/api/health': { method: 'GET', name: 'health', handler: healthHandler(ready) },
  };
  // GET /api/files/{token}: the one route with a parameter (board pack downloads).
  const files: Route = { method: 'GET', name: 'files', handler: filesHandler(ready) };

  const server = createServer((req, res) => {
    void serve(req, res, routes, files, callers).catch((err) => {
      console.error('local host: request failed', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Known once listening (port 0 picks a free one).
  const callers: Callers = { origins: playgroundOrigins(runtime.settings.DEMO_SERVICE_URL) };
  await listen(server, port, host);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // Without credentials nothing else guards the bot, so the Host header must name this host.
  if (!runtime.settings.MicrosoftAppId) callers.hosts = hostHeaders(host, actualPort);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  // Board pack download links point here unless PUBLIC_BASE_URL says otherwise.
  runtime.publicUrl.value ??= url;
  return {
    url,
    port: actualPort,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err));
    server.listen(port, host, () => resolve());
  });
}

/** The Playground's origin (where the demo's service URL points), as localhost and 127.0.0.1. */
function playgroundOrigins(serviceUrl: string): Set<string> {
  const url = new URL(serviceUrl);
  const origins = new Set([url.origin]);
  for (const name of ['localhost', '127.0.0.1']) {
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
      origins.add(`${url.protocol}//${name}${url.port ? `:${url.port}` : ''}`);
  }
  return origins;
}

/** The Host header values that name this host: its address, and localhost, at its port. */
function hostHeaders(host: string, port: number): Set<string> {
  const names = new Set([host.includes(':') ? `[${host}]` : host, 'localhost']);
  if (host === '127.0.0.1' || host === '::1') names.add('127.0.0.1').add('[::1]');
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

/** The media type of a Content-Type header, without parameters, lower case. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Record<string, Route>,
  files: Route,
  callers: Callers,
): Promise<void> {
  // The path without its query (routes are exact paths, plus /api/files/{token}; anything else is 404).
  const pathname = (req.url ?? '/').split('?', 1)[0]!;
  const token = /^\/api\/files\/([^/]+)$/.exec(pathname)?.[1];
  const route = Object.hasOwn(routes, pathname) ? routes[pathname] : token !== undefined ? files : undefined;
  if (!route) return refuse(req, res, 404);
  if (req.method !== route.method) return refuse(req, res, 405, { allow: route.method });
  if (callers.hosts && !callers.hosts.has((req.headers.host ?? '').toLowerCase())) return refuse(req, res, 421);
  if (req.headers.origin !== undefined && !callers.origins.has(req.headers.origin)) return refuse(req, res, 403);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  if (hasBody && mediaType(req.headers['content-type']) !== 'application/json') return refuse(req, res, 415);

  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
  } as RequestInit);
  const params: Record<string, string> = token !== undefined ? { token } : {};
  const context = new InvocationContext({ functionName: route.name, invocationId: randomUUID() });
  const result = await route.handler(Object.assign(request, { params }), context);
  await writeResponse(req, res, result);
}

/** Answers with a status and no body, before (or instead of) reading the request's body. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  void writeResponse(req, res, { status, headers });
}

/**
 * The request body as a web stream, read only as the handler asks for it. A handler that stops
 * (cancels) leaves the rest to be read and dropped, so the client still gets its answer rather
 * than a reset.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (err) => {
        if (!cancelled) controller.error(err);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.resume();
    },
  });
}

/**
 * Writes a handler's answer. When the request's body was not read to its end (refused before it
 * was, or too large), the rest is still on the wire, so this connection cannot carry another
 * request: it is said to close, and what is left is read and dropped (never left unread, which
 * the client would see as a reset).
 */
async function writeResponse(req: IncomingMessage, res: ServerResponse, result: HttpResponseInit): Promise<void> {
  const headers: Record<string, string> = {};
  if (result.headers) new Headers(result.headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => (headers[k] = v));
  let body: string | Uint8Array | undefined;
  if (result.jsonBody !== undefined) {
    body = JSON.stringify(result.jsonBody);
    headers['content-type'] ??= 'application/json';
  } else if (typeof result.body === 'string' || result.body instanceof Uint8Array) {
    body = result.body;
  }
  if (!req.complete) {
    headers.connection = 'close';
    req.resume();
  }
  if (result.body instanceof Readable) {
    // Streamed as it is made (a board pack file): a failure part-way ends the response short.
    res.writeHead(result.status ?? 200, headers);
    await pipeline(result.body, res).catch(() => res.destroy());
    return;
  }
  res.writeHead(result.status ?? 200, headers);
  res.end(body);
}

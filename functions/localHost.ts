// Serves the Functions handlers over node:http for local runs and tests, where Azure
// Functions Core Tools cannot be installed. Same handlers, same routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { healthHandler } from './health.js';
import { messagesHandler } from './messages.js';
import { filesHandler } from './files.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Runtime } from './runtime.js';
import { isLoopback } from './settings.js';

type Handler = (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** The largest activity the local host accepts; Teams' own messages are far smaller. */
export const MAX_ACTIVITY_BYTES = 1024 * 1024;

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
  const routes: Record<string, { method: string; name: string; handler: Handler }> = {
    '/api/messages': { method: 'POST', name: 'messages', handler: messagesHandler(ready) },
    '/api/health': { method: 'GET', name: 'health', handler: healthHandler(ready) },
  };
  // GET /api/files/{token}: the one route with a parameter (board pack downloads).
  const files = { method: 'GET', name: 'files', handler: filesHandler(ready) };

  const server = createServer((req, res) => {
    void serve(req, res, routes, files).catch((err) => {
      console.error('local host: request failed', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await listen(server, port, host);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
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

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Record<string, { method: string; name: string; handler: Handler }>,
  files: { method: string; name: string; handler: Handler },
): Promise<void> {
  // The path without its query (routes are exact paths, plus /api/files/{token}; anything else is 404).
  const pathname = (req.url ?? '/').split('?', 1)[0]!;
  const token = /^\/api\/files\/([^/]+)$/.exec(pathname)?.[1];
  const route = Object.hasOwn(routes, pathname) ? routes[pathname] : token !== undefined ? files : undefined;
  if (!route) return void res.writeHead(404).end();
  if (req.method !== route.method) return void res.writeHead(405, { allow: route.method }).end();

  const body = await readBody(req);
  if (body === undefined) {
    // The rest of the body is still on the wire, so this connection cannot carry another request:
    // say so (a client keeping it alive would otherwise have its next request reset).
    return void res.writeHead(413, { connection: 'close' }).end();
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const request = new HttpRequest({
    method: req.method ?? 'GET',
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers,
    ...(token !== undefined ? { params: { token } } : {}),
    ...(body.length ? { body: { bytes: body } } : {}),
  });
  const context = new InvocationContext({ functionName: route.name, invocationId: randomUUID() });
  const result = await route.handler(request, context);
  await writeResponse(res, result);
}

/**
 * The request body, or undefined once it passes MAX_ACTIVITY_BYTES. Past the limit the rest is
 * read and dropped (not left unread), so the client gets the 413 rather than a reset.
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= MAX_ACTIVITY_BYTES) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      resolve(undefined);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

async function writeResponse(res: ServerResponse, result: HttpResponseInit): Promise<void> {
  const headers: Record<string, string> = {};
  if (result.headers) new Headers(result.headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => (headers[k] = v));
  let body: string | Uint8Array | undefined;
  if (result.jsonBody !== undefined) {
    body = JSON.stringify(result.jsonBody);
    headers['content-type'] ??= 'application/json';
  } else if (typeof result.body === 'string' || result.body instanceof Uint8Array) {
    body = result.body;
  } else if (result.body instanceof Readable) {
    // Streamed as it is made (a board pack file): a failure part-way ends the response short.
    res.writeHead(result.status ?? 200, headers);
    await pipeline(result.body, res).catch(() => res.destroy());
    return;
  }
  res.writeHead(result.status ?? 200, headers);
  res.end(body);
}

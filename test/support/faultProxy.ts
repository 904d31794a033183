// A small fault-injecting proxy in front of the Agents Playground's connector (`/_connector`), which
// never answers 429 itself. Posts to `/v3/conversations/{id}/activities` get, for a seeded share,
// 429 with Retry-After, 502 or 504; the rest are forwarded to one real Playground conversation
// (`target`), whatever logical conversation they were for, so 200 "channels" can be fanned out to.
// It counts what it forwarded per logical conversation: lost and duplicated posts are visible.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultPlan {
  /** Shares of post attempts (0..1) answered with each fault. */
  throttle: number;
  badGateway: number;
  gatewayTimeout: number;
  /** Seconds in Retry-After on a 429. */
  retryAfterSeconds: number;
  seed: number;
}

export interface FaultProxy {
  /** Use as a conversation reference's serviceUrl. */
  serviceUrl: string;
  /** Successful forwards per logical conversation id. */
  delivered: Map<string, number>;
  counts: { attempts: number; throttled: number; badGateway: number; gatewayTimeout: number; forwarded: number };
  stop(): Promise<void>;
}

/** mulberry32: a tiny seeded PRNG, so a run's faults are repeatable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(playgroundUrl: string, target: string, plan: FaultPlan): Promise<FaultProxy> {
  const random = prng(plan.seed);
  const delivered = new Map<string, number>();
  const counts = { attempts: 0, throttled: 0, badGateway: 0, gatewayTimeout: 0, forwarded: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const m = /^\/_connector\/v3\/conversations\/([^/]+)\/activities(\/[^/]*)?$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m) {
          const upstream = await fetch(`${playgroundUrl}${req.url}`, {
            method: req.method,
            headers: { 'content-type': 'application/json' },
            ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
          });
          res
            .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
            .end(Buffer.from(await upstream.arrayBuffer()));
          return;
        }
        const logical = decodeURIComponent(m[1]!);
        counts.attempts++;
        const roll = random();
        if (roll < plan.throttle) {
          counts.throttled++;
          res
            .writeHead(429, { 'retry-after': String(plan.retryAfterSeconds), 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Throttled' } }));
          return;
        }
        if (roll < plan.throttle + plan.badGateway) {
          counts.badGateway++;
          res.writeHead(502).end();
          return;
        }
        if (roll < plan.throttle + plan.badGateway + plan.gatewayTimeout) {
          counts.gatewayTimeout++;
          res.writeHead(504).end();
          return;
        }
        const upstream = await fetch(`${playgroundUrl}/_connector/v3/conversations/${encodeURIComponent(target)}/activities${m[2] ?? ''}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        });
        const body = await upstream.text();
        if (upstream.ok) {
          counts.forwarded++;
          delivered.set(logical, (delivered.get(logical) ?? 0) + 1);
        }
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
      })().catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/_connector`,
    delivered,
    counts,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// Storage that takes the request and then hangs. A proxy between the store and Azurite holds the
// chosen requests past the store's deadline and hands them on later, as a storage service that
// recovers would: the one window in which a write the caller gave up on still lands.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyActionCommand } from '../../../records/action.js';
import type { RecordStore } from '../../../records/store/index.js';
import { StoreError, withStorageDeadline } from '../../../records/store/index.js';
import { ALICE, buildAction, createOk, draft, rows, useStore } from './support.js';

const T1 = new Date('2026-11-23T11:00:00.000Z');

interface HoldingProxy {
  connectionString: string;
  /** Which requests to hold until release(). */
  hold(which: (method: string, url: string) => boolean): void;
  /** Hands every held request on to Azurite; resolves once Azurite has answered them all. */
  release(): Promise<void>;
  close(): Promise<void>;
}

async function holdingProxy(connectionString: string): Promise<HoldingProxy> {
  const target = /TableEndpoint=(http:\/\/[^/;]+)/.exec(connectionString)![1]!;
  let which: (method: string, url: string) => boolean = () => false;
  let release!: () => void;
  let released = new Promise<void>((resolve) => (release = resolve));
  const landed: Promise<unknown>[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(k)) headers[k] = v;
    const forward = async () => {
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const r = await fetch(`${target}${req.url}`, { method: req.method, headers, ...(body ? { body } : {}) });
      const buf = Buffer.from(await r.arrayBuffer());
      if (res.destroyed) return; // the store gave up on it long ago
      r.headers.forEach((v, k) => {
        if (!['transfer-encoding', 'content-length', 'connection', 'keep-alive', 'content-encoding'].includes(k)) res.setHeader(k, v);
      });
      res.writeHead(r.status).end(buf);
    };
    if (which(req.method ?? '', req.url ?? '')) landed.push(released.then(forward));
    else await forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    connectionString: connectionString.replace(target, proxied),
    hold: (w) => {
      which = w;
    },
    release: async () => {
      release();
      await Promise.all(landed.splice(0));
      released = new Promise<void>((resolve) => (release = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const batches = (method: string, url: string) => method === 'POST' && url.includes('$batch');

describe('RecordStore (Azurite): storage that hangs is given up on, and what may still land', function () {
  this.timeout(30_000);
  const ctx = useStore();
  let proxy: HoldingProxy;
  const slowStore = () => ctx.storeWith({ connectionString: proxy.connectionString, deadlineMs: 1000 });

  beforeEach(async () => {
    proxy = await holdingProxy(ctx.azurite.connectionString);
  });
  afterEach(async () => {
    await proxy.release();
    await proxy.close();
  });

  it('a read that hangs fails UNAVAILABLE after the deadline, and nothing was sent that could land', async () => {
    await createOk(ctx.store, draft('BPL'));
    proxy.hold((method) => method === 'GET');
    const started = Date.now();
    const err = await slowStore()
      .get('action', 'BPL-A-0001')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(Date.now() - started).to.be.below(3000);
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');
    expect((err as StoreError).unconfirmed).to.equal(false);
  });

  it("a turn's budget ends its storage calls sooner than their own deadline", async () => {
    await createOk(ctx.store, draft('BPL'));
    const store = ctx.storeWith({ connectionString: proxy.connectionString, deadlineMs: 5000 }) as RecordStore;
    proxy.hold((method) => method === 'GET');
    const started = Date.now();
    const err = await withStorageDeadline(300, () => store.get('action', 'BPL-A-0001')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');
    expect(Date.now() - started).to.be.below(4000);
  });

  it('a create that hangs is "unconfirmed"; if it lands later, the same form submitted again gets that record, not a second', async () => {
    const store = slowStore();
    proxy.hold(batches);
    const formId = 'c0ffee00-1111-4222-8333-444455556666';
    const err = await store.create('action', 'BPL', buildAction(draft('BPL')), { formId }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');
    expect((err as StoreError).unconfirmed, 'the write was sent, so it may land').to.equal(true);
    expect(await rows(ctx.raw, 'BPL', 'rec|')).to.have.length(0);

    await proxy.release(); // storage recovers and carries out the write it had taken
    expect(await rows(ctx.raw, 'BPL', 'rec|')).to.have.length(1);

    proxy.hold(() => false);
    const again = await store.create('action', 'BPL', buildAction(draft('BPL')), { formId });
    expect(again.ok && again.resubmitted).to.equal(true);
    expect(again.ok && again.stored.record.ref).to.equal('BPL-A-0001');
    expect(await rows(ctx.raw, 'BPL', 'rec|')).to.have.length(1);
    expect(await rows(ctx.raw, 'BPL', 'frm|')).to.have.length(1);
  });

  it('an update that hangs is "unconfirmed"; if it lands later, repeating it from the same card is stale, not a second update', async () => {
    const created = await createOk(ctx.store, draft('SC'));
    const store = slowStore();
    const next = applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'sent into the hang' }, T1);
    proxy.hold(batches);
    const err = await store.update('action', created.stored, next).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');
    expect((err as StoreError).unconfirmed).to.equal(true);

    await proxy.release();
    proxy.hold(() => false);
    const repeat = await store.update('action', created.stored, next).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(repeat).to.be.instanceOf(StoreError).with.property('code', 'STALE');
    expect((await ctx.store.get('action', 'SC-A-0001'))!.record.updates).to.have.length(1);
  });
});

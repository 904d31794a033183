import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { StoreError } from '../../../records/store/index.js';
import { RETRY_OPTIONS } from '../../../records/store/tables.js';
import { ALICE, buildAction, createOk, draft, NOW, rows, useStore } from './support.js';

const T1 = new Date('2026-11-23T11:00:00.000Z');

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected the write to fail'),
    (err: unknown) => err,
  );
}

describe('RecordStore (Azurite): every write is all or nothing', () => {
  const ctx = useStore();

  it('rolls back an update whose audit row already exists: the record keeps its content and ETag', async () => {
    const store = ctx.storeWith({ auditSuffix: () => 'dup' });
    const created = await createOk(store, draft('BPL'));
    // Occupy the row key the update's audit event will need.
    await ctx.raw.createEntity({ partitionKey: 'BPL', rowKey: `aud|${T1.toISOString()}|BPL-A-0001|dup`, squatter: true });

    const next = applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'never stored' }, T1);
    const err = await rejection(store.update('action', created.stored, next));
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'CONFLICT');

    const after = await store.get('action', 'BPL-A-0001');
    expect(after?.etag, 'record step of the batch was rolled back').to.equal(created.stored.etag);
    expect(after?.record.updates).to.deep.equal([]);
    expect(after?.record.status).to.equal('OPEN');
    const [rec] = await rows(ctx.raw, 'BPL', 'rec|');
    expect(rec).to.include({ status: 'OPEN' });
  });

  it('rolls back a create whose audit row already exists: no record, counter not advanced', async () => {
    const store = ctx.storeWith({ auditSuffix: () => 'dup' });
    await createOk(store, draft('SC'));
    await ctx.raw.createEntity({ partitionKey: 'SC', rowKey: `aud|${NOW.toISOString()}|SC-A-0002|dup`, squatter: true });

    const err = await rejection(store.create('action', 'SC', buildAction(draft('SC'))));
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'CONFLICT');
    expect((await rows(ctx.raw, 'SC', 'rec|')).map((r) => r.ref)).to.deep.equal(['SC-A-0001']);
    expect((await rows(ctx.raw, 'SC', 'ctr|'))[0]).to.include({ last: 1 });
  });

  it('rolls back the first create of a place, counter creation included, when the batch fails', async () => {
    const store = ctx.storeWith({ auditSuffix: () => 'dup' });
    await ctx.raw.createEntity({ partitionKey: 'LAN', rowKey: `aud|${NOW.toISOString()}|LAN-A-0001|dup`, squatter: true });
    const err = await rejection(store.create('action', 'LAN', buildAction(draft('LAN'))));
    expect(err).to.be.instanceOf(StoreError).with.property('code', 'CONFLICT');
    expect(await rows(ctx.raw, 'LAN', 'rec|')).to.deep.equal([]);
    expect(await rows(ctx.raw, 'LAN', 'ctr|')).to.deep.equal([]);
  });

  describe('while storage is down', () => {
    afterEach(async () => {
      await ctx.azurite.restart(); // leave it running for the next test, whatever happened
    });

    it('fails a create with UNAVAILABLE after a few short retries, and nothing is half-written', async () => {
      const first = await createOk(ctx.store, draft('BWD'));
      await ctx.azurite.stop();
      ctx.store.metrics.reset();

      const err = await rejection(ctx.store.create('action', 'BWD', buildAction(draft('BWD'))));
      expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');
      expect(ctx.store.metrics.transactions, 'one attempt + the configured retries, then give up').to.equal(1 + RETRY_OPTIONS.maxRetries);

      await ctx.azurite.restart();
      expect((await rows(ctx.raw, 'BWD', 'rec|')).map((r) => r.ref)).to.deep.equal(['BWD-A-0001']);
      expect(await rows(ctx.raw, 'BWD', 'aud|')).to.have.length(1);
      expect((await rows(ctx.raw, 'BWD', 'ctr|'))[0]).to.include({ last: 1 });
      // The next create carries on from the committed counter.
      const next = await createOk(ctx.store, draft('BWD'));
      expect(next.stored.record.ref).to.equal('BWD-A-0002');
      expect((await ctx.store.get('action', 'BWD-A-0001'))?.etag).to.equal(first.stored.etag);
    });

    it('fails an update with UNAVAILABLE; after restart the record is as it was and the same ETag still works', async () => {
      const created = await createOk(ctx.store, draft('BPL'));
      await ctx.azurite.stop();
      const next = applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'while down' }, T1);
      const err = await rejection(ctx.store.update('action', created.stored, next));
      expect(err).to.be.instanceOf(StoreError).with.property('code', 'UNAVAILABLE');

      await ctx.azurite.restart();
      const after = await ctx.store.get('action', 'BPL-A-0001');
      expect(after?.etag).to.equal(created.stored.etag);
      expect(after?.record.updates).to.deep.equal([]);
      expect(await rows(ctx.raw, 'BPL', 'aud|')).to.have.length(1);
      const retried = await ctx.store.update('action', created.stored, next);
      expect(retried.ok).to.equal(true);
    });

    it('fails reads with UNAVAILABLE too, and ping says so', async () => {
      await createOk(ctx.store, draft('SC'));
      await ctx.azurite.stop();
      expect(await rejection(ctx.store.get('action', 'SC-A-0001'))).to.have.property('code', 'UNAVAILABLE');
      expect(await rejection(ctx.store.listOpenActionsByOwner(ALICE.id))).to.have.property('code', 'UNAVAILABLE');
      expect(await rejection(ctx.store.ping())).to.have.property('code', 'UNAVAILABLE');
      await ctx.azurite.restart();
      await ctx.store.ping();
    });
  });
});

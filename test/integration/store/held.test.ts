// The records a store holds in memory (its recent cache): bounded by count and by size, and
// never answering for a version other than the one storage has.
import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { ALICE, createOk, draft, useStore } from './support.js';

const LATER = new Date('2026-11-24T11:00:00.000Z');

describe('RecordStore (Azurite): the records a process holds', () => {
  const ctx = useStore();

  it('answers a card change from the copy it holds, with no read', async () => {
    const created = await createOk(ctx.store, draft('BPL'));
    ctx.store.metrics.reset();
    const got = await ctx.store.get('action', 'BPL-A-0001', { etag: created.stored.etag });
    expect(got).to.deep.equal(created.stored);
    expect(ctx.store.metrics.transactions).to.equal(0);
  });

  it('holds at most the configured number of records: the least recently used is read again', async () => {
    const store = ctx.storeWith({ held: { records: 2 } });
    const [a, b, c] = [await createOk(store, draft('BPL')), await createOk(store, draft('BPL')), await createOk(store, draft('BPL'))];
    store.metrics.reset();
    // Held: b and c. a was pushed out when c was written.
    expect((await store.get('action', c.stored.record.ref, { etag: c.stored.etag }))?.etag).to.equal(c.stored.etag);
    expect((await store.get('action', b.stored.record.ref, { etag: b.stored.etag }))?.etag).to.equal(b.stored.etag);
    expect(store.metrics.transactions, 'b and c are held').to.equal(0);
    const again = await store.get('action', a.stored.record.ref, { etag: a.stored.etag });
    expect(again?.record).to.deep.equal(a.stored.record);
    expect(store.metrics.transactions, 'a is read from storage').to.equal(1);
    // Reading a held it again and pushed out the least recently used: c (b was used after it).
    store.metrics.reset();
    await store.get('action', b.stored.record.ref, { etag: b.stored.etag });
    expect(store.metrics.transactions, 'b still held').to.equal(0);
    await store.get('action', c.stored.record.ref, { etag: c.stored.etag });
    expect(store.metrics.transactions, 'c read again').to.equal(1);
  });

  it('holds at most the configured characters of JSON: a record larger than that is always read', async () => {
    const store = ctx.storeWith({ held: { chars: 1_500 } });
    const small = await createOk(store, draft('BPL'));
    const large = await createOk(store, draft('BPL', { description: 'Agree the terms of reference. '.repeat(60) }));
    store.metrics.reset();
    await store.get('action', small.stored.record.ref, { etag: small.stored.etag });
    expect(store.metrics.transactions, 'the small one is held').to.equal(0);
    await store.get('action', large.stored.record.ref, { etag: large.stored.etag });
    expect(store.metrics.transactions, 'the large one (over 1,500 characters) is not').to.equal(1);
  });

  it('a read after another instance changed a held record returns the stored version, not the held one', async () => {
    const created = await createOk(ctx.store, draft('BPL'));
    await ctx.store.get('action', 'BPL-A-0001'); // held at this version
    const other = ctx.storeWith({});
    const changed = await other.update(
      'action',
      created.stored,
      applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'Changed elsewhere' }, LATER),
    );
    if (!changed.ok) throw new Error(changed.refusal.message);

    const got = await ctx.store.get('action', 'BPL-A-0001');
    expect(got?.etag).to.equal(changed.stored.etag);
    expect(got?.record.updates.map((u) => u.text)).to.deep.equal(['Changed elsewhere']);
    const mine = await ctx.store.listOpenActionsByOwner(ALICE.id);
    expect(mine.map((s) => s.record.updates.length)).to.deep.equal([1]);
    // A card drawn at the old version is still held to account by the write's ETag check.
    const stale = await ctx.store.get('action', 'BPL-A-0001', { etag: created.stored.etag });
    expect(stale?.etag, 'the held copy is now the stored version').to.equal(changed.stored.etag);
  });

  it('a list of unchanged records gives the same records as stored, each read but not decoded again', async () => {
    await createOk(ctx.store, draft('BPL', { dueDate: '2026-12-01' }));
    await createOk(ctx.store, draft('SC', { dueDate: '2026-12-02' }));
    const first = await ctx.store.listOpenActionsByOwner(ALICE.id);
    const second = await ctx.store.listOpenActionsByOwner(ALICE.id);
    expect(second.map((s) => s.etag)).to.deep.equal(first.map((s) => s.etag));
    expect(second[0]!.record).to.equal(first[0]!.record, 'the held record object');
    const fresh = await ctx.storeWith({}).listOpenActionsByOwner(ALICE.id);
    expect(fresh.map((s) => s.record)).to.deep.equal(second.map((s) => s.record));
  });
});

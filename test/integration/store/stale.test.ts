import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { StaleRecordError, StoreError } from '../../../records/store/index.js';
import { ALICE, BOB, createOk, draft, NOW, rows, useStore } from './support.js';

const T1 = new Date('2026-11-23T11:00:00.000Z');
const T2 = new Date('2026-11-23T11:05:00.000Z');

describe('RecordStore (Azurite): optimistic concurrency', () => {
  const ctx = useStore();

  it('refuses an update from a stale copy with StaleRecordError carrying the latest, overwriting nothing', async () => {
    const created = await createOk(ctx.store, draft('BPL', { owner: { id: BOB.id, name: BOB.name } }));
    const stale = created.stored;

    // Alice updates first…
    const first = await ctx.store.update(
      'action',
      stale,
      applyActionCommand(stale.record, ALICE, { type: 'addUpdate', text: 'Alice was here first' }, T1),
    );
    if (!first.ok) throw new Error(first.refusal.message);

    // …then Bob writes from the copy he read before Alice's change.
    const late = applyActionCommand(stale.record, BOB, { type: 'addUpdate', text: 'Bob from an old card' }, T2);
    let caught: unknown;
    try {
      await ctx.store.update('action', stale, late);
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(StaleRecordError);
    expect(caught).to.be.instanceOf(StoreError);
    const stale412 = caught as StaleRecordError<typeof stale.record>;
    expect(stale412.code).to.equal('STALE');
    expect(stale412.latest.etag).to.equal(first.stored.etag);
    expect(stale412.latest.record.updates.map((u) => u.text)).to.deep.equal(['Alice was here first']);

    const now = await ctx.store.get('action', 'BPL-A-0001');
    expect(now?.record.updates.map((u) => u.text)).to.deep.equal(['Alice was here first']);
    expect(now?.etag).to.equal(first.stored.etag);
    expect(await rows(ctx.raw, 'BPL', 'aud|'), 'no audit event for the refused write').to.have.length(2);
  });

  it('lets the stale writer retry from the latest copy it was given', async () => {
    const created = await createOk(ctx.store, draft('SC'));
    const first = await ctx.store.update(
      'action',
      created.stored,
      applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'one' }, T1),
    );
    expect(first.ok).to.equal(true);
    const err = await ctx.store
      .update('action', created.stored, applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'two' }, T2))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).to.be.instanceOf(StaleRecordError);
    const latest = (err as StaleRecordError<typeof created.stored.record>).latest;
    const retried = await ctx.store.update(
      'action',
      latest,
      applyActionCommand(latest.record, ALICE, { type: 'addUpdate', text: 'two' }, T2),
    );
    expect(retried.ok).to.equal(true);
    expect((await ctx.store.get('action', 'SC-A-0001'))?.record.updates.map((u) => u.text)).to.deep.equal(['one', 'two']);
  });

  it('of two simultaneous updates from the same copy, exactly one wins', async () => {
    const created = await createOk(ctx.store, draft('LAN'));
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((text) =>
        ctx.store.update('action', created.stored, applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text }, NOW)),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(4);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).to.be.instanceOf(StaleRecordError);
    expect((await ctx.store.get('action', 'LAN-A-0001'))?.record.updates).to.have.length(1);
  });
});

// A Lancashire locality channel's `actions` read from the actions' locality index rows on Azurite
// (`idx|A|loc|<locality or ->|…`, codecs.ts actionCodec): Central's own open actions, then with the
// Lancashire-wide ones, never North's, and only the records shown are read, however many actions
// the rest of Lancashire has; the backfill writes the rows of actions stored before them.
import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { CHAIR, createOk, draft, NOW, rows, useStore } from './support.js';

describe('Actions of a Lancashire locality (store on Azurite)', function () {
  this.timeout(60_000);
  const ctx = useStore();

  it('Central’s own, then with the Lancashire-wide ones, never North’s nor a closed one; each only its first records read', async () => {
    const { store } = ctx;
    const central = await createOk(store, draft('LAN', { locality: 'Central', dueDate: '2026-12-01' }));
    const wide = await createOk(store, draft('LAN', { dueDate: '2026-11-30' }));
    await createOk(store, draft('LAN', { locality: 'North', dueDate: '2026-11-29' }));
    const closed = await createOk(store, draft('LAN', { locality: 'Central' }));
    const done = applyActionCommand(closed.stored.record, CHAIR, { type: 'close', decision: 'Done' }, NOW);
    expect((await store.update('action', closed.stored, done)).ok).to.equal(true);
    for (let i = 0; i < 12; i++) await createOk(store, draft('LAN', { locality: 'North' }));

    const only = await store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central' });
    expect(only.actions.map((s) => s.record.ref)).to.deep.equal([central.stored.record.ref]);
    expect(only.total).to.equal(1);
    const withWide = await store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central', placeWide: true });
    expect(withWide.actions.map((s) => s.record.ref)).to.deep.equal([wide.stored.record.ref, central.stored.record.ref]);

    store.metrics.reset();
    await store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central', placeWide: true });
    // The `due` range and two `loc` ranges (one query each), then the two records: North's fourteen are never read.
    expect(store.metrics.transactions).to.equal(3 + 2);
  });

  it('the backfill writes the locality rows of Lancashire actions stored before them; other places get none', async () => {
    const { store, raw } = ctx;
    const central = await createOk(store, draft('LAN', { locality: 'Central' }));
    await createOk(store, draft('BPL'));
    const locRows = await rows(raw, 'LAN', 'idx|A|loc|');
    expect(locRows).to.have.length(1);
    expect(await rows(raw, 'BPL', 'idx|A|loc|')).to.have.length(0);
    await raw.deleteEntity('LAN', String(locRows[0]!.rowKey));
    expect((await store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central' })).total).to.equal(0);
    expect((await store.backfillIndexes()).ran).to.equal(true);
    const again = await store.listPlaceActions('LAN', { kind: 'open' }, 30, { locality: 'Central' });
    expect(again.actions.map((s) => s.record.ref)).to.deep.equal([central.stored.record.ref]);
  });
});

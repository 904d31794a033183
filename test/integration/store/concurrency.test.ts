import { expect } from 'chai';
import { formatRef } from '../../../records/refs.js';
import { buildAction, draft, rows, useStore } from './support.js';

describe('RecordStore (Azurite): refs under concurrent creates', () => {
  const ctx = useStore();

  for (const [n, instances] of [
    [20, 1],
    [20, 20],
    [50, 1],
    [50, 50],
  ] as const) {
    const how =
      instances === 1 ? 'through one store' : `through ${instances} separate stores (as from other instances), racing on the counter`;
    it(`gives ${n} concurrent creates in one place the refs 1…${n}, no gaps or duplicates, ${how}`, async function () {
      this.timeout(60_000);
      const stores = instances === 1 ? [ctx.store] : Array.from({ length: instances }, () => ctx.storeWith({}));
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stores[i % instances]!.create('action', 'BWD', buildAction(draft('BWD', { description: `Concurrent action ${i}` }))),
        ),
      );
      const transactions = stores.reduce((sum, s) => sum + s.metrics.transactions, 0);
      if (instances === 1) expect(transactions, 'one store queues its own creates: one counter read, then 1 each').to.equal(n + 1);
      else expect(transactions, 'racing stores retried on the counter').to.be.greaterThan(2 * n);
      const refs = results.map((r) => (r.ok ? r.stored.record.ref : `refused: ${r.refusal.message}`));
      const expected = Array.from({ length: n }, (_, i) => formatRef('BWD', 'action', i + 1));
      expect([...refs].sort()).to.deep.equal(expected);

      // What is stored agrees: n records, n audit events, counter at n; each description once.
      const recs = await rows(ctx.raw, 'BWD', 'rec|');
      expect(recs.map((r) => r.ref).sort()).to.deep.equal(expected);
      expect(await rows(ctx.raw, 'BWD', 'aud|')).to.have.length(n);
      const [ctr] = await rows(ctx.raw, 'BWD', 'ctr|');
      expect(ctr).to.include({ last: n });
      const descriptions = await Promise.all(expected.map(async (ref) => (await ctx.store.get('action', ref))!.record.description));
      expect(new Set(descriptions).size).to.equal(n);
    });
  }

  it('keeps places independent when they create at the same time', async () => {
    const places = ['BPL', 'BWD', 'LAN', 'SC'] as const;
    const results = await Promise.all(
      places.flatMap((p) => Array.from({ length: 5 }, () => ctx.store.create('action', p, buildAction(draft(p))))),
    );
    const refs = results.map((r) => (r.ok ? r.stored.record.ref : 'refused')).sort();
    expect(refs).to.deep.equal(places.flatMap((p) => [1, 2, 3, 4, 5].map((i) => formatRef(p, 'action', i))).sort());
  });
});

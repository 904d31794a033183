// One person's creates from forms in a place are limited to 30 in 10 minutes (records/createRate.ts),
// counted in a row of the place's partition written, ETag-checked, in each create's own transaction:
// so the limit holds across Function instances (separate stores on one table), even at once.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ALICE, BOB, buildAction, draft, NOW, rows, useStore } from './support.js';

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const form = () => ({ formId: randomUUID() });

describe('RecordStore (Azurite): creates per person per place', () => {
  const ctx = useStore();

  it('lets a person create 30 records from forms in ten minutes, refuses the 31st with one clear line and writes nothing', async function () {
    this.timeout(60_000);
    for (let i = 0; i < 30; i++) {
      const r = await ctx.store.create('action', 'BPL', buildAction(draft('BPL'), ALICE, at(i * 0.25)), form());
      expect(r.ok, `create ${i + 1}`).to.equal(true);
    }
    const refused = await ctx.store.create('action', 'BPL', buildAction(draft('BPL'), ALICE, at(8)), form());
    expect(refused.ok).to.equal(false);
    expect(!refused.ok && refused.refusal.message).to.match(/^You have created 30 records in Blackpool in the last 10 minutes/);
    expect(await rows(ctx.raw, 'BPL', 'rec|')).to.have.length(30);
    expect(await rows(ctx.raw, 'BPL', 'frm|')).to.have.length(30);
    // Someone else, another place, and the same person once the window has moved on are let through.
    expect((await ctx.store.create('action', 'BPL', buildAction(draft('BPL'), BOB, at(8)), form())).ok).to.equal(true);
    expect((await ctx.store.create('action', 'BWD', buildAction(draft('BWD'), ALICE, at(8)), form())).ok).to.equal(true);
    expect((await ctx.store.create('action', 'BPL', buildAction(draft('BPL'), ALICE, at(10.01)), form())).ok).to.equal(true);
  });

  it('costs nothing extra: once the counter and the person’s rate row are known, each create from a form is one transaction, word rows and all', async function () {
    this.timeout(60_000);
    await ctx.store.create('action', 'SC', buildAction(draft('SC'), ALICE, at(0)), form());
    for (let i = 1; i <= 5; i++) {
      ctx.store.metrics.reset();
      const r = await ctx.store.create(
        'action',
        'SC',
        buildAction(draft('SC', { description: `Agree the section 75 schedule for the pooled budget, item ${i}` }), ALICE, at(i)),
        form(),
      );
      expect(r.ok, `create ${i}`).to.equal(true);
      expect(ctx.store.metrics.transactions, `create ${i}: the remembered ETags are the ones the last write returned`).to.equal(1);
    }
  });

  it('a form already submitted is still answered with its record when the person is at the limit', async function () {
    this.timeout(60_000);
    const first = form();
    const created = await ctx.store.create('action', 'LAN', buildAction(draft('LAN'), ALICE, at(0)), first);
    for (let i = 0; i < 29; i++) await ctx.store.create('action', 'LAN', buildAction(draft('LAN'), ALICE, at(1)), form());
    const again = await ctx.store.create('action', 'LAN', buildAction(draft('LAN'), ALICE, at(2)), first);
    expect(again.ok && again.resubmitted && again.stored.record.ref).to.equal(created.ok && created.stored.record.ref);
  });

  it('holds across instances: 40 creates at once by one person through 4 separate stores save exactly 30', async function () {
    this.timeout(60_000);
    const stores = Array.from({ length: 4 }, () => ctx.storeWith({}));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 4]!.create('action', 'SC', buildAction(draft('SC'), ALICE, at(1)), form())),
    );
    expect(results.filter((r) => r.ok)).to.have.length(30);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal.code)).to.deep.equal(Array(10).fill('NOT_ALLOWED'));
    expect(await rows(ctx.raw, 'SC', 'rec|')).to.have.length(30);
  });

  it('creates without a form (demo data, imports) are not counted', async function () {
    this.timeout(60_000);
    for (let i = 0; i < 35; i++) expect((await ctx.store.create('action', 'BWD', buildAction(draft('BWD'), BOB, at(0)))).ok).to.equal(true);
    expect(await rows(ctx.raw, 'BWD', 'rte|')).to.deep.equal([]);
  });
});

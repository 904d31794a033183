import { expect } from 'chai';
import { applyActionCommand, type Action } from '../../../records/action.js';
import { LIMITS } from '../../../records/limits.js';
import type { Transition } from '../../../records/outcome.js';
import { ALICE, buildAction, CHAIR, createOk, draft, NOW, rows, useStore } from './support.js';

const person = (i: number) => ({ id: `aad-${String(i).padStart(196, '0')}`, name: `N${'é'.repeat(199)}` });
const at = (i: number) => new Date(NOW.getTime() + i * 60_000).toISOString();

/** An action with every list full and every string at its limit (non-ASCII, so 2 bytes a character). */
function maximal(record: Action): Action {
  const text = (n: number) => 'ŵ'.repeat(n);
  return {
    ...record,
    description: text(LIMITS.description),
    owner: person(1),
    raisedBy: person(2),
    source: { meeting: text(LIMITS.title), date: '2026-11-20', minuteRef: text(LIMITS.shortText) },
    links: { priority: 'BCF', strategicObjective: 'SO4', riskRef: 'BPL-R-0001' },
    updates: Array.from({ length: LIMITS.listItems - 1 }, (_, i) => ({ by: person(i), at: at(i), text: text(LIMITS.note) })),
    revisions: Array.from({ length: 50 }, (_, i) => ({
      from: '2026-12-01',
      to: '2026-12-02',
      reason: text(LIMITS.note),
      by: person(i),
      at: at(i),
    })),
    escalation: { to: text(LIMITS.shortText), why: text(LIMITS.note), by: person(3), at: at(0) },
    feedback: { youSaid: text(LIMITS.note), weDid: text(LIMITS.note) },
  };
}

describe('RecordStore (Azurite): sizes and validation', () => {
  const ctx = useStore();

  it('refuses a too-long description with a message naming the field, writing nothing', async () => {
    const result = await ctx.store.create('action', 'BPL', buildAction(draft('BPL', { description: 'x'.repeat(LIMITS.description + 1) })));
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.refusal.code).to.equal('INVALID_INPUT');
    expect(result.refusal.fieldErrors).to.deep.equal({ description: 'Description must be 2,000 characters or fewer.' });
    expect(result.refusal.message).to.match(/Description/);
    for (const prefix of ['rec|', 'aud|', 'ctr|']) expect(await rows(ctx.raw, 'BPL', prefix), prefix).to.deep.equal([]);
  });

  it('refuses an update whose note is too long before any request is sent', async () => {
    const created = await createOk(ctx.store, draft('SC'));
    const sneaky: Transition<Action> = {
      ok: true,
      record: { ...created.stored.record, updates: [{ by: ALICE, at: NOW.toISOString(), text: 'y'.repeat(LIMITS.note + 1) }] },
      event: created.event,
    };
    ctx.store.metrics.reset();
    const result = await ctx.store.update('action', created.stored, sneaky);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.refusal.fieldErrors).to.have.property('updates', 'Update must be 2,000 characters or fewer.');
    expect(ctx.store.metrics.transactions).to.equal(0);
    expect((await ctx.store.get('action', 'SC-A-0001'))?.etag).to.equal(created.stored.etag);
  });

  it('stores the largest valid action over several data properties, each within the 64 KiB string limit', async () => {
    const created = await createOk(ctx.store, draft('LAN'));
    const big = maximal(created.stored.record);
    const write = await ctx.store.update('action', created.stored, {
      ok: true,
      record: big,
      event: { ...created.event, at: at(1), command: 'import', before: null, after: {} },
    });
    if (!write.ok) throw new Error(write.refusal.message);
    const [rec] = await rows(ctx.raw, 'LAN', 'rec|');
    const chunks = rec!.chunks as number;
    expect(chunks).to.be.greaterThan(5);
    for (let i = 0; i < chunks; i++) expect((rec![`data${i}`] as string).length * 2).to.be.at.most(64 * 1024);
    expect((await ctx.store.get('action', 'LAN-A-0001'))?.record).to.deep.equal(big);
  });

  it('keeps the audit event of a change to the largest action whole, even when it needs more than one row', async () => {
    const created = await createOk(ctx.store, draft('BWD'));
    const big = await ctx.store.update('action', created.stored, {
      ok: true,
      record: maximal(created.stored.record),
      event: { ...created.event, at: at(1), command: 'import', before: null, after: {} },
    });
    if (!big.ok) throw new Error(big.refusal.message);
    // The 100th update: before and after both carry the whole updates list.
    const next = applyActionCommand(
      big.stored.record,
      CHAIR,
      { type: 'addUpdate', text: 'z'.repeat(LIMITS.note) },
      new Date(NOW.getTime() + 86_400_000),
    );
    const done = await ctx.store.update('action', big.stored, next);
    if (!done.ok) throw new Error(done.refusal.message);

    const auditRows = await rows(ctx.raw, 'BWD', 'aud|');
    const partsOfLast = auditRows.filter((r) => r.command === 'addUpdate');
    expect(partsOfLast.length, 'the event spans rows').to.be.greaterThan(1);
    for (const r of partsOfLast) expect((r.chunks as number) * 30_000 * 2).to.be.below(1024 * 1024);
    const history = await ctx.store.history('action', 'BWD-A-0001');
    expect(history.map((e) => e.command)).to.deep.equal(['create', 'import', 'addUpdate']);
    expect(history[2]).to.deep.equal(next.ok && { ...next.event, seq: 3 }); // as the rule made it, with the record's version it wrote (issue 27, finding 12)
  });
});

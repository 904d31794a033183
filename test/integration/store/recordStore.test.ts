import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { PLACE_CODES } from '../../../records/places.js';
import { ALICE, BOB, CHAIR, createOk, draft, NOW, rows, TODAY, useStore } from './support.js';

const LATER = new Date('2026-11-24T11:00:00.000Z');

describe('RecordStore (Azurite): create, get, update, list', () => {
  const ctx = useStore();

  it('creates an action with the first ref of its place and reads it back as stored', async () => {
    const created = await createOk(ctx.store, draft('BPL'));
    expect(created.stored.record.ref).to.equal('BPL-A-0001');
    expect(created.stored.etag).to.be.a('string').and.not.empty;
    expect(created.event).to.include({ kind: 'action', ref: 'BPL-A-0001', command: 'create' });

    const got = await ctx.store.get('action', 'BPL-A-0001');
    expect(got?.record).to.deep.equal(created.stored.record);
    expect(got?.etag).to.equal(created.stored.etag);
  });

  it('numbers refs per place and kind: each place starts at 0001', async () => {
    const a = await createOk(ctx.store, draft('BPL'));
    const b = await createOk(ctx.store, draft('BPL'));
    const c = await createOk(ctx.store, draft('SC'));
    expect([a, b, c].map((r) => r.stored.record.ref)).to.deep.equal(['BPL-A-0001', 'BPL-A-0002', 'SC-A-0001']);
  });

  it('stores the record, its audit event and the counter in the place partition', async () => {
    await createOk(ctx.store, draft('LAN', { locality: 'East' }));
    const [rec] = await rows(ctx.raw, 'LAN', 'rec|');
    expect(rec).to.include({
      rowKey: 'rec|LAN-A-0001',
      kind: 'action',
      ref: 'LAN-A-0001',
      status: 'OPEN',
      open: true,
      ownerId: ALICE.id,
      dueDate: '2026-12-18',
    });
    const audit = await rows(ctx.raw, 'LAN', 'aud|');
    expect(audit).to.have.length(1);
    expect(String(audit[0]!.rowKey)).to.match(/^aud\|2026-11-23T10:00:00\.000Z\|LAN-A-0001\|[0-9a-f]+$/);
    const [ctr] = await rows(ctx.raw, 'LAN', 'ctr|');
    expect(ctr).to.include({ rowKey: 'ctr|A', last: 1 });
  });

  it('returns undefined for a ref that does not exist or names another kind', async () => {
    await createOk(ctx.store, draft('BPL'));
    expect(await ctx.store.get('action', 'BPL-A-0002')).to.equal(undefined);
    expect(await ctx.store.get('action', 'BPL-R-0001')).to.equal(undefined);
    expect(await ctx.store.get('action', 'not a ref')).to.equal(undefined);
  });

  it('updates with the ETag, returns a new ETag, and appends an audit event with before/after', async () => {
    const created = await createOk(ctx.store, draft('BWD'));
    const next = applyActionCommand(
      created.stored.record,
      ALICE,
      { type: 'addUpdate', text: 'Draft shared with the delivery group' },
      LATER,
    );
    const updated = await ctx.store.update('action', created.stored, next);
    if (!updated.ok) throw new Error(updated.refusal.message);
    expect(updated.stored.etag).to.not.equal(created.stored.etag);
    expect(updated.stored.record.status).to.equal('IN_PROGRESS');

    const got = await ctx.store.get('action', 'BWD-A-0001');
    expect(got?.record.updates.map((u) => u.text)).to.deep.equal(['Draft shared with the delivery group']);
    expect(got?.etag).to.equal(updated.stored.etag);

    const history = await ctx.store.history('action', 'BWD-A-0001');
    expect(history.map((e) => e.command)).to.deep.equal(['create', 'addUpdate']);
    expect(history[1]!.before).to.deep.include({ status: 'OPEN' });
    expect(history[1]!.after).to.deep.include({ status: 'IN_PROGRESS' });
  });

  it('keeps the due-date column on the current (revised) due date', async () => {
    const created = await createOk(ctx.store, draft('SC'));
    const next = applyActionCommand(
      created.stored.record,
      ALICE,
      { type: 'reviseDueDate', dueDate: '2027-01-29', reason: 'Board moved to January' },
      LATER,
    );
    const updated = await ctx.store.update('action', created.stored, next);
    expect(updated.ok).to.equal(true);
    const [rec] = await rows(ctx.raw, 'SC', 'rec|');
    expect(rec).to.include({ dueDate: '2027-01-29' });
    expect(await ctx.store.listActionsDue('SC', '2027-01-01', '2027-01-31')).to.have.length(1);
    expect(await ctx.store.listActionsDue('SC', '2026-12-01', '2026-12-31')).to.have.length(0);
  });

  it('passes a refusal from the rule through without writing', async () => {
    const created = await createOk(ctx.store, draft('BPL'));
    ctx.store.metrics.reset();
    const refused = applyActionCommand(created.stored.record, BOB, { type: 'addUpdate', text: 'not mine' }, LATER);
    const result = await ctx.store.update('action', created.stored, refused);
    expect(result.ok).to.equal(false);
    expect(ctx.store.metrics.transactions).to.equal(0);
    expect((await ctx.store.get('action', 'BPL-A-0001'))?.etag).to.equal(created.stored.etag);
  });

  it("lists a person's open actions across places, overdue first then by due date, and not closed ones", async () => {
    const bobs = { owner: { id: BOB.id, name: BOB.name } };
    await createOk(ctx.store, draft('BPL', { ...bobs, dueDate: '2027-02-01' }));
    await createOk(ctx.store, draft('SC', { ...bobs, dueDate: '2026-12-01' }));
    await createOk(ctx.store, draft('LAN', { dueDate: '2026-12-02' })); // Alice's
    const toClose = await createOk(ctx.store, draft('BWD', { ...bobs, dueDate: '2026-11-30' }));
    const closed = applyActionCommand(toClose.stored.record, CHAIR, { type: 'close', decision: 'Closed at the November board' }, LATER);
    expect((await ctx.store.update('action', toClose.stored, closed)).ok).to.equal(true);

    const mine = await ctx.store.listOpenActionsByOwner(BOB.id);
    expect(mine.map((s) => s.record.ref)).to.deep.equal(['SC-A-0001', 'BPL-A-0001']);
    expect(await ctx.store.listOpenActionsByOwner('nobody')).to.deep.equal([]);
  });

  it('lists by place and status, and overdue actions by place', async () => {
    const a1 = await createOk(ctx.store, draft('BPL', { dueDate: '2026-11-30' }));
    await createOk(ctx.store, draft('BPL', { dueDate: '2026-12-30' }));
    await createOk(ctx.store, draft('BWD', { dueDate: '2026-11-30' }));
    const proposed = applyActionCommand(a1.stored.record, ALICE, { type: 'proposeClosure' }, LATER);
    expect((await ctx.store.update('action', a1.stored, proposed)).ok).to.equal(true);

    expect((await ctx.store.listByPlace('action', 'BPL')).map((s) => s.record.ref)).to.deep.equal(['BPL-A-0001', 'BPL-A-0002']);
    expect((await ctx.store.listByPlace('action', 'BPL', { statuses: ['PROPOSED_FOR_CLOSURE'] })).map((s) => s.record.ref)).to.deep.equal([
      'BPL-A-0001',
    ]);
    expect(await ctx.store.listByPlace('action', 'BPL', { statuses: [] })).to.deep.equal([]);
    expect((await ctx.store.listByPlace('action', 'ALL', { openOnly: true })).length).to.equal(3);

    expect((await ctx.store.listOverdueActions('BPL', '2026-12-01')).map((s) => s.record.ref)).to.deep.equal(['BPL-A-0001']);
    expect((await ctx.store.listOverdueActions('ALL', '2026-12-01')).map((s) => s.record.ref)).to.have.members([
      'BPL-A-0001',
      'BWD-A-0001',
    ]);
    expect(await ctx.store.listOverdueActions('ALL', TODAY)).to.deep.equal([]);
  });

  it('treats a quote in a filter value as data, not as query syntax', async () => {
    await createOk(ctx.store, draft('BPL'));
    expect(await ctx.store.listOpenActionsByOwner("x' or ownerId ne 'x")).to.deep.equal([]);
  });

  it('costs 1 transaction per create once this process knows the counter, 1 per update, 1 per get; a list costs one query per place plus one read per record listed', async () => {
    const m = ctx.store.metrics;
    m.reset();
    const created = await createOk(ctx.store, draft('BPL'));
    expect(m.transactions, 'create (first in place: counter read + batch)').to.equal(2);
    m.reset();
    const second = await createOk(ctx.store, draft('BPL'));
    expect(m.transactions, 'create (counter ETag remembered)').to.equal(1);
    m.reset();
    await ctx.store.update(
      'action',
      created.stored,
      applyActionCommand(created.stored.record, ALICE, { type: 'addUpdate', text: 'On track' }, NOW),
    );
    expect(m.transactions, 'update').to.equal(1);
    m.reset();
    await ctx.store.get('action', second.stored.record.ref);
    expect(m.transactions, 'get').to.equal(1);
    m.reset();
    await ctx.store.listOpenActionsByOwner(ALICE.id);
    expect(m.transactions, 'list open by owner: 4 places + 2 records').to.equal(PLACE_CODES.length + 2);
    m.reset();
    expect(m.transactions).to.equal(0);
  });
});

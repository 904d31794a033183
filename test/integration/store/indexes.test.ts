import { expect } from 'chai';
import { odata } from '@azure/data-tables';
import { applyActionCommand, type Action } from '../../../records/action.js';
import { createRisk } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import type { RecordStore, Stored } from '../../../records/store/index.js';
import { formatRef } from '../../../records/refs.js';
import { ALICE, BOB, buildAction, CHAIR, createOk, draft, NOW, riskDraft, rows, TODAY, useStore } from './support.js';

const LATER = new Date('2026-11-24T10:00:00.000Z');

async function change(store: RecordStore, current: Stored<Action>, cmd: Parameters<typeof applyActionCommand>[2], actor = CHAIR) {
  const r = await store.update('action', current, applyActionCommand(current.record, actor, cmd, LATER));
  if (!r.ok) throw new Error(r.refusal.message);
  return r.stored;
}

const refs = (list: Stored<{ ref: string }>[]) => list.map((s) => s.record.ref);

describe('RecordStore (Azurite): lists follow their index rows, written with the record', () => {
  const ctx = useStore();

  it('moves an action between people’s “my actions” when it is reassigned, and off every open list when it closes', async () => {
    const a = await createOk(ctx.store, draft('BPL', { dueDate: '2026-11-30' }));
    expect(refs(await ctx.store.listOpenActionsByOwner(ALICE.id))).to.deep.equal(['BPL-A-0001']);

    const moved = await change(ctx.store, a.stored, { type: 'reassign', owner: { id: BOB.id, name: BOB.name } });
    expect(await ctx.store.listOpenActionsByOwner(ALICE.id)).to.deep.equal([]);
    expect(refs(await ctx.store.listOpenActionsByOwner(BOB.id))).to.deep.equal(['BPL-A-0001']);
    expect(await rows(ctx.raw, 'BPL', `idx|A|own|${ALICE.id}|`)).to.deep.equal([]);

    const closed = await change(ctx.store, moved, { type: 'close', decision: 'Agreed at the board' });
    expect(closed.record.status).to.equal('CLOSED');
    expect(await ctx.store.listOpenActionsByOwner(BOB.id)).to.deep.equal([]);
    expect(await ctx.store.listActionsDue('BPL', '2026-11-01', '2026-12-31')).to.deep.equal([]);
    expect(await ctx.store.listByPlace('action', 'BPL', { openOnly: true })).to.deep.equal([]);
    expect(refs(await ctx.store.listByPlace('action', 'BPL', { statuses: ['CLOSED'] }))).to.deep.equal(['BPL-A-0001']);
    expect((await rows(ctx.raw, 'BPL', 'idx|')).map((r) => r.rowKey)).to.deep.equal([
      'idx|A|end|2026-11-24|BPL-A-0001',
      'idx|A|st|CLOSED|BPL-A-0001',
    ]);
  });

  it('moves an action from overdue to due-soon when its due date is revised', async () => {
    const a = await createOk(ctx.store, draft('SC', { dueDate: '2026-11-30' }));
    expect(refs(await ctx.store.listOverdueActions('SC', '2026-12-02'))).to.deep.equal(['SC-A-0001']);
    await change(ctx.store, a.stored, { type: 'reviseDueDate', dueDate: '2027-01-20', reason: 'Waiting for the BCF plan' }, ALICE);
    expect(await ctx.store.listOverdueActions('SC', '2026-12-02')).to.deep.equal([]);
    expect(refs(await ctx.store.listActionsDue('SC', '2027-01-20', '2027-01-20'))).to.deep.equal(['SC-A-0001']);
    expect(await ctx.store.listActionsDue('SC', '2026-11-30', '2026-11-30')).to.deep.equal([]);
  });

  it('lists “my risks” across places and moves a rescored risk between bands', async () => {
    const r = await ctx.store.create('risk', 'LAN', (ref) => createRisk(riskDraft('LAN', 3, 3), ref, ALICE, NOW));
    await ctx.store.create('risk', 'SC', (ref) =>
      createRisk(riskDraft('SC', 3, 3, { owner: { id: BOB.id, name: BOB.name } }), ref, ALICE, NOW),
    );
    if (!r.ok) throw new Error(r.refusal.message);
    expect(refs(await ctx.store.listOpenRisksByOwner(ALICE.id))).to.deep.equal(['LAN-R-0001']);
    expect(refs(await ctx.store.listOpenRisksByOwner(BOB.id))).to.deep.equal(['SC-R-0001']);
    expect(refs(await ctx.store.listRisksByBand('LAN', 'HIGH'))).to.deep.equal(['LAN-R-0001']);

    const next = applyRiskCommand(
      r.stored.record,
      ALICE,
      { type: 'rescore', likelihood: 5, consequence: 4, note: 'Recruitment paused' },
      LATER,
    );
    const rescored = await ctx.store.update('risk', r.stored, next);
    expect(rescored.ok).to.equal(true);
    expect(await ctx.store.listRisksByBand('LAN', 'HIGH')).to.deep.equal([]);
    expect(refs(await ctx.store.listRisksByBand('LAN', 'EXTREME'))).to.deep.equal(['LAN-R-0001']);
    expect(refs(await ctx.store.listEscalatedRisks('LAN', 15, TODAY))).to.deep.equal(['LAN-R-0001']);
  });

  it('leaves index rows as they were when the write fails: they are in the record’s transaction', async () => {
    const store = ctx.storeWith({ auditSuffix: () => 'dup' });
    const a = await createOk(store, draft('BPL'));
    await ctx.raw.createEntity({ partitionKey: 'BPL', rowKey: `aud|${LATER.toISOString()}|BPL-A-0001|dup`, squatter: true });
    const before = (await rows(ctx.raw, 'BPL', 'idx|')).map((r) => r.rowKey);
    const next = applyActionCommand(a.stored.record, CHAIR, { type: 'reassign', owner: { id: BOB.id, name: BOB.name } }, LATER);
    await store.update('action', a.stored, next).then(
      () => expect.fail('expected a conflict'),
      (err: unknown) => expect(err).to.have.property('code', 'CONFLICT'),
    );
    expect((await rows(ctx.raw, 'BPL', 'idx|')).map((r) => r.rowKey)).to.deep.equal(before);
    expect(refs(await ctx.store.listOpenActionsByOwner(ALICE.id))).to.deep.equal(['BPL-A-0001']);
  });

  it('costs the same to list “my actions” whatever the history: one query per place plus one read per action listed', async () => {
    for (let i = 0; i < 30; i++) {
      const a = await createOk(ctx.store, draft('BWD'));
      if (i > 1) await change(ctx.store, a.stored, { type: 'close', decision: 'Done' });
    }
    ctx.store.metrics.reset();
    expect(await ctx.store.listOpenActionsByOwner(ALICE.id)).to.have.length(2);
    expect(ctx.store.metrics.transactions).to.equal(4 + 2);
  });

  it('keeps refs gap-free when another instance creates in between: the remembered counter ETag is refused and the counter read again', async () => {
    const other = ctx.storeWith({});
    const made: string[] = [];
    for (let i = 0; i < 6; i++) {
      const store = i % 3 === 2 ? other : ctx.store;
      const r = await store.create('action', 'BPL', buildAction(draft('BPL', { description: `Alternating ${i}` })));
      made.push(r.ok ? r.stored.record.ref : 'refused');
    }
    expect(made).to.deep.equal(Array.from({ length: 6 }, (_, i) => formatRef('BPL', 'action', i + 1)));
    expect((await rows(ctx.raw, 'BPL', 'ctr|'))[0]).to.include({ last: 6 });
  });

  describe('backfill of data written before the index rows existed', () => {
    async function dropIndexes() {
      for (const place of ['BPL', 'SC'] as const) {
        for (const prefix of ['idx|', 'hix|']) {
          for (const r of await rows(ctx.raw, place, prefix)) await ctx.raw.deleteEntity(place, String(r.rowKey));
        }
      }
    }

    it('indexes existing records and their history once; lists and history read them again; a second run is one read', async () => {
      const a = await createOk(ctx.store, draft('BPL'));
      await change(ctx.store, a.stored, { type: 'addUpdate', text: 'On track' }, ALICE);
      await createOk(ctx.store, draft('SC', { owner: { id: BOB.id, name: BOB.name } }));
      await dropIndexes();
      expect(await ctx.store.listOpenActionsByOwner(ALICE.id)).to.deep.equal([]);
      expect(await ctx.store.history('action', 'BPL-A-0001')).to.deep.equal([]);

      expect(await ctx.store.backfillIndexes()).to.deep.equal({ ran: true, records: 2, events: 3 });
      expect(refs(await ctx.store.listOpenActionsByOwner(ALICE.id))).to.deep.equal(['BPL-A-0001']);
      expect(refs(await ctx.store.listOpenActionsByOwner(BOB.id))).to.deep.equal(['SC-A-0001']);
      expect((await ctx.store.history('action', 'BPL-A-0001')).map((e) => e.command)).to.deep.equal(['create', 'addUpdate']);

      ctx.store.metrics.reset();
      expect(await ctx.store.backfillIndexes()).to.deep.equal({ ran: false, records: 0, events: 0 });
      expect(ctx.store.metrics.transactions).to.equal(1);
    });

    it('updates a record whose index rows were never written, and indexes it from then on', async () => {
      const a = await createOk(ctx.store, draft('BPL'));
      await dropIndexes();
      const moved = await change(ctx.store, a.stored, { type: 'reassign', owner: { id: BOB.id, name: BOB.name } });
      expect(refs(await ctx.store.listOpenActionsByOwner(BOB.id))).to.deep.equal(['BPL-A-0001']);
      expect((await ctx.store.get('action', 'BPL-A-0001'))?.etag).to.equal(moved.etag);
      const entities = ctx.raw.listEntities({
        queryOptions: { filter: odata`PartitionKey eq ${'BPL'} and RowKey ge ${'idx|'} and RowKey lt ${'idx}'}` },
      });
      const keys: string[] = [];
      for await (const e of entities) keys.push(String(e.rowKey));
      expect(keys).to.include(`idx|A|own|${BOB.id}|BPL-A-0001`);
    });
  });
});

describe('RecordStore (Azurite): a change from a card this process drew needs no read, and stays ETag-checked', () => {
  const ctx = useStore();

  it('answers get-with-ETag from memory; a change made meanwhile by another instance is still refused with the latest', async () => {
    const a = await createOk(ctx.store, draft('BPL'));
    const other = ctx.storeWith({});
    ctx.store.metrics.reset();
    const held = await ctx.store.get('action', 'BPL-A-0001', { etag: a.stored.etag });
    expect(held?.etag).to.equal(a.stored.etag);
    expect(ctx.store.metrics.transactions, 'no read').to.equal(0);

    const theirs = await other.get('action', 'BPL-A-0001');
    await change(other, theirs!, { type: 'addUpdate', text: 'Changed elsewhere' }, ALICE);
    const mine = applyActionCommand(held!.record, ALICE, { type: 'addUpdate', text: 'Mine' }, LATER);
    const err = await ctx.store.update('action', held!, mine).then(
      () => expect.fail('expected a stale write'),
      (e: unknown) => e as { code: string; latest: Stored<Action> },
    );
    expect(err.code).to.equal('STALE');
    expect(err.latest.record.updates.map((u) => u.text)).to.deep.equal(['Changed elsewhere']);
    expect((await ctx.store.get('action', 'BPL-A-0001', { etag: 'W/"not-held"' }))?.record.updates).to.have.length(1);
  });
});

// A record's audit trail replays in the order it was written, even when its events share one
// instant (the demo writes six at the same millisecond): each event carries the record's version
// (`seq`, 1 for the create), and history() orders by it. Events written before seq was kept are
// still read, placed by time.
import { expect } from 'chai';
import { applyActionCommand, type Action } from '../../../records/action.js';
import type { Stored } from '../../../records/stored.js';
import { ALICE, createOk, draft, NOW, rows, useStore } from './support.js';

describe('Audit order: a record’s events by its version, whatever their instant', () => {
  const ctx = useStore();

  it('six writes at the same millisecond come back from history() in the order written, seq 1 to 6, and the record is at version 6', async () => {
    const created = await createOk(ctx.store, draft('BWD'));
    expect(created.event.seq).to.equal(1);
    expect(created.stored.version).to.equal(1);
    let current: Stored<Action> = created.stored;
    for (const n of [1, 2, 3, 4, 5]) {
      const next = applyActionCommand(current.record, ALICE, { type: 'addUpdate', text: `Update ${n}` }, NOW);
      const written = await ctx.store.update('action', current, next);
      if (!written.ok) throw new Error(written.refusal.message);
      expect(written.event.seq).to.equal(n + 1);
      current = written.stored;
    }
    const ref = created.stored.record.ref;
    // Every event at the same instant: their row keys (random suffixes) say nothing of the order.
    expect(new Set((await rows(ctx.raw, 'BWD', 'aud|')).map((r) => r.at))).to.have.property('size', 1);
    const history = await ctx.store.history('action', ref);
    expect(history.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(history.map((e) => (e.after as { updates?: { text: string }[] }).updates?.at(-1)?.text ?? e.command)).to.deep.equal([
      'create',
      'Update 1',
      'Update 2',
      'Update 3',
      'Update 4',
      'Update 5',
    ]);
    expect((await ctx.store.get('action', ref))?.version).to.equal(6);
  });

  it('a record written before versions were kept (no version on its row, events without seq) stays readable, and its next write numbers on from its trail', async () => {
    const created = await createOk(ctx.store, draft('SC'));
    const ref = created.stored.record.ref;
    // As an older version of the app left it: the row without its version, the event without seq.
    const [row] = await rows(ctx.raw, 'SC', `rec|${ref}`);
    const { version: _v, ...legacyRow } = row as Record<string, unknown> & { version?: number };
    await ctx.raw.updateEntity(legacyRow as never, 'Replace');
    const [aud] = await rows(ctx.raw, 'SC', 'aud|');
    const event = JSON.parse(String(aud!.data0));
    delete event.seq;
    await ctx.raw.updateEntity({ partitionKey: 'SC', rowKey: String(aud!.rowKey), data0: JSON.stringify(event) } as never, 'Merge');
    const legacy = (await ctx.store.get('action', ref))!;
    expect(legacy.version).to.equal(undefined);
    const written = await ctx.store.update(
      'action',
      legacy,
      applyActionCommand(legacy.record, ALICE, { type: 'addUpdate', text: 'After the upgrade' }, new Date(NOW.getTime() + 60_000)),
    );
    if (!written.ok) throw new Error(written.refusal.message);
    expect(written.event.seq).to.equal(2);
    const history = await ctx.store.history('action', ref);
    expect(history.map((e) => [e.command, e.seq])).to.deep.equal([
      ['create', undefined],
      ['addUpdate', 2],
    ]);
  });
});

import { type TableClient, type TransactionAction } from '@azure/data-tables';
import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { auditEvent } from '../../../records/audit.js';
import type { PlaceCode } from '../../../records/places.js';
import { auditEntities } from '../../../records/store/entity.js';
import { ALICE, createOk, draft, rows, useStore } from './support.js';

const WEEK_START = '2026-11-16T00:00:00.000Z'; // Monday 00:00, London = UTC in November
const WEEK_END = '2026-11-23T00:00:00.000Z';
const at = (iso: string) => new Date(iso);

/**
 * Seeds `count` audit events dated before `before`, as real audit rows, in transactions of
 * 100 (one partition, one batch each).
 */
export async function seedOldAudit(raw: TableClient, place: PlaceCode, count: number, before: Date): Promise<void> {
  const batches: TransactionAction[][] = [];
  for (let i = 0; i < count; i += 100) {
    const batch: TransactionAction[] = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      const when = new Date(before.getTime() - (j + 1) * 3_600_000).toISOString(); // hourly, going back
      const ref = `${place}-A-${String(9000 + (j % 500)).padStart(4, '0')}`;
      const event = auditEvent('action', { ref, place }, ALICE, 'addUpdate', when, { status: 'OPEN' }, { status: 'IN_PROGRESS' });
      batch.push(['create', auditEntities(event, `old${String(j).padStart(6, '0')}`)[0]!]);
    }
    batches.push(batch);
  }
  for (let i = 0; i < batches.length; i += 10) await Promise.all(batches.slice(i, i + 10).map((b) => raw.submitTransaction(b)));
}

describe('RecordStore (Azurite): changes in a time window (weekly digest)', () => {
  const ctx = useStore();

  it('returns exactly the week’s changes, oldest first, with 10,000 older audit events present, in 1 transaction', async function () {
    this.timeout(120_000);
    await seedOldAudit(ctx.raw, 'BPL', 10_000, at(WEEK_START));
    expect(await rows(ctx.raw, 'BPL', 'aud|')).to.have.length(10_000);

    // Just before the window (excluded), at its first instant (included), inside, at its last
    // millisecond (included), and at its end (excluded). Another place's change in the window is excluded.
    const a1 = await createOk(ctx.store, draft('BPL'), ALICE, at('2026-11-15T23:59:59.999Z'));
    const a1b = await ctx.store.update(
      'action',
      a1.stored,
      applyActionCommand(a1.stored.record, ALICE, { type: 'addUpdate', text: 'at the start' }, at(WEEK_START)),
    );
    if (!a1b.ok) throw new Error('update refused');
    const a2 = await createOk(ctx.store, draft('BPL'), ALICE, at('2026-11-18T10:00:00.000Z'));
    const a2b = await ctx.store.update(
      'action',
      a2.stored,
      applyActionCommand(
        a2.stored.record,
        ALICE,
        { type: 'reviseDueDate', dueDate: '2027-01-15', reason: 'Waiting for the BCF return' },
        at('2026-11-20T16:30:00.000Z'),
      ),
    );
    if (!a2b.ok) throw new Error('update refused');
    const a1c = await ctx.store.update(
      'action',
      a1b.stored,
      applyActionCommand(a1b.stored.record, ALICE, { type: 'proposeClosure' }, at('2026-11-22T23:59:59.999Z')),
    );
    if (!a1c.ok) throw new Error('update refused');
    await ctx.store.update(
      'action',
      a2b.stored,
      applyActionCommand(a2b.stored.record, ALICE, { type: 'addUpdate', text: 'next week' }, at(WEEK_END)),
    );
    await createOk(ctx.store, draft('SC'), ALICE, at('2026-11-19T09:00:00.000Z'));

    ctx.store.metrics.reset();
    const changes = await ctx.store.changesBetween('BPL', WEEK_START, WEEK_END);
    expect(ctx.store.metrics.transactions, 'one range scan, whatever the history').to.equal(1);
    expect(changes.map((e) => `${e.at} ${e.ref} ${e.command}`)).to.deep.equal([
      '2026-11-16T00:00:00.000Z BPL-A-0001 addUpdate',
      '2026-11-18T10:00:00.000Z BPL-A-0002 create',
      '2026-11-20T16:30:00.000Z BPL-A-0002 reviseDueDate',
      '2026-11-22T23:59:59.999Z BPL-A-0001 proposeClosure',
    ]);
    expect(changes[2]!.after).to.have.property('revisions');
  });

  it('accepts window bounds with an offset (London summer time) as the same instants', async () => {
    await createOk(ctx.store, draft('LAN'), ALICE, at('2026-07-06T08:30:00.000Z'));
    const changes = await ctx.store.changesBetween('LAN', '2026-07-06T09:00:00+01:00', '2026-07-06T09:31:00+01:00');
    expect(changes.map((e) => e.ref)).to.deep.equal(['LAN-A-0001']);
    expect(await ctx.store.changesBetween('LAN', '2026-07-06T09:31:00+01:00', '2026-07-13T09:00:00+01:00')).to.deep.equal([]);
  });
});

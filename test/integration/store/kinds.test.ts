import { expect } from 'chai';
import type { Actor } from '../../../records/people.js';
import type { PlaceCode } from '../../../records/places.js';
import { createRisk, type RiskDraft } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { createSignOff, type SignOffDraft } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { ALICE, BOB, CHAIR, NOW, riskDraft, rows, useStore } from './support.js';

const DANA: Actor = { id: 'aad-dana', name: 'Dana Delegate', roles: [] };
const LATER = new Date('2026-11-24T10:00:00.000Z');

function signOffDraft(place: PlaceCode, overrides: Partial<SignOffDraft> = {}): SignOffDraft {
  return {
    place,
    board: 'Blackpool Place Partnership Board',
    title: 'Place Integration Deal delivery group terms of reference',
    summary: 'Terms of reference for approval.',
    itemType: 'terms-of-reference',
    route: 'chairs-action',
    approvers: [{ id: CHAIR.id, name: CHAIR.name }],
    dueBy: '2026-12-04',
    ...overrides,
  };
}

describe('RecordStore (Azurite): risks and sign-offs', () => {
  const ctx = useStore();

  async function raise(place: PlaceCode, l: number, c: number, overrides: Partial<RiskDraft> = {}) {
    const r = await ctx.store.create('risk', place, (ref) => createRisk(riskDraft(place, l, c, overrides), ref, ALICE, NOW));
    if (!r.ok) throw new Error(r.refusal.message);
    return r;
  }

  it('stores a risk with its score and band columns and reads it back', async () => {
    const created = await raise('BPL', 4, 4);
    expect(created.stored.record.ref).to.equal('BPL-R-0001');
    const [rec] = await rows(ctx.raw, 'BPL', 'rec|');
    expect(rec).to.include({
      kind: 'risk',
      ref: 'BPL-R-0001',
      score: 16,
      band: 'EXTREME',
      open: true,
      ownerId: ALICE.id,
      aboveAppetite: true,
    });
    expect((await ctx.store.get('risk', 'BPL-R-0001'))?.record).to.deep.equal(created.stored.record);
    expect(await ctx.store.get('action', 'BPL-R-0001')).to.equal(undefined);
  });

  it('keeps separate ref sequences per kind in one place', async () => {
    await raise('SC', 2, 2);
    const s = await ctx.store.create('signoff', 'SC', (ref) => createSignOff(signOffDraft('SC'), ref, ALICE, NOW));
    const r2 = await raise('SC', 2, 3);
    expect(s.ok && s.stored.record.ref).to.equal('SC-S-0001');
    expect(r2.stored.record.ref).to.equal('SC-R-0002');
  });

  it('lists risks by band and by overdue review, and follows a rescore', async () => {
    const high = await raise('LAN', 3, 4); // 12 high
    await raise('LAN', 1, 2); // 2 low
    await raise('LAN', 5, 4, { nextReviewDate: '2026-11-30' }); // 20 extreme
    expect((await ctx.store.listRisksByBand('LAN', 'HIGH')).map((s) => s.record.ref)).to.deep.equal(['LAN-R-0001']);
    expect((await ctx.store.listRisksByBand('ALL', 'EXTREME')).map((s) => s.record.ref)).to.deep.equal(['LAN-R-0003']);

    const rescored = applyRiskCommand(high.stored.record, ALICE, { type: 'rescore', likelihood: 2, consequence: 2 }, LATER);
    const updated = await ctx.store.update('risk', high.stored, rescored);
    expect(updated.ok).to.equal(true);
    expect(await ctx.store.listRisksByBand('LAN', 'HIGH')).to.deep.equal([]);
    expect((await ctx.store.listRisksByBand('LAN', 'MODERATE')).map((s) => s.record.ref)).to.deep.equal(['LAN-R-0001']);

    expect((await ctx.store.listRisksReviewOverdue('LAN', '2026-12-01')).map((s) => s.record.ref)).to.deep.equal(['LAN-R-0003']);
    expect(await ctx.store.listRisksReviewOverdue('LAN', '2026-11-30')).to.deep.equal([]);
  });

  it('lists escalated risks: at the threshold, above appetite, or review overdue; highest score first', async () => {
    await raise('BWD', 3, 5); // 15: at threshold, above cautious appetite (12)
    await raise('BWD', 2, 2); // 4: nothing
    await raise('BWD', 2, 2, { appetite: { level: 'averse' } }); // 4 > 3 tolerated: above appetite
    await raise('BWD', 1, 1, { nextReviewDate: '2026-11-25' }); // review overdue on 2026-11-26
    await raise('BWD', 4, 3, { appetite: { level: 'open' } }); // 12 ≤ 16 tolerated, under threshold 15: nothing
    const escalated = await ctx.store.listEscalatedRisks('BWD', 15, '2026-11-26');
    expect(escalated.map((s) => s.record.ref)).to.deep.equal(['BWD-R-0001', 'BWD-R-0003', 'BWD-R-0004']);
    const lower = await ctx.store.listEscalatedRisks('BWD', 12, '2026-11-24');
    expect(lower.map((s) => s.record.ref)).to.deep.equal(['BWD-R-0001', 'BWD-R-0005', 'BWD-R-0003']);
  });

  it('lists sign-offs pending for an approver or their delegate across places, not decided ones', async () => {
    // Between meetings: a chair's action takes no delegate (issue 27).
    const withDelegate = signOffDraft('BPL', {
      route: 'between-meetings',
      delegates: [{ approverId: CHAIR.id, delegate: { id: DANA.id, name: DANA.name } }],
      dueBy: '2026-12-10',
    });
    const a = await ctx.store.create('signoff', 'BPL', (ref) => createSignOff(withDelegate, ref, ALICE, NOW));
    const b = await ctx.store.create('signoff', 'SC', (ref) => createSignOff(signOffDraft('SC', { dueBy: '2026-12-01' }), ref, ALICE, NOW));
    const c = await ctx.store.create('signoff', 'LAN', (ref) =>
      createSignOff(signOffDraft('LAN', { approvers: [{ id: BOB.id, name: BOB.name }] }), ref, ALICE, NOW),
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error('sign-off refused');

    expect((await ctx.store.listSignOffsPendingFor(CHAIR.id)).map((s) => s.record.ref)).to.deep.equal(['SC-S-0001', 'BPL-S-0001']);
    expect((await ctx.store.listSignOffsPendingFor(DANA.id)).map((s) => s.record.ref)).to.deep.equal(['BPL-S-0001']);
    expect((await ctx.store.listSignOffsPendingFor(BOB.id)).map((s) => s.record.ref)).to.deep.equal(['LAN-S-0001']);
    const [rec] = await rows(ctx.raw, 'BPL', 'rec|');
    expect(rec).to.include({ approverIds: `|${CHAIR.id}|${DANA.id}|`, open: true });

    const approved = applySignOffCommand(b.stored.record, CHAIR, { type: 'approve' }, LATER);
    const done = await ctx.store.update('signoff', b.stored, approved);
    expect(done.ok).to.equal(true);
    expect((await ctx.store.listSignOffsPendingFor(CHAIR.id)).map((s) => s.record.ref)).to.deep.equal(['BPL-S-0001']);
    expect(await ctx.store.listSignOffsPendingFor(ALICE.id)).to.deep.equal([]);
  });
});

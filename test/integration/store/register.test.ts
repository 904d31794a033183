// The risk register a page at a time (issue 19, item 12): the summary of every open risk comes from
// small index rows written with each risk; only one page of whole records is read.
import { expect } from 'chai';
import { createRisk, registerSummary, REGISTER_PAGE_SIZE, type Risk } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { riskDraftFor } from '../../support/riskFixtures.js';
import { CHAIR, NOW, useStore } from './support.js';

describe('RecordStore (Azurite): the risk register, a page at a time', () => {
  const ctx = useStore();

  async function raise(i: number): Promise<Risk> {
    const likelihood = (i % 5) + 1;
    const r = await ctx.store.create('risk', 'BPL', (ref) =>
      createRisk(
        riskDraftFor('BPL', {
          title: `Register risk ${i}`,
          initial: { likelihood, consequence: 5 },
          target: { likelihood: 1, consequence: 1 },
        }),
        ref,
        CHAIR,
        NOW,
      ),
    );
    if (!r.ok) throw new Error(r.refusal.message);
    return r.stored.record;
  }

  it('reads every open risk’s summary from index rows, and whole records only for the page: 40 risks, one page costs at most 1 query and 15 reads', async function () {
    this.timeout(60_000);
    for (let i = 0; i < 40; i++) await raise(i);
    const closed = (await ctx.store.get('risk', 'BPL-R-0001'))!;
    const t = applyRiskCommand(closed.record, CHAIR, { type: 'close', reason: 'Merged into BPL-R-0002' }, NOW);
    await ctx.store.update('risk', closed, t);
    ctx.store.metrics.reset();
    const first = await ctx.store.riskRegisterPage('BPL', 0);
    expect(ctx.store.metrics.transactions).to.be.at.most(1 + REGISTER_PAGE_SIZE);
    expect(first.entries).to.have.length(39);
    expect(first.pages).to.equal(3);
    expect(first.risks).to.have.length(15);
    const scores = first.risks.map((s) => s.record.current.likelihood * s.record.current.consequence);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    expect(scores[0]).to.equal(25);
    const last = await ctx.store.riskRegisterPage('BPL', 2);
    expect(last.risks).to.have.length(9);
    expect(last.risks.map((s) => s.record.ref)).to.not.include('BPL-R-0001');
    // A page past the end is the last page.
    expect((await ctx.store.riskRegisterPage('BPL', 99)).page).to.equal(2);
    // The summary agrees with the records themselves.
    const all = await ctx.store.listByPlace('risk', 'BPL', { openOnly: true });
    const summary = registerSummary(first.entries, { threshold: 15, now: NOW });
    expect(summary.total).to.equal(all.length);
    expect(summary.heat[5]![5]).to.equal(all.filter((s) => s.record.current.likelihood === 5 && s.record.current.consequence === 5).length);
  });

  it('a rescore that keeps the score but moves the cell (4×3 to 3×4) moves it on the heat map too', async function () {
    this.timeout(30_000);
    const r = await ctx.store.create('risk', 'SC', (ref) =>
      createRisk(
        riskDraftFor('SC', { initial: { likelihood: 4, consequence: 3 }, target: { likelihood: 1, consequence: 1 } }),
        ref,
        CHAIR,
        NOW,
      ),
    );
    if (!r.ok) throw new Error(r.refusal.message);
    await ctx.store.update(
      'risk',
      r.stored,
      applyRiskCommand(
        r.stored.record,
        CHAIR,
        { type: 'rescore', likelihood: 3, consequence: 4, note: 'Likelier less, worse if it happens' },
        NOW,
      ),
    );
    const { entries } = await ctx.store.riskRegisterPage('SC', 0);
    expect(entries.map((e) => [e.likelihood, e.consequence])).to.deep.equal([[3, 4]]);
  });
});

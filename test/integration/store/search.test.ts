// The word index against Azurite: written with the record in one transaction, kept in step
// with every change, backfilled for older records, and read by `search` in ranked pages.
import { expect } from 'chai';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { searchResultsCard } from '../../../cards/searchCards.js';
import { applyActionCommand, createAction, type Action } from '../../../records/action.js';
import { actionCodec, recordColumns } from '../../../records/store/codecs.js';
import { toChunks } from '../../../records/store/entity.js';
import { wordRows } from '../../../records/store/wordIndex.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import type { PlaceCode } from '../../../records/places.js';
import { createRisk, type Risk } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { parseQuery, type SearchQuery } from '../../../records/search.js';
import type { RecordStore, Stored } from '../../../records/store/index.js';
import { ALICE, BOB, buildAction, CHAIR, draft, NOW, riskDraft, useStore } from './support.js';

const ALL: PlaceCode[] = ['BPL', 'BWD', 'LAN', 'SC'];

function q(text: string): SearchQuery {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.query;
}

async function find(store: RecordStore, text: string, places: readonly PlaceCode[] = ALL, limit = 25) {
  return store.search(q(text), places, { limit });
}
const refs = (r: Awaited<ReturnType<typeof find>>) => r.found.map((f) => f.stored.record.ref);

async function wordRowsOf(raw: TableClient, place: PlaceCode, ref: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of raw.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${place} and RowKey ge ${'wrd|'} and RowKey lt ${'wrd}'} and ref eq ${ref}` },
  })) {
    out.push(String(e.rowKey));
  }
  return out;
}

describe('Finding records through the word index (store + Azurite)', function () {
  this.timeout(60_000);
  const ctx = useStore();

  async function logAction(description: string, opts: { place?: PlaceCode; at?: Date; owner?: { id: string; name: string } } = {}) {
    const r = await ctx.store.create(
      'action',
      opts.place ?? 'BPL',
      buildAction(draft(opts.place ?? 'BPL', { description, ...(opts.owner ? { owner: opts.owner } : {}) }), ALICE, opts.at ?? NOW),
    );
    if (!r.ok) throw new Error(r.refusal.message);
    return r.stored as Stored<Action>;
  }
  async function raiseRisk(title: string, place: PlaceCode = 'BPL', at = NOW) {
    const r = await ctx.store.create('risk', place, (ref) => createRisk({ ...riskDraft(place, 4, 4), title }, ref, CHAIR, at));
    if (!r.ok) throw new Error(r.refusal.message);
    return r.stored as Stored<Risk>;
  }

  it('a record is found by a word of its title as soon as it is created, and by the first letters of the last word typed', async () => {
    const a = await logAction('Agree the Better Care Fund section 75 schedule with the council');
    expect(refs(await find(ctx.store, 'section 75 schedule'))).to.deep.equal([a.record.ref]);
    expect(refs(await find(ctx.store, 'council sched'))).to.deep.equal([a.record.ref]);
    expect(refs(await find(ctx.store, 'schedules'))).to.deep.equal([a.record.ref], 'a simple stem: schedules finds schedule');
    expect((await find(ctx.store, 'workforce')).found).to.deep.equal([]);
  });

  it('ranks an exact ref first, then title words, then people, then body words, newest first among equals', async () => {
    const older = await logAction('Workforce plan for community nursing', { at: new Date('2026-10-01T09:00:00Z') });
    const newer = await logAction('Workforce plan for the neighbourhood teams', { at: new Date('2026-11-01T09:00:00Z') });
    const inBody = await logAction('Refresh the neighbourhood plan', { at: new Date('2026-11-20T09:00:00Z') });
    const updated = applyActionCommand(inBody.record, ALICE, { type: 'addUpdate', text: 'Linked to the workforce review' }, NOW);
    const u = await ctx.store.update('action', inBody, updated);
    expect(u.ok).to.equal(true);
    const byName = await logAction('Confirm the estates survey', { owner: { id: 'aad-wendy', name: 'Wendy Workforce' } });
    expect(refs(await find(ctx.store, 'workforce'))).to.deep.equal([
      newer.record.ref,
      older.record.ref,
      byName.record.ref,
      inBody.record.ref,
    ]);
    const withRef = await find(ctx.store, `workforce ${inBody.record.ref}`);
    expect(refs(withRef)[0]).to.equal(inBody.record.ref);
    expect(withRef.found[0]!.match).to.equal('ref');
    expect(refs(withRef)).to.have.length(4, 'the ref is not listed twice');
  });

  it('looks only in the places it is given (the caller passes placesVisibleTo), and a place or kind in the query narrows it', async () => {
    const bpl = await logAction('Discharge to assess pathway review', { place: 'BPL' });
    const sc = await logAction('Discharge to assess pathway review', { place: 'SC' });
    const risk = await raiseRisk('Discharge delays in winter', 'SC');
    expect(refs(await find(ctx.store, 'discharge', ['SC'])).sort()).to.deep.equal([risk.record.ref, sc.record.ref].sort());
    expect(refs(await find(ctx.store, 'discharge', []))).to.deep.equal([]);
    expect(refs(await find(ctx.store, 'discharge Blackpool'))).to.deep.equal([bpl.record.ref]);
    expect(refs(await find(ctx.store, 'risks discharge'))).to.deep.equal([risk.record.ref]);
    expect(
      refs(await find(ctx.store, `discharge ${bpl.record.ref}`, ['SC'])),
      'a ref typed in a place not visible is not shown',
    ).not.to.include(bpl.record.ref);
  });

  it('a changed title: words removed are no longer found, new ones are, and each write is still one transaction', async () => {
    const risk = await raiseRisk('Workforce gaps in community nursing');
    await raiseRisk('Estates backlog'); // the counter's ETag is now held: a create is one transaction
    ctx.store.metrics.reset();
    const created = await raiseRisk('Workforce gaps in district nursing');
    expect(created.record.ref).to.match(/-0003$/);
    expect(ctx.store.metrics.transactions).to.equal(1);
    ctx.store.metrics.reset();
    const edited = await ctx.store.update(
      'risk',
      risk,
      applyRiskCommand(risk.record, CHAIR, { type: 'edit', title: 'Recruitment of mental health practitioners' }, NOW),
    );
    expect(edited.ok).to.equal(true);
    expect(ctx.store.metrics.transactions).to.equal(1);
    expect(refs(await find(ctx.store, 'community nursing'))).to.deep.equal([]);
    expect(refs(await find(ctx.store, 'workforce'))).to.deep.equal([created.record.ref]);
    expect(refs(await find(ctx.store, 'mental health practitioners'))).to.deep.equal([risk.record.ref]);
    const rows = await wordRowsOf(ctx.raw, 'BPL', risk.record.ref);
    expect(rows.some((k) => k.startsWith('wrd|commun|'))).to.equal(false);
    expect(rows.some((k) => k.startsWith('wrd|recruit|1|'))).to.equal(true);
  });

  it('an update\'s words are found; a closed record drops out of "open" and is still found otherwise', async () => {
    const risk = await raiseRisk('Capacity of the reablement service');
    const reviewed = await ctx.store.update(
      'risk',
      risk,
      applyRiskCommand(risk.record, CHAIR, { type: 'setControls', controls: ['Weekly huddle with the hospice'] }, NOW),
    );
    if (!reviewed.ok) throw new Error('not saved');
    expect(refs(await find(ctx.store, 'hospice'))).to.deep.equal([risk.record.ref]);
    const closed = await ctx.store.update(
      'risk',
      reviewed.stored,
      applyRiskCommand(reviewed.stored.record, CHAIR, { type: 'close', reason: 'Service recommissioned' }, NOW),
    );
    expect(closed.ok).to.equal(true);
    expect(refs(await find(ctx.store, 'reablement open'))).to.deep.equal([]);
    expect(refs(await find(ctx.store, 'reablement'))).to.deep.equal([risk.record.ref]);
    expect(refs(await find(ctx.store, 'recommissioned'))).to.deep.equal([risk.record.ref]);
  });

  it('the backfill indexes records written before the word index', async () => {
    const a = await logAction('Agree the urgent community response rota');
    const b = await raiseRisk('Urgent community response capacity', 'LAN');
    // As an older version left them: no word rows, and the previous backfill's marker.
    for (const [place, ref] of [
      ['BPL', a.record.ref],
      ['LAN', b.record.ref],
    ] as const) {
      for (const rowKey of await wordRowsOf(ctx.raw, place, ref)) await ctx.raw.deleteEntity(place, rowKey);
    }
    await ctx.raw.upsertEntity({ partitionKey: '~meta', rowKey: 'index|v4', at: NOW.toISOString() });
    const fresh = ctx.storeWith({});
    expect(refs(await find(fresh, 'urgent community'))).to.deep.equal([]);
    const run = await fresh.backfillIndexes();
    expect(run.ran).to.equal(true);
    expect(refs(await find(fresh, 'urgent community')).sort()).to.deep.equal([a.record.ref, b.record.ref].sort());
    expect((await fresh.backfillIndexes()).ran, 'a marker makes the next start one read').to.equal(false);
  });

  it('a record changed while being searched is checked again as it is now: left out when it no longer matches', async () => {
    const risk = await raiseRisk('Workforce gaps in community nursing');
    const other = await raiseRisk('Workforce retention in primary care');
    // Between reading the index and reading the records, someone edits the first risk's title.
    const client = (ctx.store as unknown as { client: TableClient }).client;
    let edited = false;
    client.pipeline.addPolicy({
      name: 'editDuringSearch',
      sendRequest: async (request, next) => {
        if (!edited && request.method === 'GET' && decodeURIComponent(request.url).includes(`RowKey='rec|${risk.record.ref}'`)) {
          edited = true;
          const other = ctx.storeWith({});
          const latest = (await other.get('risk', risk.record.ref))!;
          const r = await other.update(
            'risk',
            latest,
            applyRiskCommand(latest.record, CHAIR, { type: 'edit', title: 'Estates backlog' }, NOW),
          );
          if (!r.ok) throw new Error('edit failed');
        }
        return next(request);
      },
    });
    const found = await find(ctx.store, 'workforce');
    expect(edited).to.equal(true);
    expect(refs(found)).to.deep.equal([other.record.ref]);
    expect(refs(await find(ctx.store, 'estates'))).to.deep.equal([risk.record.ref]);
  });

  it('bounds the words indexed per record, so a record with a very long text still saves in one transaction', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `word${i.toString(36)}x`).join(' ');
    const a = await logAction(long.slice(0, 2000));
    expect((await wordRowsOf(ctx.raw, 'BPL', a.record.ref)).length).to.be.at.most(48);
    expect(refs(await find(ctx.store, 'word0x'))).to.deep.equal([a.record.ref]);
  });

  it('OData-looking text is only words to look up: nothing leaks, nothing fails', async () => {
    await logAction('Agree the section 75 schedule');
    for (const text of ["' or 1 eq 1", "x' or PartitionKey ne '", "RowKey gt ''"]) {
      const parsed = parseQuery(text);
      if (!parsed.ok) continue;
      const r = await ctx.store.search(parsed.query, ALL, { limit: 25 });
      expect(refs(r), text).to.deep.equal([]);
    }
  });

  it("another person's records are found by their name, alongside the title words", async () => {
    await logAction('Agree the section 75 schedule', { owner: { id: BOB.id, name: 'Helen Price' } });
    const mine = await logAction('Section 75 risk share', { owner: { id: ALICE.id, name: ALICE.name } });
    const r = await find(ctx.store, 'actions Helen Price');
    expect(r.found.map((f) => (f.stored.record as Action).owner.name)).to.deep.equal(['Helen Price']);
    expect(refs(await find(ctx.store, 'section 75 alice'))).to.deep.equal([mine.record.ref]);
  });
});

describe('A word in 20,000 records (store + Azurite)', function () {
  this.timeout(600_000);
  const ctx = useStore();

  it('answers with the 25 newest title matches from the first page of each place, says "at least N more", and the card stays under 40 KB', async () => {
    // 20,000 actions with "workforce" in the title, 5,000 a place, written straight into the table as
    // the store writes them (creating them one by one takes many minutes on Azurite). What the search
    // can touch is all there: every record's "workforce" index row, and for the newest 100 (the only
    // ones a first page can reach) the record row and all its word rows too.
    const places: PlaceCode[] = ['BPL', 'BWD', 'LAN', 'SC'];
    const base = Date.UTC(2025, 0, 1);
    const total = 20_000;
    await Promise.all(
      places.map(async (place, p) => {
        let batch: TransactionAction[] = [];
        for (let i = 0; i < total / places.length; i++) {
          const n = i * places.length + p;
          const at = new Date(base + n * 60_000);
          const made = createAction(
            { ...draft(place, { description: `Workforce review ${n}` }), owner: { id: 'aad-jo', name: 'Jo' } },
            `${place}-A-${String(i + 1).padStart(4, '0')}`,
            ALICE,
            at,
          );
          if (!made.ok) throw new Error(made.refusal.message);
          const record = made.record;
          const newest = n >= total - 100;
          if (newest)
            batch.push([
              'upsert',
              { partitionKey: place, rowKey: `rec|${record.ref}`, ...recordColumns(actionCodec, record), ...toChunks(record, record.ref) },
              'Replace',
            ]);
          for (const row of wordRows(record)) if (newest || row.rowKey.startsWith('wrd|workforc|')) batch.push(['upsert', row, 'Replace']);
          if (batch.length >= 95) {
            await ctx.raw.submitTransaction(batch);
            batch = [];
          }
        }
        if (batch.length) await ctx.raw.submitTransaction(batch);
      }),
    );
    ctx.store.metrics.reset();
    const result = await find(ctx.store, 'workforce');
    expect(result.found).to.have.length(25);
    // Newest first: the last one written is the newest.
    expect((result.found[0]!.stored.record as Action).description).to.equal('Workforce review 19999');
    expect(result.moreAtLeast).to.equal(true);
    expect(result.more).to.be.at.least(100);
    expect(result.indexRowsRead, 'the index is read in pages, and the ranking stops early').to.be.at.most(4 * 50 + 4 * 3);
    expect(ctx.store.metrics.transactions, 'a few queries a place, then only the 25 records shown').to.be.at.most(4 * 6 + 25);
    const card = searchResultsCard({
      query: 'workforce',
      results: result.found.map((f) => ({ record: f.stored.record as Action, match: f.match })),
      more: result.more,
      moreAtLeast: result.moreAtLeast,
    });
    expect(checkCard(card).bytes).to.be.below(40 * 1024);
    expect(cardText(card)).to.contain('25 found for “workforce”').and.contain('more matches not listed');
  });
});

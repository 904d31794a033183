import { expect } from 'chai';
import { applyActionCommand, type Action } from '../../../records/action.js';
import { packFile } from '../../../records/pack/packFiles.js';
import { packSourceFrom } from '../../../records/pack/source.js';
import { createRisk } from '../../../records/risk.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { createSignOff, type SignOffDraft } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { PACK_PAGE, type RecordStore, type Stored } from '../../../records/store/index.js';
import type { PlaceCode } from '../../../records/places.js';
import { Collector } from '../../unit/records/pack/packFixtures.js';
import { ALICE, BOB, CHAIR, createOk as createAt, draft, NOW, riskDraft, rows, useStore } from './support.js';

/** Actions are logged in April, so due dates before today are allowed when logged. */
const LOGGED = new Date('2026-04-01T10:00:00Z');
const createOk = (store: RecordStore, d: ReturnType<typeof draft>) => createAt(store, d, ALICE, LOGGED);

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function change(store: RecordStore, current: Stored<Action>, cmd: Parameters<typeof applyActionCommand>[2], at: Date) {
  const r = await store.update('action', current, applyActionCommand(current.record, CHAIR, cmd, at));
  if (!r.ok) throw new Error(r.refusal.message);
  return r.stored;
}

function signOffDraft(place: PlaceCode, route: SignOffDraft['route'] = 'between-meetings'): SignOffDraft {
  return {
    place,
    board: 'Blackpool Place Partnership Board',
    title: 'Terms of reference',
    summary: 'Terms of reference for approval.',
    itemType: 'terms-of-reference',
    route,
    approvers: [{ id: CHAIR.id, name: CHAIR.name }],
    dueBy: '2026-11-20',
    expiresOn: '2026-12-31',
  };
}

async function signOff(store: RecordStore, place: PlaceCode, route: SignOffDraft['route'], decideAt?: Date) {
  const asked = await store.create('signoff', place, (ref) =>
    createSignOff(signOffDraft(place, route), ref, ALICE, new Date('2026-09-25T10:00:00Z')),
  );
  if (!asked.ok) throw new Error(asked.refusal.message);
  if (!decideAt) return asked.stored;
  const decided = await store.update(
    'signoff',
    asked.stored,
    applySignOffCommand(asked.stored.record, CHAIR, { type: 'approve' }, decideAt),
  );
  if (!decided.ok) throw new Error(decided.refusal.message);
  return decided.stored;
}

const refsOf = (list: { ref: string }[]) => list.map((r) => r.ref);

describe('RecordStore (Azurite): a place’s records for the board pack, page by page', () => {
  const ctx = useStore();

  it('reads the action log as open actions by due date (overdue first), then those closed or cancelled in the window, and nothing of other places', async function () {
    this.timeout(60_000);
    const due = ['2026-12-20', '2026-11-01', '2027-02-01', '2026-11-25'];
    const open = [];
    for (const d of due) open.push(await createOk(ctx.store, draft('BPL', { dueDate: d })));
    const closedLongAgo = await createOk(ctx.store, draft('BPL'));
    await change(ctx.store, closedLongAgo.stored, { type: 'close', decision: 'Done' }, new Date('2026-05-01T10:00:00Z'));
    const closedLately = await createOk(ctx.store, draft('BPL'));
    await change(ctx.store, closedLately.stored, { type: 'cancel', decision: 'Superseded' }, new Date('2026-10-01T10:00:00Z'));
    await createOk(ctx.store, draft('SC'));

    const log = await all(ctx.store.actionLog('BPL', '2026-08-25'));
    expect(refsOf(log)).to.deep.equal(['BPL-A-0002', 'BPL-A-0004', 'BPL-A-0001', 'BPL-A-0003', 'BPL-A-0006']);
    expect(log.at(-1)!.status).to.equal('CANCELLED');
    expect((await rows(ctx.raw, 'BPL', 'idx|A|end|')).map((r) => r.rowKey)).to.deep.equal([
      'idx|A|end|2026-05-01|BPL-A-0005',
      'idx|A|end|2026-10-01|BPL-A-0006',
    ]);
  });

  it('finds actions closed before the store kept their closing date, once the start-up backfill has indexed them', async () => {
    const a = await createOk(ctx.store, draft('BPL'));
    await change(ctx.store, a.stored, { type: 'close', decision: 'Done' }, new Date('2026-11-01T10:00:00Z'));
    for (const r of await rows(ctx.raw, 'BPL', 'idx|A|end|')) await ctx.raw.deleteEntity('BPL', String(r.rowKey)); // as an older version wrote it
    expect(await all(ctx.store.actionLog('BPL', '2026-08-25'))).to.deep.equal([]);
    expect((await ctx.store.backfillIndexes()).ran).to.equal(true);
    expect(refsOf(await all(ctx.store.actionLog('BPL', '2026-08-25')))).to.deep.equal(['BPL-A-0001']);
  });

  it('reads past one page of index rows without missing or repeating a record', async function () {
    this.timeout(120_000);
    for (let i = 0; i < 230; i++) await createOk(ctx.store, draft('LAN', { dueDate: `2027-0${1 + (i % 9)}-1${i % 10}` }));
    const log = await all(ctx.store.actionLog('LAN', '2026-08-25'));
    expect(log).to.have.length(230);
    expect(new Set(refsOf(log)).size).to.equal(230);
    const dues = log.map((a) => a.dueDate);
    expect(dues).to.deep.equal([...dues].sort());
  });

  it('takes each action with its index row: 230 actions in 3 queries (2 pages of due rows, 1 of ended ones), no point reads', async function () {
    this.timeout(120_000);
    for (let i = 0; i < 230; i++) await createOk(ctx.store, draft('LAN', { dueDate: `2027-0${1 + (i % 9)}-1${i % 10}` }));
    ctx.store.metrics.reset();
    const log = await all(ctx.store.actionLog('LAN', '2026-08-25'));
    expect(log).to.have.length(230);
    // 2 pages of `due` rows (PACK_PAGE 200) and one (empty) page of `end` rows.
    expect(PACK_PAGE).to.equal(200);
    expect(ctx.store.metrics.transactions).to.equal(3);
  });

  it('the copy on the index row follows the record: an update is what the pack reads next', async () => {
    const a = await createOk(ctx.store, draft('BPL', { dueDate: '2026-12-01' }));
    await change(ctx.store, a.stored, { type: 'addUpdate', text: 'Draft schedule shared with partners' }, new Date('2026-11-02T10:00:00Z'));
    const [read] = await all(ctx.store.actionLog('BPL', '2026-08-25'));
    expect(read!.updates.map((u) => u.text)).to.deep.equal(['Draft schedule shared with partners']);
    expect(read).to.deep.equal((await ctx.store.get('action', a.stored.record.ref))!.record);
  });

  it('an index row without its record (as written before rows carried them) is read by a point read, in order', async () => {
    const older = await createOk(ctx.store, draft('BWD', { dueDate: '2026-12-01' }));
    await createOk(ctx.store, draft('BWD', { dueDate: '2026-12-02' }));
    // As an older version wrote it: the index row names the record and carries nothing else.
    const row = (await rows(ctx.raw, 'BWD', 'idx|A|due|2026-12-01|'))[0]!;
    expect(row.chunks, 'a new row carries its record').to.equal(1);
    await ctx.raw.upsertEntity({ partitionKey: 'BWD', rowKey: String(row.rowKey), ref: older.stored.record.ref }, 'Replace');
    ctx.store.metrics.reset();
    const log = await all(ctx.store.actionLog('BWD', '2026-08-25'));
    expect(refsOf(log)).to.deep.equal(['BWD-A-0001', 'BWD-A-0002']);
    expect(ctx.store.metrics.transactions, 'one query of due rows, one point read, one query of end rows').to.equal(3);
  });

  it('reads the open risk register highest current score first, leaving closed risks out', async () => {
    for (const [l, c] of [
      [2, 2],
      [5, 4],
      [3, 4],
      [5, 5],
    ] as const) {
      const r = await ctx.store.create('risk', 'BWD', (ref) => createRisk(riskDraft('BWD', l, c), ref, ALICE, NOW));
      if (!r.ok) throw new Error(r.refusal.message);
      if (l === 5 && c === 5) {
        const closed = await ctx.store.update(
          'risk',
          r.stored,
          applyRiskCommand(r.stored.record, { ...CHAIR, roles: ['chair'] }, { type: 'close', reason: 'Mitigated' }, NOW),
        );
        if (!closed.ok) throw new Error(closed.refusal.message);
      }
    }
    expect(refsOf(await all(ctx.store.openRiskRegister('BWD')))).to.deep.equal(['BWD-R-0002', 'BWD-R-0003', 'BWD-R-0001']);
  });

  it('reads sign-offs decided since a given instant, and chair’s actions awaiting ratification', async () => {
    await signOff(ctx.store, 'BPL', 'between-meetings', new Date('2026-10-01T10:00:00Z')); // before the window
    await signOff(ctx.store, 'BPL', 'between-meetings', new Date('2026-11-10T10:00:00Z')); // in it
    await signOff(ctx.store, 'BPL', 'between-meetings'); // still pending
    await signOff(ctx.store, 'BPL', 'chairs-action', new Date('2026-11-12T10:00:00Z')); // awaiting ratification
    expect(refsOf(await all(ctx.store.signOffsDecidedSince('BPL', '2026-11-01T00:00:00Z')))).to.deep.equal(['BPL-S-0002']);
    const ratify = await all(ctx.store.signOffsAwaitingRatificationIn('BPL'));
    expect(refsOf(ratify)).to.deep.equal(['BPL-S-0004']);
    expect(ratify[0]!.status).to.equal('AWAITING_RATIFICATION');
  });

  it('feeds a board pack made straight from storage, every record in it', async () => {
    await createOk(ctx.store, draft('BPL', { description: 'Agree the BCF section 75 schedule' }));
    const r = await ctx.store.create('risk', 'BPL', (ref) => createRisk(riskDraft('BPL', 4, 4), ref, ALICE, NOW));
    if (!r.ok) throw new Error(r.refusal.message);
    await signOff(ctx.store, 'BPL', 'chairs-action', new Date('2026-11-12T10:00:00Z'));
    const source = packSourceFrom(ctx.store, {
      place: 'BPL',
      board: 'Blackpool Place Partnership Board',
      madeAt: NOW,
      madeBy: BOB,
      decidedSince: new Date('2026-11-01T00:00:00Z'),
    });
    const out = new Collector();
    await packFile('boardPackHtml', source).writeTo(out);
    const page = out.bytes.toString('utf8');
    for (const text of ['Agree the BCF section 75 schedule', 'BPL-R-0001', 'BPL-S-0001', `for ${BOB.name}`]) expect(page).to.include(text);
  });

  it('lists “actions <place>” views from index rows: all open, overdue, proposed for closure, by priority, by owner, with a total past the limit', async () => {
    const a1 = await createOk(ctx.store, draft('SC', { dueDate: '2026-11-20', links: { priority: 'BCF' } }));
    const a2 = await createOk(ctx.store, draft('SC', { dueDate: '2026-12-01', owner: { id: BOB.id, name: BOB.name } }));
    await createOk(ctx.store, draft('SC', { dueDate: '2027-01-10', links: { priority: 'BCF' } }));
    const a4 = await createOk(ctx.store, draft('SC', { dueDate: '2026-11-01' }));
    await change(ctx.store, a2.stored, { type: 'proposeClosure' }, NOW);
    await change(ctx.store, a4.stored, { type: 'close', decision: 'Done' }, NOW);
    await createOk(ctx.store, draft('BPL', { dueDate: '2026-11-02' }));
    const list = async (view: Parameters<RecordStore['listPlaceActions']>[1], limit = 10) => {
      const r = await ctx.store.listPlaceActions('SC', view, limit);
      return { refs: refsOf(r.actions.map((s) => s.record)), total: r.total };
    };
    expect(await list({ kind: 'open' })).to.deep.equal({ refs: ['SC-A-0001', 'SC-A-0002', 'SC-A-0003'], total: 3 });
    expect(await list({ kind: 'open' }, 2)).to.deep.equal({ refs: ['SC-A-0001', 'SC-A-0002'], total: 3 });
    expect(await list({ kind: 'overdue', today: '2026-11-23' })).to.deep.equal({ refs: ['SC-A-0001'], total: 1 });
    expect(await list({ kind: 'proposed' })).to.deep.equal({ refs: ['SC-A-0002'], total: 1 });
    expect(await list({ kind: 'priority', priority: 'BCF' })).to.deep.equal({ refs: ['SC-A-0001', 'SC-A-0003'], total: 2 });
    expect(await list({ kind: 'owner', ownerId: BOB.id })).to.deep.equal({ refs: ['SC-A-0002'], total: 1 });
    expect(a1.stored.record.ref).to.equal('SC-A-0001');
  });
});

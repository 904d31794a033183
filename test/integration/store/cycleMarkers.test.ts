// The meeting cycle's once-only markers (records/store/cycleStore.ts) on real Table Storage: the
// insert-if-absent claim that one caller wins however many race, the ETag-checked take-over, and
// the window read that sees only the markers of the weeks a tick looks at.
import { expect } from 'chai';
import type { CycleNotice } from '../../../records/forumCycle.js';
import { noticeKey } from '../../../records/forumCycle.js';
import { CycleStore } from '../../../records/store/cycleStore.js';
import type { startStorage } from './support.js';
import { storageStarter } from './support.js';

const NOW = new Date('2026-12-03T08:15:00.000Z');
const notice = (over: Partial<CycleNotice> = {}): CycleNotice => ({
  kind: 'pack',
  place: 'BPL',
  forumRef: 'BPL-F-0001',
  forum: 'Blackpool Place Partnership Board',
  meetingDate: '2026-12-10',
  to: { id: 'aad-sam/odd#id?', name: 'Sam Patel' },
  title: 'Board pack for Blackpool Place Partnership Board',
  text: '…',
  ...over,
});

describe('Cycle notice markers (Table Storage): each notice claimed once', () => {
  let storage: Awaited<ReturnType<typeof startStorage>>;
  let markers: CycleStore;
  let n = 0;
  const start = storageStarter();
  before(async () => {
    storage = await start();
  });
  after(async () => {
    await storage?.dispose();
  });
  beforeEach(async () => {
    markers = CycleStore.fromConnection({
      connectionString: storage.connectionString,
      tableName: `cycle${++n}x${Date.now().toString(36)}`,
      httpClient: storage.httpClient,
    });
    await markers.ensureTable();
  });

  it('ten claims of one notice at once: exactly one wins (a person id with / # ? in it is kept as a key)', async () => {
    const key = noticeKey(notice());
    const results = await Promise.all(Array.from({ length: 10 }, () => markers.claim(CycleStore.markerOf(notice(), key, NOW))));
    expect(results.filter((r) => r.claimed)).to.have.length(1);
    const found = await markers.get('BPL', key);
    expect(found?.marker).to.deep.include({ state: 'claimed', personId: 'aad-sam/odd#id?', claimedAt: NOW.toISOString() });
  });

  it('a take-over is ETag-checked: of two holding the same version, the second is refused as stale', async () => {
    const key = noticeKey(notice());
    await markers.claim(CycleStore.markerOf(notice(), key, NOW));
    const held = (await markers.get('BPL', key))!;
    const taken = { ...held.marker, state: 'sending' as const, sendingAt: NOW.toISOString(), attempts: 1 };
    await markers.update(taken, held.etag);
    const stale = await markers.update(taken, held.etag).then(
      () => undefined,
      (err: unknown) => err as { code?: string },
    );
    expect(stale?.code).to.equal('STALE');
  });

  it('the window read finds only markers of meetings dated in the window, keyed as the notices are', async () => {
    for (const meetingDate of ['2026-10-01', '2026-11-20', '2026-12-10', '2027-02-11']) {
      const it = notice({ meetingDate });
      await markers.claim(CycleStore.markerOf(it, noticeKey(it), NOW));
    }
    const other = notice({ place: 'BWD', forumRef: 'BWD-F-0001' });
    await markers.claim(CycleStore.markerOf(other, noticeKey(other), NOW));
    const found = await markers.markersBetween('BPL', '2026-11-19', '2026-12-31');
    expect([...found.keys()].sort()).to.deep.equal([
      noticeKey(notice({ meetingDate: '2026-11-20' })),
      noticeKey(notice({ meetingDate: '2026-12-10' })),
    ]);
  });
});

// The weekly digest on Azurite with the real `digest` queue: claims, queue messages, posts.
import { expect } from 'chai';
import { POSTING_LEASE_MS, REQUEUE_AFTER_MS, type DigestDeps } from '../../../bot/digest/digestRun.js';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { auditEvent } from '../../../records/audit.js';
import { gatherDigestSources } from '../../../records/digestSources.js';
import { digestTimeOf } from '../../../records/schedule.js';
import { auditEntities } from '../../../records/store/entity.js';
import { startAzurite, type AzuriteFixture } from '../../support/azurite.js';
import { DigestRig } from './digestRig.js';

const WEEK = '2026-W48';
const MONDAY = digestTimeOf(WEEK); // Mon 23 Nov 2026 09:00 London = 09:00 UTC
const LINKED = new Date('2026-11-17T12:00:00Z'); // after the previous week's digest time
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minutes = (m: number, from: Date = MONDAY) => new Date(from.getTime() + m * 60_000);

describe('weekly digest on Azurite (claims, the digest queue, posts)', function () {
  this.timeout(120_000);
  let storage: AzuriteFixture;
  before(async () => {
    storage = await startAzurite();
  });
  after(async () => storage.dispose());

  async function rig(): Promise<DigestRig> {
    const r = new DigestRig(storage);
    await r.prepare();
    return r;
  }

  it('a simulated week of ticks over 4 places (every 15 minutes from Sunday to Tuesday morning, then hourly): one queue message and one post per place and channel', async () => {
    const r = await rig();
    const channels = await r.linkAll(LINKED);
    await r.logAction('BPL', new Date('2026-11-18T10:00:00Z'));
    let queued = 0;
    let posted = 0;
    // From the Sunday before to the Sunday after, every 15 minutes (UTC), draining after each tick.
    for (let t = minutes(-24 * 60 - 60); t < minutes(7 * 24 * 60 - 60); t = minutes(t < minutes(24 * 60) ? 15 : 60, t)) {
      const q = (await r.tick(t)).filter((l) => l.outcome === 'queued').length;
      queued += q;
      if (q) posted += (await r.drain(t)).filter((l) => l.outcome === 'posted').length;
    }
    expect(queued).to.equal(4); // the week before is not due: the channels were linked after its digest time
    expect(posted).to.equal(4);
    expect(r.posts.map((p) => p.conversationId).sort()).to.deep.equal([...channels].sort());
    const bpl = r.posts.find((p) => p.conversationId.includes('bpl'))!;
    expect(JSON.stringify(bpl.activity)).to.contain('Blackpool: weekly digest').and.contain('BPL-A-0001');
    const claim = await r.digests.get('BPL', WEEK, channels[0]!);
    expect(claim?.claim.state).to.equal('sent');
    expect(claim?.claim.activityId).to.equal(bpl.id);
  });

  it('nothing is claimed before Monday 09:00 London', async () => {
    const r = await rig();
    await r.linkAll(LINKED);
    expect(await r.tick(minutes(-1))).to.deep.equal([]);
    expect(await r.queue.approximateCount()).to.equal(0);
  });

  it('two tick runners racing (separate clients, 20 rounds at once): still one message per channel', async () => {
    const a = await rig();
    const b = a.twin();
    await a.linkAll(LINKED, 3);
    const lines = (await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tick(minutes(1))))).flat();
    expect(lines.filter((l) => l.outcome === 'queued')).to.have.length(12);
    expect(await a.queue.approximateCount()).to.equal(12);
    await a.drain(minutes(2));
    expect(a.posts).to.have.length(12);
    expect(new Set(a.posts.map((p) => p.conversationId)).size).to.equal(12);
  });

  it('a message for a week already sent is dropped, and a re-run posts nothing new', async () => {
    const r = await rig();
    await r.linkPlace('SC', ['19:sc@thread.tacv2'], LINKED);
    await r.tick(minutes(5));
    await r.drain(minutes(5));
    await r.queue.send({ place: 'SC', channelId: '19:sc@thread.tacv2', week: WEEK });
    const again = await r.drain(minutes(6));
    expect(again.map((l) => l.outcome)).to.deep.equal(['already sent']);
    expect(r.posts).to.have.length(1);
  });

  it('killed after claiming (message never enqueued): a later tick enqueues it again and it is posted once', async () => {
    const r = await rig();
    await r.linkPlace('BWD', ['19:bwd@thread.tacv2'], LINKED);
    await r.digests.claim('BWD', WEEK, '19:bwd@thread.tacv2', minutes(0)); // the crash: claimed, no message
    expect((await r.tick(minutes(5)))[0]!.outcome).to.equal('already claimed');
    const later = await r.tick(minutes(5 + REQUEUE_AFTER_MS / 60_000));
    expect(later[0]!.outcome).to.equal('requeued');
    expect((await r.tick(minutes(6 + REQUEUE_AFTER_MS / 60_000)))[0]!.outcome).to.equal('already claimed');
    await r.drain(minutes(30));
    expect(r.posts).to.have.length(1);
  });

  it('killed after writing "posting" but before the post: the re-run after the lease posts it once', async () => {
    const r = await rig();
    const channel = '19:lan@thread.tacv2';
    await r.linkPlace('LAN', [channel], LINKED);
    await r.tick(minutes(0));
    // The worker wrote `posting` and died before Teams saw anything.
    const found = (await r.digests.get('LAN', WEEK, channel))!;
    await r.digests.update({ ...found.claim, state: 'posting', postingAt: minutes(1).toISOString(), attempts: 1 }, found.etag);
    const soon = await r.drain(minutes(2));
    expect(soon.map((l) => l.outcome)).to.deep.equal(['busy']); // within the lease: left for later
    // The queue's retries ran out meanwhile; a tick after the lease enqueues it again.
    const ticked = await r.tick(minutes(2 + POSTING_LEASE_MS / 60_000));
    expect(ticked.map((l) => l.outcome)).to.deep.equal(['requeued']);
    const later = await r.drain(minutes(2 + POSTING_LEASE_MS / 60_000));
    expect(later.map((l) => l.outcome)).to.deep.equal(['posted']);
    expect(r.posts).to.have.length(1);
  });

  it('killed after the post but before marking it sent: the documented window, the re-run posts a second copy', async () => {
    const r = await rig();
    const channel = '19:bpl@thread.tacv2';
    await r.linkPlace('BPL', [channel], LINKED);
    let crashed = false;
    const dying = r.twin((d: DigestDeps) => ({
      ...d,
      digests: {
        ...d.digests,
        get: d.digests.get.bind(d.digests),
        claim: d.digests.claim.bind(d.digests),
        update: async (claim, etag) => {
          if (claim.state === 'sent' && !crashed) {
            crashed = true;
            throw new Error('process killed');
          }
          return d.digests.update(claim, etag);
        },
      },
    }));
    await r.tick(minutes(0));
    const [m] = await r.queue.receive(1, 1);
    await dying.service.work(m!.message, minutes(1)).catch((err: Error) => expect(err.message).to.equal('process killed'));
    expect(r.posts).to.have.length(1);
    expect((await r.digests.get('BPL', WEEK, channel))!.claim.state).to.equal('posting');
    // The message comes back (it was never deleted); after the lease the re-run posts again.
    await pause(1100);
    const rerun = await r.drain(minutes(1 + POSTING_LEASE_MS / 60_000));
    expect(rerun.map((l) => l.outcome)).to.deep.equal(['posted']);
    expect(r.posts).to.have.length(2);
    expect((await r.digests.get('BPL', WEEK, channel))!.claim).to.include({ state: 'sent', attempts: 2 });
  });

  it('killed after marking it sent (before the message was deleted): the re-run posts nothing', async () => {
    const r = await rig();
    const channel = '19:sc2@thread.tacv2';
    await r.linkPlace('SC', [channel], LINKED);
    await r.tick(minutes(0));
    const [m] = await r.queue.receive(1, 1);
    expect((await r.service.work(m!.message, minutes(1))).outcome).to.equal('posted'); // then killed: not deleted
    await pause(1100);
    const rerun = await r.drain(minutes(2));
    expect(rerun.map((l) => l.outcome)).to.deep.equal(['already sent']);
    expect(r.posts).to.have.length(1);
  });

  it('a channel answering 403 is recorded and stopped; the other channels are unaffected', async () => {
    const r = await rig();
    const channels = await r.linkAll(LINKED);
    r.refuse.set(channels[1]!, 403);
    await r.tick(minutes(0));
    const lines = await r.drain(minutes(1));
    expect(lines.filter((l) => l.outcome === 'posted')).to.have.length(3);
    const failed = lines.find((l) => l.outcome === 'failed')!;
    expect(failed.message.channelId).to.equal(channels[1]);
    expect(failed.reason).to.contain('HTTP 403');
    const claim = (await r.digests.get(failed.message.place, WEEK, channels[1]!))!.claim;
    expect(claim.state).to.equal('failed');
    const ref = await r.places.getChannelReference(failed.message.place, channels[1]!);
    expect(ref?.stopped?.reason).to.contain('403');
    const next = await r.tick(minutes(7 * 24 * 60));
    expect(next.find((l) => l.channelId === channels[1])).to.include({ outcome: 'skipped' });
  });

  it('a place with the digest off, or a channel linked after Monday 09:00, gets no digest that week', async () => {
    const r = await rig();
    await r.linkPlace('BPL', ['19:off@thread.tacv2'], LINKED, { digestEnabled: false });
    await r.linkPlace('SC', ['19:late@thread.tacv2'], minutes(60));
    const lines = await r.tick(minutes(90));
    expect(lines.map((l) => `${l.place} ${l.outcome} ${l.reason}`)).to.deep.equal([
      'BPL skipped digest is off for this place',
      'SC skipped linked after this week’s digest time; the first digest comes next Monday',
    ]);
  });

  it('the digest’s Table transactions follow the week, not the history: 3,000 older audit events cost what 300 do', async () => {
    // (100,000 older events take in-process Azurite far too long to load; the cost is structural:
    // one row-key range for the week, one read per changed record, the open-record queries.)
    const cost = async (older: number) => {
      const r = await rig();
      const raw = TableClient.fromConnectionString(storage.connectionString, `rec${r.suffix}`, { allowInsecureConnection: true });
      const batches: TransactionAction[][] = [];
      for (let i = 0; i < older; i += 100) {
        batches.push(
          Array.from({ length: Math.min(100, older - i) }, (_, k): TransactionAction => {
            const j = i + k;
            const at = new Date(MONDAY.getTime() - 8 * 86_400_000 - j * 60_000).toISOString();
            const ev = auditEvent(
              'action',
              { ref: `BPL-A-9${String(j % 999).padStart(3, '0')}`, place: 'BPL' },
              { id: 'x', name: 'X' },
              'addUpdate',
              at,
              { status: 'OPEN' },
              { status: 'IN_PROGRESS' },
            );
            return ['create', auditEntities(ev, `old${String(j).padStart(6, '0')}`)[0]!];
          }),
        );
      }
      for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map((b) => raw.submitTransaction(b)));
      for (let i = 0; i < 10; i++) await r.logAction('BPL', new Date(MONDAY.getTime() - 2 * 86_400_000 + i * 60_000));
      r.records.metrics.reset();
      const sources = await gatherDigestSources(
        r.records,
        { place: 'BPL', displayName: 'Blackpool', escalationThreshold: 15 },
        {},
        WEEK,
        minutes(5),
      );
      expect(sources.changed.actions).to.have.length(10);
      return r.records.metrics.transactions;
    };
    const small = await cost(300);
    const large = await cost(3_000);
    expect(large / small).to.be.at.most(1.5);
  });
});

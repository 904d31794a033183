// Digest figures for `npm run bench`: composition cost for a place with 1,000 vs 10,000 older
// audit events (Table transactions and time), and a 200-channel fan-out through the throttled
// sender with injected 429/502/504 (posts, retries, duplicates, time vs the rate-limit floor).
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { adapterPost, ProactiveSender, TEAMS_LIMITS } from '../bot/teams/sender.js';
import { applyActionCommand, createAction } from '../records/action.js';
import { auditEvent } from '../records/audit.js';
import { composeDigest } from '../records/digest.js';
import { gatherDigestSources } from '../records/digestSources.js';
import type { Actor } from '../records/people.js';
import { digestTimeOf } from '../records/schedule.js';
import { auditEntities } from '../records/store/entity.js';
import { RecordStore } from '../records/store/recordStore.js';
import { startAzurite } from '../test/support/azurite.js';
import { startFaultProxy } from '../test/support/faultProxy.js';
import { startPlayground } from '../test/support/playground.js';

const ACTOR: Actor = { id: 'aad-bench', name: 'Bench Mark', roles: ['admin'] };
const WEEK = '2026-W48';
const DUE = digestTimeOf(WEEK);
/** 100,000 older events take Azurite (in memory, one process) far too long to load here; 10,000 shows the shape. */
const HISTORY = 10_000;
const SETTINGS = { place: 'BPL' as const, displayName: 'Blackpool', escalationThreshold: 15 };

async function seedOlderEvents(raw: TableClient, count: number, before: Date): Promise<void> {
  const batches: TransactionAction[][] = [];
  for (let i = 0; i < count; i += 100) {
    const batch: TransactionAction[] = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      const at = new Date(before.getTime() - (j + 1) * 60_000).toISOString();
      const ev = auditEvent(
        'action',
        { ref: `BPL-A-9${String(j % 999).padStart(3, '0')}`, place: 'BPL' },
        ACTOR,
        'addUpdate',
        at,
        { status: 'OPEN' },
        { status: 'IN_PROGRESS' },
      );
      batch.push(['create', auditEntities(ev, `old${String(j).padStart(7, '0')}`)[0]!]);
    }
    batches.push(batch);
  }
  for (let i = 0; i < batches.length; i += 16) await Promise.all(batches.slice(i, i + 16).map((b) => raw.submitTransaction(b)));
}

/** The same week in a place (30 actions logged, 10 of them updated) on top of `history` older events. */
async function placeWithHistory(connectionString: string, table: string, history: number): Promise<RecordStore> {
  const store = RecordStore.fromConnection({ connectionString, tableName: table });
  await store.ensureTable();
  const raw = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
  await seedOlderEvents(raw, history, new Date(DUE.getTime() - 8 * 86_400_000));
  for (let i = 0; i < 30; i++) {
    const at = new Date(DUE.getTime() - (3 * 86_400_000 - i * 60_000));
    const res = await store.create('action', 'BPL', (ref) =>
      createAction(
        {
          place: 'BPL',
          description: `Week action ${i}`,
          owner: { id: `o${i % 5}`, name: `Owner ${i % 5}` },
          dueDate: '2026-12-01',
          links: {},
        },
        ref,
        ACTOR,
        at,
      ),
    );
    if (res.ok && i % 3 === 0)
      await store.update(
        'action',
        res.stored,
        applyActionCommand(res.stored.record, ACTOR, { type: 'addUpdate', text: 'Progress' }, new Date(at.getTime() + 60_000)),
      );
  }
  return store;
}

async function composeCost(store: RecordStore, runs = 5): Promise<{ tx: number; ms: number; sections: number }> {
  const times: number[] = [];
  let sections = 0;
  store.metrics.reset();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const digest = composeDigest(await gatherDigestSources(store, SETTINGS, {}, WEEK, new Date(DUE.getTime() + 5 * 60_000)));
    times.push(performance.now() - t);
    sections = digest.sections.length;
  }
  times.sort((a, b) => a - b);
  return { tx: store.metrics.transactions / runs, ms: times[Math.floor(runs / 2)]!, sections };
}

export async function benchDigest(): Promise<void> {
  const azurite = await startAzurite();
  try {
    console.log('\nWeekly digest composition for one place (30 new actions in the week; older history as audit events):');
    const rows: string[] = [];
    const results: Record<number, { tx: number; ms: number; sections: number; seedS: number }> = {};
    for (const history of [1_000, HISTORY]) {
      const t = performance.now();
      const store = await placeWithHistory(azurite.connectionString, `digest${history}`, history);
      const seedS = (performance.now() - t) / 1000;
      results[history] = { ...(await composeCost(store)), seedS };
      rows.push(
        `  ${history.toLocaleString('en-GB').padStart(7)} older events: ${results[history]!.tx.toFixed(1)} Table transactions, median ${results[history]!.ms.toFixed(1)} ms, ${results[history]!.sections} sections (seeded in ${seedS.toFixed(0)} s)`,
      );
    }
    for (const r of rows) console.log(r);
    const a = results[1_000]!;
    const b = results[HISTORY]!;
    console.log(
      `  ratio ${HISTORY.toLocaleString('en-GB')} vs 1,000: transactions ${(b.tx / a.tx).toFixed(2)}×, time ${(b.ms / a.ms).toFixed(2)}×  (the window is one row-key range; Azurite scans in memory)`,
    );
  } finally {
    await azurite.dispose();
  }

  const idleBot = createServer((_req, res) => res.writeHead(200).end());
  await new Promise<void>((r) => idleBot.listen(0, '127.0.0.1', r));
  const pg = await startPlayground({ endpoint: `http://127.0.0.1:${(idleBot.address() as { port: number }).port}/api/messages` });
  const proxy = await startFaultProxy(pg.url, pg.config.team.channels[0]!.id, {
    throttle: 0.15,
    badGateway: 0.05,
    gatewayTimeout: 0.05,
    retryAfterSeconds: 1,
    seed: 7,
  });
  try {
    const sender = new ProactiveSender(
      adapterPost(new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }), ''),
    );
    const n = 200;
    const t = performance.now();
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        sender.send(
          {
            channelId: 'msteams',
            serviceUrl: proxy.serviceUrl,
            conversation: { id: `bench-${i}`, isGroup: true, conversationType: 'channel', tenantId: pg.config.tenantId } as never,
          },
          { type: 'message', text: `Bench #${i}` },
        ),
      ),
    );
    const seconds = (performance.now() - t) / 1000;
    const floor = n / TEAMS_LIMITS.perTenant[0]!.limit;
    const lost = results.filter((r) => !r.ok).length + (n - proxy.delivered.size);
    const duplicated = [...proxy.delivered.values()].filter((c) => c > 1).length;
    console.log(
      '\nFan-out of 200 channels through the sender (fault proxy before the Agents Playground: 15% 429 with Retry-After 1 s, 5% 502, 5% 504):',
    );
    console.log(`  posts delivered ${proxy.delivered.size}, lost ${lost}, duplicated ${duplicated}`);
    console.log(
      `  attempts ${proxy.counts.attempts} (429: ${proxy.counts.throttled}, 502: ${proxy.counts.badGateway}, 504: ${proxy.counts.gatewayTimeout}); retries by botbuilder ${proxy.counts.attempts - n - sender.stats.retries}, by the sender ${sender.stats.retries}`,
    );
    console.log(`  total ${seconds.toFixed(1)} s vs floor ${floor.toFixed(1)} s (30/s per tenant): ${(seconds / floor).toFixed(2)}×`);
  } finally {
    await proxy.stop();
    await pg.stop();
    await new Promise<void>((r) => idleBot.close(() => r()));
  }
}

// The sender against injected throttling: the Playground never answers 429, so a proxy of the
// tests' own sits in front of its connector and answers 429 (with Retry-After), 502 and 504 to a
// share of posts. Fan-out of 200 channels through botbuilder (which retries a 429 itself) and the
// sender: none lost, none duplicated, and the time against the floor Teams' limits impose.
import { expect } from 'chai';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { adapterPost, ProactiveSender, TEAMS_LIMITS } from '../../bot/teams/sender.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { startPlayground } from '../support/playground.js';
import type { Playground } from '../support/playgroundTypes.js';
import { createServer, type Server } from 'node:http';

export const FAN_OUT = 200;

describe('Proactive fan-out under throttling (fault-injecting proxy before the Agents Playground)', function () {
  this.timeout(120_000);
  let pg: Playground;
  let proxy: FaultProxy;
  let idleBot: Server;

  before(async () => {
    // The Playground wants a bot endpoint to exist; nothing is sent to it here.
    idleBot = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((r) => idleBot.listen(0, '127.0.0.1', r));
    pg = await startPlayground({ endpoint: `http://127.0.0.1:${(idleBot.address() as { port: number }).port}/api/messages` });
    proxy = await startFaultProxy(pg.url, pg.config.team.channels[0]!.id, {
      throttle: 0.15,
      badGateway: 0.05,
      gatewayTimeout: 0.05,
      retryAfterSeconds: 1,
      seed: 42,
    });
  });
  after(async () => {
    await proxy?.stop();
    await pg?.stop();
    await new Promise<void>((r) => idleBot?.close(() => r()));
  });

  it(`${FAN_OUT} channels: every post arrives exactly once, and never faster than 30 a second per tenant`, async () => {
    const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
    const sender = new ProactiveSender(adapterPost(adapter, ''));
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: FAN_OUT }, (_, i) =>
        sender.send(
          {
            channelId: 'msteams',
            serviceUrl: proxy.serviceUrl,
            conversation: { id: `fan-out-${i}`, isGroup: true, conversationType: 'channel', tenantId: pg.config.tenantId } as never,
          },
          { type: 'message', text: `Digest fan-out #${i}` },
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const floor = FAN_OUT / TEAMS_LIMITS.perTenant[0]!.limit;
    const failed = results.filter((r) => !r.ok);
    expect(failed, JSON.stringify(failed.slice(0, 3))).to.deep.equal([]);
    const duplicated = [...proxy.delivered.values()].filter((n) => n > 1).length;
    expect(proxy.delivered.size, 'channels that got their post').to.equal(FAN_OUT);
    expect(duplicated, 'channels posted twice').to.equal(0);
    expect(proxy.counts.throttled + proxy.counts.badGateway + proxy.counts.gatewayTimeout, 'faults injected').to.be.greaterThan(20);
    const replies = await pg.waitForReplies(0, FAN_OUT, 30_000);
    expect(new Set(replies.map((r) => r.text)).size, 'distinct posts in the Playground channel').to.equal(FAN_OUT);
    console.log(
      `      ${FAN_OUT} posts in ${seconds.toFixed(1)} s (floor ${floor.toFixed(1)} s at ${TEAMS_LIMITS.perTenant[0]!.limit}/s per tenant); ` +
        `attempts seen by the proxy ${proxy.counts.attempts} (429: ${proxy.counts.throttled}, 502: ${proxy.counts.badGateway}, 504: ${proxy.counts.gatewayTimeout}); ` +
        `sender retries ${sender.stats.retries}`,
    );
    expect(seconds).to.be.at.least(floor * 0.95);
  });
});

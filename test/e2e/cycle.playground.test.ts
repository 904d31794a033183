// End to end through the Agents Playground with the demo data: `npm run digest -- --at <instant>`
// five working days before the Blackpool Place Partnership Board meets (the second Thursday)
// offers its board pack to the secretary in her personal chat, once; run again, it offers nothing.
// Real Playground, real bot host, real Azurite.
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { DEMO_CHANNEL, DEMO_PEOPLE, demoChannelReference, loadDemoData } from '../../functions/demoData.js';
import { runDigestCli } from '../../functions/digestCli.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { startPlayground } from '../support/playground.js';
import { MOCK_TENANT } from '../support/playgroundTenant.js';
import type { Playground, Reply } from '../support/playgroundTypes.js';
import { texts } from './stack.js';

/** The test tenant with the demo's people (as scripts/playground.yml, which `npm start` runs): Sam is the current user. */
const demoIds = [DEMO_PEOPLE.helen, DEMO_PEOPLE.imran, DEMO_PEOPLE.ruth, DEMO_PEOPLE.tom];
const DEMO_TENANT = {
  ...MOCK_TENANT,
  currentUser: { ...MOCK_TENANT.currentUser, aadObjectId: DEMO_PEOPLE.sam.id },
  users: MOCK_TENANT.users.map((u, i) => (demoIds[i] ? { ...u, aadObjectId: demoIds[i].id } : u)),
};

/** 08:05 UK time on the Thursday a week before next month's second Thursday (the demo Blackpool board's rhythm). */
function fiveWorkingDaysBeforeBoard(): { at: string; meets: string } {
  const month = DateTime.now().setZone('Europe/London').startOf('month').plus({ months: 1 });
  const secondThursday = month.plus({ days: ((4 - month.weekday + 7) % 7) + 7 });
  const at = secondThursday.minus({ days: 7 }).set({ hour: 8, minute: 5 });
  return { at: at.toUTC().toISO()!, meets: secondThursday.setLocale('en-GB').toFormat('ccc d LLL yyyy') };
}

describe('The meeting cycle from the demo forums’ rhythm (Agents Playground)', function () {
  this.timeout(90_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString }));
    await prepareStorage(runtime);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages`, config: DEMO_TENANT });
    expect(await loadDemoData(runtime)).to.equal(true);
    // The demo's Blackpool channel, reached through this Playground (not the one `npm start` would run).
    await runtime.places.saveChannelReference(
      'BPL',
      DEMO_CHANNEL.id,
      demoChannelReference(`http://localhost:${pg.port}/_connector`),
      new Date(),
    );
  });
  after(async () => {
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('five working days before the Blackpool board meets: its pack is offered to Sam 1:1, once; run again, nothing', async () => {
    await pg.send('help'); // Sam's personal chat with the bot, which the cycle sends to
    await pg.nextReply({ conversationId: pg.personalChatId });
    const { at, meets } = fiveWorkingDaysBeforeBoard();
    const env = { STORAGE_CONNECTION_STRING: storage.connectionString };
    const first: string[] = [];
    expect(await runDigestCli(['--at', at, '--wait', '0'], env, (l) => first.push(l))).to.equal(0);
    const offered = first.filter(
      (l) => l.startsWith(`Blackpool · Blackpool Place Partnership Board (${meets}`) && l.includes('board pack for Sam Patel'),
    );
    expect(offered).to.have.length(1);
    expect(offered[0], first.join('\n')).to.match(/: offered \(activity .+\)$/);
    // Sam is the demo's secretary of every forum: find the Blackpool board's offer among what reached the chat.
    const seen: Reply[] = [];
    while (!seen.some((r) => r.card && texts(r.card).join('\n').includes('Board pack for Blackpool Place Partnership Board')))
      seen.push(await pg.nextReply({ conversationId: pg.personalChatId, timeoutMs: 15_000 }));
    const offer = seen.find((r) => r.card && texts(r.card).join('\n').includes('Board pack for Blackpool Place Partnership Board'))!;
    expect(texts(offer.card!).join('\n')).to.contain(`meets on ${meets}, in 5 working days`);
    // Drain what the first run sent, then run again.
    for (;;) {
      const more = await pg.nextReply({ conversationId: pg.personalChatId, timeoutMs: 1500 }).catch(() => undefined);
      if (!more) break;
    }
    const second: string[] = [];
    await runDigestCli(['--at', at, '--wait', '0'], env, (l) => second.push(l));
    const again = second.filter(
      (l) => l.startsWith('Blackpool · Blackpool Place Partnership Board') && l.includes('board pack for Sam Patel'),
    );
    expect(again).to.have.length(1);
    expect(again[0]).to.match(/: already offered \(activity .+\)$/);
    expect(second.filter((l) => / (offered|sent) \(activity/.test(l) && !/already (offered|sent)/.test(l))).to.deep.equal([]);
    await pg.nextReply({ conversationId: pg.personalChatId, timeoutMs: 1000 }).then(
      (r) => expect.fail(`a second message arrived: ${JSON.stringify(r.card ?? r.text).slice(0, 200)}`),
      () => undefined,
    );
  });
});

// The HTTP surface the Functions app exposes, served by the local host.
import { expect } from 'chai';
import { request as httpRequest, Agent } from 'node:http';
import { BotHarness, invokeActivity, messageActivity } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

/** One POST over a given agent (so keep-alive reuse can be watched); resolves with the status. */
function postWith(agent: Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('The Functions app over HTTP', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  before(async () => {
    bot = await BotHarness.start();
  });
  after(async () => bot?.stop());

  it('GET /api/health says ok with the version when storage answers', async () => {
    const res = await fetch(`${bot.host.url}/api/health`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ok', version: bot.runtime.settings.version, storage: 'ok' });
  });

  it('GET /api/health answers 503 "unreachable" while storage is down, and ok again after', async () => {
    await bot.storage.stop();
    try {
      const res = await fetch(`${bot.host.url}/api/health`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.include({ status: 'degraded', storage: 'unreachable' });
    } finally {
      await bot.storage.restart();
    }
    expect((await fetch(`${bot.host.url}/api/health`)).status).to.equal(200);
  });

  it('answers 404 for an unknown path and 405 for the wrong method', async () => {
    expect((await fetch(`${bot.host.url}/api/nothing`)).status).to.equal(404);
    expect((await fetch(`${bot.host.url}/api/messages`)).status).to.equal(405);
  });

  it('refuses a body over 1 MB with 413 before the bot sees it', async () => {
    const res = await fetch(`${bot.host.url}/api/messages`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).to.equal(413);
  });

  it('after a 413 the next request on a kept-alive connection is answered, not reset', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const url = `${bot.host.url}/api/messages`;
      expect(await postWith(agent, url, 'x'.repeat(1024 * 1024 + 10))).to.equal(413);
      expect(await postWith(agent, url, JSON.stringify(messageActivity(bot.serviceUrl, 'help')))).to.equal(200);
      expect(await postWith(agent, url, JSON.stringify(messageActivity(bot.serviceUrl, 'help')))).to.equal(200);
    } finally {
      agent.destroy();
    }
  });

  it('answers 400, with no error text, to activities without a type or with a wrong-typed one', async () => {
    for (const body of [{}, { ...messageActivity(bot.serviceUrl, 'hi'), type: undefined }, { ...messageActivity(bot.serviceUrl, 'hi'), type: 42 }]) {
      const res = await bot.post(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body).to.equal(undefined);
    }
  });

  it('answers 400 to invokes and messages with a malformed envelope', async () => {
    const invoke = invokeActivity(bot.serviceUrl, 'help');
    const message = messageActivity(bot.serviceUrl, 'help');
    const malformed: object[] = [
      { ...invoke, from: undefined },
      { ...invoke, conversation: undefined },
      { ...invoke, recipient: undefined },
      { ...invoke, channelId: undefined },
      { ...invoke, name: undefined },
      { ...invoke, value: 'not an action' },
      { ...message, locale: 42 },
      { ...message, recipient: { id: 42, name: [] } },
      { ...message, from: { ...message.from, name: { first: 'Alex' } } },
      { ...invoke, from: { ...invoke.from, name: 7 } },
      { ...message, text: { not: 'text' } },
    ];
    for (const body of malformed) {
      const res = await bot.post(body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).to.equal(400);
      expect(res.body).to.equal(undefined);
    }
  });

  it('a button the app does not know (an old card, a typo) gets a friendly "out of date" card, 200', async () => {
    const card = await bot.click('action.noSuchThing', { ref: 'BPL-A-0001' });
    expect(cardText(card)).to.contain('This card is out of date');
    const res = await bot.post({ ...invokeActivity(bot.serviceUrl, 'x'), value: { action: { type: 'Action.Execute' } } });
    expect(res.status).to.equal(200);
    expect(cardText((res.body as { value: unknown }).value)).to.contain('This card is out of date');
  });

  it('an invoke the app does not handle is 400, not a server error', async () => {
    const res = await bot.post({ ...invokeActivity(bot.serviceUrl, 'help'), name: 'composeExtension/query', value: {} });
    expect(res.status).to.equal(400);
  });

  it('answers 400 to a body that is not an activity', async () => {
    const res = await fetch(`${bot.host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).to.equal(400);
  });

  it('listens on loopback only without credentials', async () => {
    expect(new URL(bot.host.url).hostname).to.equal('127.0.0.1');
  });
});

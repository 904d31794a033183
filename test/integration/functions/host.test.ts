// The HTTP surface the Functions app exposes, served by the local host.
import { expect } from 'chai';
import { request as httpRequest, Agent } from 'node:http';
import { BotHarness, invokeActivity, messageActivity } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { rawPost } from '../../support/rawHttp.js';

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
    const res = await fetch(`${bot.host.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(res.status).to.equal(413);
  });

  describe('the body is read only as far as 256 KB', () => {
    const url = () => `${bot.host.url}/api/messages`;
    const json = { 'content-type': 'application/json' };

    it('a Content-Length over 256 KB is 413 at once, before any of the body is read', async () => {
      const res = await rawPost(url(), { headers: { ...json, 'content-length': 256 * 1024 + 1 }, chunks: ['{"type":'], end: false });
      expect(res.status).to.equal(413);
    });

    it('a body sent without a Content-Length that grows past 256 KB is 413', async () => {
      const activity = messageActivity(bot.serviceUrl, 'help');
      const padded = JSON.stringify({ ...activity, padding: 'x'.repeat(260 * 1024) });
      const res = await rawPost(url(), {
        headers: { ...json, 'transfer-encoding': 'chunked' },
        chunks: [padded.slice(0, 100_000), padded.slice(100_000)],
      });
      expect(res.status).to.equal(413);
    });

    it('an activity of just under 256 KB is still answered', async () => {
      const activity = messageActivity(bot.serviceUrl, 'help');
      const body = JSON.stringify({ ...activity, padding: 'x'.repeat(250 * 1024) });
      expect(Buffer.byteLength(body)).to.be.below(256 * 1024);
      expect(await postWith(new Agent(), url(), body)).to.equal(200);
    });
  });

  describe('only the Playground (or Teams) can drive the local host, not a web page', () => {
    const url = () => `${bot.host.url}/api/messages`;
    const help = () => JSON.stringify(messageActivity(bot.serviceUrl, 'help'));

    it('refuses an activity sent as text/plain, or with no content type, with 415 and sends nothing', async () => {
      const before = bot.replies.length;
      for (const type of [
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        undefined,
      ]) {
        const body = help();
        const headers: Record<string, string | number> = {
          'content-length': Buffer.byteLength(body),
          ...(type ? { 'content-type': type } : {}),
        };
        expect((await rawPost(url(), { headers, chunks: [body] })).status, String(type)).to.equal(415);
      }
      expect(bot.replies.length).to.equal(before);
    });

    it('accepts application/json, with a charset too', async () => {
      const body = help();
      const res = await rawPost(url(), {
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
        chunks: [body],
      });
      expect(res.status).to.equal(200);
    });

    it('refuses a request from a web page of any other origin with 403', async () => {
      const before = bot.replies.length;
      for (const origin of ['https://evil.example', 'http://localhost:8080', 'null', 'http://127.0.0.1.evil.example:56150']) {
        const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: help() });
        expect(res.status, origin).to.equal(403);
      }
      expect(bot.replies.length).to.equal(before);
    });

    it("accepts the Playground's own origin", async () => {
      const playground = new URL(bot.runtime.settings.DEMO_SERVICE_URL).origin;
      const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', origin: playground }, body: help() });
      expect(res.status).to.equal(200);
    });

    it('refuses a Host header that is not this host (a DNS-rebinding page) with 421', async () => {
      const before = bot.replies.length;
      const { port } = new URL(bot.host.url);
      for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${Number(port) + 1}`]) {
        const body = help();
        const res = await rawPost(url(), {
          headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          chunks: [body],
        });
        expect(res.status, host).to.equal(421);
      }
      expect(bot.replies.length).to.equal(before);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const body = help();
        const res = await rawPost(url(), {
          headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          chunks: [body],
        });
        expect(res.status, host).to.equal(200);
      }
    });
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
    for (const body of [
      {},
      { ...messageActivity(bot.serviceUrl, 'hi'), type: undefined },
      { ...messageActivity(bot.serviceUrl, 'hi'), type: 42 },
    ]) {
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
    const res = await fetch(`${bot.host.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).to.equal(400);
  });

  it('listens on loopback only without credentials', async () => {
    expect(new URL(bot.host.url).hostname).to.equal('127.0.0.1');
  });
});

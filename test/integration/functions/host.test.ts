// The HTTP surface the Functions app exposes, served by the local host.
import { expect } from 'chai';
import { BotHarness } from '../../support/botHarness.js';

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

  it('answers 400 to a body that is not an activity', async () => {
    const res = await fetch(`${bot.host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).to.equal(400);
  });

  it('listens on loopback only without credentials', async () => {
    expect(new URL(bot.host.url).hostname).to.equal('127.0.0.1');
  });
});

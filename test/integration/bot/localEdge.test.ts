// No-auth local mode (no MicrosoftAppId): a request cannot make the bot call another host, or
// fail on an id it cannot send back. A serviceUrl off this machine, or a conversation id with
// characters illegal in an HTTP header or a URL path, is 400 at once, before any outbound call;
// the same activity from loopback with a sendable id is answered as usual.
import { expect } from 'chai';
import { BotHarness, invokeActivity, messageActivity } from '../../support/botHarness.js';

describe('Local mode edge: only loopback, only ids that can be sent back (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({ clock: () => new Date('2026-11-23T10:00:00Z') });
  });
  after(async () => bot?.stop());

  async function timed(activity: object) {
    const started = Date.now();
    const before = bot.replies.length + bot.updates.length;
    const { status } = await bot.post(activity);
    return { status, ms: Date.now() - started, sent: bot.replies.length + bot.updates.length - before };
  }

  it('a serviceUrl that is not this machine gets 400 at once, and the bot calls nothing', async () => {
    for (const serviceUrl of [
      'http://10.255.255.1:9/',
      'https://smba.trafficmanager.net/emea/',
      'http://127.0.0.1.example.com/',
      'http://user:pw@127.0.0.1:9/',
      'ftp://127.0.0.1/',
    ]) {
      const said = await timed(messageActivity(serviceUrl, 'help'));
      expect(said, serviceUrl).to.include({ status: 400, sent: 0 });
      expect(said.ms, serviceUrl).to.be.below(2000);
      const clicked = await timed(invokeActivity(serviceUrl, 'action.view', { ref: 'BPL-A-0001' }));
      expect(clicked, serviceUrl).to.include({ status: 400, sent: 0 });
    }
  });

  it('a conversation id with characters illegal in a header or URL path (line break, non-Latin-1, lone surrogate, space, control) gets 400, and nothing is sent', async () => {
    for (const conversationId of [
      'a:personal\r\nX-Injected: 1',
      'a:personal-€',
      'a:personal-\uD800',
      'a:personal chat',
      'a:personal\u0000',
    ]) {
      const said = await timed(messageActivity(bot.serviceUrl, 'help', { conversationId }));
      expect(said, JSON.stringify(conversationId)).to.include({ status: 400, sent: 0 });
    }
    const activity = { ...messageActivity(bot.serviceUrl, 'help'), id: 'activity-\u2028' };
    expect(await timed(activity)).to.include({ status: 400, sent: 0 });
  });

  it('the same requests from loopback with sendable ids are answered as usual (127.0.0.1, localhost)', async () => {
    expect(await timed(messageActivity(bot.serviceUrl, 'help'))).to.include({ status: 200, sent: 1 });
    const port = new URL(bot.serviceUrl).port;
    expect(await timed(messageActivity(`http://localhost:${port}/`, 'help'))).to.include({ status: 200, sent: 1 });
    expect(
      (await timed(messageActivity(bot.serviceUrl, 'help', { conversationId: '19:abc@thread.tacv2;messageid=1697' }))).status,
    ).to.equal(200);
  });
});

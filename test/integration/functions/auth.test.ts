// With bot credentials configured, /api/messages accepts only activities carrying a Bot
// Framework token signed by a key from the configured OpenID metadata. Here that metadata and
// its signing key are served on loopback, so every case runs offline against real botbuilder.
import { expect } from 'chai';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { BotHarness, invokeActivity } from '../../support/botHarness.js';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] } };
}

describe('Only Teams can talk to the bot when credentials are configured', function () {
  this.timeout(30_000);
  const appId = randomUUID();
  const trusted = newKey();
  const stranger = newKey();
  let metadata: Server;
  let bot: BotHarness;

  function token(overrides: Record<string, unknown> = {}, key: SigningKey = trusted): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://api.botframework.com', aud: appId, serviceurl: bot.serviceUrl, iat: now, nbf: now - 10, exp: now + 600, ...overrides };
    return jwt.sign(claims, key.privateKey, { algorithm: 'RS256', keyid: key.kid });
  }

  const helpInvoke = () => invokeActivity(bot.serviceUrl, 'help');

  before(async () => {
    metadata = createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      if (req.url === '/openid') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
      } else if (req.url === '/keys') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [trusted.jwk] }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    bot = await BotHarness.start({
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: randomUUID(), // generated per run: never a real secret
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: randomUUID(),
        BotOpenIdMetadata: `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`,
      },
    });
  });
  after(async () => {
    await bot?.stop();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  });

  it('refuses a request with no Authorization header (401)', async () => {
    expect((await bot.post(helpInvoke())).status).to.equal(401);
  });

  it('refuses a junk bearer token (401)', async () => {
    expect((await bot.post(helpInvoke(), { authorization: 'Bearer not-a-token' })).status).to.equal(401);
  });

  it('accepts a token signed by the channel\'s published key, for this bot', async () => {
    const res = await bot.post(helpInvoke(), { authorization: `Bearer ${token()}` });
    expect(res.status).to.equal(200);
    expect((res.body as { type: string }).type).to.equal('application/vnd.microsoft.card.adaptive');
  });

  it('refuses a token signed by any other key (forged)', async () => {
    expect((await bot.post(helpInvoke(), { authorization: `Bearer ${token({}, stranger)}` })).status).to.equal(401);
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const res = await bot.post(helpInvoke(), { authorization: `Bearer ${token({ iat: past - 600, nbf: past - 600, exp: past })}` });
    expect(res.status).to.equal(401);
  });

  it('refuses a token issued for another bot', async () => {
    expect((await bot.post(helpInvoke(), { authorization: `Bearer ${token({ aud: randomUUID() })}` })).status).to.equal(401);
  });

  it('refuses a token from another issuer', async () => {
    expect((await bot.post(helpInvoke(), { authorization: `Bearer ${token({ iss: 'https://issuer.example' })}` })).status).to.equal(401);
  });

  it('refuses a token minted for a different service URL', async () => {
    expect((await bot.post(helpInvoke(), { authorization: `Bearer ${token({ serviceurl: 'https://smba.example/' })}` })).status).to.equal(401);
  });
});

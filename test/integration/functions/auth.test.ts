// With bot credentials configured, /api/messages accepts only activities carrying a Bot
// Framework token signed by a key from the configured OpenID metadata. Here that metadata and
// its signing key are served on loopback, so every case runs offline against real botbuilder.
import { expect } from 'chai';
import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, get as httpGet, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, BotHarness, invokeActivity, messageActivity } from '../../support/botHarness.js';
import { rawPost } from '../../support/rawHttp.js';

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
    const claims = {
      iss: 'https://api.botframework.com',
      aud: appId,
      serviceurl: bot.serviceUrl,
      iat: now,
      nbf: now - 10,
      exp: now + 600,
      ...overrides,
    };
    return jwt.sign(claims, key.privateKey, { algorithm: 'RS256', keyid: key.kid });
  }

  const helpInvoke = () => invokeActivity(bot.serviceUrl, 'help');

  /** A JWT assembled by hand: for the forgeries a signing library refuses to make. */
  function handMade(header: object, claims: object, sign: (input: string) => string): string {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b64(header)}.${b64(claims)}`;
    return `${input}.${sign(input)}`;
  }
  function claims(overrides: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: 'https://api.botframework.com',
      aud: appId,
      serviceurl: bot.serviceUrl,
      iat: now,
      nbf: now - 10,
      exp: now + 600,
      ...overrides,
    };
  }

  /** Every host this process opens a TCP connection to while `run` runs. */
  async function connectionsDuring(run: () => Promise<void>): Promise<string[]> {
    const hosts: string[] = [];
    const original = Socket.prototype.connect;
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      // net.connect passes its arguments already normalised, as one array.
      const given = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      const first = given[0] as { host?: string; path?: string } | number | string;
      hosts.push(
        typeof first === 'object' && first !== null ? String(first.host ?? first.path ?? 'localhost') : String(given[1] ?? 'localhost'),
      );
      return (original as (...a: unknown[]) => Socket).apply(this, args);
    } as typeof original;
    try {
      await run();
    } finally {
      Socket.prototype.connect = original;
    }
    return hosts;
  }
  const loopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

  before(async () => {
    metadata = createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      if (req.url === '/openid') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
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
        // The harness's activities come from tenant-1: this bot's own tenant, so ALLOWED_TENANT_IDS defaults to it.
        MicrosoftAppTenantId: 'tenant-1',
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

  it('refuses a request with no Authorization header (401) without reading its body', async () => {
    // The body is announced but never finished: a host that reads it before checking would hang.
    const res = await rawPost(`${bot.host.url}/api/messages`, {
      headers: { 'content-type': 'application/json', 'content-length': 200 * 1024 },
      chunks: [JSON.stringify(helpInvoke()).slice(0, 100)],
      end: false,
    });
    expect(res.status).to.equal(401);
  });

  it('refuses a junk bearer token (401)', async () => {
    expect((await bot.post(helpInvoke(), { authorization: 'Bearer not-a-token' })).status).to.equal(401);
  });

  it("accepts a token signed by the channel's published key, for this bot", async () => {
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
    expect((await bot.post(helpInvoke(), { authorization: `Bearer ${token({ serviceurl: 'https://smba.example/' })}` })).status).to.equal(
      401,
    );
  });

  describe('forged tokens: every one is 401 with no body, and nothing outside this machine is called', () => {
    const forgeries: Record<string, () => string> = {
      'signed by another key but carrying the trusted kid': () =>
        jwt.sign(claims(), stranger.privateKey, { algorithm: 'RS256', keyid: trusted.kid }),
      'alg "none" with the trusted kid': () => handMade({ alg: 'none', typ: 'JWT', kid: trusted.kid }, claims(), () => ''),
      'HS256 using the trusted public key as the secret': () => {
        const secret = JSON.stringify(trusted.jwk);
        return handMade({ alg: 'HS256', typ: 'JWT', kid: trusted.kid }, claims(), (input) =>
          createHmac('sha256', secret).update(input).digest('base64url'),
        );
      },
      'the Bot Framework emulator issuer (v1 token)': () =>
        jwt.sign(
          claims({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: appId }),
          trusted.privateKey,
          { algorithm: 'RS256', keyid: trusted.kid },
        ),
      'the emulator issuer (v2 token)': () =>
        jwt.sign(
          claims({ iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', ver: '2.0', azp: appId }),
          stranger.privateKey,
          { algorithm: 'RS256', keyid: stranger.kid },
        ),
      'a skill token (another bot calling as a skill)': () =>
        jwt.sign(claims({ ver: '1.0', appid: randomUUID() }), trusted.privateKey, { algorithm: 'RS256', keyid: trusted.kid }),
      'a token that is not a JWT at all, with Bearer': () => 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln',
      'a long junk token': () => `${'a'.repeat(3000)}.${'b'.repeat(3000)}.${'c'.repeat(2000)}`,
    };

    for (const [name, make] of Object.entries(forgeries)) {
      it(`refuses ${name}`, async () => {
        let res: { status: number; body: unknown } | undefined;
        const hosts = await connectionsDuring(async () => {
          res = await bot.post(helpInvoke(), { authorization: `Bearer ${make()}` });
        });
        expect(res!.status).to.equal(401);
        expect(res!.body).to.equal(undefined);
        expect(
          hosts.filter((h) => !loopback(h)),
          'outbound connections',
        ).to.deep.equal([]);
      });
    }

    it('refuses a valid Teams token on an activity from another channel (the emulator path is unreachable)', async () => {
      const hosts = await connectionsDuring(async () => {
        const res = await bot.post({ ...helpInvoke(), channelId: 'emulator' }, { authorization: `Bearer ${token()}` });
        expect(res.status).to.equal(401);
      });
      expect(hosts.filter((h) => !loopback(h))).to.deep.equal([]);
    });

    describe('a valid, correctly signed token from another tenant', () => {
      const otherTenant = randomUUID();
      const fromTenant = <T extends { conversation: object; channelData: object }>(
        activity: T,
        conversationTenant: string,
        channelTenant: string,
      ): T => ({
        ...activity,
        conversation: { ...activity.conversation, tenantId: conversationTenant },
        channelData: { ...activity.channelData, tenant: { id: channelTenant } },
      });
      const logActionForm = () =>
        invokeActivity(bot.serviceUrl, 'action.create', {
          place: 'BPL',
          description: 'Sent from another organisation’s Teams.',
          owner: ALEX.id,
          dueDate: addDays(londonToday(new Date()), 30),
          people: [{ id: ALEX.id, name: ALEX.name }],
        });

      it('is refused with 403 and no body: nothing is read, written or sent', async () => {
        const repliesBefore = bot.replies.length;
        for (const activity of [
          fromTenant(logActionForm(), otherTenant, otherTenant),
          fromTenant(messageActivity(bot.serviceUrl, 'my actions'), otherTenant, otherTenant),
          fromTenant(invokeActivity(bot.serviceUrl, 'action.view', { ref: 'BPL-A-0001' }), otherTenant, otherTenant),
        ]) {
          const res = await bot.post(activity, { authorization: `Bearer ${token()}` });
          expect(res.status, activity.type).to.equal(403);
          expect(res.body).to.equal(undefined);
        }
        expect(await bot.runtime.records.listByPlace('action', 'BPL', {})).to.deep.equal([]);
        expect(bot.replies.length, 'messages sent to the other tenant').to.equal(repliesBefore);
      });

      it('is refused when either of the two tenant fields names another tenant, or neither names one', async () => {
        for (const [conversationTenant, channelTenant] of [
          ['tenant-1', otherTenant],
          [otherTenant, 'tenant-1'],
          ['TENANT-1', otherTenant],
        ] as const) {
          const res = await bot.post(fromTenant(helpInvoke(), conversationTenant, channelTenant), { authorization: `Bearer ${token()}` });
          expect(res.status, `${conversationTenant} / ${channelTenant}`).to.equal(403);
        }
        const bare = helpInvoke();
        const res = await bot.post(
          { ...bare, conversation: { ...bare.conversation, tenantId: undefined }, channelData: {} },
          { authorization: `Bearer ${token()}` },
        );
        expect(res.status).to.equal(403);
      });

      it("the same activity from this bot's own tenant is answered (so the 403 is the tenant)", async () => {
        const res = await bot.post(fromTenant(helpInvoke(), 'tenant-1', 'TENANT-1'), { authorization: `Bearer ${token()}` });
        expect(res.status).to.equal(200);
      });
    });

    it('a malformed body is 401 first when no token comes with it, then 400 once the token is good', async () => {
      expect((await bot.post({})).status).to.equal(401);
      expect((await bot.post({ type: 42 }, { authorization: `Bearer ${token({}, stranger)}` })).status).to.equal(401);
      const bad = { ...helpInvoke(), type: 42 };
      expect((await bot.post(bad, { authorization: `Bearer ${token()}` })).status).to.equal(400);
    });

    it('the spy does see a new connection (so "none outside" means something)', async () => {
      const hosts = await connectionsDuring(
        () =>
          new Promise<void>((resolve, reject) => {
            const port = (metadata.address() as AddressInfo).port;
            httpGet({ host: '127.0.0.1', port, path: '/openid', agent: false }, (res) => res.resume().on('end', () => resolve())).on(
              'error',
              reject,
            );
          }),
      );
      expect(hosts).to.deep.equal(['127.0.0.1']);
    });
  });
});

// `npm start` listens on loopback only and writes only to the local emulator unless bot
// credentials are set (functions/localStart.ts, scripts/loopbackOnly.cjs): tested without
// starting Azurite, the bot or the Playground.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { azuriteDevConnectionString } from '../../../functions/azuriteDev.js';
import { isLocalEmulator, LOCAL_BIND, startPlan } from '../../../functions/localStart.js';

const AZURITE = azuriteDevConnectionString({ table: 10002, queue: 10001 });
/** A made-up account key, drawn for this run (never a real secret in the repository). */
const KEY = randomBytes(32).toString('base64');
const AZURE = `DefaultEndpointsProtocol=https;AccountName=lscplaces;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

describe('npm start: what it may run', () => {
  it('with no storage setting it runs on Azurite with no bot credentials (the Playground)', () => {
    const plan = startPlan({}, AZURITE);
    expect(plan).to.deep.equal({ ok: true, storage: AZURITE, bot: { MicrosoftAppId: '', MicrosoftAppPassword: '' }, playgroundArgs: [] });
  });

  it('accepts the local emulator on any port, by its short form or its endpoints on this machine', () => {
    expect(isLocalEmulator('UseDevelopmentStorage=true')).to.equal(true);
    expect(isLocalEmulator(azuriteDevConnectionString({ table: 41002, queue: 41001 }, { explicit: true }))).to.equal(true);
    expect(isLocalEmulator(azuriteDevConnectionString({ table: 41002, queue: 41001, host: 'localhost' }, { explicit: true }))).to.equal(
      true,
    );
    expect(
      startPlan({ STORAGE_CONNECTION_STRING: azuriteDevConnectionString({ table: 1, queue: 2 }, { explicit: true }) }, AZURITE).ok,
    ).to.equal(true);
  });

  it('refuses an Azure storage account, or an emulator-looking string pointing elsewhere, in one line, when no bot credentials are set', () => {
    for (const storage of [
      AZURE,
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};TableEndpoint=http://10.0.0.5:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;`,
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};TableEndpoint=http://127.0.0.1.evil.example:10002/devstoreaccount1;`,
      'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://evil.example',
      'TableEndpoint=not a url',
    ]) {
      const plan = startPlan({ STORAGE_CONNECTION_STRING: storage, MicrosoftAppId: '' }, AZURITE);
      expect(plan.ok, storage).to.equal(false);
      if (!plan.ok) {
        expect(plan.message.split('\n')).to.have.length(1);
        expect(plan.message).to.contain('Refusing STORAGE_CONNECTION_STRING').and.contain('MicrosoftAppId and MicrosoftAppPassword');
        expect(plan.message).to.not.contain('lscplaces').and.not.contain('abc123'); // the secret is never echoed
      }
    }
    expect(startPlan({ STORAGE_CONNECTION_STRING: AZURE, MicrosoftAppId: 'app-id' }, AZURITE).ok).to.equal(false); // an id without its password is not credentials
  });

  it('with bot credentials set, storage elsewhere is used and the bot runs with them (authenticated), the Playground signing in', () => {
    const plan = startPlan(
      { STORAGE_CONNECTION_STRING: AZURE, MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-1' },
      AZURITE,
    );
    expect(plan).to.deep.equal({
      ok: true,
      storage: AZURE,
      bot: { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-1' },
      playgroundArgs: ['--client-id', 'app-id', '--client-secret', 'secret', '--tenant-id', 'tenant-1'],
    });
  });

  it('the bot and the Playground listen on loopback: the bot on LOCAL_BIND, and a server the Playground starts with no address on 127.0.0.1', () => {
    expect(LOCAL_BIND).to.equal('127.0.0.1');
    const preload = join(__dirname, '../../../scripts/loopbackOnly.cjs');
    const script = `
      const http = require('node:http'); const net = require('node:net');
      const a = http.createServer(); const b = net.createServer(); const c = net.createServer();
      a.listen(0, () => b.listen({ port: 0 }, () => c.listen(0, '::1', () => { console.log(JSON.stringify([a.address().address, b.address().address, c.address().address])); a.close(); b.close(); c.close(); })));`;
    const out = execFileSync(process.execPath, ['--require', preload, '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal(['127.0.0.1', '127.0.0.1', '::1']); // an address given explicitly is kept
  });
});

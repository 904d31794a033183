import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadSettings, SettingsError } from '../../../functions/settings.js';

const LOCAL = { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

describe('Settings', () => {
  it('gives local defaults: loopback, port 3978, no credentials', () => {
    const s = loadSettings(LOCAL);
    expect(s).to.include({ HOST: '127.0.0.1', PORT: 3978, DEMO_DATA: false, MicrosoftAppType: 'SingleTenant' });
    expect(s.MicrosoftAppId).to.equal(undefined);
    expect(s.version).to.match(/^\d+\.\d+\.\d+/);
  });

  it('stops start-up naming the setting when no storage is configured', () => {
    expect(() => loadSettings({})).to.throw(
      SettingsError,
      /STORAGE_CONNECTION_STRING: set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME/,
    );
  });

  it('names an invalid port', () => {
    expect(() => loadSettings({ ...LOCAL, PORT: 'eighty' })).to.throw(SettingsError, /PORT/);
  });

  it('wants a secret and a tenant with a single-tenant app id, but no secret for a managed identity', () => {
    expect(() => loadSettings({ ...LOCAL, MicrosoftAppId: 'app' })).to.throw(
      SettingsError,
      /MicrosoftAppPassword[\s\S]*MicrosoftAppTenantId/,
    );
    const msi = loadSettings({
      STORAGE_ACCOUNT_NAME: 'pp',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 't',
    });
    expect(msi.MicrosoftAppPassword).to.equal(undefined);
  });

  it('treats an empty value as unset', () => {
    expect(loadSettings({ ...LOCAL, MicrosoftAppId: '' }).MicrosoftAppId).to.equal(undefined);
  });

  describe('no credentials outside this machine', () => {
    const refusal =
      /^Refusing to start: MicrosoftAppId is empty, which turns authentication off, and this process is not local \(.+\)\. Set MicrosoftAppId, or run on a loopback HOST\.$/;

    it('refuses to start in Azure (WEBSITE_SITE_NAME or FUNCTIONS_WORKER_RUNTIME set) with an empty MicrosoftAppId, in one line', () => {
      for (const env of [{ WEBSITE_SITE_NAME: 'pp-func' }, { FUNCTIONS_WORKER_RUNTIME: 'node' }]) {
        expect(() => loadSettings({ ...LOCAL, ...env }), JSON.stringify(env)).to.throw(SettingsError, refusal);
        expect(() => loadSettings({ ...LOCAL, ...env, MicrosoftAppId: '  ' }), JSON.stringify(env)).to.throw(SettingsError, refusal);
      }
    });

    it('refuses a HOST that is not a loopback IP address, however it starts (a name, even "localhost", is not an address)', () => {
      for (const HOST of [
        '0.0.0.0',
        '127.evil.example',
        '127.0.0.1.nip.io',
        '::',
        '10.0.0.1',
        'localhost.example',
        'example.org',
        'localhost',
      ]) {
        expect(() => loadSettings({ ...LOCAL, HOST }), HOST).to.throw(SettingsError, refusal);
      }
    });

    it('starts locally on a loopback address with no credentials', () => {
      for (const HOST of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
        expect(loadSettings({ ...LOCAL, HOST }).HOST).to.equal(HOST);
    });

    it('the Functions entry itself refuses to load in Azure with an empty MicrosoftAppId, before any function is registered', function () {
      this.timeout(20_000);
      const entry = join(__dirname, '../../../functions/index.ts');
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `import(${JSON.stringify(entry)}).then(() => console.log('loaded'))`],
        {
          env: { PATH: process.env.PATH, WEBSITE_SITE_NAME: 'pp-func', MicrosoftAppId: '' },
          encoding: 'utf8',
        },
      );
      expect(run.status).to.not.equal(0);
      expect(run.stdout).to.not.contain('loaded');
      expect(run.stderr).to.match(
        /Refusing to start: MicrosoftAppId is empty, which turns authentication off, and this process is not local \(WEBSITE_SITE_NAME is set\)/,
      );
    });

    it('starts in Azure once MicrosoftAppId (and its secret and tenant) are set', () => {
      const s = loadSettings({
        STORAGE_ACCOUNT_NAME: 'pp',
        WEBSITE_SITE_NAME: 'pp-func',
        FUNCTIONS_WORKER_RUNTIME: 'node',
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'x',
        MicrosoftAppTenantId: 't',
      });
      expect(s.MicrosoftAppId).to.equal('app');
    });
  });

  describe('ALLOWED_TENANT_IDS', () => {
    const app = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' };
    it("defaults to the bot's own tenant (MicrosoftAppTenantId)", () => {
      expect(loadSettings({ ...LOCAL, ...app, MicrosoftAppTenantId: 'tenant-icb' }).ALLOWED_TENANT_IDS).to.deep.equal(['tenant-icb']);
    });
    it('takes a comma-separated list, spaces ignored', () => {
      expect(
        loadSettings({ ...LOCAL, ...app, MicrosoftAppTenantId: 'tenant-icb', ALLOWED_TENANT_IDS: 'tenant-icb, tenant-two' })
          .ALLOWED_TENANT_IDS,
      ).to.deep.equal(['tenant-icb', 'tenant-two']);
    });
    it('is empty (any tenant: the Playground) locally with no tenant configured', () => {
      expect(loadSettings(LOCAL).ALLOWED_TENANT_IDS).to.deep.equal([]);
    });
    it('is required for a MultiTenant bot with credentials, which has no tenant of its own', () => {
      expect(() => loadSettings({ ...LOCAL, ...app, MicrosoftAppType: 'MultiTenant' })).to.throw(SettingsError, /ALLOWED_TENANT_IDS/);
    });
  });
});

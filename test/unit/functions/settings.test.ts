import { expect } from 'chai';
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
    expect(() => loadSettings({})).to.throw(SettingsError, /STORAGE_CONNECTION_STRING: set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME/);
  });

  it('names an invalid port', () => {
    expect(() => loadSettings({ ...LOCAL, PORT: 'eighty' })).to.throw(SettingsError, /PORT/);
  });

  it('refuses to bind beyond loopback without bot credentials', () => {
    expect(() => loadSettings({ ...LOCAL, HOST: '0.0.0.0' })).to.throw(SettingsError, /HOST: may leave loopback only when bot credentials/);
  });

  it('wants a secret and a tenant with a single-tenant app id, but no secret for a managed identity', () => {
    expect(() => loadSettings({ ...LOCAL, MicrosoftAppId: 'app' })).to.throw(SettingsError, /MicrosoftAppPassword[\s\S]*MicrosoftAppTenantId/);
    const msi = loadSettings({ STORAGE_ACCOUNT_NAME: 'pp', MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    expect(msi.MicrosoftAppPassword).to.equal(undefined);
  });

  it('treats an empty value as unset', () => {
    expect(loadSettings({ ...LOCAL, MicrosoftAppId: '' }).MicrosoftAppId).to.equal(undefined);
  });
});

// The board pack download route is behind App Service authentication (Easy Auth, Entra ID);
// Teams' route is not. functions/files.ts relies on both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { appSettings, resources } from './bicep.js';

const main = readFileSync(join(__dirname, '..', '..', '..', 'infra', 'main.bicep'), 'utf8');
const auth = resources(main).find((r) => r.type === 'Microsoft.Web/sites/config' && /name:\s*'authsettingsV2'/.test(r.body));

describe('infra: who may download a board pack file', () => {
  it('App Service authentication is on and signs people in with Entra ID before anything reaches the app', () => {
    expect(auth, 'an authsettingsV2 resource').to.not.equal(undefined);
    expect(auth!.body).to.match(/platform:\s*\{\s*enabled:\s*true/);
    expect(auth!.body)
      .to.match(/requireAuthentication:\s*true/)
      .and.to.match(/unauthenticatedClientAction:\s*'RedirectToLoginPage'/);
    expect(auth!.body).to.match(/azureActiveDirectory:\s*\{\s*enabled:\s*true/);
  });

  it('leaves out /api/messages (Bot Framework tokens, checked by the bot) and /api/health, and nothing else', () => {
    const excluded = /excludedPaths:\s*\[([^\]]*)\]/.exec(auth!.body)?.[1] ?? '';
    expect([...excluded.matchAll(/'([^']*)'/g)].map((m) => m[1])).to.deep.equal(['/api/messages', '/api/health']);
  });

  it('uses the bot’s own single-tenant registration, whose secret is an app setting the template sets', () => {
    expect(auth!.body)
      .to.match(/clientId:\s*botAppId/)
      .and.to.match(/openIdIssuer:\s*'\$\{environment\(\)\.authentication\.loginEndpoint\}\$\{tenant\(\)\.tenantId\}\/v2\.0'/);
    const setting = /clientSecretSettingName:\s*'([^']+)'/.exec(auth!.body)?.[1];
    expect(appSettings(main).has(setting!), `${setting} is set on the Function App`).to.equal(true);
  });

  it('download links point at the app’s own https address', () => {
    expect(appSettings(main).get('PUBLIC_BASE_URL')).to.equal("'https://${functionApp.properties.defaultHostName}'");
  });
});

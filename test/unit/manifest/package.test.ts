import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import JSZip from 'jszip';
import { buildAppPackage, renderManifest } from '../../../manifest/build.js';
import { loadPackageSettings, PACKAGE_SETTINGS, PackageSettingsError } from '../../../manifest/settings.js';
import { MANIFEST_ENV, officialValidator } from './fixtures.js';

const ROOT = join(__dirname, '..', '..', '..');

const ENV = MANIFEST_ENV;
const REQUIRED = Object.keys(ENV);

const clone = <T>(v: T): T => structuredClone(v);

describe('Teams app package (npm run package)', () => {
  let tmp: string;
  let manifest: Record<string, any>;
  let zip: JSZip;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'apppkg-'));
    const { outFile } = await buildAppPackage({ env: ENV, outFile: join(tmp, 'appPackage.zip') });
    zip = await JSZip.loadAsync(readFileSync(outFile));
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, any>;
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds exactly manifest.json and the two icons, at the root', () => {
    expect(Object.keys(zip.files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
  });

  it('holds the committed icon files byte for byte', async () => {
    for (const icon of ['color.png', 'outline.png']) {
      const inZip = await zip.file(icon)!.async('nodebuffer');
      expect(inZip.equals(readFileSync(join(ROOT, 'manifest', icon))), icon).to.equal(true);
    }
  });

  it('the built manifest validates against the official Teams schema from @microsoft/app-manifest', () => {
    expect(Number(manifest.manifestVersion)).to.be.at.least(1.17);
    expect(manifest.$schema).to.contain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const validate = officialValidator(manifest.manifestVersion);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it('substitutes the settings: app id, bot id, domain, developer and URLs; no placeholder is left', () => {
    expect(JSON.stringify(manifest)).not.to.match(/\$\{\{/);
    expect(manifest.id).to.equal(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).to.equal(ENV.MicrosoftAppId);
    expect(manifest.validDomains).to.deep.equal([ENV.BOT_DOMAIN]);
    expect(manifest.developer).to.deep.equal({
      name: ENV.DEVELOPER_NAME,
      websiteUrl: ENV.DEVELOPER_WEBSITE_URL,
      privacyUrl: ENV.PRIVACY_URL,
      termsOfUseUrl: ENV.TERMS_URL,
    });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).to.equal(pkg.version);
  });

  it('APP_VERSION overrides the package version', () => {
    const m = renderManifest(loadPackageSettings({ ...ENV, APP_VERSION: '2.3.4' }));
    expect(m.version).to.equal('2.3.4');
  });

  it('has one bot in personal, team and groupChat scopes, that sends files in personal chat (the board pack)', () => {
    expect(manifest.bots).to.have.length(1);
    const bot = manifest.bots[0];
    expect(bot.scopes).to.have.members(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).to.equal(true);
  });

  it('lists the commands for each scope, within Teams limits (title ≤ 32, description ≤ 128)', () => {
    const lists = manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    const titles = (scope: string) => lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    // Ten is Teams' most per list. Every command is answered when typed and named on the help card; the lists
    // keep what each scope uses most: "help" only in group chats (anything the bot does not recognise answers
    // with help anyway), "risk register" where a place is shared, "my risks" in personal chat, and
    // "digest preview" on the help card only.
    const everywhere = ['log action', 'my actions', 'actions', 'raise risk', 'request sign-off', 'sign-offs', 'find', 'board pack'];
    expect(titles('personal')).to.have.members([...everywhere, 'my risks', 'setup']);
    expect(titles('team')).to.have.members([...everywhere, 'risk register', 'setup']);
    expect(titles('groupChat')).to.have.members([...everywhere, 'help', 'risk register']);
    for (const c of lists.flatMap((l) => l.commands)) {
      expect(c.title.length, c.title).to.be.at.most(32);
      expect(c.description.length, c.title).to.be.within(10, 128);
    }
  });

  it('describes what it does for a place partnership', () => {
    expect(manifest.description.short).to.match(/partnership/i);
    for (const place of ['Blackpool', 'Blackburn with Darwen', 'Lancashire', 'South Cumbria']) {
      expect(manifest.description.full).to.contain(place);
    }
    expect(manifest.description.full)
      .to.match(/action/i)
      .and.to.match(/risk/i)
      .and.to.match(/sign-off/i)
      .and.to.match(/digest/i);
  });

  describe('a deliberately broken manifest fails the official schema', () => {
    const breakages: [string, (m: Record<string, any>) => void][] = [
      ['bot id is not a GUID', (m) => (m.bots[0].botId = 'not-a-guid')],
      ['privacy URL missing', (m) => delete m.developer.privacyUrl],
      ['terms URL not a URL', (m) => (m.developer.termsOfUseUrl = 'terms.html')],
      ['short description over 80 characters', (m) => (m.description.short = 'x'.repeat(81))],
      ['unknown bot scope', (m) => m.bots[0].scopes.push('meeting')],
      ['unknown top-level property', (m) => (m.colour = 'blue')],
      [
        'more than 10 commands in a list',
        (m) => (m.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: 'd' }))),
      ],
      ["manifestVersion other than the schema's", (m) => (m.manifestVersion = '1.21')],
      ['accent colour not a hex colour', (m) => (m.accentColor = 'NHS blue')],
      ['icons missing', (m) => delete m.icons],
    ];
    for (const [name, breakIt] of breakages) {
      it(name, () => {
        const broken = clone(manifest);
        breakIt(broken);
        const validate = officialValidator(manifest.manifestVersion);
        expect(validate(broken)).to.equal(false);
      });
    }

    it('and the build refuses a template that breaks the schema', () => {
      const template = join(tmp, 'broken.template.json');
      const t = JSON.parse(readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8')) as Record<string, any>;
      t.bots[0].supportsFiles = 'no';
      writeFileSync(template, JSON.stringify(t));
      expect(() => renderManifest(loadPackageSettings(ENV), template)).to.throw(/official Teams schema[\s\S]*supportsFiles/);
    });

    it('and the build refuses a template with an unknown placeholder', () => {
      const template = join(tmp, 'unknown.template.json');
      const t = JSON.parse(readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8')) as Record<string, any>;
      t.name.short = '${{APP_NAME}}';
      writeFileSync(template, JSON.stringify(t));
      expect(() => renderManifest(loadPackageSettings(ENV), template)).to.throw(/APP_NAME/);
    });
  });

  describe('settings', () => {
    it('every setting the template uses is a packaging setting, and every required one is used', () => {
      const text = readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8');
      const used = new Set([...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));
      expect([...used].filter((u) => !(u in PACKAGE_SETTINGS))).to.deep.equal([]);
      expect(REQUIRED.filter((r) => !used.has(r))).to.deep.equal([]);
    });

    for (const name of REQUIRED) {
      it(`a missing ${name} fails the build with a message naming it`, async () => {
        const env: Record<string, string> = { ...ENV };
        delete env[name];
        const out = join(tmp, `missing-${name}.zip`);
        let error: unknown;
        try {
          await buildAppPackage({ env, outFile: out });
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(PackageSettingsError);
        expect((error as PackageSettingsError).settings).to.deep.equal([name]);
        expect((error as Error).message).to.match(new RegExp(`^\\s+${name}: missing`, 'm'));
      });
    }

    it('a blank setting counts as missing', () => {
      expect(() => loadPackageSettings({ ...ENV, PRIVACY_URL: '   ' })).to.throw(/PRIVACY_URL: missing/);
    });

    const invalid: [string, string, RegExp][] = [
      ['TEAMS_APP_ID', 'my-app', /TEAMS_APP_ID: must be a GUID/],
      ['MicrosoftAppId', '1234', /MicrosoftAppId: must be a GUID/],
      ['BOT_DOMAIN', 'https://func-ppbot.azurewebsites.net/api/messages', /BOT_DOMAIN: must be a bare host name/],
      ['PRIVACY_URL', 'http://example.nhs.uk/privacy', /PRIVACY_URL: must start with https/],
      ['DEVELOPER_NAME', 'NHS Lancashire and South Cumbria Integrated Care Board', /DEVELOPER_NAME: must be at most 32/],
      ['APP_VERSION', '1.2', /APP_VERSION: must be MAJOR.MINOR.PATCH/],
    ];
    for (const [name, value, message] of invalid) {
      it(`an invalid ${name} (${value}) is refused with a message naming it`, () => {
        expect(() => loadPackageSettings({ ...ENV, [name]: value })).to.throw(PackageSettingsError, message);
      });
    }

    it('`tsx manifest/build.ts` (what npm run package runs) exits non-zero and names the missing setting', function () {
      this.timeout(30000);
      const env: NodeJS.ProcessEnv = { ...process.env, ...ENV };
      for (const k of Object.keys(PACKAGE_SETTINGS)) if (!(k in ENV)) delete env[k];
      delete env.TERMS_URL;
      const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'manifest', 'build.ts')], {
        env,
        encoding: 'utf8',
        cwd: tmp,
      });
      expect(result.status, result.stderr).to.equal(1);
      expect(result.stderr).to.match(/TERMS_URL: missing/);
      expect(result.stderr).not.to.match(/PRIVACY_URL/);
    });
  });
});

// What the manifest tests share: a complete set of package settings, and the official Teams
// schema for a manifest version compiled independently of manifest/validate.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMAS = join(__dirname, '..', '..', '..', 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

/** Every setting `npm run package` needs, with realistic values. */
export const MANIFEST_ENV = {
  TEAMS_APP_ID: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  MicrosoftAppId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
  BOT_DOMAIN: 'func-ppbot-abc123.azurewebsites.net',
  DEVELOPER_NAME: 'NHS Lancashire & South Cumbria',
  DEVELOPER_WEBSITE_URL: 'https://www.lancashireandsouthcumbria.icb.nhs.uk',
  PRIVACY_URL: 'https://www.lancashireandsouthcumbria.icb.nhs.uk/privacy',
  TERMS_URL: 'https://www.lancashireandsouthcumbria.icb.nhs.uk/terms',
};

const validators = new Map<string, ReturnType<Ajv['compile']>>();

/** The official schema for a manifest's version (from @microsoft/app-manifest), compiled once. */
export function officialValidator(manifestVersion: string): ReturnType<Ajv['compile']> {
  const cached = validators.get(manifestVersion);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validators.set(manifestVersion, validate);
  return validate;
}

// Settings for building the Teams app package (`npm run package`), in one zod schema.
// The bot id is the runtime setting MicrosoftAppId (functions/settings.ts), reused rather than redefined.
import { z } from 'zod';
import { SETTINGS } from '../functions/settings.js';

const required = (hint: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string({ required_error: `missing: ${hint}`, invalid_type_error: `missing: ${hint}` }),
  );

const uuid = (hint: string) => required(hint).pipe(z.string().uuid(`must be a GUID (${hint})`));

const httpsUrl = (hint: string) =>
  required(hint).pipe(z.string().url(`must be a URL (${hint})`).startsWith('https://', `must start with https:// (${hint})`));

/** Every packaging setting: its schema and what to put in it. */
export const PACKAGE_SETTINGS = {
  TEAMS_APP_ID: {
    schema: uuid('the Teams app id, a GUID you generate once (e.g. `uuidgen`) and keep for every version'),
    doc: 'Teams app id (manifest "id"): a GUID generated once and kept, so new versions replace the old app.',
  },
  MicrosoftAppId: {
    // The runtime schema (empty → undefined), then required and a GUID for packaging.
    schema: SETTINGS.MicrosoftAppId.schema.pipe(
      z
        .string({
          required_error: "missing: the bot's Entra app registration (client) id",
          invalid_type_error: "missing: the bot's Entra app registration (client) id",
        })
        .uuid("must be a GUID (the bot's Entra app registration client id)"),
    ),
    doc: SETTINGS.MicrosoftAppId.doc + ' Used as the manifest bot id.',
  },
  BOT_DOMAIN: {
    schema: required('the Function App host name, e.g. func-ppbot-abc123.azurewebsites.net').pipe(
      z
        .string()
        .regex(
          /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
          'must be a bare host name such as func-ppbot-abc123.azurewebsites.net (no https://, no path)',
        ),
    ),
    doc: 'Host name of the Function App that serves /api/messages (the Bicep output messagingEndpoint, without https:// and path).',
  },
  DEVELOPER_NAME: {
    schema: required('who publishes the app, e.g. NHS Lancashire & South Cumbria').pipe(
      z.string().max(32, 'must be at most 32 characters (Teams limit)'),
    ),
    doc: 'Publisher shown in Teams (at most 32 characters).',
  },
  DEVELOPER_WEBSITE_URL: { schema: httpsUrl('the support or information page'), doc: 'https URL of the support page.' },
  PRIVACY_URL: { schema: httpsUrl('the privacy notice'), doc: 'https URL of the privacy notice.' },
  TERMS_URL: { schema: httpsUrl('the terms of use'), doc: 'https URL of the terms of use.' },
  APP_VERSION: {
    schema: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .regex(/^\d+\.\d+\.\d+$/, 'must be MAJOR.MINOR.PATCH')
        .optional(),
    ),
    doc: 'Optional app package version (MAJOR.MINOR.PATCH); defaults to package.json "version". Raise it for every upload.',
  },
} as const;

export type PackageSettingName = keyof typeof PACKAGE_SETTINGS;
export type PackageSettings = { [K in PackageSettingName]: z.output<(typeof PACKAGE_SETTINGS)[K]['schema']> };

export const packageSettingsSchema = z.object(
  Object.fromEntries(Object.entries(PACKAGE_SETTINGS).map(([k, v]) => [k, v.schema])) as {
    [K in PackageSettingName]: (typeof PACKAGE_SETTINGS)[K]['schema'];
  },
);

export class PackageSettingsError extends Error {
  readonly code = 'INVALID_PACKAGE_SETTINGS';
  constructor(
    readonly settings: string[],
    message: string,
  ) {
    super(message);
  }
}

/** Parses the packaging settings from an environment; throws PackageSettingsError naming each missing or bad one. */
export function loadPackageSettings(env: NodeJS.ProcessEnv = process.env): PackageSettings {
  const raw = Object.fromEntries(Object.keys(PACKAGE_SETTINGS).map((k) => [k, env[k]]));
  const result = packageSettingsSchema.safeParse(raw);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? '(settings)')))];
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new PackageSettingsError(
      names,
      `Cannot build the Teams app package; set these settings (environment variables):\n${lines.join('\n')}`,
    );
  }
  return result.data as PackageSettings;
}

// Every setting the app reads, in one zod schema, parsed once at start-up.
// A missing or invalid setting stops start-up with a message naming it.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { unauthenticatedOutsideLocal } from './whereRunning.js';

const optionalString = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().optional());
const flag = z
  .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false']).default('false'))
  .transform((v) => v === 'true');

/**
 * Runtime settings. `azure` marks the ones the Bicep template must set on the Function App
 * (a test holds infra/ and this schema to each other).
 */
export const SETTINGS = {
  /** Entra app registration (client) id of the bot. Empty only for local runs. */
  MicrosoftAppId: { schema: optionalString, azure: true, doc: 'Bot app registration client id. Leave empty locally (Agents Playground).' },
  /** Client secret; omit when the bot authenticates with a managed identity. */
  MicrosoftAppPassword: {
    schema: optionalString,
    azure: true,
    doc: 'Bot client secret (Key Vault reference in Azure). Omit for UserAssignedMSI.',
  },
  MicrosoftAppType: {
    schema: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    azure: true,
    doc: 'SingleTenant (default), MultiTenant or UserAssignedMSI.',
  },
  MicrosoftAppTenantId: { schema: optionalString, azure: true, doc: 'Entra tenant id; required for SingleTenant and UserAssignedMSI.' },
  /** Tenants whose activities the edge lets in; empty = MicrosoftAppTenantId, or (locally, no tenant) any. */
  ALLOWED_TENANT_IDS: {
    schema: z
      .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
      .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
      .pipe(z.array(z.string().min(1).max(200)).max(50)),
    azure: true,
    doc: 'Entra tenant ids (comma-separated) whose activities are let in; any other tenant gets 403. Default: MicrosoftAppTenantId.',
  },
  /** OpenID metadata for inbound token validation; only tests point this elsewhere. */
  BotOpenIdMetadata: { schema: optionalString, azure: false, doc: 'Override of the Bot Framework OpenID metadata URL (tests only).' },
  STORAGE_CONNECTION_STRING: {
    schema: optionalString,
    azure: false,
    doc: 'Table/Queue connection string (Azurite locally). In Azure use STORAGE_ACCOUNT_NAME and managed identity instead.',
  },
  STORAGE_ACCOUNT_NAME: {
    schema: optionalString,
    azure: true,
    doc: 'Storage account reached with managed identity (DefaultAzureCredential).',
  },
  PORT: { schema: z.coerce.number().int().min(1).max(65535).default(3978), azure: false, doc: 'Local host port (default 3978).' },
  HOST: {
    schema: z.string().default('127.0.0.1'),
    azure: false,
    doc: 'Local host bind address (an IP address); beyond loopback only with bot credentials.',
  },
  DEMO_DATA: { schema: flag, azure: false, doc: 'true: load demo data for the four places on start (npm start sets it).' },
  SETUP_ADMIN_IDS: {
    schema: z
      .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
      .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{36}$/, 'each entry must be an Entra object id (a GUID)')).max(50)),
    azure: true,
    doc: 'Entra object ids (comma-separated) allowed to set up any place: for bootstrapping an empty deployment. Empty by default.',
  },
  DEMO_SERVICE_URL: {
    schema: z.string().url().default('http://localhost:56150/_connector'),
    azure: false,
    doc: 'Where the demo Blackpool channel is reached: the Agents Playground that npm start runs.',
  },
  PUBLIC_BASE_URL: {
    schema: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().url().optional()),
    azure: true,
    doc: "The app's public https address, where board pack download links point (/api/files/…). Locally the host's own address.",
  },
  WEBSITE_AUTH_ENABLED: {
    schema: flag,
    azure: false,
    doc: 'Set to True by App Service when its authentication (Easy Auth) is on. Only then is X-MS-CLIENT-PRINCIPAL-ID trusted for board pack downloads; deployed without it, download links are refused.',
  },
  APPLICATIONINSIGHTS_CONNECTION_STRING: {
    schema: optionalString,
    azure: true,
    doc: 'Application Insights connection string (set by infra).',
  },
} as const;

type SettingName = keyof typeof SETTINGS;
type SchemaOf<K extends SettingName> = (typeof SETTINGS)[K]['schema'];
export type Settings = { [K in SettingName]: z.output<SchemaOf<K>> } & { version: string };

const settingsSchema = z
  .object(Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.schema])) as { [K in SettingName]: SchemaOf<K> })
  .superRefine((s, ctx) => {
    if (!s.STORAGE_CONNECTION_STRING && !s.STORAGE_ACCOUNT_NAME) {
      ctx.addIssue({
        code: 'custom',
        path: ['STORAGE_CONNECTION_STRING'],
        message: 'set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME',
      });
    }
    if (s.MicrosoftAppId && s.MicrosoftAppType !== 'UserAssignedMSI' && !s.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set (or use UserAssignedMSI)',
      });
    }
    if (s.MicrosoftAppId && s.MicrosoftAppType !== 'MultiTenant' && !s.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `required for ${s.MicrosoftAppType}` });
    }
    if (s.MicrosoftAppId && s.ALLOWED_TENANT_IDS.length === 0 && !s.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOWED_TENANT_IDS'],
        message: 'required when the bot has no tenant of its own (MultiTenant): the tenants whose users may use it',
      });
    }
  });

export class SettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
}

/** Parses settings from an environment; throws SettingsError naming each bad setting. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const raw = Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, env[k]]));
  // An empty MicrosoftAppId turns authentication off: only ever on this machine.
  const refusal = unauthenticatedOutsideLocal(env);
  if (refusal) throw new SettingsError(refusal);
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new SettingsError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const settings = result.data as Omit<Settings, 'version'>;
  const tenants = settings.ALLOWED_TENANT_IDS.length
    ? settings.ALLOWED_TENANT_IDS
    : settings.MicrosoftAppTenantId
      ? [settings.MicrosoftAppTenantId]
      : [];
  return { ...settings, ALLOWED_TENANT_IDS: tenants, version: packageVersion() };
}

let cachedVersion: string | undefined;
export function packageVersion(): string {
  // ../ from functions/ (tsx) and dist/functions/ (tsc) is the root or dist/; ../../ from dist/bundle/.
  cachedVersion ??=
    ['../package.json', '../../package.json']
      .map((rel) => new URL(rel, `file://${__filename}`))
      .filter((url) => existsSync(url))
      .map((url) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version)[0] ?? '0.0.0';
  return cachedVersion;
}

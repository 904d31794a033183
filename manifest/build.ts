// `npm run package`: builds the sideloadable Teams app package (build/appPackage.zip):
// manifest.json (template with settings substituted, checked against the official schema) and the two icons.
// Settings come from the environment, e.g. `npx tsx --env-file=.env.package manifest/build.ts`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { loadPackageSettings, type PackageSettings } from './settings.js';
import { validateManifest } from './validate.js';

const MANIFEST_DIR = __dirname;
const REPO_ROOT = resolve(MANIFEST_DIR, '..');
export const DEFAULT_OUT_FILE = join(REPO_ROOT, 'build', 'appPackage.zip');
export const ICONS = ['color.png', 'outline.png'] as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class PackageBuildError extends Error {
  readonly code = 'PACKAGE_BUILD_FAILED';
}

/** Replaces every `${{NAME}}` in the template's string values; an unknown name is an error. */
export function substitute(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') {
    return template.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new PackageBuildError(`manifest template uses \${{${name}}}, which is not a packaging setting`);
      return value;
    });
  }
  if (Array.isArray(template)) return template.map((v) => substitute(v, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, substitute(v, values)]));
  }
  return template;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The manifest for these settings, validated against the official schema. */
export function renderManifest(
  settings: PackageSettings,
  templatePath = join(MANIFEST_DIR, 'manifest.template.json'),
): Record<string, unknown> {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as unknown;
  const values: Record<string, string> = {
    TEAMS_APP_ID: settings.TEAMS_APP_ID,
    MicrosoftAppId: settings.MicrosoftAppId,
    BOT_DOMAIN: settings.BOT_DOMAIN,
    DEVELOPER_NAME: settings.DEVELOPER_NAME,
    DEVELOPER_WEBSITE_URL: settings.DEVELOPER_WEBSITE_URL,
    PRIVACY_URL: settings.PRIVACY_URL,
    TERMS_URL: settings.TERMS_URL,
    APP_VERSION: settings.APP_VERSION ?? packageVersion(),
  };
  const manifest = substitute(template, values) as Record<string, unknown>;
  const errors = validateManifest(manifest);
  if (errors.length > 0) {
    throw new PackageBuildError(`The manifest does not pass the official Teams schema:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  }
  return manifest;
}

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  outFile?: string;
}

/** Builds the app package zip; throws PackageSettingsError naming any missing setting. */
export async function buildAppPackage({ env = process.env, outFile = DEFAULT_OUT_FILE }: BuildOptions = {}): Promise<{
  outFile: string;
  manifest: Record<string, unknown>;
}> {
  const settings = loadPackageSettings(env);
  const manifest = renderManifest(settings);
  const zip = new JSZip();
  // Fixed timestamps keep the zip reproducible for the same inputs.
  const date = new Date('2024-01-01T00:00:00Z');
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n', { date });
  for (const icon of ICONS) zip.file(icon, readFileSync(join(MANIFEST_DIR, icon)), { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, bytes);
  return { outFile, manifest };
}

if (require.main === module) {
  buildAppPackage().then(
    ({ outFile, manifest }) => {
      console.log(`Teams app package written to ${outFile} (app ${String(manifest.id)}, version ${String(manifest.version)})`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}

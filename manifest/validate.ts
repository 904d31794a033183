// Validates a Teams app manifest against the official schema shipped (offline) in @microsoft/app-manifest.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Path of the official JSON schema for a manifest version, e.g. "1.22". */
export function schemaPath(manifestVersion: string): string {
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(pkg, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** Returns a list of schema errors (empty when the manifest is valid). */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) return ['manifestVersion: missing or not MAJOR.MINOR'];
  let schema: object;
  try {
    schema = JSON.parse(readFileSync(schemaPath(version), 'utf8')) as object;
  } catch {
    return [`manifestVersion: no official schema for ${version} in @microsoft/app-manifest`];
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

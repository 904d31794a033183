// APPLICATIONINSIGHTS_CONNECTION_STRING, read once at start-up: missing (telemetry off, one line),
// malformed (named, telemetry off, the app runs on), or the parts the exporter needs.
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of a connection string the app relies on; others (LiveEndpoint, ApplicationId…) pass through. */
const partsSchema = z.object({
  instrumentationkey: z.string().regex(GUID, 'InstrumentationKey must be a GUID'),
  ingestionendpoint: z.string().url('IngestionEndpoint must be a URL').optional(),
});

export type TelemetryConnection =
  | { state: 'off'; line: string }
  | { state: 'malformed'; line: string }
  | { state: 'on'; connectionString: string; ingestionEndpoint: string; entraAuth: boolean };

/** Reads the connection string (and whether ingestion is by Entra ID token) from the environment. */
export function telemetryConnection(env: NodeJS.ProcessEnv): TelemetryConnection {
  const raw = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!raw) return { state: 'off', line: 'telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING not set' };
  const pairs = raw.split(';').filter((p) => p.trim());
  const entries = pairs.map((p) => {
    const at = p.indexOf('=');
    return at > 0 ? ([p.slice(0, at).trim().toLowerCase(), p.slice(at + 1).trim()] as const) : undefined;
  });
  const parsed = entries.every((e) => e !== undefined) ? partsSchema.safeParse(Object.fromEntries(entries)) : undefined;
  if (!parsed?.success) {
    // The key itself is not secret-grade, but the line names what is wrong, never the value.
    const why = parsed
      ? parsed.error.issues
          .map((i) => (i.path[0] === 'instrumentationkey' && i.code === 'invalid_type' ? 'InstrumentationKey missing' : i.message))
          .join('; ')
      : 'expected Key=Value pairs separated by ;';
    return {
      state: 'malformed',
      line: `telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING is malformed (${why}); the app runs without it`,
    };
  }
  return {
    state: 'on',
    connectionString: raw,
    ingestionEndpoint: parsed.data.ingestionendpoint ?? 'https://dc.services.visualstudio.com',
    // Set by infra/main.bicep: Application Insights takes telemetry only with the app's Entra ID token.
    entraAuth: /Authorization\s*=\s*AAD/i.test(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ?? ''),
  };
}

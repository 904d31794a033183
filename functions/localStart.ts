// What `npm start` (scripts/start.mjs) may run: pure, so it is tested without starting anything.
// The bot and the Playground listen on loopback only. The bot runs with no credentials for the
// Playground, so it writes only to the local emulator: a storage connection that is anything else
// (an Azure account) is refused, in one line, unless bot credentials are set; then the bot is run
// with them (every request JWT-validated) and the Playground signs in with them.

/** Where the bot and the Playground listen under `npm start`. */
export const LOCAL_BIND = '127.0.0.1';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for the local emulator: `UseDevelopmentStorage=true`, or every endpoint on this machine (Azurite's, on any port). */
export function isLocalEmulator(connectionString: string): boolean {
  const parts = new Map(
    connectionString
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const at = p.indexOf('=');
        return [p.slice(0, at < 0 ? p.length : at).toLowerCase(), at < 0 ? '' : p.slice(at + 1)] as const;
      }),
  );
  if (parts.has('usedevelopmentstorage')) return parts.size === 1 && parts.get('usedevelopmentstorage')!.toLowerCase() === 'true'; // a proxy URI would send it elsewhere
  const endpoints = ['tableendpoint', 'queueendpoint', 'blobendpoint', 'fileendpoint'].flatMap((k) =>
    parts.has(k) ? [parts.get(k)!] : [],
  );
  if (endpoints.length === 0) return false; // an account reached through EndpointSuffix: Azure
  return endpoints.every((e) => {
    try {
      const url = new URL(e);
      return LOOPBACK_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  });
}

export type StartPlan =
  | {
      ok: true;
      storage: string;
      /** The bot's credentials: empty for the Playground with local storage; set when storage is elsewhere. */
      bot: { MicrosoftAppId: string; MicrosoftAppPassword: string; MicrosoftAppTenantId?: string };
      /** Extra Playground arguments (signing in when the bot has credentials). */
      playgroundArgs: string[];
    }
  | { ok: false; message: string };

/** What `npm start` runs, from its environment; `azurite` is the local emulator's connection string. */
export function startPlan(env: Readonly<Record<string, string | undefined>>, azurite: string): StartPlan {
  const storage = env.STORAGE_CONNECTION_STRING?.trim() || azurite;
  if (isLocalEmulator(storage)) return { ok: true, storage, bot: { MicrosoftAppId: '', MicrosoftAppPassword: '' }, playgroundArgs: [] };
  const id = env.MicrosoftAppId?.trim();
  const password = env.MicrosoftAppPassword?.trim();
  if (!id || !password) {
    return {
      ok: false,
      message:
        'Refusing STORAGE_CONNECTION_STRING: it is not the local emulator, and `npm start` runs the bot without credentials; unset it to use Azurite, or set MicrosoftAppId and MicrosoftAppPassword.',
    };
  }
  const tenant = env.MicrosoftAppTenantId?.trim();
  return {
    ok: true,
    storage,
    bot: { MicrosoftAppId: id, MicrosoftAppPassword: password, ...(tenant ? { MicrosoftAppTenantId: tenant } : {}) },
    playgroundArgs: ['--client-id', id, '--client-secret', password, ...(tenant ? ['--tenant-id', tenant] : [])],
  };
}

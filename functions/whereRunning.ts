// Whether this process is a local one: the only place where the bot may run without credentials
// (an empty MicrosoftAppId turns inbound authentication off). No dependencies, so the Functions
// entry can check it at load without loading anything else.
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** True only for a loopback IP address (127.0.0.0/8, ::1, or 127.x mapped into IPv6). A name is not an address. */
export function isLoopback(host: string): boolean {
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why this process is not a local one, if it is not: it runs in Azure (the Functions host sets
 * FUNCTIONS_WORKER_RUNTIME, App Service WEBSITE_SITE_NAME) or it would listen beyond loopback.
 */
export function notLocalBecause(env: NodeJS.ProcessEnv): string | undefined {
  if (env.WEBSITE_SITE_NAME?.trim()) return 'WEBSITE_SITE_NAME is set';
  if (env.FUNCTIONS_WORKER_RUNTIME?.trim()) return 'FUNCTIONS_WORKER_RUNTIME is set';
  const host = env.HOST ?? '127.0.0.1';
  if (!isLoopback(host)) return `HOST ${JSON.stringify(host)} is not a loopback address`;
  return undefined;
}

/** The one line start-up stops with when there are no credentials outside this machine; undefined when all is well. */
export function unauthenticatedOutsideLocal(env: NodeJS.ProcessEnv): string | undefined {
  if (env.MicrosoftAppId?.trim()) return undefined;
  const why = notLocalBecause(env);
  return why
    ? `Refusing to start: MicrosoftAppId is empty, which turns authentication off, and this process is not local (${why}). Set MicrosoftAppId, or run on a loopback HOST.`
    : undefined;
}

// Azure Functions v4 registrations. The same handlers are served by localHost.ts where
// Functions Core Tools are not installed. Loading this file registers the functions and loads
// nothing else: the bot, the store and their libraries are loaded by the first request
// (runtime.ts), so the host's cold start does not wait for them.
import { app } from '@azure/functions';
import { healthHandler } from './health.js';
import { messagesHandler } from './messages.js';
import type { Runtime } from './runtime.js';

const sharedRuntime = async (): Promise<Runtime> => (await import('./runtime.js')).sharedRuntime();

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messagesHandler(sharedRuntime) });
app.http('health', { methods: ['GET'], authLevel: 'anonymous', route: 'health', handler: healthHandler(sharedRuntime) });

// Azure Functions v4 registrations. The same handlers are served by localHost.ts where
// Functions Core Tools are not installed.
import { app } from '@azure/functions';
import { healthHandler } from './health.js';
import { messagesHandler } from './messages.js';
import { sharedRuntime } from './runtime.js';

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messagesHandler(sharedRuntime) });
app.http('health', { methods: ['GET'], authLevel: 'anonymous', route: 'health', handler: healthHandler(sharedRuntime) });

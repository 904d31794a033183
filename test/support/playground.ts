// Test fixture: a real Microsoft 365 Agents Playground (the local Teams client) pointed at a bot
// endpoint, driven through its HTTP API, with the bot's replies read from its websocket.
//
//   const pg = await startPlayground({ endpoint: `${bot.url}/api/messages` });
//   const sent = await pg.send('log action');          // personal chat, as the current user
//   const form = await pg.nextReply();                 // the bot's next post (waits for it)
//   const res = await pg.execute(form, { description: 'x' }, { verb: 'action.create' });
//   await pg.stop();                                   // kills its process group; nothing left behind
//
// Facts this relies on (learned by running @microsoft/m365agentsplayground 0.2.28):
// - `-p 0` makes it listen on a free port (on all interfaces); it prints `Listening on N` on a
//   non-TTY stdout. Given a busy port it silently falls back to a random one, so an explicit port
//   is checked here first.
// - It checks the bot endpoint (an HTTP HEAD; any status will do) only when something first asks
//   for GET /_internal/v1/config, and that request hangs until the bot accepts connections.
// - POST /_conversation/v1/conversations/{id}/messages always sends as the config's current user
//   (`from.id` is only validated); it answers before the bot replies. A post in a channel reaches
//   the bot only with a mention of it, and starts a thread: `{id};messageid={messageId}`.
// - POST /_conversation/v1/invoke `{ name: 'adaptiveCard/action', value, from: {id},
//   conversation: {id}, replyToId }` sends an invoke as `from` (any user of the conversation) and
//   answers `{ type, value }` from the bot's invoke response; an unknown replyToId is 400.
// - POST /_internal/v1/customActivities sends any activity as given (template from
//   GET /_internal/v1/customActivities/template?conversationId=).
// - ws /_ws_conversation/v1/conversations/stream: `{ action: 'createMessage' | 'updateMessage' |
//   'typing', actionConversationId, message }` for what the bot posts; no history on connect.
//   ws /_ws/log/stream: the log panel, history replayed on connect; `log.level` 'warning'/'error'
//   entries say why a message went nowhere (e.g. "Cannot connect to your app").
// - The config file is validated strictly: exactly 5 `users`, at most 1 extra channel; the team
//   id is the General channel's conversation id. A bad file makes it exit.
//
// The driver's shapes (Playground, Reply, AdaptiveCard, …) are in playgroundTypes.ts; the mock tenant
// (MOCK_TENANT, SECRETARY, CHAIR, the config schema) in playgroundTenant.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { MOCK_TENANT } from './playgroundTenant.js';
import type { AdaptiveCard, Attachment, InvokeResult, LogEntry, Playground, PlaygroundOptions, Reply, Sent } from './playgroundTypes.js';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'agentsplayground');

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Agents Playground: port ${port} is already in use (is \`npm start\` running?)`);
  }
}

/** Runs argv[1..] as a child in its own process group; kills the group when stdin closes. */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
const end = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} };
process.stdin.on('end', end).on('error', end).resume();
process.on('SIGTERM', () => {}); // the group's SIGTERM reaches the child too: outlive it, to reap it
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

/** stop() waits for this long without Playground traffic (at most 2 s). */
const QUIET_MS = 250;

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const config = options.config ?? MOCK_TENANT;
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  if (options.port !== undefined && !(await portFree(options.port))) throw new PortInUseError(options.port);

  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'playground-'));
  const logFile = join(dir, 'playground.log');
  const configFile = join(dir, '.m365agentsplayground.yml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_)/.test(k)) env[k] = v;
  }
  Object.assign(env, {
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
  });
  const args = ['start', '-e', options.endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(options.port ?? 0)];
  // Through a watchdog that holds our end of a pipe: if this test process dies, even by SIGKILL,
  // the pipe closes and the watchdog takes the Playground down with it.
  const child = spawn(process.execPath, ['-e', WATCHDOG, BIN, ...args], { cwd: dir, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
  const exited = new Promise<string>((res) => child.once('exit', (code, signal) => res(signal ?? `exit ${code}`)));

  const sockets: WebSocket[] = [];
  const cleanup = async () => {
    for (const s of sockets) s.terminate();
    await stopChild(child, exited);
    live.delete(child);
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + readyTimeoutMs;
    const why = (what: string) => `Agents Playground ${what}${tail(logFile, output)}`;
    const died = exited.then((how) => {
      throw new Error(why(`exited (${how}) before it was ready`));
    });
    died.catch(() => undefined);

    const port = await Promise.race([
      poll(() => /Listening on (\d+)/.exec(output)?.[1], deadline, why(`did not listen within ${readyTimeoutMs / 1000}s`)),
      died,
    ]).then(Number);
    if (options.port !== undefined && port !== options.port) throw new PortInUseError(options.port);
    const base = `http://127.0.0.1:${port}`;

    // Asking for the config makes it connect to the bot; the answer waits until the bot is up.
    const left = Math.max(1000, deadline - Date.now());
    await Promise.race([
      fetch(`${base}/_internal/v1/config`, { signal: AbortSignal.timeout(left) }).then(
        (r) => {
          if (!r.ok) throw new Error(why(`answered GET /_internal/v1/config with ${r.status}`));
        },
        (err: Error) => {
          if (err.name === 'TimeoutError') {
            throw new Error(why(`could not reach the bot at ${options.endpoint} within ${readyTimeoutMs / 1000}s`));
          }
          throw new Error(why(`failed to start (${err.message})`));
        },
      ),
      died,
    ]);

    const replies: Reply[] = [];
    const events: Record<string, unknown>[] = [];
    const logs: LogEntry[] = [];
    const waiters = new Set<() => void>();
    let lastEventAt = Date.now();
    const wake = () => {
      lastEventAt = Date.now();
      waiters.forEach((w) => w());
    };

    const stream = await openSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    sockets.push(stream);
    stream.on('message', (data) => {
      const event = JSON.parse(String(data)) as Record<string, unknown>;
      if (event.action === 'createMessage') replies.push(toReply(event));
      else events.push(event);
      wake();
    });
    const logStream = await openSocket(`ws://127.0.0.1:${port}/_ws/log/stream`);
    sockets.push(logStream);
    logStream.on('message', (data) => {
      const entry = (JSON.parse(String(data)) as { log?: Record<string, unknown> }).log ?? {};
      logs.push({
        level: typeof entry.level === 'string' ? entry.level : undefined,
        displayText: typeof entry.displayText === 'string' ? entry.displayText : undefined,
        conversationId: typeof entry.conversationId === 'string' ? entry.conversationId : undefined,
        raw: entry,
      });
      wake();
    });

    const problems = () => logs.filter((l) => l.level === 'warning' || l.level === 'error');
    const describeProblems = () => {
      const p = problems().map((l) => `  ${l.level}: ${l.displayText ?? JSON.stringify(l.raw).slice(0, 300)}`);
      return p.length ? `\nPlayground log problems:\n${p.join('\n')}` : '';
    };

    async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
      const found = check();
      if (found !== undefined) return found;
      return new Promise<T>((res, rej) => {
        const timer = setTimeout(() => {
          waiters.delete(onEvent);
          rej(new Error(`${what} within ${timeoutMs} ms${describeProblems()}`));
        }, timeoutMs);
        const onEvent = () => {
          const value = check();
          if (value === undefined) return;
          clearTimeout(timer);
          waiters.delete(onEvent);
          res(value);
        };
        waiters.add(onEvent);
      });
    }

    async function post(path: string, body: unknown): Promise<{ status: number; text: string }> {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, text: await res.text() };
    }

    async function sendTo(conversationId: string, body: Record<string, unknown>): Promise<Sent> {
      const mark = replies.length;
      const res = await post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
      if (res.status !== 200) throw new Error(`Playground refused the message (${res.status}): ${res.text}`);
      const ack = JSON.parse(res.text) as { messageId: string; postConversationId?: string };
      return { messageId: ack.messageId, conversationId: ack.postConversationId ?? conversationId, mark };
    }

    let cursor = 0;
    const consumed = new Set<Reply>();
    let stopped = false;

    const playground: Playground = {
      url: `http://localhost:${port}`,
      port,
      pid: child.pid!,
      config,
      logFile,
      personalChatId: config.personalChat.id,
      events,
      send: (text) => sendTo(config.personalChat.id, { type: 'text', text, textFormat: 'plain', from: { id: config.currentUser.id } }),
      sendInChannel(text, channel = 'General') {
        const id = channel === 'General' ? config.team.id : config.team.channels.find((c) => c.name === channel)?.id;
        if (!id) throw new Error(`no channel "${channel}" in the mock team`);
        const at = `<at>${config.bot.name}</at>`;
        return sendTo(id, {
          type: 'text',
          text: `${at} ${text}`,
          textFormat: 'plain',
          from: { id: config.currentUser.id },
          mentions: [{ mentioned: { id: config.bot.id }, text: at }],
        });
      },
      async invoke(request) {
        const res = await post('/_conversation/v1/invoke', {
          name: request.name ?? 'adaptiveCard/action',
          value: request.value,
          from: { id: request.from ?? config.currentUser.id },
          conversation: { id: request.conversationId ?? config.personalChat.id },
          replyToId: request.replyToId,
        });
        if (res.status !== 200) throw new Error(`invoke failed (${res.status}): ${res.text}${describeProblems()}`);
        const out = (res.text ? JSON.parse(res.text) : {}) as InvokeResult;
        if (out.type === 'application/vnd.microsoft.card.adaptive' && isCard(out.value)) out.card = out.value;
        return out;
      },
      execute(reply, inputs = {}, opts = {}) {
        if (!reply.card) throw new Error(`message ${reply.messageId} has no Adaptive Card`);
        const actions = executeActions(reply.card);
        const action = opts.verb ? actions.find((a) => a.verb === opts.verb) : actions.length === 1 ? actions[0] : undefined;
        if (!action) {
          const verbs = actions.map((a) => String(a.verb)).join(', ') || 'none';
          throw new Error(`no Action.Execute${opts.verb ? ` with verb "${opts.verb}"` : ' to pick'} on the card (verbs: ${verbs})`);
        }
        const data = { ...(isObject(action.data) ? action.data : {}), ...inputs };
        return playground.invoke({
          replyToId: reply.messageId,
          conversationId: reply.conversationId,
          from: opts.from,
          value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data }, trigger: 'manual' },
        });
      },
      async custom(activity) {
        const res = await post('/_internal/v1/customActivities', activity);
        if (res.status !== 200) throw new Error(`custom activity refused (${res.status}): ${res.text}`);
      },
      async customActivityTemplate(conversationId = config.personalChat.id) {
        const res = await fetch(`${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
        return (await res.json()) as Record<string, unknown>;
      },
      nextReply({ conversationId, timeoutMs = 10_000 } = {}) {
        const what = `no reply from the bot${conversationId ? ` in ${conversationId}` : ''}`;
        return waitFor(
          () => {
            for (let i = cursor; i < replies.length; i++) {
              const r = replies[i]!;
              if (consumed.has(r) || (conversationId && r.conversationId !== conversationId)) continue;
              consumed.add(r);
              while (cursor < replies.length && consumed.has(replies[cursor]!)) cursor++;
              return r;
            }
            return undefined;
          },
          timeoutMs,
          what,
        );
      },
      repliesSince: (mark) => replies.slice(mark),
      waitForReplies: (mark, count, timeoutMs = 10_000) =>
        waitFor(
          () => (replies.length - mark >= count ? replies.slice(mark) : undefined),
          timeoutMs,
          `fewer than ${count} replies from the bot`,
        ),
      log: () => [...logs],
      problems,
      async stop() {
        if (stopped) return;
        stopped = true;
        // The bot may still be waiting for the Playground's answer to its last post (we see the
        // post before the bot sees the answer): let traffic settle, so no turn fails on teardown.
        const settleBy = Date.now() + 2000;
        while (Date.now() - lastEventAt < QUIET_MS && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 25));
        await cleanup();
      },
    };
    return playground;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function toReply(event: Record<string, unknown>): Reply {
  const message = (event.message ?? {}) as Record<string, unknown>;
  const attachments = (Array.isArray(message.attachments) ? message.attachments : []) as Attachment[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  return {
    messageId: String(message.messageId),
    conversationId: String(event.actionConversationId),
    text: typeof message.text === 'string' ? message.text : undefined,
    attachments,
    card: isCard(card) ? card : undefined,
    raw: message,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCard(v: unknown): v is AdaptiveCard {
  return isObject(v) && v.type === 'AdaptiveCard';
}

/** Every Action.Execute anywhere in a card (actions, action sets, selectActions, show-cards). */
export function executeActions(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => executeActions(n, found));
  else if (isObject(node)) {
    if (node.type === 'Action.Execute') found.push(node);
    for (const [k, v] of Object.entries(node)) if (k !== 'data' && k !== 'fallback') executeActions(v, found);
  }
  return found;
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((res, rej) => {
    const ws = new WebSocket(url);
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

async function poll<T>(get: () => T | undefined, deadline: number, message: string): Promise<T> {
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Free on all interfaces, as the Playground binds it. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen(port, () => probe.close(() => res(true)));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** True while any process of the group is left (zombies aside: node reaps its own children). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, SIGKILL after 3 s; returns once no process of the group is left. */
async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // gone meanwhile
    }
  }
  const deadline = Date.now() + 3000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  await exited;
  child.stdin?.destroy();
  while (groupAlive(pgid)) await new Promise((r) => setTimeout(r, 20));
}

function tail(logFile: string, output: string): string {
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  const lines = `${output}\n${log}`
    .split('\n')
    .filter((l) => /^(error|warn)\b/.test(l))
    .slice(-5);
  return lines.length ? `:\n  ${lines.join('\n  ')}` : '';
}

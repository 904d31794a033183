// The whole app as a person meets it, for end-to-end tests: Azurite (in-process, free ports),
// the bot's local host serving the real Functions handlers (free port), and the Agents
// Playground pointed at it. Plus small readers for the cards the bot sends.
import { TableClient } from '@azure/data-tables';
import { DateTime } from 'luxon';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import type { Page } from 'playwright-core';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { startPlayground } from '../support/playground.js';
import type { AdaptiveCard, Playground } from '../support/playgroundTypes.js';

export interface Stack {
  storage: AzuriteFixture;
  host: LocalHost;
  playground: Playground;
  /** The `records` table in Azurite, read directly (not through the app's store). */
  records: TableClient;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const storage = await startAzurite();
  let host: LocalHost | undefined;
  try {
    const settings = loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString });
    const runtime = createRuntime(settings);
    await prepareStorage(runtime);
    host = await startLocalHost(runtime, { port: 0 });
    const playground = await startPlayground({ endpoint: `${host.url}/api/messages` });
    const records = TableClient.fromConnectionString(storage.connectionString, 'records', { allowInsecureConnection: true });
    const running = host;
    return {
      storage,
      host: running,
      playground,
      records,
      async stop() {
        await playground.stop();
        await running.stop();
        await storage.dispose();
      },
    };
  } catch (err) {
    await host?.stop();
    await storage.dispose();
    throw err;
  }
}

/** A calendar date in Europe/London, `days` from today (negative: in the past). */
export function londonDate(days: number): string {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!;
}

type Element = Record<string, unknown>;

function isElement(v: unknown): v is Element {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every element of a card in document order (body, containers, columns, show-cards). */
export function elements(card: AdaptiveCard): Element[] {
  const out: Element[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isElement(v)) {
      if (typeof v.type === 'string') out.push(v);
      for (const [k, child] of Object.entries(v)) if (k !== 'data' && k !== 'fallback' && k !== 'choices') walk(child);
    }
  };
  walk(card.body);
  walk(card.actions);
  return out;
}

/** The card's inputs by id. */
export function inputs(card: AdaptiveCard): Record<string, Element> {
  return Object.fromEntries(
    elements(card)
      .filter((e) => String(e.type).startsWith('Input.') && typeof e.id === 'string')
      .map((e) => [e.id as string, e]),
  );
}

/** What each input shows as its value ('' when empty). */
export function inputValues(card: AdaptiveCard): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs(card)).map(([id, e]) => [id, typeof e.value === 'string' ? e.value : '']));
}

/** The error message shown under each input: an Attention-coloured TextBlock right after it. */
export function fieldErrors(card: AdaptiveCard): Record<string, string> {
  const errors: Record<string, string> = {};
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((el, i) => {
        const next = v[i + 1];
        if (
          isElement(el) &&
          String(el.type).startsWith('Input.') &&
          isElement(next) &&
          next.type === 'TextBlock' &&
          next.color === 'Attention'
        ) {
          errors[String(el.id)] = String(next.text);
        }
        walk(el);
      });
    } else if (isElement(v)) for (const child of Object.values(v)) walk(child);
  };
  walk(card.body);
  return errors;
}

/** All text a person reads on the card, one string per TextBlock / RichTextBlock / FactSet row. */
export function texts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  for (const e of elements(card)) {
    if (e.type === 'TextBlock' && typeof e.text === 'string') out.push(e.text);
    if (e.type === 'RichTextBlock' && Array.isArray(e.inlines)) {
      out.push(e.inlines.map((i) => (typeof i === 'string' ? i : isElement(i) ? String(i.text ?? '') : '')).join(''));
    }
    if (e.type === 'FactSet' && Array.isArray(e.facts)) {
      for (const f of e.facts) if (isElement(f)) out.push(`${String(f.title)} ${String(f.value)}`);
    }
  }
  return out;
}

/** The Action.Execute verbs a person can press on the card. */
export function verbs(card: AdaptiveCard): string[] {
  return elements(card)
    .filter((e) => e.type === 'Action.Execute')
    .map((e) => String(e.verb));
}

/**
 * For a browser suite: the stack and a headless Chromium, started in the suite's `before` (after
 * `prepare`, e.g. a place's settings) and stopped in its `after`. Read them once the tests run.
 */
export function browserSuite(options: { viewport?: { width: number; height: number }; prepare?: (stack: Stack) => Promise<void> } = {}): {
  stack: Stack;
  browser: Browser;
} {
  const suite = {} as { stack: Stack; browser: Browser };
  before(async () => {
    suite.stack = await startStack();
    await options.prepare?.(suite.stack);
    suite.browser = await launchBrowser(options.viewport ? { viewport: options.viewport } : {});
  });
  after(async () => {
    await suite.browser?.close();
    await suite.stack?.stop();
  });
  return suite;
}

/** Types a message into the Playground's compose box and sends it, as a person does. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox').first().fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

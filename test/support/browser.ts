// Test fixture: Debian's headless Chromium driven by playwright-core (never a downloaded browser).
//
//   const browser = await launchBrowser();
//   const page = await browser.open(playground.url);
//   await browser.screenshot(page, 'log-action-confirmation');   // test-output/<name>.png
//   await browser.close();
//
// Every request that does not go to loopback is aborted (the Playground page asks a CDN for fonts
// and an animation worklet); the aborted URLs are kept in `blocked`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Git-ignored. */
export const TEST_OUTPUT = resolve(__dirname, '..', '..', 'test-output');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The Playground's bar chart (Chart.VerticalBar) lays itself out once at zero width before it
 * measures the card, and Chromium logs that pass's x-axis labels (`<foreignObject>` width -9 for 8
 * bars); the chart it then draws is right (test-output/digest-charts.png). Not the app's error.
 */
const PLAYGROUND_CHART_FIRST_PASS = /^Error: <foreignObject> attribute width: A negative value is not valid\./;

export interface Browser {
  readonly context: BrowserContext;
  /** Non-loopback URLs the page asked for, all aborted. */
  readonly blocked: string[];
  /** Console errors of every page, other than the aborted requests' and the chart's first layout pass. */
  readonly consoleErrors: string[];
  open(url: string): Promise<Page>;
  /** Full-page PNG at test-output/<name>.png; returns the path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      // The people who use the bot are in England: dates the page shows and picks are UK dates.
      timezoneId: 'Europe/London',
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`could not launch Chromium at ${CHROMIUM} (apt-get install chromium): ${(err as Error).message.split('\n')[0]}`);
  }
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('console', (m) => {
    if (
      m.type() === 'error' &&
      !/ERR_BLOCKED_BY_CLIENT|ERR_FAILED|Network error/.test(m.text()) &&
      !PLAYGROUND_CHART_FIRST_PASS.test(m.text())
    )
      consoleErrors.push(m.text());
  });

  let closed = false;
  return {
    context,
    blocked,
    consoleErrors,
    async open(url) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(TEST_OUTPUT, { recursive: true });
      const path = join(TEST_OUTPUT, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a new post in the channel the page has open, @mentioning the bot as a person does (type
 * "@", pick the bot from the suggestions), and posts it. Posts made through the Playground's HTTP
 * API never show in the page, nor do the bot's answers in their threads (PLATFORM-NOTES); a post
 * made here does, so the page knows every later update in its thread.
 */
export async function postInChannel(page: Page, botName: string, text: string): Promise<void> {
  const box = page.getByRole('textbox').first();
  await box.click();
  await box.pressSequentially(`@${botName.split(' ')[0]}`);
  await page.getByRole('listbox').getByText(botName, { exact: true }).click();
  await box.pressSequentially(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

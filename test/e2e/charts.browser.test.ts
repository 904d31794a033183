// The charts as the Playground draws them, in headless Chromium: a risk reviewed three times shows
// the line of its current score with the target beside it on its card (personal chat, opened by
// typing its ref), and the Blackpool weekly digest shows its RAG donut and overdue-by-week bar in
// the channel. Screenshots of both cards are saved under test-output/ (risk-card-chart.png,
// digest-charts.png), with the whole page beside each.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { runDigestCli } from '../../functions/digestCli.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { createAction } from '../../records/action.js';
import { createRisk } from '../../records/risk.js';
import { applyRiskCommand, type RiskCommand } from '../../records/riskCommands.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { launchBrowser, TEST_OUTPUT, type Browser } from '../support/browser.js';
import { startPlayground } from '../support/playground.js';
import { CHAIR, SECRETARY } from '../support/playgroundTenant.js';
import type { Playground } from '../support/playgroundTypes.js';
import { riskDraftFor } from '../support/riskFixtures.js';
import { sendMessage } from './stack.js';

describe('Charts on cards in the Playground page (headless Chromium)', function () {
  this.timeout(120_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;
  let browser: Browser;
  const now = DateTime.now().setZone('Europe/London');
  const monday = now.startOf('week').plus({ weeks: 1 }).set({ hour: 9, minute: 5 });
  const sam = { id: SECRETARY.aadObjectId, name: SECRETARY.name };
  const helen = { id: CHAIR.aadObjectId, name: CHAIR.name };
  const actor = { ...sam, roles: ['admin' as const] };

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString }));
    await prepareStorage(runtime);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages` });
    // Tall enough for each whole card, so its screenshot is not cut by the chat pane's own scrolling.
    browser = await launchBrowser({ viewport: { width: 1280, height: 3200 } });
    const channel = pg.config.team.channels[0]!;
    await runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [helen],
      admins: [sam],
      channels: [{ id: channel.id, name: channel.name }],
    });
    await runtime.places.saveChannelReference('BPL', channel.id, {
      channelId: 'msteams',
      serviceUrl: `${pg.url}/_connector`,
      conversation: { id: channel.id, name: channel.name, conversationType: 'channel', isGroup: true, tenantId: pg.config.tenantId },
      bot: pg.config.bot,
    });
    // Open actions: overdue in three different weeks before the digest, due soon, and on track.
    const log = async (description: string, owner: typeof sam, dueInDays: number) => {
      const res = await runtime.records.create('action', 'BPL', (ref) =>
        createAction(
          { place: 'BPL', description, owner, dueDate: monday.plus({ days: dueInDays }).toISODate()!, links: {} },
          ref,
          actor,
          monday.minus({ days: 60 }).toJSDate(),
        ),
      );
      if (!res.ok) throw new Error(res.refusal.message);
    };
    await log('Draft terms of reference for the Place Integration Deal delivery group', helen, -3);
    await log('Circulate the revised neighbourhood model to the locality leads', helen, -5);
    await log('Confirm the discharge-to-assess bed numbers with the council', sam, -17);
    await log('Report Care Connexions uptake to the partnership board', sam, 5);
    await log('Review the pooled Better Care Fund budget with the council', sam, 40);
    // A risk assessed, then reviewed twice: 16 → 12 → 20 against a target of 6.
    const reviews: [number, RiskCommand][] = [
      [-56, { type: 'rescore', likelihood: 3, consequence: 4, note: 'Bank staff in place.' }],
      [-28, { type: 'rescore', likelihood: 4, consequence: 5, note: 'Two vacancies unfilled.' }],
    ];
    const raised = await runtime.records.create('risk', 'BPL', (ref) => {
      const start = now.minus({ days: 84 }).toJSDate();
      let t = createRisk(
        riskDraftFor('BPL', {
          title: 'Workforce gaps in community nursing',
          owner: sam,
          initial: { likelihood: 4, consequence: 5 },
          current: { likelihood: 4, consequence: 4 },
          target: { likelihood: 2, consequence: 3 },
        }),
        ref,
        actor,
        start,
      );
      for (const [days, command] of reviews) if (t.ok) t = applyRiskCommand(t.record, actor, command, now.plus({ days }).toJSDate());
      return t;
    });
    if (!raised.ok) throw new Error(raised.refusal.message);
  });
  after(async () => {
    await browser?.close();
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('typing a risk’s ref shows its card with the current score over its reviews and the target as a line chart; screenshot saved', async () => {
    const page = await browser.open(pg.url);
    await sendMessage(page, 'BPL-R-0001');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Workforce gaps in community nursing' }).last();
    // The Playground draws the chart's legend and axes (not its title); the line above says it in words.
    await card.getByText('Current score at each review: 16, 12, 20; target 6 Moderate.').waitFor({ timeout: 15_000 });
    await card.getByText('Target score', { exact: true }).waitFor();
    expect(await card.getByText('Assessment and reviews', { exact: true }).count(), 'the axis is drawn').to.equal(1);
    expect(await card.locator('svg').count(), 'the Playground draws the chart').to.be.greaterThan(0);
    await card.scrollIntoViewIfNeeded();
    const path = join(TEST_OUTPUT, 'risk-card-chart.png');
    await card.screenshot({ path });
    await browser.screenshot(page, 'risk-card-chart-page');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(pg.problems(), 'no warnings in the Playground log').to.deep.equal([]);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });

  it('the weekly digest in the channel shows open actions by RAG and overdue actions by week as charts; screenshot saved', async () => {
    const page = browser.context.pages()[0]!;
    await page.getByRole('treeitem', { name: `${pg.config.team.name} - ${pg.config.team.channels[0]!.name}` }).click();
    const lines: string[] = [];
    await runDigestCli(['--at', monday.toUTC().toISO()!], { STORAGE_CONNECTION_STRING: storage.connectionString }, (l) => lines.push(l));
    expect(lines[0]).to.match(/: posted/);
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Blackpool: weekly digest' }).last();
    await card.getByText('Red: overdue', { exact: true }).waitFor({ timeout: 15_000 });
    await card.getByText('Week it fell due (week commencing)', { exact: true }).waitFor();
    expect(
      await card.getByText(/^Open actions: 5 \(3 red, overdue; 1 amber, due soon; 1 green, on track\)\./).count(),
      'the split in words',
    ).to.equal(1);
    expect(await card.locator('svg').count(), 'the Playground draws the charts').to.be.greaterThan(1);
    await card.scrollIntoViewIfNeeded();
    const path = join(TEST_OUTPUT, 'digest-charts.png');
    await card.screenshot({ path });
    await browser.screenshot(page, 'digest-charts-page');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });
});

// The weekly digest as a person sees it: headless Chromium has the Playground's Blackpool channel
// open when `npm run digest` posts; the card shows its sections and the @mentioned owner.
// A screenshot is saved under test-output/digest-in-channel.png.
import { existsSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { runDigestCli } from '../../functions/digestCli.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { createAction } from '../../records/action.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { startPlayground } from '../support/playground.js';
import { CHAIR, SECRETARY } from '../support/playgroundTenant.js';
import type { Playground } from '../support/playgroundTypes.js';

describe('The weekly digest in the Playground page (headless Chromium)', function () {
  this.timeout(90_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;
  let browser: Browser;
  const monday = DateTime.now().setZone('Europe/London').startOf('week').plus({ weeks: 1 }).set({ hour: 9, minute: 5 });

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString }));
    await prepareStorage(runtime);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages` });
    browser = await launchBrowser();
    const channel = pg.config.team.channels[0]!;
    const sam = { id: SECRETARY.aadObjectId, name: SECRETARY.name };
    const helen = { id: CHAIR.aadObjectId, name: CHAIR.name };
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
    const actor = { ...sam, roles: ['admin' as const] };
    const log = async (description: string, owner: typeof sam, raised: DateTime, due: DateTime, priority?: 'BCF' | 'POP_HEALTH') => {
      const res = await runtime.records.create('action', 'BPL', (ref) =>
        createAction(
          { place: 'BPL', description, owner, dueDate: due.toISODate()!, links: priority ? { priority } : {} },
          ref,
          actor,
          raised.toJSDate(),
        ),
      );
      if (!res.ok) throw new Error(res.refusal.message);
    };
    await log(
      'Draft terms of reference for the Place Integration Deal delivery group',
      helen,
      monday.minus({ days: 40 }),
      monday.minus({ days: 6 }),
      'POP_HEALTH',
    );
    await log(
      'Review the pooled Better Care Fund budget with the council',
      sam,
      monday.minus({ days: 3 }),
      monday.plus({ days: 10 }),
      'BCF',
    );
  });
  after(async () => {
    await browser?.close();
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('the digest appears in the Blackpool Partnership channel with its sections and the overdue owner mentioned; screenshot saved', async () => {
    const page = await browser.open(pg.url);
    await page.getByRole('treeitem', { name: `${pg.config.team.name} - ${pg.config.team.channels[0]!.name}` }).click();
    const lines: string[] = [];
    await runDigestCli(['--at', monday.toUTC().toISO()!], { STORAGE_CONNECTION_STRING: storage.connectionString }, (l) => lines.push(l));
    expect(lines[0]).to.match(/: posted/);
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Blackpool: weekly digest' }).last();
    await card.waitFor({ timeout: 15_000 });
    for (const shown of [
      'New actions (1)',
      'Overdue actions (1)',
      'BPL-A-0001',
      'BPL-A-0002',
      'Better Care Fund and section 75/256 agreements',
    ]) {
      expect(await card.getByText(shown).count(), `"${shown}" on the digest`).to.be.greaterThan(0);
    }
    expect(await card.getByText(CHAIR.name).count(), 'the overdue owner is mentioned').to.be.greaterThan(0);
    const path = await browser.screenshot(page, 'digest-in-channel');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });
});

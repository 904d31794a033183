// End to end in a real browser: the board pack's download links in the Agents Playground page.
// The secretary asks for the Blackpool board pack in the group chat; the links are sent to them
// alone, in their personal chat with the bot, and the card shows there in the page; clicking
// "Action log (CSV)" downloads the file from the app's own /api/files route, and it holds the
// place's actions. A screenshot of the card is saved under test-output/.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createAction } from '../../records/action.js';
import { PlaceStore } from '../../records/store/placeStore.js';
import { RecordStore } from '../../records/store/recordStore.js';
import { draft } from '../support/actionFixtures.js';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import { browserSuite, sendMessage } from './stack.js';

const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });

describe('The board pack’s download links in the Agents Playground page (headless Chromium)', function () {
  this.timeout(90_000);
  const suite = browserSuite({
    prepare: async (stack) => {
      const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
      await places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [person(CHAIR)], admins: [person(SECRETARY)] });
      const records = RecordStore.fromConnection({ connectionString: stack.storage.connectionString });
      const now = new Date();
      const made = await records.create('action', 'BPL', (ref) =>
        createAction(
          draft(now, { description: 'Share the neighbourhood team plan with the PCN' }),
          ref,
          { ...person(SECRETARY), roles: ['admin'] },
          now,
        ),
      );
      if (!made.ok) throw new Error(made.refusal.message);
    },
  });

  it('asked for in the group chat, the links arrive in the secretary’s personal chat, and "Action log (CSV)" downloads the file with the place’s actions', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    // The page opens on the personal chat; having talked there, the secretary can be sent links 1:1.
    await sendMessage(page, 'hi');
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'I keep the action logs' }).last().waitFor({ timeout: 20_000 });
    // Asked in the group chat through the Playground's API (a group chat message must @mention the bot).
    const at = `<at>${MOCK_TENANT.bot.name}</at>`;
    const res = await fetch(
      `http://127.0.0.1:${stack.playground.port}/_conversation/v1/conversations/${MOCK_TENANT.groupChat.id}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'text',
          text: `${at} board pack Blackpool`,
          textFormat: 'plain',
          from: { id: SECRETARY.id },
          mentions: [{ mentioned: { id: MOCK_TENANT.bot.id }, text: at }],
        }),
      },
    );
    expect(res.status).to.equal(200);

    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Board pack · Blackpool' }).last();
    const link = card.getByText('Action log (CSV)', { exact: true });
    await link.waitFor({ timeout: 20_000 });
    await card.scrollIntoViewIfNeeded();
    await browser.screenshot(page, 'board-pack-links');

    const [download] = await Promise.all([
      Promise.race([page.waitForEvent('download'), browser.context.waitForEvent('page').then((popup) => popup.waitForEvent('download'))]),
      link.click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^BPL action log \d{4}-\d{2}-\d{2} \d{4}\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path!, 'utf8');
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(csv).to.contain('Share the neighbourhood team plan with the PCN').and.contain('BPL-A-0001');
  });
});

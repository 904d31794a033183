// End to end in a real browser: in the Agents Playground page the board secretary posts in the
// group chat, hovers the message, opens its "…" menu → Action Command → "logAction", and the
// "Log as action" dialog opens with the message's text in the form. A screenshot is saved under
// test-output/.
import { existsSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import { browserSuite, sendMessage } from './stack.js';

const MESSAGE = 'Can Public Health circulate the revised ToR before the next board?';

describe('Log as action from a message in the Agents Playground page (headless Chromium)', function () {
  this.timeout(60_000);
  const suite = browserSuite();

  it('hover a message → "…" → Action Command "logAction" opens the action form prefilled with it; screenshot saved', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    await page.getByRole('treeitem', { name: new RegExp(MOCK_TENANT.groupChat.name) }).click();
    await sendMessage(page, MESSAGE);

    const message = page.getByText(MESSAGE, { exact: true }).last();
    await message.waitFor();
    await message.hover();
    await page.getByRole('button', { name: 'Show more information' }).last().click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    await page.getByPlaceholder('Input command id or leave blanks').fill('logAction');
    await page.getByRole('radio', { name: /Adaptive Cards/ }).check();
    await page.getByRole('button', { name: 'Create' }).click();

    const dialog = page.getByRole('dialog').filter({ hasText: 'Log as action' });
    const description = dialog.getByLabel('What needs to be done');
    await description.waitFor({ timeout: 15_000 });
    expect(await description.inputValue()).to.equal(MESSAGE);
    await dialog.getByText(`Copied from ${SECRETARY.name}’s message.`, { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Log action', exact: true }).count()).to.equal(1);
    expect(await dialog.getByRole('button', { name: 'Cancel', exact: true }).count(), 'no Cancel: the dialog closes itself').to.equal(0);

    const path = await browser.screenshot(page, 'log-as-action-prefilled-form');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(stack.playground.problems(), 'no warnings in the Playground log').to.deep.equal([]);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });
});

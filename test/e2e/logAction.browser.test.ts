// End to end in a real browser: headless Debian Chromium opens the Agents Playground page, the
// board secretary types "log action", fills the form as a person would (pickers, calendar),
// submits, and sees the confirmation card. A screenshot is saved under test-output/.
import { existsSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { formatDate } from '../../records/dates.js';
import { SECRETARY } from '../support/playgroundTenant.js';
import { browserSuite, londonDate, sendMessage } from './stack.js';

const DESCRIPTION = 'Roll out Care Connexions to every Blackpool GP practice and report uptake to the board';

/** Picks a day in an Adaptive Card Input.Date the way a person does: open the calendar, page to the month, click the day. */
async function pickDate(page: Page, input: Locator, isoDate: string): Promise<void> {
  const target = DateTime.fromISO(isoDate, { locale: 'en-GB' });
  await input.click();
  const calendar = page.getByRole('dialog', { name: 'Calendar' });
  await calendar.waitFor();
  const month = `${target.toFormat('LLLL')} ${target.year}`;
  for (let i = 0; i < 24 && !(await calendar.getByRole('button', { name: month, exact: true }).isVisible()); i++) {
    await calendar.getByTitle(/^Next month/).click();
  }
  await calendar.getByRole('button', { name: `${target.day}, ${target.toFormat('LLLL')}, ${target.year}`, exact: true }).click();
  await calendar.waitFor({ state: 'hidden' });
}

describe('Logging an action in the Agents Playground page (headless Chromium)', function () {
  this.timeout(60_000);
  const suite = browserSuite();

  it('types "log action", fills the form, submits and sees the confirmation card with its ref; screenshot saved', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    const dueDate = londonDate(45);

    await sendMessage(page, 'log action');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Log an action' }).last();
    await card.getByRole('button', { name: 'Log action', exact: true }).waitFor();

    await card.getByRole('combobox', { name: 'Place', exact: true }).click();
    await page.getByRole('option', { name: 'Blackpool', exact: true }).click();
    await card.getByLabel('What needs to be done').fill(DESCRIPTION);
    const owner = card.getByRole('combobox', { name: 'People Picker' });
    await owner.click();
    await owner.pressSequentially(SECRETARY.givenName);
    await page.getByRole('option', { name: new RegExp(SECRETARY.name) }).click();
    await pickDate(page, card.getByRole('combobox', { name: 'Due date', exact: true }), dueDate);
    await card.getByLabel('Raised at (meeting or forum, optional)').fill('Blackpool Place Partnership Board');
    await browser.screenshot(page, 'log-action-form-filled');

    await card.getByRole('button', { name: 'Log action', exact: true }).click();

    const confirmation = page.locator('.ac-adaptiveCard').filter({ hasText: 'BPL-A-0001' }).last();
    await confirmation.getByText('Action BPL-A-0001 logged').waitFor({ timeout: 15_000 });
    for (const shown of ['Blackpool', SECRETARY.name, formatDate(dueDate), 'Open', DESCRIPTION]) {
      expect(await confirmation.getByText(shown, { exact: true }).count(), `"${shown}" on the confirmation`).to.be.greaterThan(0);
    }
    const path = await browser.screenshot(page, 'log-action-confirmation');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(stack.playground.problems(), 'no warnings in the Playground log').to.deep.equal([]);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });

  it('"my actions" typed in the page lists the action under the owner picked with the people picker', async () => {
    const { browser } = suite;
    // The Playground's people picker submits the Teams user id (user-id-0), not the AAD object id
    // Teams' picker sends: the action only shows here if the bot resolved the person correctly.
    const page = browser.context.pages()[0]!;
    await sendMessage(page, 'my actions');
    const list = page.locator('.ac-adaptiveCard').filter({ hasText: 'Your open actions' }).last();
    await list.getByText('BPL-A-0001 · Blackpool', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await list.getByText(DESCRIPTION, { exact: true }).count()).to.equal(1);
    await browser.screenshot(page, 'my-actions');
  });
});

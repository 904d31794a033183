// End to end in a real browser: headless Debian Chromium opens the Agents Playground page, a risk
// owner types "raise risk", fills the risk form as a person would (pickers, scores), submits, sees
// the risk card, then asks for the Blackpool register. Screenshots of the form, the risk card and
// the register with its heat map are saved under test-output/.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { TEST_OUTPUT } from '../support/browser.js';
import { SECRETARY } from '../support/playgroundTenant.js';
import { browserSuite, sendMessage } from './stack.js';

const TITLE = 'Homecare capacity at risk now that winter funding has ended';

describe('Raising a risk and reading the register in the Agents Playground page (headless Chromium)', function () {
  this.timeout(60_000);
  const suite = browserSuite({ viewport: { width: 1280, height: 1000 } });

  it('types "raise risk", fills the form, submits and sees the risk card scored Extreme; screenshots saved', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    await sendMessage(page, 'raise risk');
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Raise a risk' }).last();
    await form.getByRole('button', { name: 'Raise risk', exact: true }).waitFor();

    const choose = async (label: string, option: string, nth = 0) => {
      await form.getByRole('combobox', { name: label, exact: true }).nth(nth).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await choose('Place', 'Blackpool');
    await form.getByLabel(/^Title/).fill(TITLE);
    await form.getByLabel(/^There is a risk that/).fill('the council cannot keep in-house homecare at last winter’s level');
    await form.getByLabel(/^caused by/).fill('the winter money that paid for it has stopped while demand has not');
    await form.getByLabel(/^resulting in/).fill('longer hospital stays and more avoidable admissions for older residents');
    await choose('Category', 'Service disruption');
    const owner = form.getByRole('combobox', { name: 'People Picker' });
    await owner.click();
    await owner.pressSequentially(SECRETARY.givenName);
    await page.getByRole('option', { name: new RegExp(SECRETARY.name) }).click();
    await choose('Likelihood', '4 – Likely', 0);
    await choose('Consequence', '4 – Major', 0);
    await choose('Likelihood', '2 – Unlikely', 2);
    await choose('Consequence', '3 – Moderate', 2);
    await form.getByLabel('Existing controls (one per line)').fill('Daily discharge huddle\nThe ARC as a step-up alternative');
    await browser.screenshot(page, 'raise-risk-form-filled');

    await form.getByRole('button', { name: 'Raise risk', exact: true }).click();
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Risk BPL-R-0001 raised' }).last();
    await card.getByText('Risk BPL-R-0001 raised').waitFor({ timeout: 15_000 });
    for (const shown of ['L4 × C4 = 16 Extreme', 'L2 × C3 = 6 Moderate', TITLE]) {
      expect(await card.getByText(shown, { exact: true }).count(), `"${shown}" on the risk card`).to.be.greaterThan(0);
    }
    await browser.screenshot(page, 'risk-card');
    expect(stack.playground.problems(), 'no warnings in the Playground log').to.deep.equal([]);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });

  it('"risk register Blackpool" shows the register with its heat map and the risk; screenshot of the register card', async () => {
    const { browser } = suite;
    const page = browser.context.pages()[0]!;
    await sendMessage(page, 'risk register Blackpool');
    const register = page.locator('.ac-adaptiveCard').filter({ hasText: 'Blackpool risk register' }).last();
    await register.getByText('Heat map of current scores').waitFor({ timeout: 15_000 });
    expect(await register.getByText(TITLE, { exact: true }).count()).to.equal(1);
    expect(await register.getByText('Extreme 1', { exact: true }).count()).to.equal(1);
    await register.scrollIntoViewIfNeeded();
    const path = join(TEST_OUTPUT, 'risk-register.png');
    await register.screenshot({ path });
    await browser.screenshot(page, 'risk-register-page');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
  });
});

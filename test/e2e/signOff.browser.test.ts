// End to end in a real browser: in the Blackpool group chat of the Agents Playground page, the
// secretary asks the bot and requests a sign-off and sees the shared card; the chair (another
// mock user, through the Playground's HTTP API: the page has one user) approves with conditions
// from their own view; the page's shared card turns into the decided card. Screenshots of the
// shared card before and after are saved under test-output/.
import { existsSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { PlaceStore } from '../../records/store/placeStore.js';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import { browserSuite } from './stack.js';

const TITLE = 'Phases of development for the Blackpool place integration deal';
const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });

describe('A sign-off’s shared card in the Agents Playground page, before and after the chair decides (headless Chromium)', function () {
  this.timeout(90_000); /*dbg*/
  const suite = browserSuite({
    prepare: async (stack) => {
      const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
      await places.put({
        place: 'BPL',
        displayName: 'Blackpool',
        chairs: [person(CHAIR)],
        approvers: [person(CHAIR), person(MOCK_TENANT.users[1]!)],
        admins: [person(SECRETARY)],
      });
    },
  });

  it('requested in the group chat, the shared card shows status, approvers and "Show my options"; after the chair’s decision it shows the outcome', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    await page.getByRole('treeitem', { name: /Blackpool action group/ }).click();
    // The welcome card the bot posted when added to the chat has a "Request a sign-off" button.
    await page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Place Partnership bot' })
      .last()
      .getByRole('button', { name: 'Request a sign-off' })
      .click();
    const picker = page.locator('.ac-adaptiveCard').filter({ hasText: 'Request a sign-off' }).last();
    await picker.getByRole('button', { name: 'Blackpool', exact: true }).click();
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Request a sign-off · Blackpool' }).last();
    await form.getByRole('button', { name: 'Request sign-off', exact: true }).waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form
      .getByLabel('Summary: what are the approvers asked to agree?')
      .fill('Support the proposed phases of development and the actions that go with each phase.');
    const mark = stack.playground.repliesSince(0).length;
    await form.getByRole('button', { name: 'Request sign-off', exact: true }).click();

    const [posted] = await stack.playground.waitForReplies(mark, 1, 15_000);
    const ref = /BPL-S-\d{4}/.exec(JSON.stringify(posted!.card))![0];
    const sharedCard = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: `Sign-off ${ref}` })
      .filter({ hasText: 'Show my options' })
      .last();
    await sharedCard.getByText('Awaiting decision', { exact: true }).waitFor({ timeout: 15_000 });
    await sharedCard.scrollIntoViewIfNeeded();
    const before = await browser.screenshot(page, 'sign-off-shared-card-before');
    expect(existsSync(before) && statSync(before).size > 10_000, before).to.equal(true);

    // The chair opens the card (Teams' automatic refresh) and approves with conditions from their view.
    const view = await stack.playground.invoke({
      replyToId: posted!.messageId,
      conversationId: posted!.conversationId,
      from: CHAIR.id,
      value: { action: { type: 'Action.Execute', verb: 'signoff.refresh', data: { verb: 'signoff.refresh', ref } }, trigger: 'automatic' },
    });
    await stack.playground.execute(
      { ...posted!, card: view.card! },
      { conditions: 'Report progress on phase one to the March board.' },
      { verb: 'signoff.approveWithConditions', from: CHAIR.id },
    );

    const decided = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: `Sign-off ${ref}` })
      .filter({ hasText: `Approved with conditions by ${CHAIR.name}.` })
      .last();
    await decided.waitFor({ timeout: 15_000 });
    expect(await decided.getByText('Report progress on phase one to the March board.', { exact: false }).count()).to.be.greaterThan(0);
    expect(await decided.getByRole('button', { name: 'Show my options' }).count(), 'no buttons once decided').to.equal(0);
    await decided.scrollIntoViewIfNeeded();
    const after = await browser.screenshot(page, 'sign-off-shared-card-after');
    expect(existsSync(after) && statSync(after).size > 10_000, after).to.equal(true);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });

  it('the requester opens cover-sheet sections on the form, fills them, and the shared card shows the cover sheet', async () => {
    const { stack, browser } = suite;
    const page = await browser.open(stack.playground.url);
    await page.getByRole('treeitem', { name: /Blackpool action group/ }).click();
    await page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Place Partnership bot' })
      .last()
      .getByRole('button', { name: 'Request a sign-off' })
      .click();
    const picker = page.locator('.ac-adaptiveCard').filter({ hasText: 'Request a sign-off' }).last();
    await picker.getByRole('button', { name: 'Blackpool', exact: true }).click();
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Request a sign-off · Blackpool' }).last();
    await form.getByRole('button', { name: 'Request sign-off', exact: true }).waitFor();
    await form.getByLabel('Title').fill('Place Integration Deal: progress on areas of delivery');
    await form.getByLabel('Summary: what are the approvers asked to agree?').fill('Note the progress of the place integration deal.');
    // Closed as first shown: each section opens with its own button.
    const recommendation = form.getByLabel('Recommendation 1', { exact: true });
    expect(await recommendation.isVisible(), 'the recommendations section starts closed').to.equal(false);
    await form.getByRole('button', { name: 'Recommendations', exact: true }).click();
    await recommendation.waitFor({ state: 'visible' });
    // A compact choice set is a combobox in the page: open it, pick the option (listed outside the card).
    const choose = async (label: string, option: string) => {
      await form.getByRole('combobox', { name: label, exact: true }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await choose('Purpose', 'For information');
    await choose('Recommendation 1: the board is asked to', 'Note');
    await recommendation.fill('the contents of the report including progress of the four LSC places.');
    await form.getByRole('button', { name: 'Author and authorisation', exact: true }).click();
    await form.getByLabel('Report authorised by (name)').fill('Professor Craig Harris');
    await form.getByLabel('Their role (required when a name is given)').fill('Chief Operating Officer');
    const mark = stack.playground.repliesSince(0).length;
    await form.getByRole('button', { name: 'Request sign-off', exact: true }).click();

    const [posted] = await stack.playground.waitForReplies(mark, 1, 15_000);
    const ref = /BPL-S-\d{4}/.exec(JSON.stringify(posted!.card))![0];
    const sharedCard = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: `Sign-off ${ref}` })
      .filter({ hasText: 'Cover sheet' })
      .last();
    await sharedCard.getByText('Professor Craig Harris, Chief Operating Officer').waitFor({ timeout: 15_000 });
    const shown = await sharedCard.innerText();
    const at = ['Cover sheet', '1. Note the contents of the report', 'Report authorised by'].map((t) => shown.indexOf(t));
    expect(at.every((i) => i >= 0) && [...at].sort((a, b) => a - b).join() === at.join(), shown).to.equal(true);
    await sharedCard.scrollIntoViewIfNeeded();
    await browser.screenshot(page, 'sign-off-shared-card-cover-sheet');
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });
});

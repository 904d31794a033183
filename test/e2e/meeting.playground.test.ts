// End to end through the Agents Playground, as the board secretary and the chair in the Blackpool
// channel: "prepare meeting Blackpool" and its form as first shown; the meeting card posted in the
// channel; the chair closes an action from it; the secretary drafts the key messages (the draft as
// offered) and sends them to the chair; the chair approves (an invoke from Helen Price, as the
// sign-off tests do) and the key messages are posted in the Blackpool channel. Headless Chromium
// has that channel open, and a screenshot of the published key messages is saved under
// test-output/key-messages-in-channel.png. Real Playground, bot host and Azurite; nothing mocked.
import { existsSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { applyActionCommand, createAction } from '../../records/action.js';
import { RecordStore } from '../../records/store/recordStore.js';
import { PlaceStore } from '../../records/store/placeStore.js';
import { launchBrowser, postInChannel, type Browser } from '../support/browser.js';
import { CHAIR, SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });

async function waitFor<T>(found: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const it = found();
    if (it !== undefined) return it;
  }
  throw new Error(`nothing arrived within ${timeoutMs} ms`);
}

describe('A board meeting in Teams, from agenda to published key messages (Agents Playground, headless Chromium)', function () {
  this.timeout(120_000);
  let stack: Stack;
  let browser: Browser;
  let page: Awaited<ReturnType<Browser['open']>>;
  let posted: Reply;
  let meetingRef: string;
  const proposed: string[] = [];

  before(async () => {
    stack = await startStack();
    const pg = stack.playground;
    const channel = pg.config.team.channels[0]!;
    const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
    await places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(CHAIR)],
      approvers: [person(CHAIR)],
      admins: [person(SECRETARY)],
      channels: [{ id: channel.id, name: channel.name }],
    });
    await places.saveChannelReference('BPL', channel.id, {
      channelId: 'msteams',
      serviceUrl: `${pg.url}/_connector`,
      conversation: {
        id: channel.id,
        name: channel.name,
        conversationType: 'channel',
        isGroup: true,
        tenantId: pg.config.tenantId,
      } as never,
      bot: pg.config.bot,
    });
    // Two Blackpool actions their owner has proposed for closure, for the meeting to close.
    const records = RecordStore.fromConnection({ connectionString: stack.storage.connectionString });
    const sam = { ...person(SECRETARY), roles: ['admin' as const] };
    for (const description of ['Publish the Blackpool neighbourhood health plan', 'Agree the terms of reference for the estates review']) {
      const created = await records.create('action', 'BPL', (ref) =>
        createAction({ place: 'BPL', description, owner: person(CHAIR), dueDate: londonDate(7), links: {} }, ref, sam, new Date()),
      );
      if (!created.ok) throw new Error(created.refusal.message);
      const next = applyActionCommand(created.stored.record, sam, { type: 'proposeClosure', note: 'Done.' }, new Date());
      await records.update('action', created.stored, next);
      proposed.push(created.stored.record.ref);
    }
    // The channel is open in the page from the start, so it sees every post and update.
    browser = await launchBrowser();
    page = await browser.open(pg.url);
    await page.getByRole('treeitem', { name: `${pg.config.team.name} - ${channel.name}` }).click();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the secretary types “prepare meeting Blackpool” in the channel and saves the form as shown: the meeting card is posted in the channel', async () => {
    const pg = stack.playground;
    // Typed in the page, as a person posts in a channel: the page shows only the threads it started
    // or saw posted (PLATFORM-NOTES), so every later post and update is one it knows.
    const mark0 = pg.repliesSince(0).length;
    await postInChannel(page, pg.config.bot.name, 'prepare meeting Blackpool');
    // The page's own welcome posts may still be arriving: the answer is the reply in a thread.
    const form = await waitFor(() =>
      pg.repliesSince(mark0).find((r) => r.conversationId.includes(';messageid=') && !!r.card && verbs(r.card).includes('meeting.create')),
    );
    const shown = inputValues(form.card!);
    for (const ref of proposed) expect(shown[`agenda.proposedForClosure.${ref}`], ref).to.equal('true');
    // The date as offered is two weeks ahead (this place has no forum); the meeting is today.
    const mark = pg.repliesSince(0).length;
    const done = await pg.execute(form, { ...shown, date: londonDate(0) }, { verb: 'meeting.create' });
    const heading = texts(done.card!).find((t) => /^Meeting BPL-M-\d{4} prepared$/.test(t));
    expect(heading, texts(done.card!).join(' | ')).to.exist;
    meetingRef = /BPL-M-\d{4}/.exec(heading!)![0];
    expect(texts(done.card!).join(' | ')).to.contain('Its card is posted in the Blackpool channel');
    const [post] = await pg.waitForReplies(mark, 1);
    // A new channel post is its own thread: clicks on it name the thread `{channel};messageid={id}`.
    posted = post!.conversationId.includes(';messageid=')
      ? post!
      : { ...post!, conversationId: `${post!.conversationId};messageid=${post!.messageId}` };
    expect(texts(posted.card!).join(' | ')).to.contain(meetingRef).and.contain('Actions proposed for closure');
    expect(verbs(posted.card!)).to.deep.equal(['meeting.view']);
  });

  it('the chair opens the meeting card and closes an action from it; the channel’s card is updated for everyone', async () => {
    const pg = stack.playground;
    const mine = await pg.execute(posted, {}, { verb: 'meeting.view', from: CHAIR.id });
    expect(verbs(mine.card!)).to.include.members(['meeting.closeAction', 'meeting.declineClosure', 'meeting.addDecision']);
    const before = pg.events.filter((e) => e.action === 'updateMessage').length;
    const closed = await pg.execute(
      { ...posted, card: mine.card! },
      { [`${proposed[0]}.decision`]: 'Agreed: the plan is published.' },
      { verb: 'meeting.closeAction', from: CHAIR.id },
    );
    expect(texts(closed.card!).join(' | ')).to.contain(`${proposed[0]}: Closed at this meeting.`);
    const deadline = Date.now() + 5000;
    while (pg.events.filter((e) => e.action === 'updateMessage').length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(JSON.stringify(pg.events.filter((e) => e.action === 'updateMessage').at(-1))).to.contain(
      `${proposed[0]}: Closed at the meeting by ${CHAIR.name}.`,
    );
  });

  it('the secretary drafts the key messages as offered and sends them; the chair approves; the key messages are posted in the Blackpool channel (screenshot)', async () => {
    const pg = stack.playground;

    const mine = await pg.execute(posted, {}, { verb: 'meeting.view' });
    const draft = inputValues(mine.card!);
    expect(draft.keyMessages)
      .to.contain('Key Decisions and Actions')
      .and.contain(`The Board agreed to close ${proposed[0]}, publish the Blackpool neighbourhood health plan`)
      .and.contain('Matters for Escalation (and where to)\nN/A');
    const saved = await pg.execute({ ...posted, card: mine.card! }, draft, { verb: 'meeting.draftKeyMessages' });
    expect(texts(saved.card!).join(' | ')).to.contain('Key messages saved.');
    const mark = pg.repliesSince(0).length;
    const sent = await pg.execute({ ...posted, card: saved.card! }, {}, { verb: 'meeting.sendKeyMessages' });
    const line = texts(sent.card!).join(' | ');
    expect(line).to.match(/Sent to Helen Price for sign-off as BPL-S-\d{4}/);
    const signOffRef = /BPL-S-\d{4}/.exec(line)![0];
    const [signOffPost] = await pg.waitForReplies(mark, 1);
    expect(texts(signOffPost!.card!).join(' | ')).to.contain(signOffRef).and.contain('Key messages');

    // The chair answers from her own view of the sign-off card.
    const chairView = await pg.execute(signOffPost!, {}, { verb: 'signoff.view', from: CHAIR.id });
    const approved = await pg.execute({ ...signOffPost!, card: chairView.card! }, {}, { verb: 'signoff.approve', from: CHAIR.id });
    expect(texts(approved.card!).join(' | ')).to.contain('Your approval is recorded.');
    const [published] = await pg.waitForReplies(mark + 1, 1, 15_000);
    const shownText = texts(published!.card!).join(' | ');
    expect(shownText)
      .to.contain(`Blackpool Place Partnership Board – Key messages`)
      .and.contain('Completed and Signed off by Helen Price, Chair');

    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Completed and Signed off by Helen Price, Chair' }).last();
    await card.waitFor({ timeout: 15_000 });
    for (const seen of ['Key Decisions and Actions', 'Matters for Escalation (and where to)', `The Board agreed to close ${proposed[0]}`]) {
      expect(await card.getByText(seen, { exact: false }).count(), `"${seen}" on the key messages`).to.be.greaterThan(0);
    }
    const path = await browser.screenshot(page, 'key-messages-in-channel');
    expect(existsSync(path) && statSync(path).size > 10_000, `screenshot at ${path}`).to.equal(true);
    expect(browser.consoleErrors, 'no console errors on the page').to.deep.equal([]);
  });
});

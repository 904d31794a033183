// What a careless or hostile user can send through a card or a chat, and what they see:
// a plain answer, nothing lost, nothing saved twice, nothing saved over a newer version.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness, invokeActivity } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

describe('Hostile and careless input, in chat (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const form = (overrides: Record<string, unknown> = {}) => ({
    place: 'BPL',
    description: 'Agree the delivery group terms of reference.',
    owner: ALEX.id,
    dueDate: addDays(londonToday(now), 30),
    people: [{ id: ALEX.id, name: ALEX.name }],
    formId: randomUUID(),
    ...overrides,
  });
  const countActions = async () => (await bot.runtime.records.listByPlace('action', 'BPL')).length;

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
  });
  after(async () => bot?.stop());

  it('a form submitted twice logs one action, and the second submit is shown the first', async () => {
    const [drawn] = await bot.say('log action');
    const formId = actionData(drawn, 'action.create').formId as string;
    expect(formId).to.match(/^[0-9a-f-]{36}$/);
    const before = await countActions();
    const first = await bot.click('action.create', form({ formId }));
    const ref = /Action (BPL-A-\d{4}) logged/.exec(cardText(first))![1]!;
    const second = await bot.click('action.create', form({ formId }));
    expect(cardText(second)).to.contain(`This form was already submitted: it logged ${ref}`);
    expect(await countActions()).to.equal(before + 1);
  });

  it('five submits of one form at once log one action', async () => {
    const before = await countActions();
    const formId = '4d0c9a0e-6d7b-4a8f-9d59-3f0d0b6c2a11';
    const cards = await Promise.all(Array.from({ length: 5 }, () => bot.click('action.create', form({ formId }))));
    const refs = new Set(cards.map((c) => /Action (BPL-A-\d{4}) logged/.exec(cardText(c))?.[1]));
    expect([...refs]).to.have.length(1);
    expect(await countActions()).to.equal(before + 1);
  });

  it('a form fixed after an error and submitted keeps its id, so it still logs once', async () => {
    const formId = '7f1e2d3c-4b5a-4968-8776-655443322110';
    const refused = await bot.click('action.create', form({ formId, description: '' }));
    expect(actionData(refused, 'action.create').formId).to.equal(formId);
  });

  it('a change from a card without its ETag is treated as out of date: nothing saved, the latest shown, the text kept', async () => {
    const created = await bot.click('action.create', form());
    const ref = actionData(created, 'action.addUpdate').ref as string;
    const card = await bot.click('action.addUpdate', { ref, updateText: 'No etag on this one' });
    expect(cardText(card)).to.contain('Someone else changed this action').and.contain('No etag on this one');
    const stored = await bot.runtime.records.get('action', ref);
    expect(stored!.record.updates).to.have.length(0);
  });

  it('100 KB or 200 KB of update text comes back clipped, saying so, on a card under 40 KB; 1 MB is refused at the door (413)', async () => {
    const created = await bot.click('action.create', form());
    const data = actionData(created, 'action.addUpdate');
    for (const size of [100 * 1024, 200 * 1024]) {
      const card = await bot.click('action.addUpdate', { ...data, updateText: 'u'.repeat(size) });
      expect(cardText(card)).to.contain('too long to keep: the first 4,000 are below');
      expect(checkCard(card).bytes).to.be.below(40 * 1024);
    }
    const huge = await bot.post(invokeActivity(bot.serviceUrl, 'action.addUpdate', { ...data, updateText: 'u'.repeat(1000 * 1000) }));
    expect(huge.status).to.equal(413);
    expect((await bot.runtime.records.get('action', data.ref as string))!.record.updates).to.have.length(0);
  });

  it('ref number 0 or an absurdly long ref, typed or in a card, is simply no such action', async () => {
    for (const ref of ['SC-A-0000', `BPL-A-${'9'.repeat(309)}`]) {
      const [typed] = await bot.say(ref);
      expect(cardText(typed)).to.contain('There is no action with that reference');
      expect(checkCard(typed).bytes).to.be.below(40 * 1024);
      const clicked = await bot.click('action.view', { ref: ref.slice(0, 40) });
      expect(cardText(clicked)).to.contain('There is no action with that reference');
      const changed = await bot.click('action.addUpdate', { ref: ref.slice(0, 40), etag: 'W/"x"', updateText: 'hello' });
      expect(cardText(changed)).to.contain('There is no action with that reference');
    }
  });

  it('typed commands while storage is down get the storage message, not a generic error', async () => {
    await bot.storage.stop();
    try {
      for (const text of ['my actions', 'BPL-A-0001']) {
        const [card] = await bot.say(text);
        expect(cardText(card), text).to.contain('The record store is not answering just now').and.not.contain('Something went wrong');
      }
    } finally {
      await bot.storage.restart();
    }
  });
});

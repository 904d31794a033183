// "you said we did <place>": the place's actions that carry "You said", with what we did or "not
// yet", ref, owner and status, newest first, within 40 KB; readable by those who may see the place.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, type ConversationOptions } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // Blackpool's place admin
const GITA: Sender = { id: 'aad-gita', name: 'Gita Guest', teamsId: '29:gita', guest: true };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:ysawd@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
const CHANNEL = '19:channel@thread.tacv2';

describe('Flows in-process: “you said we did <place>”', function () {
  let bot: FlowHarness;
  let clock = new Date('2026-11-23T10:00:00Z');
  const form = (overrides: Record<string, unknown> = {}) => ({
    place: 'BPL',
    description: 'Ask the transport provider to extend the hub service.',
    owner: SAM.id,
    dueDate: addDays(londonToday(clock), 30),
    formId: randomUUID(),
    ...overrides,
  });
  const logged = (card: unknown) => /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
  let older = '';
  let newer = '';

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => clock, members: [SAM, GITA] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      admins: [{ id: SAM.id, name: SAM.name }],
      channels: [{ id: CHANNEL, name: 'Blackpool Partnership' }],
    });
    older = logged(await bot.click('action.create', form({ youSaid: 'The bus to the hub stops at 4pm.' }), as(SAM)))!;
    clock = new Date('2026-11-24T10:00:00Z');
    newer = logged(await bot.click('action.create', form({ youSaid: 'The respite leaflet is only in English.' }), as(SAM)))!;
    await bot.click('action.create', form({ description: 'An action nobody asked for.' }), as(SAM));
    // The older one is closed with what we did.
    const view = await bot.click('action.view', { ref: older }, as(SAM));
    const proposed = await bot.click('action.proposeClosure', { ...actionData(view, 'action.proposeClosure'), closureNote: '' }, as(SAM));
    await bot.click(
      'action.close',
      { ...actionData(proposed, 'action.close'), closeDecision: 'Board, 1 Dec.', weDid: 'The service now runs to 6pm.' },
      as(SAM),
    );
  });
  after(async () => bot?.stop());

  it('lists what people said, what we did or “Not yet”, each action’s ref, owner and status, newest first; none without “You said”', async () => {
    const [card] = await bot.say('you said we did Blackpool', as(SAM));
    const text = cardText(card);
    expect(text).to.contain('Blackpool: you said, we did (2 things people told us, 1 done)');
    expect(text.indexOf('The respite leaflet is only in English.')).to.be.lessThan(text.indexOf('The bus to the hub stops at 4pm.'));
    expect(text).to.contain('Not yet').and.contain('The service now runs to 6pm.');
    expect(text).to.contain(`${newer} · Sam Patel · Open`).and.contain(`${older} · Sam Patel · Closed`);
    expect(text).not.to.contain('An action nobody asked for.');
  });

  it('“you said, we did” alone in the place’s channel shows that place; elsewhere it asks which place', async () => {
    const [inChannel] = await bot.mention('you said, we did', { from: SAM });
    expect(cardText(inChannel)).to.contain('Blackpool: you said, we did');
    const [alone] = await bot.say('you said we did', as(SAM));
    expect(cardText(alone)).to.contain('Which place?');
  });

  it('an unknown place is named back with the places there are', async () => {
    const [card] = await bot.say('you said we did Narnia', as(SAM));
    expect(cardText(card)).to.contain('No such place').and.contain('“Narnia”').and.contain('Blackpool');
  });

  it('a guest sees only their places: Blackpool (whose channel they are in) yes, Blackburn with Darwen refused', async () => {
    const [own] = await bot.say('you said we did Blackpool', { from: GITA });
    expect(cardText(own)).to.contain('respite leaflet');
    const [other] = await bot.say('you said we did Blackburn with Darwen', { from: GITA });
    expect(cardText(other)).to.contain("You can't see Blackburn with Darwen's records from here");
  });

  it('many long “You said” (100 KB in all) give a card under 40 KB with a line saying how many more', async () => {
    for (let i = 0; i < 50; i += 1) {
      clock = new Date(clock.getTime() + 60_000); // one a minute: within the per-person create rate
      await bot.click('action.create', form({ youSaid: `${i} ${'y'.repeat(1_995)}` }), as(SAM));
    }
    const [card] = await bot.say('you said we did Blackpool', as(SAM));
    expect(Buffer.byteLength(JSON.stringify(card))).to.be.below(40_000);
    expect(cardText(card)).to.match(/And \d+ more not shown/);
  });

  it('while storage is down it says the record store is not answering', async () => {
    await bot.storage.stop();
    try {
      const [card] = await bot.say('you said we did Blackpool', as(SAM));
      expect(cardText(card)).to.contain('The record store is not answering');
    } finally {
      await bot.storage.restart();
    }
  });
});

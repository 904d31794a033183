// Weekday reminders: personal references saved when people talk to the bot, one message a day
// when there is something, `reminders off` kept. The bot over HTTP, the store on Azurite.
import { expect } from 'chai';
import { createAction } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { BotHarness, cardsOf, type Sender } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber', teamsId: '29:alex' };
const GRACE: Sender = { id: 'aad-grace', name: 'Grace Okafor', teamsId: '29:grace' };
const TOM: Sender = { id: 'aad-tom', name: 'Tom Whitfield', teamsId: '29:tom' };
const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const MONDAY_0805 = new Date('2026-11-23T08:05:00Z');
const TUESDAY_0805 = new Date('2026-11-24T08:05:00Z');

describe('Weekday reminders to people (1:1)', function () {
  this.timeout(30_000);
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({ clock: () => MONDAY_0805 });
    for (const [owner, due] of [
      [ALEX, '2026-11-20'],
      [ALEX, '2026-11-25'],
      [TOM, '2026-11-20'],
    ] as const) {
      const res = await bot.runtime.records.create('action', 'BPL', (ref) =>
        createAction(
          { place: 'BPL', description: `Report for ${owner.name}`, owner: { id: owner.id, name: owner.name }, dueDate: due, links: {} },
          ref,
          SECRETARY,
          new Date('2026-11-01T10:00:00Z'),
        ),
      );
      if (!res.ok) throw new Error(res.refusal.message);
    }
  });
  after(async () => bot?.stop());

  const remindersTo = (conversationId: string, since: number) =>
    bot.replies
      .slice(since)
      .filter((r) => r.path.includes(encodeURIComponent(conversationId)) || r.path.includes(conversationId))
      .flatMap((r) => cardsOf(r.activity));

  it('a person’s personal chat is saved (durably) when they first talk to the bot', async () => {
    await bot.say('help', { from: ALEX });
    await bot.say('help', { from: GRACE });
    const saved = await bot.runtime.people.get(ALEX.id);
    expect(saved?.reference).to.deep.include({ serviceUrl: bot.serviceUrl });
    expect((saved?.reference.conversation as { id: string }).id).to.equal(`a:personal-${ALEX.id}`);
  });

  it('before 08:00 UK time nothing is sent', async () => {
    expect(await bot.runtime.reminders.tick(new Date('2026-11-23T07:55:00Z'))).to.deep.equal([]);
  });

  it('at 08:00 on a weekday: one message to a person with something due, none to a person with nothing, none to a person never met', async () => {
    const since = bot.replies.length;
    const lines = await bot.runtime.reminders.tick(MONDAY_0805);
    expect(lines.map((l) => `${l.name}: ${l.outcome}`).sort()).to.deep.equal(['Alex Wilber: sent', 'Grace Okafor: nothing to remind']);
    const [card] = remindersTo(`a:personal-${ALEX.id}`, since);
    const text = cardText(card);
    expect(text)
      .to.contain('Good morning, Alex')
      .and.contain('Your overdue actions')
      .and.contain('BPL-A-0001')
      .and.contain('Your actions due in the next 3 days')
      .and.contain('BPL-A-0002');
    expect(text).not.to.contain('BPL-A-0003'); // Tom's: Tom has no personal chat with the bot
  });

  it('however often the timer fires that day, at most one message a person', async () => {
    const since = bot.replies.length;
    const lines = await bot.runtime.reminders.tick(new Date('2026-11-23T12:00:00Z'));
    expect(lines.every((l) => l.outcome === 'already today')).to.equal(true);
    expect(bot.replies.length).to.equal(since);
  });

  it('"reminders off" is kept: the next weekday brings nothing; "reminders on" brings them back', async () => {
    const [off] = await bot.say('reminders off', { from: ALEX });
    expect(cardText(off)).to.contain('Reminders off');
    expect((await bot.runtime.people.get(ALEX.id))?.remindersOff).to.equal(true);
    expect((await bot.runtime.reminders.tick(TUESDAY_0805)).map((l) => l.name)).to.deep.equal(['Grace Okafor']);
    await bot.say('reminders on', { from: ALEX });
    const lines = await bot.runtime.reminders.tick(new Date('2026-11-25T08:05:00Z'));
    expect(lines.find((l) => l.name === 'Alex Wilber')?.outcome).to.equal('sent');
  });

  it('no reminders at the weekend', async () => {
    expect(await bot.runtime.reminders.tick(new Date('2026-11-28T09:00:00Z'))).to.deep.equal([]);
  });
});

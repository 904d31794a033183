// Weekday reminders go through the read rule (records/access.ts): a guest is reminded 1:1 only of
// records in the places whose channel they are in, as every read shows them. The real bot on
// Table Storage in memory; who is a guest is what Teams' member record says.
import { expect } from 'chai';
import { createAction } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import { cardsOf } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const MEMBER: Sender = { id: 'aad-alex', name: 'Alex Wilber', teamsId: '29:alex' };
const GUEST: Sender = { id: 'aad-gita', name: 'Gita Guest', teamsId: '29:gita', guest: true };
const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const MONDAY_0805 = new Date('2026-11-23T08:05:00Z');

describe('Reminders show only what the person may see', function () {
  let bot: FlowHarness;

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => MONDAY_0805 });
    for (const owner of [MEMBER, GUEST]) {
      const res = await bot.runtime.records.create('action', 'BPL', (ref) =>
        createAction(
          {
            place: 'BPL',
            description: `Blackpool report for ${owner.name}`,
            owner: { id: owner.id, name: owner.name },
            dueDate: '2026-11-20',
            links: {},
          },
          ref,
          SECRETARY,
          new Date('2026-11-01T10:00:00Z'),
        ),
      );
      if (!res.ok) throw new Error(res.refusal.message);
    }
  });
  after(async () => bot?.stop());

  it('a guest of no place who owns an overdue Blackpool action is not reminded of it 1:1; a member owning one is', async () => {
    await bot.say('help', { from: MEMBER });
    await bot.say('help', { from: GUEST });
    expect((await bot.runtime.people.get(GUEST.id))?.viewer).to.deep.equal({ id: GUEST.id, guest: true, guestOfPlaces: [] });
    const since = bot.replies.length;
    const lines = await bot.runtime.reminders.tick(MONDAY_0805);
    expect(lines.map((l) => `${l.name}: ${l.outcome}`).sort()).to.deep.equal(['Alex Wilber: sent', 'Gita Guest: nothing to remind']);
    const sent = bot.replies.slice(since);
    expect(
      sent.filter((r) => r.path.includes(encodeURIComponent(`a:personal-${GUEST.id}`)) || r.path.includes(`a:personal-${GUEST.id}`)),
    ).to.have.length(0);
    expect(
      sent
        .flatMap((r) => cardsOf(r.activity))
        .map(cardText)
        .join('\n'),
    )
      .to.contain('BPL-A-0001')
      .and.not.contain('Gita');
  });
});

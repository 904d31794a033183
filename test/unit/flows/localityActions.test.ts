// "actions" typed in a Lancashire locality's channel, through the real bot on Table Storage in
// memory: that locality's own open actions first, with a button that adds the Lancashire-wide ones
// (never another locality's); typed in personal chat with the place named, all of Lancashire as before.
import { expect } from 'chai';
import { createAction } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import type { Locality } from '../../../records/places.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const SECRETARY: Actor = { ...SAM, roles: ['admin'] };
const CENTRAL_CHANNEL = '19:channel@thread.tacv2';

function buttonTitles(card: unknown): string[] {
  return checkCard(card).executeActions.map((a) => String(a.title));
}
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const found = checkCard(card).executeActions.find((a) => a.title === title);
  if (!found) throw new Error(`no button “${title}” on the card`);
  return found.data as Record<string, unknown>;
}

describe('Flows in-process: actions in a Lancashire locality channel (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');

  async function action(description: string, locality?: Locality): Promise<void> {
    const res = await bot.runtime.records.create('action', 'LAN', (ref) =>
      createAction(
        { place: 'LAN', ...(locality ? { locality } : {}), description, owner: SAM, dueDate: '2026-04-30', links: {} },
        ref,
        SECRETARY,
        now,
      ),
    );
    if (!res.ok) throw new Error(res.refusal.message);
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM] });
    await bot.runtime.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      admins: [SAM],
      channels: [{ id: CENTRAL_CHANNEL, name: 'Central Lancashire Partnership', locality: 'Central' }],
    });
    await action('Central hub opening hours agreed', 'Central');
    await action('North estates survey', 'North');
    await action('Lancashire-wide workforce plan');
  });
  after(async () => bot?.stop());

  it('"actions" in the Central channel: Central’s own first, not the Lancashire-wide ones nor North’s, with a button to add the Lancashire-wide ones', async () => {
    const [card] = await bot.mention('actions', { from: SAM });
    const text = cardText(card);
    expect(text).to.contain('Central hub opening hours agreed').and.contain('Central Lancashire action log: 1 action');
    expect(text).not.to.contain('Lancashire-wide workforce plan');
    expect(text).not.to.contain('North estates survey');
    expect(text).to.contain("Central Lancashire's own actions: the Lancashire-wide ones are a button away.");
    expect(buttonTitles(card)).to.include('Add the Lancashire-wide actions');
  });

  it('the button adds the Lancashire-wide ones (still not North’s); the filter buttons then keep that view, and a button goes back to Central’s only', async () => {
    const [card] = await bot.mention('actions', { from: SAM });
    const wide = await bot.click('action.place', buttonData(card, 'Add the Lancashire-wide actions'), { from: SAM });
    expect(cardText(wide)).to.contain('Central hub opening hours agreed').and.contain('Lancashire-wide workforce plan');
    expect(cardText(wide)).not.to.contain('North estates survey');
    expect(buttonTitles(wide)).to.include("Only Central's");
    const overdue = await bot.click('action.place', buttonData(wide, 'Overdue'), { from: SAM });
    expect(cardText(overdue)).to.contain("Central Lancashire's actions and the Lancashire-wide ones.").and.contain('overdue actions');
    const back = await bot.click('action.place', buttonData(wide, "Only Central's"), { from: SAM });
    expect(cardText(back)).not.to.contain('Lancashire-wide workforce plan');
    expect(cardText(back)).to.contain('Central hub opening hours agreed');
  });

  it('bad input: a forged locality on another place’s button, or an unknown one, is ignored: that place’s view as a whole, nothing more', async () => {
    const forged = await bot.click('action.place', { place: 'LAN', view: 'open', locality: 'Westminster', wide: 'maybe' }, { from: SAM });
    expect(cardText(forged)).to.contain('Lancashire action log: 3 actions');
    const other = await bot.click('action.place', { place: 'BPL', view: 'open', locality: 'Central' }, { from: SAM });
    expect(cardText(other)).to.contain('Blackpool action log').and.not.contain('Central hub opening hours agreed');
  });

  it('"actions Lancashire" in personal chat: all of Lancashire, as before', async () => {
    const [card] = await bot.say('actions Lancashire', { from: SAM });
    expect(cardText(card)).to.contain('North estates survey').and.contain('Central hub opening hours agreed');
  });
});

// "actions" typed in a Lancashire locality's channel, through the real bot on Table Storage in
// memory: that locality's open actions and the Lancashire-wide ones, not another locality's; typed
// in personal chat with the place named, all of Lancashire as before.
import { expect } from 'chai';
import { createAction } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import type { Locality } from '../../../records/places.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const SECRETARY: Actor = { ...SAM, roles: ['admin'] };
const CENTRAL_CHANNEL = '19:channel@thread.tacv2';

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

  it('"actions" in the Central channel: Central’s and the Lancashire-wide ones, not North’s', async () => {
    const [card] = await bot.mention('actions', { from: SAM });
    const text = cardText(card);
    expect(text).to.contain('Central hub opening hours agreed').and.contain('Lancashire-wide workforce plan');
    expect(text).not.to.contain('North estates survey');
    expect(text).to.contain("Central Lancashire's open actions and the Lancashire-wide ones");
  });

  it('"actions Lancashire" in personal chat: all of Lancashire, as before', async () => {
    const [card] = await bot.say('actions Lancashire', { from: SAM });
    expect(cardText(card)).to.contain('North estates survey').and.contain('Central hub opening hours agreed');
  });
});

// A guest records where they read (records/access.ts mayRecordIn): in the places whose partnership
// channel they were added to, and nowhere else. Through the one create path every kind shares
// (bot/change/recordCreation.ts), so a log-action, raise-risk or sign-off form for another place comes back
// with one line and everything typed, and nothing is written. Bot + Azurite.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import type { PlaceCode } from '../../../records/places.js';
import { ALEX, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { riskFormData } from '../../support/riskFixtures.js';
import { requestForm } from '../../support/signOffFixtures.js';

/** A guest account in the ICB tenant, added to South Cumbria's partnership channel only. */
const GUEST: Sender = { id: 'aad-guest-vic', name: 'Vic Guest (Westmorland council)', teamsId: '29:guest-vic', guest: true };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const SC_CHANNEL = '19:sc-partnership@thread.tacv2';
const BPL_CHANNEL = '19:bpl-partnership@thread.tacv2';

describe('Guests record only in the places whose partnership channel they are in (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const due = addDays(londonToday(now), 30);
  const forms = (place: PlaceCode, typed: string) => [
    {
      verb: 'action.create',
      kind: 'action' as const,
      field: 'description',
      data: { place, description: typed, owner: ALEX.id, dueDate: due, people: [{ id: ALEX.id, name: ALEX.name }], formId: randomUUID() },
    },
    { verb: 'risk.create', kind: 'risk' as const, field: 'title', data: riskFormData(ALEX, { place, title: typed }) },
    {
      verb: 'signoff.create',
      kind: 'signoff' as const,
      field: 'title',
      data: { ...requestForm(londonToday(now), { place, title: typed, approvers: HELEN.id }), formId: randomUUID() },
    },
  ];

  before(async () => {
    bot = await BotHarness.start({
      clock: () => now,
      env: { ALLOWED_TENANT_IDS: 'tenant-1' },
      members: [ALEX, HELEN],
      conversationMembers: { [SC_CHANNEL]: [GUEST, ALEX], [BPL_CHANNEL]: [ALEX] },
    });
    await bot.runtime.places.put({
      place: 'SC',
      displayName: 'South Cumbria',
      approvers: [HELEN],
      channels: [{ id: SC_CHANNEL, name: 'South Cumbria Partnership' }],
    });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      approvers: [HELEN],
      channels: [{ id: BPL_CHANNEL, name: 'Blackpool Partnership' }],
    });
  });
  after(async () => bot?.stop());

  /** The places a form offers: its place choices, or (choosing where to request a sign-off) one button per place. */
  const placesOffered = (card: unknown) => {
    const choices = findInput(card, 'place')?.choices as { title: string }[] | undefined;
    return choices
      ? choices.map((c) => c.title)
      : checkCard(card)
          .executeActions.filter((a) => a.verb === 'signoff.form')
          .map((a) => String(a.title));
  };

  it('a guest’s log-action and raise-risk forms, and the sign-off place choice, offer only South Cumbria; a member is offered all four places', async () => {
    const forms = [
      ['log action', await bot.click('action.form', {}, { from: GUEST }), await bot.click('action.form', {}, { from: ALEX })],
      ['raise risk', await bot.click('risk.form', {}, { from: GUEST }), await bot.click('risk.form', {}, { from: ALEX })],
      ['request sign-off', (await bot.say('request sign-off', { from: GUEST }))[0], (await bot.say('request sign-off', { from: ALEX }))[0]],
    ] as const;
    for (const [what, guests, members] of forms) {
      expect(placesOffered(guests), what).to.deep.equal(['South Cumbria']);
      expect(placesOffered(members), what).to.deep.equal(['Blackpool', 'Blackburn with Darwen', 'Lancashire', 'South Cumbria']);
    }
  });

  it('a guest in no partnership channel is told there is nowhere they may record yet, instead of a form', async () => {
    const OUTSIDER: Sender = { id: 'aad-guest-max', name: 'Max Visitor', teamsId: '29:guest-max', guest: true };
    const answers = [
      await bot.click('action.form', {}, { from: OUTSIDER }),
      await bot.click('risk.form', {}, { from: OUTSIDER }),
      (await bot.say('request sign-off', { from: OUTSIDER }))[0],
    ];
    for (const card of answers) {
      expect(cardText(card)).to.contain('Nowhere to record yet').and.contain('you are not in any of them yet');
      expect(placesOffered(card)).to.deep.equal([]);
    }
  });

  it('a guest’s action, risk or sign-off for a place whose channel they are not in comes back in one line with what they typed, and nothing is written', async () => {
    for (const form of forms('BPL', 'Typed by a guest for Blackpool')) {
      const card = await bot.click(form.verb, form.data, { from: GUEST });
      expect(cardText(card), form.verb).to.contain(
        'As a guest you can record only in the places whose partnership channel you are in, so not in Blackpool. Nothing was saved.',
      );
      expect(findInput(card, form.field)?.value, form.verb).to.equal('Typed by a guest for Blackpool');
      expect(await bot.runtime.records.listByPlace(form.kind, 'BPL'), form.verb).to.have.length(0);
    }
  });

  it('the same forms for South Cumbria, whose channel the guest is in, are recorded', async () => {
    for (const form of forms('SC', 'Typed by a guest for South Cumbria')) {
      const card = await bot.click(form.verb, form.data, { from: GUEST });
      expect(cardText(card), form.verb).to.match(/SC-[ARS]-\d{4} (logged|raised|requested)/);
    }
    expect(await bot.runtime.records.listByPlace('action', 'SC')).to.have.length(1);
  });

  it('a member of the tenant records in any place, as before', async () => {
    const [action] = forms('BPL', 'Typed by a member for Blackpool');
    const card = await bot.click(action!.verb, action!.data, { from: ALEX });
    expect(cardText(card)).to.match(/Action BPL-A-\d{4} logged/);
  });

  it('when Teams does not say who is asking, the form comes back with one line and what they typed, and nothing is written; asked again later, it is recorded', async () => {
    const NEWCOMER: Sender = { id: 'aad-new-lee', name: 'Lee Newcomer', teamsId: '29:new-lee' };
    const [action] = forms('BWD', 'Typed while Teams was not answering');
    bot.memberLookupsFailing.add(`a:personal-${NEWCOMER.id}`);
    try {
      const card = await bot.click(action!.verb, action!.data, { from: NEWCOMER });
      expect(cardText(card)).to.contain('Teams did not say who you are just now, so nothing was saved. Your entries are kept');
      expect(findInput(card, 'description')?.value).to.equal('Typed while Teams was not answering');
      expect(await bot.runtime.records.listByPlace('action', 'BWD')).to.have.length(0);
    } finally {
      bot.memberLookupsFailing.delete(`a:personal-${NEWCOMER.id}`);
    }
    const again = await bot.click(action!.verb, action!.data, { from: NEWCOMER });
    expect(cardText(again)).to.match(/Action BWD-A-\d{4} logged/);
  });
});

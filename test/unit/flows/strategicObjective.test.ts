// The strategic objective (SO1–SO6, records/places.ts) on the log-action form: optional, checked,
// kept when the form is refused, stored in the action's links, shown on its card and found by `find`.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { type ConversationOptions } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:so@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });

describe('Flows in-process: a strategic objective on an action', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const form = (overrides: Record<string, unknown>) => ({
    place: 'BPL',
    description: 'Agree the shared outcomes framework with the council.',
    owner: SAM.id,
    dueDate: addDays(londonToday(now), 30),
    formId: randomUUID(),
    ...overrides,
  });
  const refOf = (card: unknown) => /Action (BPL-A-\d{4}) logged/.exec(cardText(card))?.[1];

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM] });
  });
  after(async () => bot?.stop());

  it('the form offers SO1 to SO6, optional, each titled with its objective', async () => {
    const [card] = await bot.say('log action', as(SAM));
    const input = findInput(card, 'strategicObjective');
    expect(input).to.include({ type: 'Input.ChoiceSet' });
    expect(input?.isRequired ?? false).to.equal(false);
    const choices = input?.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.value)).to.deep.equal(['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6']);
    expect(choices[0]!.title).to.match(/^SO1: \S/);
  });

  it('an action logged with SO3 stores it in its links, shows it on the card and is found by `find SO3`', async () => {
    const card = await bot.click('action.create', form({ strategicObjective: 'SO3' }), as(SAM));
    const ref = refOf(card);
    expect(ref, cardText(card)).to.be.a('string');
    expect(cardText(card)).to.contain('Strategic objective').and.contain('SO3: ');
    expect((await bot.runtime.records.get('action', ref!))!.record.links.strategicObjective).to.equal('SO3');
    const found = await bot.say('find SO3', as(SAM));
    expect(found.map(cardText).join(' ')).to.contain(ref!);
  });

  it('left blank, the action has no strategic objective', async () => {
    const ref = refOf(await bot.click('action.create', form({ strategicObjective: '' }), as(SAM)));
    expect((await bot.runtime.records.get('action', ref!))!.record.links).not.to.have.property('strategicObjective');
  });

  it('a forged objective (SO9, or 100 KB) is refused beside its field, everything else kept, nothing stored', async () => {
    for (const bad of ['SO9', 'x'.repeat(100_000)]) {
      const card = await bot.click('action.create', form({ strategicObjective: bad, description: 'Forged objective.' }), as(SAM));
      expect(cardText(card)).to.contain('Choose one of SO1 to SO6.');
      expect(findInput(card, 'description')?.value).to.equal('Forged objective.');
      expect((findInput(card, 'strategicObjective')?.value as string).length).to.be.at.most(5);
    }
    const all = await bot.runtime.records.listByPlace('action', 'BPL', {});
    expect(all.map((s) => s.record.description)).not.to.include('Forged objective.');
  });

  it('a refused form (due date in the past) keeps the chosen objective', async () => {
    const card = await bot.click('action.create', form({ strategicObjective: 'SO2', dueDate: addDays(londonToday(now), -1) }), as(SAM));
    expect(cardText(card)).to.contain('The due date must be today or later.');
    expect(findInput(card, 'strategicObjective')?.value).to.equal('SO2');
  });
});

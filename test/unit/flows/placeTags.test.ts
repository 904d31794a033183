// Actions carry the place's own workstreams and priority wards (records/placeTags.ts): offered on
// the form per place, checked against the chosen place, shown on the card and found by `find`.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { type ConversationOptions } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:tags@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });

describe('Flows in-process: a place’s workstreams and priority wards on an action', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const form = (overrides: Record<string, unknown>) => ({
    place: 'BPL',
    description: 'Door-knock the priority wards about the new hub.',
    owner: SAM.id,
    dueDate: addDays(londonToday(now), 30),
    formId: randomUUID(),
    ...overrides,
  });

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM] });
  });
  after(async () => bot?.stop());

  it('the form offers each place’s own: South Cumbria’s three workstreams, Blackpool’s five wards, each titled with its place', async () => {
    const [card] = await bot.say('log action', as(SAM));
    const workstreams = findInput(card, 'workstream')?.choices as { title: string; value: string }[];
    expect(workstreams.map((c) => c.title)).to.include.members([
      'South Cumbria · Thriving Healthy Communities',
      'South Cumbria · Enhanced Care at Home',
      'South Cumbria · Workforce',
    ]);
    const wards = (findInput(card, 'ward')?.choices as { title: string; value: string }[]).map((c) => c.title);
    expect(wards.filter((w) => w.startsWith('Blackpool · '))).to.deep.equal(
      ['Bloomfield', 'Claremont', 'Talbot', 'Tyldesley', 'Park'].map((w) => `Blackpool · ${w}`),
    );
  });

  it('a Blackpool action in Claremont is stored with its ward, shown on the card, and found by `find Claremont`', async () => {
    const card = await bot.click('action.create', form({ ward: 'Claremont' }), as(SAM));
    const ref = /Action (BPL-A-\d{4}) logged/.exec(cardText(card))?.[1];
    expect(cardText(card)).to.contain('Priority ward').and.contain('Claremont');
    expect((await bot.runtime.records.get('action', ref!))!.record.links.ward).to.equal('Claremont');
    const found = await bot.say('find Claremont', as(SAM));
    expect(found.map(cardText).join(' ')).to.contain(ref!);
  });

  it('a ward or workstream of another place is refused beside its field, everything typed kept, nothing stored', async () => {
    const card = await bot.click(
      'action.create',
      form({ place: 'BWD', ward: 'Bloomfield', workstream: 'Workforce', description: 'Wrong place’s tags.' }),
      as(SAM),
    );
    const text = cardText(card);
    expect(text).to.contain('Bloomfield is a Blackpool priority ward, not Blackburn with Darwen’s.');
    expect(text).to.contain('Workforce is a South Cumbria workstream, not Blackburn with Darwen’s.');
    expect(findInput(card, 'ward')?.value).to.equal('Bloomfield');
    const all = await bot.runtime.records.listByPlace('action', 'BWD', {});
    expect(all.map((s) => s.record.description)).not.to.include('Wrong place’s tags.');
  });

  it('South Cumbria’s workstream is accepted for South Cumbria', async () => {
    const card = await bot.click('action.create', form({ place: 'SC', workstream: 'Enhanced Care at Home' }), as(SAM));
    expect(cardText(card)).to.contain('logged').and.contain('Workstream').and.contain('Enhanced Care at Home');
  });
});

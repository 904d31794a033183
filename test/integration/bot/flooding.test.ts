// Flooding (issue 19, item 12), as a person meets it in chat: every create needs its form's id, and
// one person creates at most 30 records per place in 10 minutes, whatever the kind. Bot + Azurite,
// on a simulated clock.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { NO_FORM_ID } from '../../../bot/change/messages.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { riskFormData } from '../../support/riskFixtures.js';
import { requestForm } from '../../support/signOffFixtures.js';

const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };

describe('Flooding: form ids and creates per person per place (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);
  const action = (overrides: Record<string, unknown> = {}) => ({
    place: 'BPL',
    description: 'Agree the delivery group terms of reference.',
    owner: ALEX.id,
    dueDate: addDays(today(), 30),
    people: [{ id: ALEX.id, name: ALEX.name }],
    formId: randomUUID(),
    ...overrides,
  });
  const risk = (overrides: Record<string, unknown> = {}) => riskFormData(ALEX, overrides);
  const count = async (kind: 'action' | 'risk' | 'signoff', place: 'BPL' | 'BWD' = 'BPL') =>
    (await bot.runtime.records.listByPlace(kind, place)).length;
  const withoutFormId = <T extends Record<string, unknown>>(data: T) =>
    Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'formId'));

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [ALEX, HELEN] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [HELEN], approvers: [HELEN] });
  });
  after(async () => bot?.stop());

  it('a log-action, raise-risk or sign-off submit without its form id is told so in one line, keeps what was typed and creates nothing', async () => {
    const cases = [
      {
        verb: 'action.create',
        data: withoutFormId(action({ description: 'Typed, without a form id' })),
        field: 'description',
        kind: 'action' as const,
      },
      { verb: 'risk.create', data: withoutFormId(risk({ title: 'Typed, without a form id' })), field: 'title', kind: 'risk' as const },
      {
        verb: 'signoff.create',
        data: withoutFormId(requestForm(today(), { title: 'Typed, without a form id', approvers: HELEN.id })),
        field: 'title',
        kind: 'signoff' as const,
      },
    ];
    for (const c of cases) {
      const card = await bot.click(c.verb, c.data);
      expect(cardText(card), c.verb).to.contain(NO_FORM_ID);
      expect(findInput(card, c.field)?.value, c.verb).to.equal('Typed, without a form id');
      // The form comes back with an id, so submitting it again works.
      expect(actionData(card, c.verb).formId, c.verb).to.match(/^[0-9a-f-]{36}$/);
      expect(await count(c.kind), c.verb).to.equal(0);
    }
  });

  it('the 31st create by one person in a place within ten minutes is refused in one line with the form kept, for any kind; elsewhere and ten minutes on it goes through', async () => {
    for (let i = 0; i < 30; i++) {
      const card = await bot.click('action.create', action({ description: `Action ${i + 1} of the evening's board` }));
      expect(cardText(card), `create ${i + 1}`).to.match(/Action BPL-A-\d{4} logged/);
    }
    now = new Date(now.getTime() + 5 * 60_000);
    const refused = await bot.click('action.create', action({ description: 'One too many' }));
    expect(cardText(refused)).to.contain('You have created 30 records in Blackpool in the last 10 minutes, the most one person can.');
    expect(findInput(refused, 'description')?.value).to.equal('One too many');
    const riskRefused = await bot.click('risk.create', risk({ title: 'A risk too many' }));
    expect(cardText(riskRefused)).to.contain('You have created 30 records in Blackpool');
    expect(await count('action')).to.equal(30);
    expect(await count('risk')).to.equal(0);
    // Another place, and another person, are not held up.
    expect(cardText(await bot.click('action.create', action({ place: 'BWD' })))).to.match(/Action BWD-A-\d{4} logged/);
    expect(cardText(await bot.click('action.create', action(), { from: HELEN }))).to.match(/Action BPL-A-\d{4} logged/);
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect(cardText(await bot.click('action.create', action({ description: 'Ten minutes on' })))).to.match(/Action BPL-A-\d{4} logged/);
  });
});

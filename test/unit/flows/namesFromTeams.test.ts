// A person's name comes from Teams (the member look-up) or the place's settings, never from the
// `people` list a card sends back: a client can write any name there ("Chief Executive
// (approved)"), and the name would then be stored and shown in digests and packs.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, type ConversationOptions } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { riskFormData } from '../../support/riskFixtures.js';
import { requestForm } from '../../support/signOffFixtures.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // place admin
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' }; // approver
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:names@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
const person = ({ id, name }: Sender) => ({ id, name });
const FORGED = 'Chief Executive (approved)';

describe('Names come from Teams, never from the people a card sends back', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = londonToday(now);

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, IMRAN, RUTH] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      approvers: [person(HELEN), person(IMRAN)],
      admins: [person(SAM)],
    });
  });
  after(async () => bot?.stop());

  it('an action logged for Ruth with a forged name in the form’s people list is stored, and confirmed, as owned by Ruth Ellison', async () => {
    const card = await bot.click(
      'action.create',
      {
        place: 'BPL',
        description: 'Share the falls pathway with primary care.',
        owner: RUTH.id,
        dueDate: addDays(today, 30),
        priority: 'POP_HEALTH',
        people: [{ id: RUTH.id, name: FORGED }],
        formId: randomUUID(),
      },
      as(SAM),
    );
    expect(cardText(card)).to.contain('Action BPL-A-0001 logged').and.contain('Logged for Ruth Ellison').and.not.contain(FORGED);
    expect((await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.owner).to.deep.equal(person(RUTH));
  });

  it('an owner Teams does not know is stored as “Person chosen in Teams”, not under the name the form gave', async () => {
    const card = await bot.click(
      'action.create',
      {
        place: 'BPL',
        description: 'Owner nobody knows.',
        owner: 'aad-nobody',
        dueDate: addDays(today, 30),
        people: [{ id: 'aad-nobody', name: FORGED }],
        formId: randomUUID(),
      },
      as(SAM),
    );
    expect(cardText(card)).to.not.contain(FORGED);
    expect((await bot.runtime.records.get('action', 'BPL-A-0002'))!.record.owner).to.deep.equal({
      id: 'aad-nobody',
      name: 'Person chosen in Teams',
    });
  });

  it('a risk raised for Ruth with a forged name is stored as owned by Ruth Ellison', async () => {
    const card = await bot.click('risk.create', riskFormData({ id: RUTH.id, name: FORGED }), as(SAM));
    expect(cardText(card)).to.contain('Risk BPL-R-0001 raised').and.not.contain(FORGED);
    expect((await bot.runtime.records.get('risk', 'BPL-R-0001'))!.record.owner).to.deep.equal(person(RUTH));
  });

  it('a delegate recorded by the approver with a forged name is stored, and shown, as Ruth Ellison', async () => {
    const requested = await bot.click('signoff.create', requestForm(today, { approvers: IMRAN.id }), as(SAM));
    const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(cardText(requested))![1]!;
    const imran = await bot.click('signoff.delegating', { ref }, as(IMRAN));
    const saved = await bot.click(
      'signoff.addDelegate',
      { ...actionData(imran, 'signoff.addDelegate'), delegateFor: IMRAN.id, delegate: RUTH.id, people: [{ id: RUTH.id, name: FORGED }] },
      as(IMRAN),
    );
    expect(cardText(saved)).to.contain('delegate: Ruth Ellison').and.not.contain(FORGED);
    expect(JSON.stringify((await bot.runtime.records.get('signoff', ref))!.record))
      .to.contain('Ruth Ellison')
      .and.not.contain(FORGED);
  });

  it('setup saved with a forged people list stores the chairs and approvers by the names Teams and the settings give', async () => {
    const [overview] = await bot.say('setup', { from: SAM });
    const form = await bot.click('setup.open', actionData(overview, 'setup.open'), { from: SAM });
    const people = JSON.stringify([
      { id: HELEN.id, name: FORGED },
      { id: RUTH.id, name: FORGED },
      { id: SAM.id, name: FORGED },
    ]);
    const saved = await bot.click(
      'setup.save',
      {
        ...actionData(form, 'setup.save'),
        people,
        chairs: HELEN.id,
        approvers: `${HELEN.id},${RUTH.id}`,
        admins: SAM.id,
        threshold: '15',
        digest: 'true',
      },
      { from: SAM },
    );
    expect(cardText(saved)).to.contain('Blackpool is set up').and.not.contain(FORGED);
    const settings = (await bot.runtime.places.get('BPL'))!.record;
    expect(settings.chairs).to.deep.equal([person(HELEN)]);
    expect(settings.approvers).to.deep.equal([person(HELEN), person(RUTH)]);
    expect(settings.admins).to.deep.equal([person(SAM)]);
  });
});

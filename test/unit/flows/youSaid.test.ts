// "You said" captured where it is heard: the action form and "Log as action" from a message each
// take what people told us, keep it when the form is refused, store it on the action's feedback
// and show it on the card; closing such an action asks what we did.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, type ConversationOptions } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // place admin
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:yousaid@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
const HEARD = 'At the Grange Park listening event, residents said the bus to the health hub stops running at 4pm.';

describe('Flows in-process: “You said” captured where it is heard', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = londonToday(now);
  const form = (overrides: Record<string, unknown> = {}) => ({
    place: 'BPL',
    description: 'Ask the transport provider to extend the hub service to 6pm.',
    owner: SAM.id,
    dueDate: addDays(today, 30),
    formId: randomUUID(),
    ...overrides,
  });
  const logged = (card: unknown) => /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', admins: [{ id: SAM.id, name: SAM.name }] });
  });
  after(async () => bot?.stop());

  it('the log-action form has an optional “You said” field; what is typed is stored on the feedback and shown on the card', async () => {
    const [formCard] = await bot.say('log action', as(SAM));
    expect(findInput(formCard, 'youSaid')).to.include({ type: 'Input.Text' });
    const card = await bot.click('action.create', form({ youSaid: HEARD }), as(SAM));
    const ref = logged(card)!;
    expect(cardText(card)).to.contain('You said').and.contain(HEARD);
    expect((await bot.runtime.records.get('action', ref))!.record.feedback).to.deep.equal({ youSaid: HEARD });
  });

  it('left blank (spaces only), the action has no feedback', async () => {
    const ref = logged(await bot.click('action.create', form({ youSaid: '   ' }), as(SAM)))!;
    expect((await bot.runtime.records.get('action', ref))!.record.feedback).to.equal(undefined);
  });

  it('a refused form (due date in the past; “You said” over 2,000 characters) comes back with “You said” kept', async () => {
    const past = await bot.click('action.create', form({ youSaid: HEARD, dueDate: addDays(today, -1) }), as(SAM));
    expect(cardText(past)).to.contain('The due date must be today or later.');
    expect(findInput(past, 'youSaid')?.value).to.equal(HEARD);
    const long = await bot.click('action.create', form({ youSaid: 'x'.repeat(100_000) }), as(SAM));
    expect(cardText(long)).to.contain('“You said”');
    expect((findInput(long, 'youSaid')?.value as string).length).to.equal(2000);
  });

  it('“Log as action” from a message: the dialog has “You said”, and submitting it stores the feedback', async () => {
    const payload = {
      id: '1732356000000',
      linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1732356000000?context=%7B%7D',
      from: { user: { id: RUTH.id, displayName: RUTH.name, userIdentityType: 'aadUser' } },
      body: { contentType: 'html', content: '<p>Carers told us the respite leaflet is only in English.</p>' },
    };
    const { task } = await bot.messageAction('composeExtension/fetchTask', { commandId: 'logAction', messagePayload: payload }, as(SAM));
    const dialog = (task.value as { card: { content: Record<string, unknown> } }).card.content;
    expect(findInput(dialog, 'youSaid')).to.include({ type: 'Input.Text' });
    const submit = (dialog.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.Submit')!;
    const data = {
      ...(submit.data as Record<string, unknown>),
      place: 'BPL',
      description: 'Translate the respite leaflet into Urdu and Polish.',
      owner: RUTH.id,
      dueDate: addDays(today, 20),
      youSaid: 'Carers told us the respite leaflet is only in English.',
    };
    await bot.messageAction('composeExtension/submitAction', { commandId: 'logAction', data }, as(SAM));
    const all = await bot.runtime.records.listByPlace('action', 'BPL', {});
    const made = all.find((s) => s.record.description.startsWith('Translate the respite leaflet'));
    expect(made?.record.feedback).to.deep.equal({ youSaid: 'Carers told us the respite leaflet is only in English.' });
  });

  it('closing an action with “You said” asks for “We did”: refused without it (typed decision kept), closed with it', async () => {
    const ref = logged(await bot.click('action.create', form({ youSaid: HEARD }), as(SAM)))!;
    const view = await bot.click('action.view', { ref }, as(SAM));
    const proposed = await bot.click('action.proposeClosure', { ...actionData(view, 'action.proposeClosure'), closureNote: '' }, as(SAM));
    expect(findInput(proposed, 'weDid')).to.include({ isRequired: true });
    const data = actionData(proposed, 'action.close');
    const without = await bot.click('action.close', { ...data, closeDecision: 'Board, 1 Dec.', weDid: '' }, as(SAM));
    expect(cardText(without)).to.contain('say what we did before closing it');
    expect(findInput(without, 'closeDecision')?.value).to.equal('Board, 1 Dec.');
    const closed = await bot.click(
      'action.close',
      { ...data, closeDecision: 'Board, 1 Dec.', weDid: 'The service now runs to 6pm.' },
      as(SAM),
    );
    expect(cardText(closed)).to.contain('We did').and.contain('The service now runs to 6pm.');
    expect((await bot.runtime.records.get('action', ref))!.record.feedback).to.deep.equal({
      youSaid: HEARD,
      weDid: 'The service now runs to 6pm.',
    });
  });
});

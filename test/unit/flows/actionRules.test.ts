// Every rule of an action from its card: reassign, on hold and resume, cancel, escalate. Each is a
// verb in ACTION_VERBS, offered by records/action.ts's rule, and goes through the one change
// pipeline (ETag, audit, shared card), on Table Storage in memory.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { actionData, type ConversationOptions } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // place admin
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber' }; // owner
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' }; // no say over it
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:rules@thread.v2' };
const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
const person = ({ id, name }: Sender) => ({ id, name });
const verbsOn = (card: unknown) => checkCard(card as Record<string, unknown>).executeActions.map((a) => a.verb);

describe('Flows in-process: every rule of an action from its card', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = londonToday(now);

  async function logAction(description: string): Promise<string> {
    const card = await bot.click(
      'action.create',
      { place: 'BPL', description, owner: ALEX.id, dueDate: addDays(today, 30), people: [person(ALEX)], formId: randomUUID() },
      as(SAM),
    );
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not logged: ${cardText(card)}`);
    return ref;
  }
  const view = (ref: string, who: Sender) => bot.click('action.view', { ref }, as(who));
  const stored = async (ref: string) => (await bot.runtime.records.get('action', ref))!.record;
  const history = async (ref: string) => (await bot.runtime.records.history('action', ref)).map((e) => e.command);

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, ALEX, RUTH] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [person(HELEN)], admins: [person(SAM)] });
  });
  after(async () => bot?.stop());

  it('the owner is offered reassign, hold and escalate but not cancel; a chair is offered cancel too; someone with no say is offered none', async () => {
    const ref = await logAction('Map community transport to the new hubs.');
    const owner = verbsOn(await view(ref, ALEX));
    expect(owner).to.include.members(['action.reassign', 'action.hold', 'action.escalate']).and.not.include('action.cancel');
    expect(verbsOn(await view(ref, HELEN))).to.include.members(['action.reassign', 'action.hold', 'action.escalate', 'action.cancel']);
    expect(verbsOn(await view(ref, RUTH))).not.to.include.any.members([
      'action.reassign',
      'action.hold',
      'action.escalate',
      'action.cancel',
    ]);
  });

  it('reassign: the new owner is named as Teams names them (not as the card says); stored, audited, and the shared card updated', async () => {
    const ref = await logAction('Agree the discharge-to-assess pilot wards.');
    const card = await bot.click(
      'action.reassign',
      { ...actionData(await view(ref, SAM), 'action.reassign'), newOwner: RUTH.id, people: [{ id: RUTH.id, name: 'Chief Executive' }] },
      as(SAM),
    );
    expect(cardText(card)).to.contain('Reassigned.').and.contain(RUTH.name).and.not.contain('Chief Executive');
    expect((await stored(ref)).owner).to.deep.equal(person(RUTH));
    expect(await history(ref)).to.deep.equal(['create', 'reassign']);
    expect(bot.updates.map((u) => JSON.stringify(u)).some((u) => u.includes('Reassigned by Sam Patel'))).to.equal(true);
  });

  it('reassign to nobody is refused on the card, and the owner stays', async () => {
    const ref = await logAction('Publish the neighbourhood team rota.');
    const card = await bot.click('action.reassign', { ...actionData(await view(ref, SAM), 'action.reassign'), newOwner: '' }, as(SAM));
    expect(cardText(card)).to.contain('Choose who owns it now.');
    expect((await stored(ref)).owner).to.deep.equal(person(ALEX));
    expect(await history(ref)).to.deep.equal(['create']);
  });

  it('on hold with a reason, then resume: back where it was, the reason kept in its updates, both audited', async () => {
    const ref = await logAction('Confirm the winter surge beds.');
    const held = await bot.click(
      'action.hold',
      { ...actionData(await view(ref, ALEX), 'action.hold'), holdReason: 'Waiting for the ICB funding decision.' },
      as(ALEX),
    );
    expect(cardText(held)).to.contain('Put on hold.').and.contain('On hold: Waiting for the ICB funding decision.');
    expect(verbsOn(held)).to.include('action.resume').and.not.include('action.hold');
    expect((await stored(ref)).status).to.equal('ON_HOLD');
    const resumed = await bot.click('action.resume', actionData(held, 'action.resume'), as(ALEX));
    expect(cardText(resumed)).to.contain('Resumed');
    expect((await stored(ref)).status).to.equal('OPEN');
    expect(await history(ref)).to.deep.equal(['create', 'hold', 'resume']);
  });

  it('cancel: a chair with a reason cancels it; without a reason it is refused with the card kept; the owner cannot cancel', async () => {
    const ref = await logAction('Run the carers’ listening event.');
    const data = actionData(await view(ref, HELEN), 'action.cancel');
    const empty = await bot.click('action.cancel', { ...data, cancelReason: '  ' }, as(HELEN));
    expect(cardText(empty)).to.contain('Meeting or decision');
    expect((await stored(ref)).status).to.equal('OPEN');
    const byOwner = await bot.click('action.cancel', { ...data, cancelReason: 'Not needed.' }, as(ALEX));
    expect(cardText(byOwner)).to.contain('Only a chair or place admin can do that');
    expect(findInput(byOwner, 'cancelReason')).to.equal(undefined);
    const done = await bot.click('action.cancel', { ...data, cancelReason: 'Superseded by the ICB-wide event.' }, as(HELEN));
    expect(cardText(done)).to.contain('Action cancelled.').and.contain('Superseded by the ICB-wide event.');
    const after = await stored(ref);
    expect([after.status, after.closure?.decision]).to.deep.equal(['CANCELLED', 'Superseded by the ICB-wide event.']);
    expect(await history(ref)).to.deep.equal(['create', 'cancel']);
  });

  it('escalate: where to (one of the listed) and why, kept and shown; somewhere not listed is refused; a cancelled action cannot be escalated', async () => {
    const ref = await logAction('Resolve the step-down bed shortfall.');
    const data = actionData(await view(ref, ALEX), 'action.escalate');
    const nowhere = await bot.click('action.escalate', { ...data, escalateTo: 'The newspapers', escalateWhy: 'Urgent.' }, as(ALEX));
    expect(cardText(nowhere)).to.contain('Choose where it is escalated to.');
    expect(findInput(nowhere, 'escalateWhy')?.value).to.equal('Urgent.');
    const done = await bot.click(
      'action.escalate',
      { ...data, escalateTo: 'ICB corporate risk register', escalateWhy: 'Shortfall affects two places.' },
      as(ALEX),
    );
    expect(cardText(done)).to.contain('Escalated.').and.contain('ICB corporate risk register: Shortfall affects two places.');
    expect((await stored(ref)).escalation).to.include({ to: 'ICB corporate risk register', why: 'Shortfall affects two places.' });

    const gone = await logAction('A cancelled action.');
    const fresh = await view(gone, HELEN);
    await bot.click('action.cancel', { ...actionData(fresh, 'action.cancel'), cancelReason: 'Duplicate.' }, as(HELEN));
    const late = await bot.click(
      'action.escalate',
      { ...actionData(fresh, 'action.escalate'), escalateTo: 'ICB Board', escalateWhy: 'Too late.' },
      as(HELEN),
    );
    expect(cardText(late)).not.to.contain('Escalated.');
    expect((await stored(gone)).escalation).to.equal(undefined);
  });
});

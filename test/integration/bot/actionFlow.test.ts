// The action flow as a member of staff meets it in Teams, driven over HTTP through the local
// host, with the real store on Azurite.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { UNAVAILABLE_READ } from '../../../bot/change/messages.js';
import { listInputId } from '../../../cards/actionCards.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const CHAIR: Sender = { id: 'aad-helen', name: 'Helen Price' };

describe('Logging and keeping an action, in chat (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);

  const validForm = (overrides: Record<string, unknown> = {}) => ({
    place: 'BPL',
    description: 'Draft terms of reference for the Place Integration Deal delivery group.',
    owner: ALEX.id,
    dueDate: addDays(today(), 30),
    sourceMeeting: 'Blackpool Place Partnership Board',
    sourceDate: addDays(today(), -3),
    priority: 'POP_HEALTH',
    people: [{ id: ALEX.id, name: ALEX.name }],
    formId: randomUUID(),
    ...overrides,
  });

  async function logAction(overrides: Record<string, unknown> = {}, from: Sender = ALEX) {
    const card = await bot.click('action.create', validForm(overrides), { from });
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not logged: ${cardText(card)}`);
    return { card, ref };
  }

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [{ id: CHAIR.id, name: CHAIR.name }] });
  });
  after(async () => bot?.stop());
  // Time moves on between steps, as it does between clicks.
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('answers "help" and anything it does not understand with the help card and its buttons', async () => {
    const [help] = await bot.say('help');
    expect(cardText(help)).to.contain('log action').and.contain('my actions');
    const [unknown] = await bot.say('what is the weather');
    expect(cardText(unknown)).to.contain("I didn't recognise “what is the weather”");
    expect(checkCard(unknown).executeActions.map((a) => a.verb)).to.include.members(['action.form', 'action.mine']);
  });

  it('"log action" shows the action form, offering the speaker as owner', async () => {
    const [form] = await bot.say('log action');
    expect(checkCard(form).inputIds).to.include.members(['place', 'description', 'owner', 'dueDate', 'sourceMeeting', 'priority']);
    expect(findInput(form, 'owner')?.choices).to.deep.include({ title: ALEX.name, value: ALEX.id });
    expect(findInput(form, 'dueDate')?.min).to.equal(today());
  });

  it('a form with no description and a past due date comes back with both errors and the rest kept', async () => {
    const card = await bot.click('action.create', validForm({ description: '   ', dueDate: addDays(today(), -1) }));
    const text = cardText(card);
    expect(text).to.contain('Description is required.').and.contain('The due date must be today or later.');
    expect(findInput(card, 'place')?.value).to.equal('BPL');
    expect(findInput(card, 'sourceMeeting')?.value).to.equal('Blackpool Place Partnership Board');
    expect(findInput(card, 'dueDate')?.value).to.equal(addDays(today(), -1));
    expect(await bot.runtime.records.get('action', 'BPL-A-0001')).to.equal(undefined);
  });

  it('100 KB of description is refused with a message naming the field, and the card stays small', async () => {
    const card = await bot.click('action.create', validForm({ description: 'x'.repeat(100 * 1024) }));
    expect(cardText(card)).to.contain('The description is 102,400 characters; the limit is 2,000');
    expect(String(findInput(card, 'description')?.value)).to.have.length(2000);
    expect(checkCard(card).bytes).to.be.below(40 * 1024);
  });

  it('a missing owner or place is named on the form', async () => {
    const card = await bot.click('action.create', validForm({ owner: '', place: '' }));
    expect(cardText(card)).to.contain('Choose who owns the action.').and.contain('Choose a place.');
  });

  it('a valid form becomes a confirmation card with the place ref, and the record and its audit event are stored', async () => {
    const { card, ref } = await logAction();
    expect(ref).to.equal('BPL-A-0001');
    const text = cardText(card);
    expect(text).to.contain('Blackpool').and.contain(ALEX.name).and.contain('Open').and.contain('Green · on track');
    const stored = await bot.runtime.records.get('action', ref);
    expect(stored?.record.description).to.equal(validForm().description);
    const history = await bot.runtime.records.history('action', ref);
    expect(history.map((e) => e.command)).to.deep.equal(['create']);
    expect(history[0]!.actor).to.deep.equal({ id: ALEX.id, name: ALEX.name });
  });

  it('"my actions" lists the speaker\'s open actions, overdue first', async () => {
    await logAction({ dueDate: addDays(today(), 1), description: 'Report Care Connexions uptake.' });
    const [list] = await bot.say('my actions');
    const text = cardText(list);
    expect(text).to.contain('BPL-A-0001').and.contain('BPL-A-0002');
    expect(text.indexOf('BPL-A-0002')).to.be.below(text.indexOf('BPL-A-0001')); // due sooner first
    expect(text).to.contain('Amber · due soon');
  });

  it('from "my actions" the owner can add an update in place; the list refreshes and says which action was saved', async () => {
    const [list] = await bot.say('my actions');
    const data = actionData(list, 'action.addUpdate'); // the first listed: BPL-A-0002, due soonest
    expect(data).to.include({ ref: 'BPL-A-0002', from: 'list' });
    const refreshed = await bot.click('action.addUpdate', {
      ...data,
      [listInputId('BPL-A-0002', 'updateText')]: 'Provider asked for the first month of referrals.',
    });
    expect(cardText(refreshed)).to.contain('BPL-A-0002: Update saved.').and.contain('Your open actions: 2');
    const updates = (await bot.runtime.records.get('action', 'BPL-A-0002'))!.record.updates.map((u) => u.text);
    expect(updates).to.deep.equal(['Provider asked for the first month of referrals.']);
  });

  it("a problem with an update from the list opens that action's card with the message and the typed text kept", async () => {
    const [list] = await bot.say('my actions');
    const data = actionData(list, 'action.reviseDueDate');
    const card = await bot.click('action.reviseDueDate', { ...data, [listInputId(String(data.ref), 'newDueDate')]: addDays(today(), 60) });
    expect(cardText(card))
      .to.contain(`Action ${String(data.ref)}`)
      .and.contain('Reason is required.');
    expect(findInput(card, 'newDueDate')?.value).to.equal(addDays(today(), 60));
  });

  it('someone with no open actions gets a friendly empty list', async () => {
    const [list] = await bot.say('my actions', { from: { id: 'aad-nobody', name: 'New Starter' } });
    expect(cardText(list)).to.contain('You have no open actions');
  });

  it('adding an update refreshes the card in place with the note and moves it to in progress', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click('action.addUpdate', {
      ...actionData(view, 'action.addUpdate'),
      updateText: 'First draft shared with partners.',
    });
    const text = cardText(card);
    expect(text).to.contain('Update saved.').and.contain('First draft shared with partners.').and.contain('In progress');
    const history = await bot.runtime.records.history('action', 'BPL-A-0001');
    expect(history.map((e) => e.command)).to.deep.equal(['create', 'addUpdate']);
  });

  it('revising the due date needs a reason; with one, the new date and reason show', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const data = actionData(view, 'action.reviseDueDate');
    const newDate = addDays(today(), 45);
    const refused = await bot.click('action.reviseDueDate', { ...data, newDueDate: newDate, reason: '' });
    expect(cardText(refused)).to.contain('Reason is required.');
    expect(findInput(refused, 'newDueDate')?.value).to.equal(newDate);
    const saved = await bot.click('action.reviseDueDate', { ...data, newDueDate: newDate, reason: 'Waiting for the council legal view' });
    expect(cardText(saved)).to.contain('Due date revised').and.contain('Waiting for the council legal view');
    expect((await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.revisions).to.have.length(1);
  });

  it('a card opened before someone else changed the action says so, shows the latest and keeps the typed note', async () => {
    const old = await bot.click('action.view', { ref: 'BPL-A-0002' });
    const fresh = await bot.click('action.view', { ref: 'BPL-A-0002' });
    await bot.click('action.addUpdate', { ...actionData(fresh, 'action.addUpdate'), updateText: 'Numbers requested from the provider.' });
    const card = await bot.click('action.addUpdate', { ...actionData(old, 'action.addUpdate'), updateText: 'My late note.' });
    const text = cardText(card);
    expect(text).to.contain('Someone else changed this action').and.contain('Numbers requested from the provider.');
    expect(findInput(card, 'updateText')?.value).to.equal('My late note.');
    const updates = (await bot.runtime.records.get('action', 'BPL-A-0002'))!.record.updates.map((u) => u.text);
    expect(updates).to.include('Numbers requested from the provider.').and.not.include('My late note.');
  });

  it('two clicks at once save exactly one change and tell the other person', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0002' });
    const data = actionData(view, 'action.addUpdate');
    const cards = await Promise.all([
      bot.click('action.addUpdate', { ...data, updateText: 'Click one.' }),
      bot.click('action.addUpdate', { ...data, updateText: 'Click two.' }),
    ]);
    const texts = cards.map(cardText);
    expect(texts.filter((t) => t.includes('Update saved.'))).to.have.length(1);
    expect(texts.filter((t) => t.includes('Someone else changed this action'))).to.have.length(1);
    const updates = (await bot.runtime.records.get('action', 'BPL-A-0002'))!.record.updates.map((u) => u.text);
    expect(updates.filter((t) => t.startsWith('Click'))).to.have.length(1);
  });

  it('someone who is not the owner, the raiser or a chair sees no change buttons and cannot change it', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' }, { from: RUTH });
    expect(checkCard(view).executeActions.map((a) => a.verb)).to.deep.equal(['action.mine']);
    const alexView = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click(
      'action.addUpdate',
      { ...actionData(alexView, 'action.addUpdate'), updateText: 'Not mine to say.' },
      { from: RUTH },
    );
    expect(cardText(card)).to.contain('Only the owner, the person who raised it, or a chair or place admin can change BPL-A-0001');
    const updates = (await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.updates.map((u) => u.text);
    expect(updates).not.to.include('Not mine to say.');
  });

  it('the place chair can update an action they do not own', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' }, { from: CHAIR });
    const card = await bot.click(
      'action.addUpdate',
      { ...actionData(view, 'action.addUpdate'), updateText: 'Chair: please bring to December board.' },
      { from: CHAIR },
    );
    expect(cardText(card)).to.contain('Update saved.');
  });

  it('proposing closure turns the action blue and leaves closing to a chair', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click('action.proposeClosure', {
      ...actionData(view, 'action.proposeClosure'),
      closureNote: 'Terms of reference approved.',
    });
    expect(cardText(card)).to.contain('Proposed for closure').and.contain('Blue · proposed for closure');
    expect(checkCard(card).executeActions.map((a) => a.verb)).not.to.include('action.proposeClosure');
  });

  it('an unknown ref is answered plainly', async () => {
    const card = await bot.click('action.view', { ref: 'SC-A-9999' });
    expect(cardText(card)).to.contain('No action SC-A-9999');
  });

  it('while storage is down, a submitted form comes back with a clear message and every input kept', async () => {
    await bot.storage.stop();
    try {
      const card = await bot.click('action.create', validForm({ description: 'Agree the BCF review scope.' }));
      expect(cardText(card)).to.contain('The record store is not answering just now, so nothing was saved');
      expect(findInput(card, 'description')?.value).to.equal('Agree the BCF review scope.');
    } finally {
      await bot.storage.restart();
    }
    const list = await bot.runtime.records.listByPlace('action', 'BPL', {});
    expect(list.map((s) => s.record.description)).not.to.include('Agree the BCF review scope.');
  });

  it('while storage is down, opening an action or "my actions" (typed or clicked) says the store is not answering and nothing was changed', async () => {
    await bot.storage.stop();
    try {
      const answers = [
        ...(await bot.say('my actions')),
        ...(await bot.say('BPL-A-0001')),
        await bot.click('action.mine'),
        await bot.click('action.view', { ref: 'BPL-A-0001' }),
      ];
      expect(answers).to.have.length(4);
      for (const card of answers) expect(cardText(card)).to.contain(UNAVAILABLE_READ).and.not.contain('nothing was saved');
    } finally {
      await bot.storage.restart();
    }
  });

  it('dates follow Europe/London: late on 31 March UTC is already 1 April in the UK summer', async () => {
    const saved = now;
    now = new Date('2027-03-31T23:30:00Z'); // 00:30 BST on 1 April
    try {
      const card = await bot.click('action.create', validForm({ dueDate: '2027-03-31' }));
      expect(cardText(card)).to.contain('The due date must be today or later.');
    } finally {
      now = saved;
    }
  });
});

// An action, logged and kept, through the real bot on Table Storage in memory: the log-action form
// becomes a record, an update and a proposed closure are saved from the card, a stale card keeps
// the typed note, and storage that is down saves nothing and says so.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const CHAIR: Sender = { id: 'aad-helen', name: 'Helen Price' };

describe('Flows in-process: an action (bot + in-memory table)', function () {
  let bot: FlowHarness;
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
  async function logAction(overrides: Record<string, unknown> = {}) {
    const card = await bot.click('action.create', validForm(overrides));
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not logged: ${cardText(card)}`);
    return { card, ref };
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [{ id: CHAIR.id, name: CHAIR.name }] });
  });
  after(async () => bot?.stop());
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000);
  });

  it('log action: a valid form becomes the confirmation card with the place ref; the record and its create event are stored', async () => {
    const { card, ref } = await logAction();
    expect(ref).to.equal('BPL-A-0001');
    expect(cardText(card)).to.contain('Blackpool').and.contain(ALEX.name).and.contain('Open').and.contain('Green · on track');
    expect((await bot.runtime.records.get('action', ref))?.record.description).to.equal(validForm().description);
    const history = await bot.runtime.records.history('action', ref);
    expect(history.map((e) => [e.command, e.actor.id])).to.deep.equal([['create', ALEX.id]]);
  });

  it('the same form submitted twice logs one action, and the second submit is shown it', async () => {
    const form = validForm({ description: 'Share the falls pathway with primary care.' });
    const first = await bot.click('action.create', form);
    const second = await bot.click('action.create', form);
    const ref = /Action (BPL-A-\d{4}) logged/.exec(cardText(first))?.[1];
    expect(cardText(second)).to.contain(ref!);
    const all = await bot.runtime.records.listByPlace('action', 'BPL', {});
    expect(all.filter((s) => s.record.description === 'Share the falls pathway with primary care.')).to.have.length(1);
  });

  it('add update: the card is redrawn with the note, in progress; the update and its audit event are stored', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click('action.addUpdate', {
      ...actionData(view, 'action.addUpdate'),
      updateText: 'First draft shared with partners.',
    });
    expect(cardText(card)).to.contain('Update saved.').and.contain('First draft shared with partners.').and.contain('In progress');
    const stored = (await bot.runtime.records.get('action', 'BPL-A-0001'))!.record;
    expect(stored.status).to.equal('IN_PROGRESS');
    expect(stored.updates.map((u) => u.text)).to.deep.equal(['First draft shared with partners.']);
    expect((await bot.runtime.records.history('action', 'BPL-A-0001')).map((e) => e.command)).to.deep.equal(['create', 'addUpdate']);
  });

  it('propose closure: the card turns blue and no longer offers it; the stored action is proposed for closure', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click('action.proposeClosure', {
      ...actionData(view, 'action.proposeClosure'),
      closureNote: 'Terms of reference approved.',
    });
    expect(cardText(card)).to.contain('Proposed for closure').and.contain('Blue · proposed for closure');
    expect(checkCard(card).executeActions.map((a) => a.verb)).not.to.include('action.proposeClosure');
    expect((await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.status).to.equal('PROPOSED_FOR_CLOSURE');
  });

  it('someone with no say over the action is refused, and nothing is stored', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' });
    const card = await bot.click(
      'action.addUpdate',
      { ...actionData(view, 'action.addUpdate'), updateText: 'Not mine to say.' },
      { from: RUTH },
    );
    expect(cardText(card)).to.contain('Only the owner, the person who raised it, or a chair or place admin can change BPL-A-0001');
    expect((await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.updates.map((u) => u.text)).not.to.include('Not mine to say.');
  });

  it('a stale card (its ETag is no longer the stored one: 412) says someone else changed it, shows the latest and keeps the typed note', async () => {
    const { ref } = await logAction({ description: 'Report Care Connexions uptake.' });
    const old = await bot.click('action.view', { ref });
    const fresh = await bot.click('action.view', { ref });
    await bot.click('action.addUpdate', { ...actionData(fresh, 'action.addUpdate'), updateText: 'Numbers requested from the provider.' });
    const card = await bot.click('action.addUpdate', { ...actionData(old, 'action.addUpdate'), updateText: 'My late note.' });
    expect(cardText(card)).to.contain('Someone else changed this action').and.contain('Numbers requested from the provider.');
    expect(findInput(card, 'updateText')?.value).to.equal('My late note.');
    const updates = (await bot.runtime.records.get('action', ref))!.record.updates.map((u) => u.text);
    expect(updates).to.deep.equal(['Numbers requested from the provider.']);
  });

  it('two clicks at once from the same card save exactly one update and tell the other person', async () => {
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' }, { from: CHAIR });
    const data = actionData(view, 'action.addUpdate');
    const cards = await Promise.all([
      bot.click('action.addUpdate', { ...data, updateText: 'Click one.' }, { from: CHAIR }),
      bot.click('action.addUpdate', { ...data, updateText: 'Click two.' }, { from: CHAIR }),
    ]);
    const texts = cards.map(cardText);
    expect(texts.filter((t) => t.includes('Update saved.'))).to.have.length(1);
    expect(texts.filter((t) => t.includes('Someone else changed this action'))).to.have.length(1);
    const updates = (await bot.runtime.records.get('action', 'BPL-A-0001'))!.record.updates.map((u) => u.text);
    expect(updates.filter((t) => t.startsWith('Click'))).to.have.length(1);
  });

  it('while storage is down, a submitted form comes back saying nothing was saved, every input kept, and nothing is stored', async () => {
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
});

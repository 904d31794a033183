// "actions <place>" as a board secretary and a guest meet it in Teams, driven over HTTP through
// the local host, with the real store on Azurite.
import { expect } from 'chai';
import { applyActionCommand, createAction, type ActionDraft } from '../../../records/action.js';
import type { Actor } from '../../../records/people.js';
import type { PlaceCode } from '../../../records/places.js';
import { ALEX, BotHarness, messageActivity, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const SAM: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const LOGGED = new Date('2026-09-01T10:00:00Z');

describe('“actions <place>”: a place’s action log in chat (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const refsOn = (card: unknown) =>
    checkCard(card)
      .executeActions.filter((a) => a.verb === 'action.view')
      .map((a) => (a.data as { ref: string }).ref);

  async function log(place: PlaceCode, over: Partial<ActionDraft>): Promise<string> {
    const d: ActionDraft = {
      place,
      description: 'Agree the Better Care Fund section 75 schedule',
      owner: { id: ALEX.id, name: ALEX.name },
      dueDate: '2026-12-20',
      links: {},
      ...over,
    };
    const r = await bot.runtime.records.create('action', place, (ref) => createAction(d, ref, SAM, LOGGED));
    if (!r.ok) throw new Error(r.refusal.message);
    return r.stored.record.ref;
  }

  async function change(ref: string, command: Parameters<typeof applyActionCommand>[2]) {
    const current = (await bot.runtime.records.get('action', ref))!;
    const r = await bot.runtime.records.update('action', current, applyActionCommand(current.record, SAM, command, now));
    if (!r.ok) throw new Error(r.refusal.message);
  }

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
    await log('BPL', { dueDate: '2026-12-20', description: 'Due in four weeks' }); // BPL-A-0001
    await log('BPL', { dueDate: '2026-11-10', description: 'Overdue since the last board', owner: { id: RUTH.id, name: RUTH.name } }); // 0002
    await log('BPL', { dueDate: '2026-11-30', description: 'Due next week', links: { priority: 'BCF' } }); // 0003
    await log('BPL', { dueDate: '2026-12-01', description: 'Ready to close' }); // 0004
    await change('BPL-A-0004', { type: 'proposeClosure', note: 'Done at the November board' });
    await log('BPL', { dueDate: '2026-10-01', description: 'Closed last month' }); // 0005
    await change('BPL-A-0005', { type: 'close', decision: 'Agreed' });
    await log('SC', { dueDate: '2026-11-01', description: 'A South Cumbria action' });
  });
  after(async () => bot?.stop());

  it('lists the place’s open actions, overdue first then by due date, with RAG in words, and nothing closed or from elsewhere', async () => {
    const [card] = await bot.say('actions Blackpool');
    expect(refsOn(card)).to.deep.equal(['BPL-A-0002', 'BPL-A-0003', 'BPL-A-0004', 'BPL-A-0001']);
    const text = cardText(card);
    expect(text)
      .to.contain('Blackpool action log: 4 actions')
      .and.contain('Red · overdue')
      .and.contain('Amber · due soon')
      .and.contain('Blue · proposed for closure')
      .and.contain('Green · on track');
    expect(card!.speak).to.equal('Blackpool action log, all open actions: 4 actions, 1 overdue shown first.');
    expect(checkCard(card).warnings).to.deep.equal([]);
  });

  it('each filter button shows its view: overdue, proposed for closure, a place priority, an owner', async () => {
    const view = (data: Record<string, unknown>) => bot.click('action.place', { place: 'BPL', ...data }).then(refsOn);
    expect(await view({ view: 'overdue' })).to.deep.equal(['BPL-A-0002']);
    expect(await view({ view: 'proposed' })).to.deep.equal(['BPL-A-0004']);
    expect(await view({ view: 'priority', priority: 'BCF' })).to.deep.equal(['BPL-A-0003']);
    expect(await view({ view: 'owner', owner: RUTH.id })).to.deep.equal(['BPL-A-0002']);
    const owned = await bot.click('action.place', { place: 'BPL', view: 'owner', owner: RUTH.id });
    expect(cardText(owned)).to.contain('Showing: actions owned by Ruth Ellison.');
    expect(await view({ view: 'open' })).to.have.length(4);
  });

  it('a filter sent with nothing chosen says what is missing on the card, keeps the choice, and shows all open actions', async () => {
    const card = await bot.click('action.place', { place: 'BPL', view: 'priority', priority: 'NOT_A_PRIORITY' });
    expect(cardText(card)).to.contain('Choose a place priority to show its actions.');
    expect(findInput(card, 'priority')?.value).to.equal('NOT_A_PRIORITY');
    expect(refsOn(card)).to.have.length(4);
    const noOwner = await bot.click('action.place', { place: 'BPL', view: 'owner', owner: '' });
    expect(cardText(noOwner)).to.contain('Choose a person to show the actions they own.');
  });

  it('an unknown place, no place in personal chat, or a button naming no place each get a clear answer', async () => {
    const [unknown] = await bot.say('actions Narnia');
    expect(cardText(unknown)).to.contain("I don't know the place “Narnia”");
    const [which] = await bot.say('actions');
    expect(cardText(which)).to.contain("Say which place's actions to show, e.g. “actions Blackpool”");
    const forged = await bot.click('action.place', { place: 'XX', view: 'open' });
    expect(cardText(forged)).to.contain('That button names no place.');
  });

  it('in a group chat, “actions Blackpool” gives the same log', async () => {
    const [card] = await bot.say('actions Blackpool', { conversationType: 'groupChat', conversationId: '19:group@thread.v2' });
    expect(refsOn(card)).to.deep.equal(['BPL-A-0002', 'BPL-A-0003', 'BPL-A-0004', 'BPL-A-0001']);
  });

  it('in a partnership channel linked to a place, “actions” alone shows that place', async () => {
    await bot.runtime.places.saveChannelReference('BPL', '19:channel@thread.tacv2', {
      channelId: 'msteams',
      serviceUrl: bot.serviceUrl,
      conversation: { id: '19:channel@thread.tacv2', isGroup: true, conversationType: 'channel' } as never,
    });
    const [card] = await bot.mention('actions');
    expect(cardText(card)).to.contain('Blackpool action log: 4 actions');
  });

  it('a guest outside the place’s channel is told they cannot see it, and is shown nothing', async () => {
    const before = bot.replies.length;
    const activity = messageActivity(bot.serviceUrl, 'actions Blackpool', { from: { ...RUTH, guest: true } });
    const { status } = await bot.post(activity);
    expect(status).to.equal(200);
    const text = JSON.stringify(bot.replies.slice(before).map((r) => r.activity));
    expect(text).to.contain("You can't see Blackpool's records from here");
    expect(text).not.to.contain('BPL-A-0002');
  });

  it('past what fits in the card, says how many more there are', async () => {
    for (let i = 0; i < 45; i++)
      await log('LAN', {
        dueDate: '2027-01-15',
        description: `Locality action ${i} ${'with a long description of what needs doing. '.repeat(4)}`,
      });
    const [card] = await bot.say('actions Lancashire');
    const shown = refsOn(card).length;
    expect(shown).to.be.greaterThan(10).and.below(45);
    expect(cardText(card)).to.contain(`And ${45 - shown} more not shown.`);
    expect(Buffer.byteLength(JSON.stringify(card))).to.be.below(40 * 1024);
  });
});

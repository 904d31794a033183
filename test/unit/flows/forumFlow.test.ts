// Forums through the real bot on Table Storage in memory: "forums Lancashire" lists them with their
// chairs' titles; an admin adds one from the form (a duplicate name, a rhythm with no date and
// 100 KB refused with the input kept); archive from its card; a stale card, a chair who is not an
// admin, and a guest naming a place they cannot see are refused.
import { expect } from 'chai';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const JUDITH: Sender = { id: 'aad-judith', name: 'Judith Mills' };
const GITA: Sender = { id: 'aad-gita', name: 'Gita Guest', teamsId: '29:gita', guest: true };

describe('Flows in-process: forums (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  const form = (over: Record<string, string> = {}) => ({
    place: 'LAN',
    name: 'Central Lancashire Partnership Board',
    locality: 'Central',
    chairs: 'Judith Mills | Central Lancashire Partnership Independent Chair',
    viceChair: '',
    secretary: 'Sam Patel',
    rhythm: 'monthly on the second Thursday',
    startTime: '14:00',
    reportingLines: 'place-board | Lancashire Place Partnership Board',
    ...over,
  });
  const formIdOf = (card: unknown) =>
    String((checkCard(card).executeActions.find((a) => a.verb === 'forum.create')?.data as { formId?: string }).formId);

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, JUDITH, GITA] });
    await bot.runtime.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      chairs: [{ id: JUDITH.id, name: JUDITH.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
    });
  });
  after(async () => bot?.stop());

  let ref = '';
  let etag = '';

  it('an admin adds a forum from the form; "forums Lancashire" lists it with its chair’s title and next meeting', async () => {
    const [blank] = await bot.say('add forum Lancashire', { from: SAM });
    const added = await bot.click('forum.create', { ...form(), formId: formIdOf(blank) }, { from: SAM });
    expect(cardText(added)).to.include('added');
    const [list] = await bot.say('forums Lancashire', { from: SAM });
    const text = cardText(list);
    expect(text).to.include('Central Lancashire Partnership Board');
    expect(text).to.include('Judith Mills, Central Lancashire Partnership Independent Chair');
    expect(text).to.include('Thu 9 Apr 2026');
    const view = checkCard(list).executeActions.find((a) => a.verb === 'forum.view')!;
    ref = String((view.data as { ref: string }).ref);
    expect(ref).to.match(/^LAN-F-\d{4}$/);
    const card = await bot.click('forum.view', { ref }, { from: SAM });
    etag = String((checkCard(card).executeActions.find((a) => a.verb === 'forum.archive')!.data as { etag: string }).etag);
  });

  it('a duplicate name, a rhythm that gives no date, and 100 KB of text are refused on the form, input kept', async () => {
    const [blank] = await bot.say('add forum Lancashire', { from: SAM });
    const formId = formIdOf(blank);
    const dup = await bot.click('forum.create', { ...form(), formId }, { from: SAM });
    expect(cardText(dup)).to.include('already has a forum called');
    const noDate = await bot.click(
      'forum.create',
      { ...form({ name: 'North Partnership Board', rhythm: 'now and then' }), formId },
      { from: SAM },
    );
    expect(cardText(noDate)).to.include('gives no meeting date');
    expect(JSON.stringify(noDate)).to.include('North Partnership Board');
    const huge = await bot.click('forum.create', { ...form({ name: 'x'.repeat(100_000) }), formId }, { from: SAM });
    expect(JSON.stringify(huge).length).to.be.below(40_000);
    expect(cardText(huge)).to.match(/Forum name/);
  });

  it('a chair who is not an admin is not offered the form and cannot archive', async () => {
    const [answer] = await bot.say('add forum Lancashire', { from: JUDITH });
    expect(cardText(answer)).to.include('Only a place admin adds forums');
    const refused = await bot.click('forum.archive', { ref, etag }, { from: JUDITH });
    expect(cardText(refused)).to.include('Only an admin of this place');
  });

  it('a guest naming a place they cannot see is told so, and sees none of its forums', async () => {
    const [answer] = await bot.say('forums Lancashire', { from: GITA });
    expect(cardText(answer)).to.include('No forums for Lancashire');
    expect(cardText(answer)).not.to.include('Central Lancashire Partnership Board');
  });

  it('an admin archives it from its card (never deleted); a stale card is refused with the latest shown', async () => {
    const archived = await bot.click('forum.archive', { ref, etag }, { from: SAM });
    expect(cardText(archived)).to.include('Archived');
    const stale = await bot.click('forum.restore', { ref, etag }, { from: SAM });
    expect(cardText(stale)).to.include('Someone else changed this forum');
    const [list] = await bot.say('forums Lancashire', { from: SAM });
    expect(cardText(list)).to.include('(archived)');
  });
});

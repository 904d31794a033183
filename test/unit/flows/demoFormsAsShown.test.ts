// Every form of the forums, forward plan, escalations, papers and packs work, submitted exactly as
// it is first shown, by the demo's own user (Sam Patel, the board secretary and place admin) over
// the demo data: the ones that need nothing more save; the ones that need input come back with
// what is missing named on the form, and nothing is written.
import { expect } from 'chai';
import { DEMO_PEOPLE, loadDemoData } from '../../../functions/demoData.js';
import { actionData } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness } from '../../support/flowHarness.js';

/** Each input's value as the card shows it (a toggle left alone sends its "off" value), as Teams submits it. */
function asShown(card: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const el = v as Record<string, unknown>;
    if (typeof el.type === 'string' && el.type.startsWith('Input.') && typeof el.id === 'string')
      values[el.id] = typeof el.value === 'string' ? el.value : el.type === 'Input.Toggle' ? String(el.valueOff ?? 'false') : '';
    for (const [k, child] of Object.entries(el)) if (k !== 'data' && k !== 'choices') walk(child);
  };
  walk(card);
  return values;
}

describe('Flows in-process: the demo secretary’s forms, submitted exactly as first shown (demo data)', function () {
  this.timeout(60_000);
  const now = new Date('2026-12-07T10:00:00Z');
  const sam = { ...DEMO_PEOPLE.sam };
  let bot: FlowHarness;
  const submit = (card: Record<string, unknown>, verb: string) =>
    bot.click(verb, { ...actionData(card, verb), ...asShown(card) }, { from: sam });

  before(async () => {
    bot = await startFlows({ clock: () => now, members: Object.values(DEMO_PEOPLE) });
    expect(await loadDemoData(bot.runtime, now)).to.equal(true);
  });
  after(async () => bot?.stop());

  it('Edit on a forum (Central Lancashire Partnership Board), saved as shown: saved, the forum as it was, the save audited', async () => {
    const before = (await bot.runtime.records.get('forum', 'LAN-F-0002'))!;
    const form = await bot.click('forum.edit', { ref: 'LAN-F-0002' }, { from: sam });
    expect(cardText(await submit(form, 'forum.change'))).to.contain('Saved: the forum’s changes are recorded.');
    const after = (await bot.runtime.records.get('forum', 'LAN-F-0002'))!;
    expect(after.record).to.deep.equal(before.record);
    expect((await bot.runtime.records.history('forum', 'LAN-F-0002')).map((e) => e.command)).to.include('change');
  });

  it('“forward plan Central Lancashire Partnership Board”, its add form as shown: what is missing is named, nothing added', async () => {
    const [plan] = await bot.say('forward plan Central Lancashire Partnership Board', { from: sam });
    const back = cardText(await submit(plan!, 'forum.addToPlan'));
    expect(back).to.contain('Item is required.').and.contain('Choose who owns the item.');
    expect((await bot.runtime.records.get('forum', 'LAN-F-0002'))!.record.forwardPlan ?? []).to.deep.equal([]);
  });

  it('“prepare meeting Central Lancashire Partnership Board” as shown prepares it; its card’s “Add to forward plan” as shown names what is missing', async () => {
    const [form] = await bot.say('prepare meeting Central Lancashire Partnership Board', { from: sam });
    const card = await submit(form!, 'meeting.create');
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))?.[1];
    expect(ref, cardText(card)).to.be.a('string');
    const meeting = await bot.click('meeting.view', { ref }, { from: sam });
    expect(cardText(await submit(meeting, 'meeting.addToPlan'))).to.contain('Item is required.');
    expect((await bot.runtime.records.get('forum', 'LAN-F-0002'))!.record.forwardPlan ?? []).to.deep.equal([]);
  });

  it('“escalations Blackpool”, Acknowledge as shown: the note is asked for, nothing acknowledged', async () => {
    const [list] = await bot.say('escalations Blackpool', { from: sam });
    expect(cardText(list)).to.contain('1 matter sent, 1 not acknowledged');
    expect(cardText(await submit(list!, 'meeting.acknowledgeMatter'))).to.match(/note/i);
    const m = (await bot.runtime.records.get('meeting', 'BPL-M-0001'))!;
    expect(m.record.matters.every((x) => !x.acknowledged)).to.equal(true);
  });

  it('the setup card for Blackpool, saved as shown: saved, its protective marking OFFICIAL', async () => {
    const form = await bot.click('setup.open', { place: 'BPL' }, { from: sam });
    expect(cardText(await submit(form, 'setup.save'))).to.match(/saved/i);
    expect((await bot.runtime.places.get('BPL'))?.record.marking).to.equal('OFFICIAL');
  });

  for (const [what, open, verb, missing] of [
    [
      'request sign-off (Blackpool), with its cover sheet sections closed',
      () => bot.click('signoff.form', { place: 'BPL' }, { from: sam }),
      'signoff.create',
      /title/i,
    ],
    ['log action', async () => (await bot.say('log action', { from: sam }))[0]!, 'action.create', /description/i],
    ['add forum Blackpool', async () => (await bot.say('add forum Blackpool', { from: sam }))[0]!, 'forum.create', /name/i],
  ] as const) {
    it(`${what}, as shown: the required fields are named on the form and nothing is written`, async () => {
      const form = await open();
      const refsBefore = await countRecords();
      const back = await submit(form, verb);
      expect(checkCard(back).executeActions.map((a) => a.verb)).to.include(verb);
      expect(cardText(back)).to.match(missing);
      expect(await countRecords()).to.equal(refsBefore);
    });
  }

  async function countRecords(): Promise<number> {
    let n = 0;
    for (const kind of ['action', 'signoff', 'forum'] as const) n += (await bot.runtime.records.listByPlace(kind, 'BPL')).length;
    return n;
  }
});

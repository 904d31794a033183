// Changing a forum from its card, through the real bot on Table Storage in memory: "Edit" gives the
// form pre-filled with the forum as stored (saved unchanged, it still succeeds and is audited); a
// change is saved and audited; a duplicate name, a rhythm with no date (with an example), a chair
// with no title and a reporting line with no name are refused on the form with the entry kept;
// two admins editing at once: the second is told and keeps their entry; a chair who is not an
// admin is refused and the attempt audited.
import { expect } from 'chai';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const OMAR: Sender = { id: 'aad-omar', name: 'Omar Hussain' };
const JUDITH: Sender = { id: 'aad-judith', name: 'Judith Mills' };
const AMIRA: Sender = { id: 'aad-amira', name: 'Amira Khan' };

describe('Flows in-process: changing a forum from its card (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  const addForm = (name: string) => ({
    place: 'LAN',
    name,
    locality: 'Central',
    chairs: 'Judith Mills | Central Lancashire Partnership Independent Chair',
    viceChair: '',
    secretary: 'Sam Patel',
    rhythm: 'every two months on the first Tuesday from March 2026',
    startTime: '14:00',
    reportingLines: 'place-board | Lancashire Place Partnership Board',
  });
  const action = (card: unknown, verb: string) =>
    checkCard(card).executeActions.find((a) => a.verb === verb)?.data as Record<string, unknown>;
  /** The inputs of a form card, by id, as Teams would send them back unchanged. */
  const inputsOf = (card: unknown): Record<string, string> => {
    const found: Record<string, string> = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') found[n.id] = String(n.value ?? '');
      Object.values(n).forEach(walk);
    };
    walk(card);
    return found;
  };
  const history = (ref: string) => bot.runtime.records.history('forum', ref);

  let ref = '';

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, OMAR, JUDITH, AMIRA] });
    await bot.runtime.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      chairs: [{ id: JUDITH.id, name: JUDITH.name }],
      approvers: [{ id: AMIRA.id, name: AMIRA.name }],
      admins: [
        { id: SAM.id, name: SAM.name },
        { id: OMAR.id, name: OMAR.name },
      ],
    });
    for (const name of ['Central Lancashire Partnership Board', 'North Lancashire Partnership Board']) {
      const [blank] = await bot.say('add forum Lancashire', { from: SAM });
      const added = await bot.click('forum.create', { ...addForm(name), formId: action(blank, 'forum.create').formId }, { from: SAM });
      expect(cardText(added)).to.include('added');
    }
    const [list] = await bot.say('forums Lancashire', { from: SAM });
    const view = checkCard(list).executeActions.find((a) => a.verb === 'forum.view' && String(a.title).startsWith('Central'));
    ref = String((view!.data as { ref: string }).ref);
  });
  after(async () => bot?.stop());

  it('the setup card lists the place’s forums, each with Edit for its admins', async () => {
    const setup = await bot.click('setup.open', { place: 'LAN' }, { from: SAM });
    const forums = await bot.click('forum.list', action(setup, 'forum.list'), { from: SAM });
    expect(cardText(forums)).to.include('Forums of Lancashire').and.include('North Lancashire Partnership Board');
    expect(checkCard(forums).executeActions.filter((a) => a.verb === 'forum.edit')).to.have.length(2);
  });

  it('"Edit" on the list and on the forum’s card opens the form pre-filled with the forum as stored', async () => {
    const [list] = await bot.say('forums Lancashire', { from: SAM });
    expect(checkCard(list).executeActions.filter((a) => a.verb === 'forum.edit')).to.have.length(2);
    const card = await bot.click('forum.view', { ref }, { from: SAM });
    const form = await bot.click('forum.edit', action(card, 'forum.edit'), { from: SAM });
    expect(cardText(form)).to.include('Change Central Lancashire Partnership Board');
    expect(inputsOf(form)).to.deep.include({
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs: 'Judith Mills | Central Lancashire Partnership Independent Chair',
      secretary: 'Sam Patel',
      rhythm: 'every 2 months on the first tuesday from march 2026',
      startTime: '14:00',
      reportingLines: 'place-board | Lancashire Place Partnership Board',
    });
  });

  it('submitted unchanged, the form saves, the forum stays as it was, and the change is audited', async () => {
    const before = (await bot.runtime.records.get('forum', ref))!.record;
    const form = await bot.click('forum.edit', { ref }, { from: SAM });
    const saved = await bot.click('forum.change', { ...action(form, 'forum.change'), ...inputsOf(form) }, { from: SAM });
    expect(cardText(saved)).to.include('Saved');
    const after = (await bot.runtime.records.get('forum', ref))!.record;
    expect(after).to.deep.equal(before);
    expect((await history(ref)).filter((e) => e.command === 'change').map((e) => e.actor.id)).to.deep.equal([SAM.id]);
  });

  it('an admin changes the chairs, rhythm and reporting lines: the card shows them, the change audited with before and after', async () => {
    const form = await bot.click('forum.edit', { ref }, { from: SAM });
    const saved = await bot.click(
      'forum.change',
      {
        ...action(form, 'forum.change'),
        ...inputsOf(form),
        chairs: 'Judith Mills | Independent Chair\nAmira Khan | Chair of Lancashire Teaching Hospitals NHS Foundation Trust',
        rhythm: 'monthly on the second Thursday',
        reportingLines: 'place-board | Lancashire Place Partnership Board\nhwb | Lancashire Health and Wellbeing Board',
      },
      { from: SAM },
    );
    const text = cardText(saved);
    expect(text).to.include('Judith Mills, Independent Chair; Amira Khan, Chair of Lancashire Teaching Hospitals NHS Foundation Trust');
    expect(text).to.include('monthly on the second Thursday');
    expect(text).to.include('Lancashire Health and Wellbeing Board');
    const stored = (await bot.runtime.records.get('forum', ref))!.record;
    expect(stored.chairs.map((c) => c.id)).to.deep.equal([JUDITH.id, AMIRA.id]);
    const last = (await history(ref)).filter((e) => e.command === 'change').at(-1)!;
    expect(last.before).to.have.property('chairs');
    expect(last.after).to.have.property('chairs');
  });

  it('bad input is refused on the form, nothing saved, everything typed kept', async () => {
    const before = await bot.runtime.records.get('forum', ref);
    const cases: [Record<string, string>, string][] = [
      [{ name: 'north lancashire  partnership board' }, 'already has a forum called'],
      [{ rhythm: 'whenever the chair likes' }, 'e.g. “monthly on the second Thursday”'],
      [{ chairs: 'Judith Mills' }, 'the title they sign with'],
      [{ reportingLines: 'hwb |' }, 'Name the A Health and Wellbeing Board it reports to'],
      [{ name: 'x'.repeat(100_000) }, 'Forum name'],
    ];
    for (const [bad, message] of cases) {
      const form = await bot.click('forum.edit', { ref }, { from: SAM });
      const typed = { ...inputsOf(form), secretary: 'Amira Khan', ...bad };
      const refused = await bot.click('forum.change', { ...action(form, 'forum.change'), ...typed }, { from: SAM });
      expect(cardText(refused), message).to.include(message);
      expect(JSON.stringify(refused).length).to.be.below(40_000);
      const kept = inputsOf(refused);
      expect(kept.secretary).to.equal('Amira Khan');
      for (const [field, value] of Object.entries(bad)) expect(value.startsWith(kept[field]!), field).to.equal(true);
    }
    expect((await bot.runtime.records.get('forum', ref))!.etag).to.equal(before!.etag);
  });

  it('two admins edit it at once: the first is saved, the second is told on their card and keeps their entry', async () => {
    const samForm = await bot.click('forum.edit', { ref }, { from: SAM });
    const omarForm = await bot.click('forum.edit', { ref }, { from: OMAR });
    const first = await bot.click(
      'forum.change',
      { ...action(samForm, 'forum.change'), ...inputsOf(samForm), startTime: '10:00' },
      { from: SAM },
    );
    expect(cardText(first)).to.include('Saved');
    const second = await bot.click(
      'forum.change',
      { ...action(omarForm, 'forum.change'), ...inputsOf(omarForm), startTime: '16:30' },
      { from: OMAR },
    );
    expect(cardText(second)).to.include('Someone else changed this forum');
    expect(cardText(second)).to.include('10:00');
    expect(inputsOf(second).startTime).to.equal('16:30');
    expect((await bot.runtime.records.get('forum', ref))!.record.startTime).to.equal('10:00');
    // The form comes back at the latest version: sent again, Omar's entry is saved.
    const again = await bot.click('forum.change', { ...action(second, 'forum.change'), ...inputsOf(second) }, { from: OMAR });
    expect(cardText(again)).to.include('Saved');
    expect((await bot.runtime.records.get('forum', ref))!.record.startTime).to.equal('16:30');
  });

  it('a chair who is not an admin is given no form, and a forged change from them is refused and audited', async () => {
    const card = await bot.click('forum.view', { ref }, { from: JUDITH });
    expect(action(card, 'forum.edit')).to.equal(undefined);
    const noForm = await bot.click('forum.edit', { ref }, { from: JUDITH });
    expect(cardText(noForm)).to.include('Only an admin of this place');
    const form = await bot.click('forum.edit', { ref }, { from: SAM });
    const before = await bot.runtime.records.get('forum', ref);
    const forged = await bot.click(
      'forum.change',
      { ...action(form, 'forum.change'), ...inputsOf(form), name: 'Judith’s Board' },
      { from: JUDITH },
    );
    expect(cardText(forged)).to.include('Only an admin of this place');
    expect((await bot.runtime.records.get('forum', ref))!.etag).to.equal(before!.etag);
    const refused = (await history(ref)).filter((e) => e.command === 'refused:change');
    expect(refused.map((e) => e.actor.id)).to.deep.equal([JUDITH.id]);
  });
});

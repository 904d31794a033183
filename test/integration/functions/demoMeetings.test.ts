// The demo's board meetings: each place's last meeting with key messages published, and Blackpool's
// next meeting ready to prepare, with two actions proposed for closure on its agenda.
import { expect } from 'chai';
import { DEMO_PEOPLE, loadDemoData } from '../../../functions/demoData.js';
import { PLACE_CODES } from '../../../records/places.js';
import { actionData, BotHarness } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

describe('Demo meetings (local run)', function () {
  this.timeout(60_000);
  const now = new Date('2026-11-23T10:00:00Z');
  let bot: BotHarness;
  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
    expect(await loadDemoData(bot.runtime, now)).to.equal(true);
  });
  after(async () => bot?.stop());

  it('each place has one past meeting whose key messages its chair signed off and were published', async () => {
    for (const place of PLACE_CODES) {
      const meetings = (await bot.runtime.records.listByPlace('meeting', place)).map((s) => s.record);
      expect(
        meetings.map((m) => m.status),
        place,
      ).to.deep.equal(['PUBLISHED']);
      const km = meetings[0]!.keyMessages!;
      expect(km.text).to.contain('Key Decisions and Actions').and.contain('Matters for Escalation (and where to)');
      const signOff = await bot.runtime.records.get('signoff', km.signOffRef!);
      expect(signOff!.record.status).to.equal('APPROVED');
      expect(km.published!.signedOffBy.id).to.equal(signOff!.record.decision!.by.id);
    }
  });

  it('"find partnership board" lists the demo meetings, and "find BPL-M-0001" opens Blackpool’s', async () => {
    const sam = { ...DEMO_PEOPLE.sam };
    const [found] = await bot.say('find partnership board', { from: sam });
    expect(checkCard(found!).warnings).to.deep.equal([]);
    const meetingRefs = checkCard(found!)
      .executeActions.filter((a) => a.verb === 'meeting.view')
      .map((a) => (a.data as { ref: string }).ref);
    expect(meetingRefs, cardText(found)).to.include('BPL-M-0001');
    expect(cardText(found)).to.contain('Meeting').and.contain('Key messages published');
    const [byRef] = await bot.say('find BPL-M-0001', { from: sam });
    const first = checkCard(byRef!).executeActions.find((a) => a.verb === 'meeting.view');
    expect((first?.data as { ref: string }).ref, cardText(byRef)).to.equal('BPL-M-0001');
    const opened = await bot.click('meeting.view', { ref: 'BPL-M-0001' }, { from: sam });
    expect(cardText(opened)).to.contain('BPL-M-0001');
  });

  it('"prepare meeting Blackpool" offers the two Blackpool actions proposed for closure, and "meetings Blackpool" the last one', async () => {
    const sam = { ...DEMO_PEOPLE.sam };
    const [form] = await bot.say('prepare meeting Blackpool', { from: sam });
    const proposed = (await bot.runtime.records.listByPlace('action', 'BPL', { openOnly: true })).filter(
      (s) => s.record.status === 'PROPOSED_FOR_CLOSURE',
    );
    expect(proposed).to.have.length(2);
    for (const a of proposed) expect(findInput(form, `agenda.proposedForClosure.${a.record.ref}`)?.value).to.equal('true');
    expect(actionData(form, 'meeting.create').place).to.equal('BPL');
    const [list] = await bot.say('meetings Blackpool', { from: sam });
    expect(cardText(list)).to.contain('BPL-M-0001').and.contain('Key messages published');
  });

  it('the demo secretary’s “prepare meeting Blackpool” form, submitted exactly as first shown, prepares the meeting with its whole draft agenda', async () => {
    const sam = { ...DEMO_PEOPLE.sam };
    const [form] = await bot.say('prepare meeting Blackpool', { from: sam });
    const shown = Object.fromEntries(checkCard(form).inputIds.map((id) => [id, findInput(form, id)!.value ?? '']));
    const ticked = Object.entries(shown).filter(([id, v]) => id.startsWith('agenda.') && v === 'true').length;
    expect(ticked).to.be.greaterThan(1);
    const answer = await bot.click('meeting.create', { ...actionData(form, 'meeting.create'), ...shown }, { from: sam });
    const ref = /Meeting (BPL-M-\d{4}) prepared/.exec(cardText(answer))?.[1];
    expect(ref, cardText(answer)).to.equal('BPL-M-0002');
    const meeting = await bot.runtime.records.get('meeting', ref!);
    expect(meeting!.record.agenda).to.have.length(ticked);
    expect(meeting!.record.status).to.equal('PREPARING');
  });
});

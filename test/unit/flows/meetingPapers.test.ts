// A paper for the board decided at its meeting, through the real bot on Table Storage in memory:
// on the agenda as a paper, recorded "Noted" by the chair from the meeting card, and refused to
// someone who is not a chair.
import { expect } from 'chai';
import { londonToday, addDays } from '../../../records/dates.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { actionData } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const SECRETARY: Actor = { ...SAM, roles: ['admin'] };

describe('Flows in-process: papers decided at a meeting (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const group = { conversationType: 'groupChat' as const, conversationId: '19:board-group@thread.v2' };
  let meeting = '';
  let paper = '';

  function itemData(card: unknown, verb: string, ref: string): Record<string, unknown> {
    const found = checkCard(card).executeActions.find((a) => a.verb === verb && (a.data as { ref?: string }).ref === ref);
    if (!found) throw new Error(`no ${verb} for ${ref} on the card`);
    return found.data as Record<string, unknown>;
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, RUTH] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [{ id: HELEN.id, name: HELEN.name }],
      admins: [{ id: SAM.id, name: SAM.name }],
      channels: [],
    });
    const created = await bot.runtime.records.create('signoff', 'BPL', (ref) =>
      createSignOff(
        {
          place: 'BPL',
          board: 'Blackpool Place Partnership Board',
          title: 'Finance report',
          summary: 'Month 7 position.',
          itemType: 'document',
          route: 'meeting',
          approvers: [{ id: HELEN.id, name: HELEN.name }],
          mode: 'FIRST',
          dueBy: addDays(londonToday(now), 14),
        },
        ref,
        SECRETARY,
        now,
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    paper = created.stored.record.ref;
    const [form] = await bot.say('prepare meeting Blackpool', { from: SAM });
    const card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: 'Blackpool Place Partnership Board', date: londonToday(now) },
      { from: SAM, ...group },
    );
    meeting = /Meeting (BPL-M-\d{4}) prepared/.exec(cardText(card))?.[1] ?? '';
  });
  after(async () => bot?.stop());

  it('the secretary sees the paper under "Papers for the board to decide" on the meeting card', async () => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: SAM, ...group });
    expect(cardText(card)).to.contain('Papers for the board to decide').and.contain(paper);
  });

  it('someone who is not a chair recording a decision (a forged click) is refused and the paper is unchanged', async () => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN, ...group });
    await bot.click(
      'meeting.decidePaper',
      { ...itemData(card, 'meeting.decidePaper', paper), [`${paper}.paperOutcome`]: 'APPROVED', [`${paper}.paperText`]: '' },
      { from: RUTH, ...group },
    );
    expect((await bot.runtime.records.get('signoff', paper))!.record.status).to.equal('PENDING');
  });

  it('the chair records "Noted": the card says so, the paper is noted and the key messages offered say "The Board noted the finance report"', async () => {
    let card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN, ...group });
    card = await bot.click(
      'meeting.decidePaper',
      { ...itemData(card, 'meeting.decidePaper', paper), [`${paper}.paperOutcome`]: 'NOTED', [`${paper}.paperText`]: '' },
      { from: HELEN, ...group },
    );
    expect(cardText(card)).to.contain('Noted at this meeting.');
    const s = (await bot.runtime.records.get('signoff', paper))!.record;
    expect(s.status).to.equal('NOTED');
    expect(s.decision?.comment).to.contain(`(${meeting}), recorded by Helen Price`);
    expect(cardText(card)).to.contain(`The Board noted the finance report (${paper}).`);
  });

  it('a stale card (the paper already decided) records nothing twice', async () => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN, ...group });
    expect(checkCard(card).executeActions.some((a) => a.verb === 'meeting.decidePaper')).to.equal(false);
    const history = await bot.runtime.records.history('signoff', paper);
    expect(history.filter((e) => e.command === 'decideAtMeeting')).to.have.length(1);
  });
});

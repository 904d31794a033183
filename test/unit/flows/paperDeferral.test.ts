// A paper deferred at a forum's meeting, through the real bot on Table Storage in memory: the
// chair records "Deferred" on the meeting card, says to which month, and the paper is on the
// forum's forward plan for that month; without a month it is refused on the card, text kept.
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { createForum } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { actionData } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const SECRETARY: Actor = { ...SAM, roles: ['admin'] };
const BOARD = 'Blackpool Place Partnership Board';

describe('Flows in-process: a paper deferred at a meeting goes on the forward plan (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-12-10T10:00:00Z');
  let meeting = '';
  let paper = '';
  let forum = '';

  const panel = (card: unknown) => {
    const found = checkCard(card).executeActions.find((a) => a.verb === 'meeting.decidePaper');
    if (!found) throw new Error('no meeting.decidePaper on the card');
    return found.data as Record<string, unknown>;
  };
  const decide = async (deferTo: string) => {
    const card = await bot.click('meeting.view', { ref: meeting }, { from: HELEN });
    return bot.click(
      'meeting.decidePaper',
      {
        ...panel(card),
        [`${paper}.paperOutcome`]: 'DEFERRED',
        [`${paper}.paperText`]: 'The board wants the Q3 figures first.',
        [`${paper}.paperDeferTo`]: deferTo,
      },
      { from: HELEN },
    );
  };

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [HELEN], admins: [SAM], channels: [] });
    const made = await bot.runtime.records.create('forum', 'BPL', (ref) =>
      createForum(
        {
          place: 'BPL',
          name: BOARD,
          chairs: [{ ...HELEN, title: 'Chair of Blackpool Teaching Hospitals NHS Foundation Trust' }],
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '14:00',
          reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
        },
        ref,
        SECRETARY,
        now,
      ),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    forum = made.stored.record.ref;
    const created = await bot.runtime.records.create('signoff', 'BPL', (ref) =>
      createSignOff(
        {
          place: 'BPL',
          board: BOARD,
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
      { ...actionData(form, 'meeting.create'), board: BOARD, date: londonToday(now) },
      { from: SAM },
    );
    meeting = /Meeting (BPL-M-\d{4}) prepared/.exec(cardText(card))?.[1] ?? '';
  });
  after(async () => bot?.stop());

  it('bad input: “Deferred” with no month or meeting is refused on the card, the reason typed kept, the paper still open', async () => {
    const card = await decide('');
    expect(cardText(card)).to.contain('Say which meeting or month it is deferred to.');
    expect(findInput(card, `${paper}.paperText`)?.value).to.equal('The board wants the Q3 figures first.');
    expect((await bot.runtime.records.get('signoff', paper))!.record.atMeetings ?? []).to.have.length(0);
  });

  it('the chair defers the paper to March 2027: it stays open and the forum’s forward plan holds it, owned by its requester', async () => {
    const card = await decide('March 2027');
    expect(cardText(card)).to.contain('Deferred at this meeting');
    expect(findInput(card, 'keyMessages')?.value).to.contain(
      `The Board deferred the finance report (${paper}) to its meeting in March 2027.`,
    );
    const plan = (await bot.runtime.records.get('forum', forum))!.record.forwardPlan ?? [];
    expect(plan.map((i) => [i.text, i.owner.name, i.due, i.deferred])).to.deep.equal([
      [
        `Receive the deferred paper “Finance report” (${paper})`,
        'Sam Patel',
        { month: '2027-03' },
        { signOffRef: paper, meetingRef: meeting },
      ],
    ]);
    const [shown] = await bot.say('forward plan Blackpool', { from: HELEN });
    expect(cardText(shown)).to.contain('Receive the deferred paper “Finance report”').and.contain('at its meeting in March 2027');
  });
});

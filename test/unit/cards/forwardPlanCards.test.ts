// The forward plan card (cards/forwardPlanCards.ts) and "Add to forward plan" on the meeting card,
// checked as Teams parses them and as a screen reader meets them.
import { expect } from 'chai';
import { forwardPlanCard } from '../../../cards/forwardPlanCards.js';
import { meetingCard } from '../../../cards/meetingCards.js';
import { createForum, type Forum } from '../../../records/forum.js';
import { applyPlanCommand } from '../../../records/forwardPlan.js';
import { createMeeting } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { accessibilityProblems, cardText, checkCard, describeTeamsCard, findInput } from '../../support/cardCheck.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const CHAIR: Actor = { id: 'aad-judith', name: 'Judith Mills', roles: ['chair'] };
const OWNER = { id: 'aad-nadia', name: 'Nadia Hussain' };

function forumWithPlan(): Forum {
  const made = createForum(
    {
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs: [{ ...CHAIR, title: 'Independent Chair' }],
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
      startTime: '14:00',
      reportingLines: [],
    },
    'LAN-F-0002',
    { ...CHAIR, roles: ['admin'] },
    NOW,
  );
  if (!made.ok) throw new Error(made.refusal.message);
  let f = made.record;
  const step = (t: ReturnType<typeof applyPlanCommand<Forum>>) => {
    if (!t.ok) throw new Error(t.refusal.message);
    f = t.record;
  };
  step(
    applyPlanCommand(
      f,
      CHAIR,
      { type: 'addPlanItem', text: 'Receive a further report on the Neighbourhood model', owner: OWNER, due: { month: '2027-03' } },
      NOW,
    ),
  );
  step(
    applyPlanCommand(f, CHAIR, { type: 'addPlanItem', text: 'Note the <b>winter</b> plan', owner: OWNER, due: { month: '2026-12' } }, NOW),
  );
  step(applyPlanCommand(f, CHAIR, { type: 'withdrawPlanItem', itemRef: 'LAN-F-0002/2' }, NOW));
  return f;
}

const keeper = () =>
  forwardPlanCard({
    stored: { record: forumWithPlan(), etag: 'W/"3"' },
    today: '2026-12-07',
    mayKeep: true,
    people: [OWNER],
    values: { planText: 'Kept text', planDue: 'May 2027' },
    notice: { text: 'May 2027 is fine.', style: 'attention' },
  });

describe('The forward plan card', () => {
  describeTeamsCard('the forward plan, for a keeper, with input kept', keeper);
  describeTeamsCard('the forward plan, shared', () =>
    forwardPlanCard({
      stored: { record: forumWithPlan(), etag: 'W/"3"' },
      today: '2026-12-07',
      mayKeep: false,
      people: [],
      notice: { text: 'Added.', style: 'accent' },
    }),
  );

  it('lists each item with its owner, when it is due and its state; withdraw only on those still open; the typed text kept', () => {
    const card = keeper();
    const text = cardText(card);
    expect(text).to.contain('LAN-F-0002/1 · Receive a further report on the Neighbourhood model');
    expect(text).to.contain('Owner Nadia Hussain · at its meeting in March 2027').and.contain('Scheduled');
    expect(text).to.contain('Withdrawn by Judith Mills');
    const withdraw = checkCard(card).executeActions.filter((a) => a.verb === 'forum.withdrawPlanItem');
    expect(withdraw.map((a) => (a.data as { itemRef: string }).itemRef)).to.deep.equal(['LAN-F-0002/1']);
    expect(findInput(card, 'planText')?.value).to.equal('Kept text');
    expect(accessibilityProblems(card)).to.deep.equal([]);
  });
});

describe('A full forward plan on a card', () => {
  it('150 items of 300 characters, with the longest names: fewer listed, the card under 40 KB, saying how many are not shown', () => {
    let f = forumWithPlan();
    const owner = { id: 'a'.repeat(200), name: 'Ñ'.repeat(200) };
    while ((f.forwardPlan ?? []).length < 150) {
      const t = applyPlanCommand(f, CHAIR, { type: 'addPlanItem', text: 'é'.repeat(300), owner, due: { month: '2027-03' } }, NOW);
      if (!t.ok) throw new Error(t.refusal.message);
      f = t.record;
    }
    const card = forwardPlanCard({ stored: { record: f, etag: 'W/"9"' }, today: '2026-12-07', mayKeep: true, people: [owner] });
    expect(checkCard(card).bytes).to.be.below(40 * 1024);
    expect(cardText(card)).to.match(/\d+ more items are not shown\./);
  });
});

describe('“Add to forward plan” on the meeting card', () => {
  const made = createMeeting(
    { place: 'LAN', forumRef: 'LAN-F-0002', board: 'Central Lancashire Partnership Board', date: '2026-12-10', agenda: [] },
    'LAN-M-0001',
    { ...CHAIR, roles: ['admin'] },
    NOW,
  );
  if (!made.ok) throw new Error(made.refusal.message);
  const card = (plan?: { forumRef: string; etag: string; people: { id: string; name: string }[] }) =>
    meetingCard({
      meeting: made.record,
      etag: 'W/"1"',
      entries: [],
      permissions: { record: true, draft: false, send: false },
      composed: '',
      now: NOW,
      values: { planText: 'Kept' },
      ...(plan ? { plan } : {}),
    });
  describeTeamsCard('the meeting card with “Add to forward plan”', () => card({ forumRef: 'LAN-F-0002', etag: 'W/"7"', people: [OWNER] }));

  it('is offered to a plan keeper with the forum’s ref and ETag, the typed item kept; to nobody else', () => {
    const offered = card({ forumRef: 'LAN-F-0002', etag: 'W/"7"', people: [OWNER] });
    const add = checkCard(offered).executeActions.find((a) => a.verb === 'meeting.addToPlan');
    expect(add?.data).to.deep.include({ ref: 'LAN-F-0002', etag: 'W/"7"', meetingRef: 'LAN-M-0001' });
    expect(findInput(offered, 'planText')?.value).to.equal('Kept');
    expect(accessibilityProblems(offered)).to.deep.equal([]);
    expect(checkCard(card()).executeActions.some((a) => a.verb === 'meeting.addToPlan')).to.equal(false);
  });
});

// A forum's forward plan, with fixed dates: who may add and withdraw items (a relation between a
// person and a forum), the meeting or month an item is due at, bad input, the scheduled items on
// a meeting's draft agenda, an item that missed its meeting, and the place's digest.
import { expect } from 'chai';
import { applyForumCommand, createForum, type Forum, type ForumDraft } from '../../../records/forum.js';
import {
  applyPlanCommand,
  MAX_PLAN_ITEMS,
  mayKeepForwardPlan,
  missedLine,
  parseDueText,
  planItemState,
  planStateLine,
  type DueInput,
  type PlanCommand,
} from '../../../records/forwardPlan.js';
import { addedSincePrepared, missedPlanDigestItems, scheduledAgendaItems, withScheduled } from '../../../records/forwardPlanAgenda.js';
import { agendaItemSchema, type AgendaItem } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const ADMIN: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-judith', name: 'Judith Mills', roles: ['chair'] };
const SECRETARY: Actor = { id: 'aad-amir', name: 'Amir Khan', roles: [] };
const OTHER_CHAIR: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair'] };
const STAFF: Actor = { id: 'aad-ruth', name: 'Ruth Ellison', roles: [] };
const OWNER = { id: 'aad-nadia', name: 'Nadia Hussain' };

const draft: ForumDraft = {
  place: 'LAN',
  name: 'Central Lancashire Partnership Board',
  locality: 'Central',
  chairs: [{ id: CHAIR.id, name: CHAIR.name, title: 'Central Lancashire Partnership Independent Chair' }],
  secretary: { id: SECRETARY.id, name: SECRETARY.name },
  rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
  startTime: '14:00',
  reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
};

function forum(): Forum {
  const made = createForum(draft, 'LAN-F-0002', ADMIN, NOW);
  if (!made.ok) throw new Error(made.refusal.message);
  return made.record;
}

const add = (due: DueInput, over: Partial<Extract<PlanCommand, { type: 'addPlanItem' }>> = {}): PlanCommand => ({
  type: 'addPlanItem',
  text: 'Receive a further report on the Neighbourhood model',
  owner: OWNER,
  due,
  ...over,
});

function added(f: Forum, actor: Actor, command: PlanCommand, now = NOW): Forum {
  const t = applyForumCommand(f, actor, command, now);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

describe('A forum’s forward plan: who keeps it (records/forwardPlan.ts)', () => {
  it('its chair, its secretary and the place’s admins may add an item; each add is the forum’s change, audited', () => {
    for (const who of [CHAIR, SECRETARY, ADMIN]) {
      const t = applyForumCommand(forum(), who, add({ month: '2027-03' }), NOW);
      expect(t.ok, who.name).to.equal(true);
      if (t.ok) {
        expect(t.record.forwardPlan).to.have.length(1);
        expect(t.event.command).to.equal('addPlanItem');
        expect(t.event.actor.id).to.equal(who.id);
      }
    }
  });

  it('a chair of another forum of the same place, and staff, are refused; so is an admin of another place (no role here)', () => {
    for (const who of [OTHER_CHAIR, STAFF, { ...ADMIN, roles: [] } satisfies Actor]) {
      const t = applyForumCommand(forum(), who, add({ month: '2027-03' }), NOW);
      expect(t.ok, who.name).to.equal(false);
      if (!t.ok) expect(t.refusal.code).to.equal('WRONG_PERSON');
      expect(mayKeepForwardPlan(who, forum())).to.equal(false);
    }
  });

  it('withdrawing: by a keeper, once; the item stays on the plan as withdrawn', () => {
    const f = added(forum(), CHAIR, add({ month: '2027-03' }));
    const ref = f.forwardPlan![0]!.ref;
    expect(applyForumCommand(f, OTHER_CHAIR, { type: 'withdrawPlanItem', itemRef: ref }, NOW).ok).to.equal(false);
    const w = added(f, SECRETARY, { type: 'withdrawPlanItem', itemRef: ref, reason: 'Superseded by the winter plan' });
    expect(w.forwardPlan![0]!.state).to.equal('WITHDRAWN');
    expect(planStateLine(w.forwardPlan![0]!, '2026-12-07')).to.equal('Withdrawn by Amir Khan: Superseded by the winter plan');
    const again = applyForumCommand(w, SECRETARY, { type: 'withdrawPlanItem', itemRef: ref }, NOW);
    expect(again.ok).to.equal(false);
  });

  it('the admin’s own forum changes still need an admin: a chair keeping the plan cannot archive the forum', () => {
    expect(applyForumCommand(forum(), CHAIR, { type: 'archive' }, NOW).ok).to.equal(false);
  });
});

describe('A forward plan item’s due meeting or month, and bad input', () => {
  it('reads “March 2027”, “Mar 2027”, “2027-03” as a month and BPL-M-0004 as a meeting; anything else gets an example', () => {
    expect(parseDueText('March 2027')).to.deep.equal({ ok: true, month: '2027-03' });
    expect(parseDueText(' mar  2027 ')).to.deep.equal({ ok: true, month: '2027-03' });
    expect(parseDueText('2027-3')).to.deep.equal({ ok: true, month: '2027-03' });
    expect(parseDueText('lan-m-0004')).to.deep.equal({ ok: true, meetingRef: 'LAN-M-0004' });
    for (const bad of ['', 'soon', '2027-13', 'Marchember 2027']) {
      const p = parseDueText(bad);
      expect(p.ok, bad).to.equal(false);
      if (!p.ok) expect(p.problem).to.contain('March 2027');
    }
  });

  it('an empty item, no owner and a month in the past: a message for each field, nothing added', () => {
    const t = applyForumCommand(forum(), CHAIR, add({ month: '2026-11' }, { text: '  ', owner: undefined }), NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) {
      expect(t.refusal.fieldErrors?.planText).to.contain('required');
      expect(t.refusal.fieldErrors?.planOwner).to.equal('Choose who owns the item.');
      expect(t.refusal.fieldErrors?.planDue).to.equal('November 2026 is in the past: choose December 2026 or a later month.');
    }
  });

  it('100 KB of text is refused with its limit, not stored', () => {
    const t = applyForumCommand(forum(), CHAIR, add({ month: '2027-03' }, { text: 'x'.repeat(100_000) }), NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) expect(t.refusal.fieldErrors?.planText).to.equal('Item must be 300 characters or fewer.');
  });

  it('a meeting of another forum, or one already held, is refused; a meeting of this forum still to come is taken as due', () => {
    const other = applyForumCommand(
      forum(),
      CHAIR,
      add({ meeting: { ref: 'LAN-M-0003', date: '2027-01-14', forumRef: 'LAN-F-0001', forumName: 'Lancashire Place Partnership Board' } }),
      NOW,
    );
    expect(other.ok).to.equal(false);
    if (!other.ok) expect(other.refusal.fieldErrors?.planDue).to.contain('LAN-M-0003 is a meeting of Lancashire Place Partnership Board');
    const held = applyForumCommand(
      forum(),
      CHAIR,
      add({ meeting: { ref: 'LAN-M-0002', date: '2026-11-12', forumRef: 'LAN-F-0002' } }),
      NOW,
    );
    expect(held.ok).to.equal(false);
    const f = added(forum(), CHAIR, add({ meeting: { ref: 'LAN-M-0004', date: '2027-01-14', forumRef: 'LAN-F-0002' } }));
    expect(f.forwardPlan![0]!.due).to.deep.equal({ meetingRef: 'LAN-M-0004', date: '2027-01-14' });
    expect(planStateLine(f.forwardPlan![0]!, '2026-12-07')).to.equal('On the agenda of LAN-M-0004 (Thu 14 Jan 2027)');
  });

  it('a problem with what was typed comes back on the due field; an archived forum takes no new items', () => {
    const t = applyForumCommand(forum(), CHAIR, add({ problem: 'There is no meeting LAN-M-0099 of Lancashire.' }), NOW);
    expect(!t.ok && t.refusal.fieldErrors?.planDue).to.equal('There is no meeting LAN-M-0099 of Lancashire.');
    const archived = { ...forum(), status: 'ARCHIVED' as const };
    expect(applyPlanCommand(archived, CHAIR, add({ month: '2027-03' }), NOW).ok).to.equal(false);
  });

  it('a plan holds at most MAX_PLAN_ITEMS items; then adding is refused with a reason', () => {
    let f = forum();
    for (let i = 0; i < MAX_PLAN_ITEMS; i++) f = added(f, CHAIR, add({ month: '2027-03' }, { text: `Item ${i}` }));
    const t = applyForumCommand(f, CHAIR, add({ month: '2027-03' }), NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) expect(t.refusal.message).to.contain(`already holds ${MAX_PLAN_ITEMS} items`);
  });
});

describe('The forward plan on the agenda and in the digest (records/forwardPlanAgenda.ts)', () => {
  const march = () => added(forum(), CHAIR, add({ month: '2027-03' }));

  it('the draft agenda of the forum’s March meeting holds the item under Scheduled items, with its owner; April’s does not', () => {
    const items = scheduledAgendaItems(march(), '2027-03-11');
    expect(items).to.deep.equal([
      {
        section: 'scheduled',
        ref: 'LAN-F-0002/1',
        title: 'Receive a further report on the Neighbourhood model',
        detail: 'Owner Nadia Hussain · due at its meeting in March 2027',
      },
    ]);
    expect(scheduledAgendaItems(march(), '2027-02-11')).to.deep.equal([]);
    expect(agendaItemSchema.safeParse(items[0]).success).to.equal(true);
  });

  it('an item whose month passed untaken is missed: flagged on the next agenda “Missed: due at the March 2027 meeting”', () => {
    const f = march();
    const [item] = scheduledAgendaItems(f, '2027-04-08');
    expect(item?.detail).to.equal('Missed: due at the March 2027 meeting · Owner Nadia Hussain');
    expect(planItemState(f.forwardPlan![0]!, '2027-04-01')).to.equal('MISSED');
    expect(planItemState(f.forwardPlan![0]!, '2027-03-31')).to.equal('SCHEDULED');
    expect(missedLine(f.forwardPlan![0]!)).to.equal('Missed: due at the March 2027 meeting');
  });

  it('an item on a prepared meeting’s agenda is not drawn again, and is taken once that meeting’s date comes', () => {
    const f = added(march(), CHAIR, {
      type: 'takePlanItems',
      itemRefs: ['LAN-F-0002/1'],
      meeting: { ref: 'LAN-M-0005', date: '2027-03-11' },
    });
    expect(scheduledAgendaItems(f, '2027-04-08')).to.deep.equal([]);
    expect(planStateLine(f.forwardPlan![0]!, '2027-03-10')).to.equal('On the agenda of LAN-M-0005 (Thu 11 Mar 2027)');
    expect(planStateLine(f.forwardPlan![0]!, '2027-03-12')).to.equal('Taken at meeting LAN-M-0005');
    expect(missedPlanDigestItems([f], '2027-04-08')).to.deep.equal([]);
  });

  it('an item named as due at a meeting already prepared is drawn on that meeting’s card, after its other items', () => {
    const f = added(forum(), CHAIR, add({ meeting: { ref: 'LAN-M-0004', date: '2027-01-14', forumRef: 'LAN-F-0002' } }));
    const agenda: AgendaItem[] = [{ section: 'overdue', ref: 'LAN-A-0001', title: 'Open the Preston hub' }];
    const late = addedSincePrepared(f, { ref: 'LAN-M-0004', agenda });
    expect(late.map((i) => i.ref)).to.deep.equal(['LAN-F-0002/1']);
    expect(withScheduled(agenda, late).map((i) => i.section)).to.deep.equal(['overdue', 'scheduled']);
    expect(addedSincePrepared(f, { ref: 'LAN-M-0009', agenda })).to.deep.equal([]);
  });

  it('the place’s digest names each missed item with its forum; a North locality channel leaves out Central’s', () => {
    const items = missedPlanDigestItems([march()], '2027-04-08');
    expect(items).to.deep.equal([
      {
        ref: 'LAN-F-0002',
        kind: 'forum',
        title: 'Receive a further report on the Neighbourhood model',
        detail: 'Missed: due at the March 2027 meeting of Central Lancashire Partnership Board · owner Nadia Hussain',
      },
    ]);
    expect(missedPlanDigestItems([march()], '2027-04-08', 'North')).to.deep.equal([]);
    expect(missedPlanDigestItems([march()], '2027-03-31')).to.deep.equal([]);
  });
});

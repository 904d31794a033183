// Board meetings: the agenda from what is open, the rule that changes a meeting, and its key
// messages in the seeds' format. Examples first, then properties (fast-check, fixed seed).
import { expect } from 'chai';
import fc from 'fast-check';
import { applyActionCommand, type Action } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import {
  applyMeetingCommand,
  buildAgenda,
  createMeeting,
  isMeetingOpen,
  keyMessagesTitle,
  MAX_AGENDA_ITEMS,
  meetingSchema,
  type Meeting,
  type MeetingCommand,
} from '../../../records/meeting.js';
import { composeKeyMessages } from '../../../records/keyMessagesDraft.js';
import type { Actor } from '../../../records/people.js';
import { applyRiskCommand } from '../../../records/riskCommands.js';
import { action, OWNER } from '../../support/actionFixtures.js';
import { newRisk } from './fixtures.js';
import { person, signOff, then, CHAIR as SIGNOFF_CHAIR } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const TODAY = londonToday(NOW);
const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair'] };
const STAFF: Actor = { id: 'aad-imran', name: 'Imran Shah', roles: [] };
const RUNS = { numRuns: 200, seed: 20261123 };

function meeting(date = TODAY, agenda: Meeting['agenda'] = []): Meeting {
  const t = createMeeting({ place: 'BPL', board: 'Blackpool Place Partnership Board', date, agenda }, 'BPL-M-0003', SECRETARY, NOW);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

function run(m: Meeting, by: Actor, ...commands: MeetingCommand[]): Meeting {
  for (const c of commands) {
    const t = applyMeetingCommand(m, by, c, NOW);
    if (!t.ok) throw new Error(`${c.type}: ${t.refusal.message} ${JSON.stringify(t.refusal.fieldErrors)}`);
    m = t.record;
  }
  return m;
}

function proposed(ref: string, dueIn = 10): Action {
  const a = action(NOW, { dueDate: addDays(TODAY, dueIn) }, ref);
  const t = applyActionCommand(a, SECRETARY, { type: 'proposeClosure' }, NOW);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

describe('A meeting is prepared', () => {
  it('by a chair or place admin, with its agenda; held once its date has come', () => {
    const m = meeting(addDays(TODAY, 14));
    expect(m.status).to.equal('PREPARING');
    expect(meeting(TODAY).status).to.equal('HELD');
    expect(meetingSchema.parse(m)).to.deep.equal(m);
  });

  it('not by someone who is neither chair nor admin', () => {
    const t = createMeeting({ place: 'BPL', board: 'Board', date: TODAY, agenda: [] }, 'BPL-M-0001', STAFF, NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) expect(t.refusal.message).to.contain('Only a chair or a place admin');
  });

  it('not for a date more than a year away', () => {
    const t = createMeeting({ place: 'BPL', board: 'Board', date: addDays(TODAY, 366), agenda: [] }, 'BPL-M-0001', CHAIR, NOW);
    expect(t.ok).to.equal(false);
    if (!t.ok) expect(t.refusal.fieldErrors?.date).to.contain('more than a year away');
  });
});

describe('The draft agenda', () => {
  it('takes what is open, in the meeting’s order: proposed for closure, overdue, due before the meeting, risks flagged, sign-offs, ratification, escalations', () => {
    const overdue = action(new Date('2026-10-01T10:00:00Z'), { dueDate: '2026-10-20' }, 'BPL-A-0002');
    const dueSoon = action(NOW, { dueDate: addDays(TODAY, 5) }, 'BPL-A-0003');
    const later = action(NOW, { dueDate: addDays(TODAY, 60) }, 'BPL-A-0004');
    const highRisk = newRisk({ current: { likelihood: 4, consequence: 5 } });
    const pending = signOff(NOW, {}, 'BPL-S-0001');
    const chairs = then(
      signOff(NOW, { route: 'chairs-action', approvers: [person(SIGNOFF_CHAIR)] }, 'BPL-S-0002'),
      SIGNOFF_CHAIR,
      { type: 'approve' },
      NOW,
    );
    const agenda = buildAgenda(
      addDays(TODAY, 14),
      { actions: [later, dueSoon, overdue, proposed('BPL-A-0001')], risks: [highRisk], signOffs: [chairs, pending], threshold: 15 },
      NOW,
    );
    expect(agenda.map((i) => [i.section, i.ref])).to.deep.equal([
      ['proposedForClosure', 'BPL-A-0001'],
      ['overdue', 'BPL-A-0002'],
      ['dueBeforeMeeting', 'BPL-A-0003'],
      ['risksFlagged', highRisk.ref],
      ['signOffsAwaiting', 'BPL-S-0001'],
      ['ratification', 'BPL-S-0002'],
    ]);
  });

  it('lists a risk escalated since the last meeting under matters flagged for escalation, once', () => {
    const low = newRisk({ current: { likelihood: 1, consequence: 2 } });
    const t = applyRiskCommand(low, CHAIR, { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'System-wide' }, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    const agenda = buildAgenda(
      addDays(TODAY, 14),
      { actions: [], risks: [t.record], signOffs: [], threshold: 15, lastMeetingDate: addDays(TODAY, -30) },
      NOW,
    );
    expect(agenda.map((i) => i.section)).to.deep.equal(['escalations']);
    expect(
      buildAgenda(
        addDays(TODAY, 14),
        { actions: [], risks: [t.record], signOffs: [], threshold: 15, lastMeetingDate: addDays(TODAY, 1) },
        NOW,
      ),
    ).to.deep.equal([]);
  });
});

describe('Key messages, in the seeds’ format', () => {
  it('with nothing decided or escalated, each section reads N/A', () => {
    const text = composeKeyMessages(meeting('2026-11-20'));
    expect(text).to.equal(
      [
        'Blackpool Place Partnership Board – Key messages 20 November 2026',
        'Meeting date 20 November 2026',
        '',
        'Key Decisions and Actions',
        'N/A',
        '',
        'Matters for Escalation (and where to)',
        'N/A',
      ].join('\n'),
    );
  });

  it('each line a sentence a member of the public can read: decisions in the order taken with their link, the actions closed or declined and why, matters with where they went', () => {
    const m = run(
      meeting(),
      CHAIR,
      { type: 'addDecision', text: 'The board approved the plan.', link: 'bpl-a-0001' },
      { type: 'addDecision', text: 'The estates review will report in March.' },
      { type: 'addMatter', text: 'Workforce gaps.', to: 'committee', toDetail: 'People Board' },
      { type: 'addMatter', text: 'Hospital discharge delays.', to: 'icb-board' },
    );
    const text = composeKeyMessages(m, [
      { ref: 'BPL-A-0001', outcome: 'closed', description: 'Publish the plan', text: 'Agreed' },
      { ref: 'BPL-A-0002', outcome: 'declined', description: 'Recruit connectors', text: 'One post is still vacant.' },
    ]);
    const lines = text.split('\n');
    expect(lines.slice(3, 8)).to.deep.equal([
      'Key Decisions and Actions',
      'The board approved the plan (BPL-A-0001).',
      'The estates review will report in March.',
      'The Board agreed to close BPL-A-0001, publish the plan.',
      'The Board did not agree to close BPL-A-0002, recruit connectors, because one post is still vacant.',
    ]);
    expect(lines.slice(-2)).to.deep.equal([
      'Workforce gaps (escalated to the People Board).',
      'Hospital discharge delays (escalated to the ICB Board).',
    ]);
  });

  it('published: signed off by the chair with the date posted; the meeting is then final', () => {
    const m = run(
      meeting(),
      SECRETARY,
      { type: 'draftKeyMessages', text: 'Key messages' },
      { type: 'requestSignOff', signOffRef: 'BPL-S-0009' },
    );
    const published = run(m, { ...CHAIR, roles: [] }, { type: 'publish', signedOffBy: CHAIR, role: 'Chair' });
    expect(published.status).to.equal('PUBLISHED');
    expect(published.keyMessages?.published).to.include({ role: 'Chair', posted: TODAY });
    expect(isMeetingOpen(published)).to.equal(false);
    expect(applyMeetingCommand(published, CHAIR, { type: 'addDecision', text: 'Late' }, NOW).ok).to.equal(false);
    expect(keyMessagesTitle(published)).to.equal('Blackpool Place Partnership Board – Key messages 23 November 2026');
  });

  it('sent back by the chair: held again, with the comment, to edit and send again', () => {
    const m = run(meeting(), SECRETARY, { type: 'draftKeyMessages', text: 'Draft' }, { type: 'requestSignOff', signOffRef: 'BPL-S-0009' });
    const back = run(m, CHAIR, { type: 'returnKeyMessages', comment: 'Add the estates decision.', by: CHAIR });
    expect(back.status).to.equal('HELD');
    expect(back.keyMessages?.returned?.comment).to.equal('Add the estates decision.');
    const again = run(back, SECRETARY, { type: 'draftKeyMessages', text: 'Draft 2' }, { type: 'requestSignOff', signOffRef: 'BPL-S-0010' });
    expect(again.keyMessages).to.not.have.property('returned');
  });

  it('refuses a bad link, a missing destination and drafting before the meeting date', () => {
    const m = meeting();
    const link = applyMeetingCommand(m, CHAIR, { type: 'addDecision', text: 'x', link: 'not a ref' }, NOW);
    expect(!link.ok && link.refusal.fieldErrors?.link).to.contain('BPL-A-0007');
    const to = applyMeetingCommand(m, CHAIR, { type: 'addMatter', text: 'x', to: 'nowhere' }, NOW);
    expect(!to.ok && to.refusal.fieldErrors?.to).to.equal('Choose where it is escalated to.');
    const early = applyMeetingCommand(meeting(addDays(TODAY, 7)), CHAIR, { type: 'draftKeyMessages', text: 'x' }, NOW);
    expect(!early.ok && early.refusal.fieldErrors?.keyMessages).to.contain('on or after that day');
  });
});

describe('Property: meetings', () => {
  const people: Actor[] = [SECRETARY, CHAIR, STAFF];
  const anyCommand: fc.Arbitrary<MeetingCommand> = fc.oneof(
    fc.record({ type: fc.constant('addDecision' as const), text: fc.constantFrom('Agreed', '', 'x'.repeat(2001)) }),
    fc.record({
      type: fc.constant('addMatter' as const),
      text: fc.constantFrom('Escalate', ''),
      to: fc.constantFrom('icb-board', 'committee', 'nowhere'),
    }),
    fc.record({ type: fc.constant('draftKeyMessages' as const), text: fc.constantFrom('Key messages', '') }),
    fc.record({ type: fc.constant('requestSignOff' as const), signOffRef: fc.constantFrom('BPL-S-0001', 'nonsense') }),
    fc.record({ type: fc.constant('publish' as const), signedOffBy: fc.constant(CHAIR), role: fc.constant('Chair') }),
    fc.record({ type: fc.constant('returnKeyMessages' as const), comment: fc.constantFrom('Not yet', ''), by: fc.constant(CHAIR) }),
  );

  it('any sequence of commands by anyone keeps a valid meeting, changed only by a chair or admin (or the sign-off), audited, and final once published', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...people), anyCommand), { maxLength: 25 }), (steps) => {
        let m = meeting();
        for (const [who, command] of steps) {
          const t = applyMeetingCommand(m, who, command, NOW);
          if (!t.ok) continue;
          if (!['publish', 'returnKeyMessages'].includes(command.type)) expect(who.roles.length).to.be.greaterThan(0);
          expect(m.status, 'a published meeting never changes').to.not.equal('PUBLISHED');
          expect(t.event.command).to.equal(command.type);
          expect(meetingSchema.safeParse(t.record).success).to.equal(true);
          m = t.record;
        }
      }),
      RUNS,
    );
  });

  it('the agenda holds each open record at most once, never a closed one, at most 80 items, always in section order', () => {
    const anyAction = fc
      .record({
        n: fc.integer({ min: 1, max: 200 }),
        due: fc.integer({ min: -30, max: 60 }),
        status: fc.constantFrom('open', 'proposed', 'closed'),
      })
      .map(({ n, due, status }) => {
        const a = action(
          new Date('2026-09-01T10:00:00Z'),
          { dueDate: addDays('2026-09-01', 30 + due), owner: OWNER },
          `BPL-A-${String(n).padStart(4, '0')}`,
        );
        if (status === 'open') return a;
        const p = applyActionCommand(a, SECRETARY, { type: 'proposeClosure' }, NOW);
        if (!p.ok) return a;
        if (status === 'proposed') return p.record;
        const c = applyActionCommand(p.record, CHAIR, { type: 'close', decision: 'Done' }, NOW);
        return c.ok ? c.record : p.record;
      });
    fc.assert(
      fc.property(fc.array(anyAction, { maxLength: 150 }), fc.integer({ min: 0, max: 60 }), (actions, ahead) => {
        const agenda = buildAgenda(addDays(TODAY, ahead), { actions, risks: [], signOffs: [], threshold: 15 }, NOW);
        const refs = agenda.map((i) => i.ref);
        expect(new Set(refs).size).to.equal(refs.length);
        expect(agenda.length).to.be.at.most(MAX_AGENDA_ITEMS);
        const closed = new Set(actions.filter((a) => a.status === 'CLOSED').map((a) => a.ref));
        const open = new Set(actions.filter((a) => a.status !== 'CLOSED').map((a) => a.ref));
        for (const r of refs) expect(closed.has(r) && !open.has(r)).to.equal(false);
        const order = ['proposedForClosure', 'overdue', 'dueBeforeMeeting'];
        const seen = agenda.map((i) => order.indexOf(i.section));
        expect(seen).to.deep.equal([...seen].sort((a, b) => a - b));
      }),
      { numRuns: 100, seed: 20261123 },
    );
  });

  it('key messages always start with the title and hold both sections, N/A exactly when a section is empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Agreed the plan.', 'Noted the report.'), { maxLength: 5 }),
        fc.array(fc.constantFrom('Workforce.', 'Estates.'), { maxLength: 5 }),
        (decisions, matters) => {
          let m = meeting();
          for (const text of decisions) m = run(m, CHAIR, { type: 'addDecision', text });
          for (const text of matters) m = run(m, CHAIR, { type: 'addMatter', text, to: 'icb-board' });
          const lines = composeKeyMessages(m).split('\n');
          expect(lines[0]).to.equal(keyMessagesTitle(m));
          const k = lines.indexOf('Key Decisions and Actions');
          const e = lines.indexOf('Matters for Escalation (and where to)');
          expect(k).to.be.greaterThan(0);
          expect(e).to.be.greaterThan(k);
          expect(lines[k + 1] === 'N/A').to.equal(decisions.length === 0);
          expect(lines[e + 1] === 'N/A').to.equal(matters.length === 0);
        },
      ),
      RUNS,
    );
  });
});

// Papers decided at a meeting: a sign-off routed "at a meeting" on the agenda as a paper, the
// board's decision recorded by a chair under the sign-off's own rule, and the key messages' sentences.
import { expect } from 'chai';
import { buildAgenda } from '../../../records/meeting.js';
import { composeKeyMessages } from '../../../records/keyMessagesDraft.js';
import { mayDecidePaper, paperSentence } from '../../../records/meetingPapers.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { PAPER_OUTCOMES } from '../../../records/signoff.js';
import { admin, approverA, chair, newSignOff, NOW, ok, raiser, stranger } from './fixtures.js';

const AT = { meeting: 'Lancashire Place Partnership Board, 10 Dec 2026 (LAN-M-0002)', meetingRef: 'LAN-M-0002' };

describe('records/meetingPapers: papers decided at a meeting', () => {
  it('the secretary sees a pending paper for the board under "Papers for the board to decide", not among sign-offs awaiting a decision', () => {
    const paper = newSignOff();
    const between = { ...newSignOff({ route: 'between-meetings' }), ref: 'LAN-S-0004' };
    const agenda = buildAgenda('2026-12-10', { actions: [], risks: [], signOffs: [paper, between], threshold: 15 }, NOW);
    expect(agenda.map((i) => [i.section, i.ref])).to.deep.equal([
      ['papers', 'LAN-S-0003'],
      ['signOffsAwaiting', 'LAN-S-0004'],
    ]);
  });

  it('who may record the decision: a chair or admin of the place, on an open paper only (as relations)', () => {
    const open = newSignOff();
    const relations = [chair, admin, approverA, raiser, stranger].map((a) => [a.name, mayDecidePaper(open, a)]);
    expect(relations).to.deep.equal([
      ['Chris Chadwick', true],
      ['Ada Adams', true],
      ['Priya Patel', false],
      ['Rhiannon Rees', false],
      ['Sam Stranger', false],
    ]);
    expect(mayDecidePaper({ ...open, route: 'between-meetings' }, chair)).to.equal(false);
    expect(mayDecidePaper({ ...open, status: 'APPROVED' }, chair)).to.equal(false);
  });

  it('the chair records "Noted": the paper is noted, decided by the meeting and recorded by the chair', () => {
    const noted = ok(applySignOffCommand(newSignOff(), chair, { type: 'decideAtMeeting', outcome: 'NOTED', ...AT }, NOW));
    expect(noted.status).to.equal('NOTED');
    expect(noted.decision?.outcome).to.equal('NOTED');
    expect(noted.decision?.comment).to.equal(`Decided by ${AT.meeting}, recorded by Chris Chadwick`);
    expect(noted.atMeetings?.map((o) => [o.outcome, o.meetingRef, o.by.id])).to.deep.equal([['NOTED', 'LAN-M-0002', chair.id]]);
  });

  it('each outcome leaves the paper as the board decided it; "Deferred" keeps it open for a later meeting', () => {
    const statuses = PAPER_OUTCOMES.map((outcome) => {
      const t = applySignOffCommand(
        newSignOff(),
        admin,
        { type: 'decideAtMeeting', outcome, text: 'As discussed.', deferTo: 'March 2027', ...AT },
        NOW,
      );
      return [outcome, ok(t).status];
    });
    expect(statuses).to.deep.equal([
      ['APPROVED', 'APPROVED'],
      ['APPROVED_WITH_CONDITIONS', 'APPROVED_WITH_CONDITIONS'],
      ['NOTED', 'NOTED'],
      ['REJECTED', 'REJECTED'],
      ['DEFERRED', 'PENDING'],
    ]);
  });

  it('someone not a chair is refused, a paper of another place is refused, and nothing changes', () => {
    const paper = newSignOff();
    const notChair = applySignOffCommand(paper, approverA, { type: 'decideAtMeeting', outcome: 'APPROVED', ...AT }, NOW);
    expect(notChair.ok ? '' : notChair.refusal.code).to.equal('WRONG_PERSON');
    const elsewhere = applySignOffCommand(
      paper,
      chair,
      { type: 'decideAtMeeting', outcome: 'APPROVED', meeting: 'Blackpool board', meetingRef: 'BPL-M-0001' },
      NOW,
    );
    expect(elsewhere.ok ? '' : elsewhere.refusal.message).to.contain('another place');
  });

  it('a paper already decided is told so; deferred once at a meeting it cannot be recorded twice there', () => {
    const noted = ok(applySignOffCommand(newSignOff(), chair, { type: 'decideAtMeeting', outcome: 'NOTED', ...AT }, NOW));
    const again = applySignOffCommand(noted, admin, { type: 'decideAtMeeting', outcome: 'APPROVED', ...AT }, NOW);
    expect(again.ok ? '' : again.refusal.code).to.equal('WRONG_STATE');
    const deferred = ok(
      applySignOffCommand(
        newSignOff(),
        chair,
        { type: 'decideAtMeeting', outcome: 'DEFERRED', text: 'To January.', deferTo: 'January 2027', ...AT },
        NOW,
      ),
    );
    const twice = applySignOffCommand(deferred, admin, { type: 'decideAtMeeting', outcome: 'NOTED', ...AT }, NOW);
    expect(twice.ok ? '' : twice.refusal.message).to.contain('already recorded');
  });

  it('conditions, a reason not approved or deferred are asked for; a 100 KB note is refused as too long', () => {
    for (const outcome of ['APPROVED_WITH_CONDITIONS', 'REJECTED', 'DEFERRED'] as const) {
      const t = applySignOffCommand(newSignOff(), chair, { type: 'decideAtMeeting', outcome, ...AT }, NOW);
      expect(t.ok ? {} : t.refusal.fieldErrors, outcome).to.have.property('paperText');
    }
    const huge = applySignOffCommand(
      newSignOff(),
      chair,
      { type: 'decideAtMeeting', outcome: 'NOTED', text: 'x'.repeat(100_000), ...AT },
      NOW,
    );
    expect(huge.ok).to.equal(false);
  });

  it('the key messages say what the board decided on each paper, in sentences with no double full stop or capital mid-sentence', () => {
    const papers = [
      { ref: 'LAN-S-0003', title: 'Finance report.', outcome: 'NOTED' as const },
      { ref: 'LAN-S-0004', title: 'INT model for Lancashire', outcome: 'APPROVED' as const, text: 'With thanks to the team.' },
      { ref: 'LAN-S-0005', title: 'Estates strategy', outcome: 'APPROVED_WITH_CONDITIONS' as const, text: 'Costs are confirmed by March.' },
      { ref: 'LAN-S-0006', title: 'Winter plan', outcome: 'DEFERRED' as const, text: 'to January..' },
    ];
    expect(papers.map(paperSentence)).to.deep.equal([
      'The Board noted the finance report (LAN-S-0003).',
      'The Board approved the INT model for Lancashire (LAN-S-0004). With thanks to the team.',
      'The Board approved the estates strategy (LAN-S-0005) with conditions: costs are confirmed by March.',
      'The Board deferred the winter plan (LAN-S-0006) to a later meeting. To January.',
    ]);
    const text = composeKeyMessages(
      { board: 'Lancashire Place Partnership Board', date: '2026-12-10', decisions: [], matters: [] },
      [],
      papers,
    );
    expect(text.split('\n')).to.include('The Board noted the finance report (LAN-S-0003).');
    expect(text).not.to.match(/\.\./);
  });

  it('a paper whose title starts with a name keeps its capitals: "the Place Integration Deal: progress …", not "the place Integration Deal"', () => {
    const named = { ref: 'BPL-S-0005', title: 'Place Integration Deal: progress on areas of delivery', outcome: 'NOTED' as const };
    expect(paperSentence(named)).to.equal('The Board noted the Place Integration Deal: progress on areas of delivery (BPL-S-0005).');
    expect(paperSentence({ ...named, title: 'Better Care Fund plan' })).to.equal('The Board noted the Better Care Fund plan (BPL-S-0005).');
    expect(paperSentence({ ...named, title: 'Winter plan for Blackpool' })).to.equal(
      'The Board noted the winter plan for Blackpool (BPL-S-0005).',
    );
  });
});

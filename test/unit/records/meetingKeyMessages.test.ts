// Key messages of a forum's meeting, as seed 001 lays them out: signed off by the forum's chair with
// the title they hold in it, "Date posted" on the second line; matters for escalation offered the
// forum's named reporting lines besides the ICB's targets, and a line not the forum's refused.
import { expect } from 'chai';
import {
  applyMeetingCommand,
  createMeeting,
  escalationTargetLabel,
  matterTargetChoices,
  publishedKeyMessagesText,
  signingTitle,
  type Meeting,
  type MeetingCommand,
} from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';

const NOW = new Date('2026-06-09T15:00:00Z');
const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const MARIE = { id: 'aad-marie', name: 'Marie Burnham' };
const CHAIRS = [{ ...MARIE, title: 'Central Lancashire Partnership Independent Chair' }];

function centralMeeting(): Meeting {
  const made = createMeeting(
    {
      place: 'LAN',
      locality: 'Central',
      forumRef: 'LAN-F-0002',
      reportingLines: [
        { to: 'place-board', name: 'Lancashire Place Partnership Board' },
        { to: 'hwb', name: 'Lancashire Health and Wellbeing Board' },
      ],
      board: 'Central Lancashire Partnership Board',
      date: '2026-06-09',
      agenda: [],
    },
    'LAN-M-0001',
    SECRETARY,
    NOW,
  );
  if (!made.ok) throw new Error(made.refusal.message);
  return made.record;
}

function run(m: Meeting, actor: Actor, ...commands: MeetingCommand[]): Meeting {
  return commands.reduce((acc, c) => {
    const t = applyMeetingCommand(acc, actor, c, NOW);
    if (!t.ok) throw new Error(`${c.type}: ${t.refusal.message}`);
    return t.record;
  }, m);
}

describe('records/meeting: key messages of a forum, and where its matters go', () => {
  it('the title a chair signs with is theirs in the forum; someone not its chair, or no forum, signs as "Chair"', () => {
    expect(signingTitle(CHAIRS, MARIE.id)).to.equal('Central Lancashire Partnership Independent Chair');
    expect(signingTitle(CHAIRS, 'aad-someone')).to.equal('Chair');
    expect(signingTitle(undefined, MARIE.id)).to.equal('Chair');
  });

  it('published as seed 001: title, "Date posted" second, "Meeting Date", the sections, "Completed and Signed off by <chair>, <title>" last', () => {
    const drafted =
      'Central Lancashire Partnership Board – Key messages 9 June 2026\nMeeting date 9 June 2026\n\nKey Decisions and Actions\n- Development session held.\n\nMatters for Escalation (and where to)\nN/A';
    const posted = new Date('2026-07-04T09:00:00Z');
    let m = run(
      centralMeeting(),
      SECRETARY,
      { type: 'draftKeyMessages', text: drafted },
      { type: 'requestSignOff', signOffRef: 'LAN-S-0001' },
    );
    const published = applyMeetingCommand(
      m,
      { ...MARIE, roles: [] },
      { type: 'publish', signedOffBy: MARIE, role: signingTitle(CHAIRS, MARIE.id) },
      posted,
    );
    if (!published.ok) throw new Error(published.refusal.message);
    m = published.record;
    expect(publishedKeyMessagesText(m).split('\n')).to.deep.equal([
      'Central Lancashire Partnership Board – Key messages 9 June 2026',
      'Date posted: 4 July 2026',
      'Meeting Date 9 June 2026',
      '',
      'Key Decisions and Actions',
      '- Development session held.',
      '',
      'Matters for Escalation (and where to)',
      'N/A',
      '',
      'Completed and Signed off by Marie Burnham, Central Lancashire Partnership Independent Chair',
    ]);
  });

  it('a matter offered the forum’s named reporting lines first, then the ICB’s targets; one sent up a line is stored by its name', () => {
    const m = centralMeeting();
    const choices = matterTargetChoices(m);
    expect(choices.slice(0, 2)).to.deep.equal([
      { title: 'Lancashire Place Partnership Board (The place board)', value: 'line:0' },
      { title: 'Lancashire Health and Wellbeing Board (A Health and Wellbeing Board)', value: 'line:1' },
    ]);
    expect(choices.map((c) => c.value)).to.include.members(['icb-board', 'committee', 'other-place', 'icb-corporate-register']);
    expect(choices.map((c) => c.value)).not.to.include('reporting-line');
    const sent = run(m, SECRETARY, { type: 'addMatter', text: 'Estates funding.', to: 'line:1' });
    expect(sent.matters[0]).to.include({ to: 'reporting-line', toDetail: 'Lancashire Health and Wellbeing Board' });
    expect(escalationTargetLabel(sent.matters[0]!)).to.equal('Lancashire Health and Wellbeing Board');
    expect(run(m, SECRETARY, { type: 'addMatter', text: 'x', to: 'icb-board' }).matters[0]!.to).to.equal('icb-board');
  });

  it('bad input: a reporting line not the forum’s, the bare "reporting-line" target, and a meeting with no lines are refused', () => {
    const m = centralMeeting();
    for (const to of ['line:2', 'line:99', 'reporting-line', 'line:x']) {
      const t = applyMeetingCommand(m, SECRETARY, { type: 'addMatter', text: 'x', to }, NOW);
      expect(t.ok, to).to.equal(false);
    }
    const { reportingLines: _r, ...noLines } = m;
    expect(applyMeetingCommand(noLines, SECRETARY, { type: 'addMatter', text: 'x', to: 'line:0' }, NOW).ok).to.equal(false);
    expect(matterTargetChoices({}).map((c) => c.value)).to.deep.equal(['icb-board', 'committee', 'other-place', 'icb-corporate-register']);
  });

  it('bad input: a meeting naming a forum of another place is refused', () => {
    const t = createMeeting(
      { place: 'BPL', forumRef: 'LAN-F-0002', board: 'X', date: '2026-06-09', agenda: [] },
      'BPL-M-0001',
      SECRETARY,
      NOW,
    );
    expect(t.ok).to.equal(false);
  });
});

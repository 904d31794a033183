// The weekly digest and board meetings: the week's published key messages, and matters escalated
// from the place's meetings, each under its own heading; an earlier week's are left out.
import { expect } from 'chai';
import { digestCard } from '../../../cards/digestCard.js';
import { composeDigest } from '../../../records/digest.js';
import { applyMeetingCommand, createMeeting, type Meeting, type MeetingCommand } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { cardText, checkCard } from '../../support/cardCheck.js';
import { sourcesFor, weekOfRecords } from './digestFixtures.js';

const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair'] };

function meetingAt(at: string, place: 'BPL' | 'SC' = 'BPL'): Meeting {
  const now = new Date(at);
  const t = createMeeting(
    { place, board: 'Blackpool Place Partnership Board', date: at.slice(0, 10), agenda: [] },
    `${place}-M-0002`,
    SECRETARY,
    now,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  let m = t.record;
  const steps: [Actor, MeetingCommand][] = [
    [SECRETARY, { type: 'addMatter', text: 'Discharge delays at the acute trust.', to: 'icb-board' }],
    [
      SECRETARY,
      {
        type: 'draftKeyMessages',
        text: 'Blackpool Place Partnership Board – Key messages\nKey Decisions and Actions\n- The board approved the plan.',
      },
    ],
    [SECRETARY, { type: 'requestSignOff', signOffRef: `${place}-S-0009` }],
    [
      { ...CHAIR, roles: [] },
      { type: 'publish', signedOffBy: CHAIR, role: 'Chair' },
    ],
  ];
  for (const [who, c] of steps) {
    const next = applyMeetingCommand(m, who, c, now);
    if (!next.ok) throw new Error(next.refusal.message);
    m = next.record;
  }
  return m;
}

describe('The weekly digest and board meetings', () => {
  const records = weekOfRecords();
  const base = sourcesFor(records);

  it('shows the week’s published key messages, with who signed them off, and the matters escalated from the place', () => {
    const digest = composeDigest({
      ...base,
      changed: { ...base.changed, meetings: [meetingAt('2026-11-19T15:00:00Z'), meetingAt('2026-11-19T15:00:00Z', 'SC')] },
    });
    const km = digest.sections.find((s) => s.id === 'keyMessages')!;
    expect(km.heading).to.equal('Key messages published');
    expect(km.groups[0]!.items.map((i) => [i.ref, i.title, i.detail])).to.deep.equal([
      [
        'BPL-M-0002',
        'Blackpool Place Partnership Board – Key messages 19 November 2026',
        'Signed off by Helen Price, Chair · posted 19 November 2026',
      ],
    ]);
    const matters = digest.sections.find((s) => s.id === 'mattersEscalated')!;
    expect(matters.groups[0]!.items.map((i) => [i.title, i.detail])).to.deep.equal([
      ['Discharge delays at the acute trust.', 'To ICB Board · from Blackpool Place Partnership Board, 19 November 2026'],
    ]);
    const card = digestCard(digest);
    expect(checkCard(card).warnings).to.deep.equal([]);
    expect(cardText(card)).to.contain('Key messages published').and.contain('Matters escalated from board meetings');
    expect(checkCard(card).executeActions.some((a) => (a.data as { verb?: string }).verb === 'meeting.view')).to.equal(true);
  });

  it('leaves out key messages and matters from an earlier week', () => {
    const digest = composeDigest({ ...base, changed: { ...base.changed, meetings: [meetingAt('2026-11-05T15:00:00Z')] } });
    expect(digest.sections.map((s) => s.id)).not.to.include.members(['keyMessages', 'mattersEscalated']);
  });
});

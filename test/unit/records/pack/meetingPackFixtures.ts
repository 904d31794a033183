// A meeting of Blackpool's board with an agenda (actions, a paper with a cover sheet and a link, a
// chair's action), its forum, and the forum's previous meeting with published key messages.
import type { Forum } from '../../../../records/forum.js';
import type { Meeting } from '../../../../records/meeting.js';
import { meetingPackOf, type MeetingPackInput } from '../../../../records/pack/meetingPack.js';
import type { PackSource } from '../../../../records/pack/packFiles.js';
import type { SignOff } from '../../../../records/signoff.js';
import { newSignOff } from '../fixtures.js';

const HELEN = { id: 'u-helen', name: 'Helen Price' };

export const FORUM: Pick<Forum, 'name' | 'chairs' | 'viceChair' | 'secretary' | 'startTime'> = {
  name: 'Blackpool Place Partnership Board',
  chairs: [
    { ...HELEN, title: 'Independent Chair' },
    { id: 'u-karen', name: 'Karen Smith', title: 'Director of Adult Services, Blackpool Council' },
  ],
  secretary: { id: 'u-sam', name: 'Sam Patel' },
  startTime: '14:00',
};

export const COVER = {
  purpose: 'decision' as const,
  recommendations: 'Approve the winter plan and note the funding gap.',
  author: 'Jo Marsden',
  riskRef: 'BPL-R-0001',
  risk: 'Reduces the discharge risk.',
};

export const PAPER: SignOff = {
  ...newSignOff({
    place: 'BPL',
    title: 'Winter plan 2026/27',
    cover: COVER,
    paperUrl: 'https://example.org/papers/winter-plan.pdf',
    route: 'meeting',
  }),
  ref: 'BPL-S-0003',
};

export const MEETING: Pick<Meeting, 'ref' | 'board' | 'date' | 'agenda'> = {
  ref: 'BPL-M-0002',
  board: 'Blackpool Place Partnership Board',
  date: '2026-12-10',
  agenda: [
    {
      section: 'proposedForClosure',
      ref: 'BPL-A-0004',
      title: 'Draft terms of reference for the delivery group',
      detail: 'Owner Ruth Ellison',
    },
    { section: 'overdue', ref: 'BPL-A-0002', title: 'Neighbourhood team staffing plan', detail: 'Due Mon 16 Nov 2026, owner Olu Owen' },
    { section: 'papers', ref: 'BPL-S-0003', title: 'Winter plan 2026/27', detail: 'Requested by Rhiannon Rees' },
    { section: 'ratification', ref: 'BPL-S-0005', title: 'Urgent discharge funding', detail: "Decided by chair's action" },
  ],
};

export const PREVIOUS: Pick<Meeting, 'ref' | 'board' | 'date' | 'keyMessages'> = {
  ref: 'BPL-M-0001',
  board: 'Blackpool Place Partnership Board',
  date: '2026-11-12',
  keyMessages: {
    text: [
      'Blackpool Place Partnership Board – Key messages 12 November 2026',
      'Meeting date 12 November 2026',
      '',
      'Key Decisions and Actions',
      'The Board agreed to close BPL-A-0001, the discharge audit, because it is complete.',
      '',
      'Matters for Escalation (and where to)',
      'N/A',
    ].join('\n'),
    draftedBy: { id: 'u-sam', name: 'Sam Patel' },
    draftedAt: '2026-11-13T10:00:00.000Z',
    published: { signedOffBy: HELEN, role: 'Independent Chair', at: '2026-11-16T09:00:00.000Z', posted: '2026-11-16' },
  },
};

export function meetingPackInput(over: Partial<MeetingPackInput> = {}): MeetingPackInput {
  return {
    meeting: MEETING,
    forum: FORUM,
    where: 'Microsoft Teams: Blackpool Partnership channel',
    papers: [PAPER],
    previous: PREVIOUS,
    ...over,
  };
}

/** The pack source's meeting part, and the previous meeting as the pack's "last meeting". */
export function meetingSource(over: Partial<MeetingPackInput> = {}): Partial<PackSource> {
  const input = meetingPackInput(over);
  return {
    meeting: meetingPackOf(input),
    ...(input.previous
      ? { lastMeeting: { ref: input.previous.ref, board: input.previous.board, date: input.previous.date, decisions: [], matters: [] } }
      : {}),
  };
}

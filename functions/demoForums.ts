// The demo's forums: each place's board, Lancashire's three locality partnership boards and
// Blackpool's Place Integration Deal Delivery Group, with chairs, the titles they sign with, and
// rhythms. Written through the store like any record, by the place's admin.
import { createForum, type ForumDraft } from '../records/forum.js';
import type { Actor, Person } from '../records/people.js';
import { demoCreate } from './demoWrites.js';
import type { Runtime } from './runtime.js';

type DemoPeople = Record<'sam' | 'helen' | 'imran' | 'ruth' | 'tom', Person>;

function forums(p: DemoPeople, month: string): ForumDraft[] {
  const monthly = (nth: 1 | 2 | 3 | 4 | -1, weekday: number, every = 1) => ({ type: 'monthly' as const, nth, weekday, every, from: month });
  const lanBoard = { to: 'place-board' as const, name: 'Lancashire Place Partnership Board' };
  return [
    {
      place: 'BPL',
      name: 'Blackpool Place Partnership Board',
      chairs: [{ ...p.helen, title: 'Chair, Blackpool Place Partnership' }],
      secretary: p.sam,
      rhythm: monthly(2, 4),
      startTime: '14:00',
      reportingLines: [
        { to: 'icb-board', name: 'ICB Board' },
        // Its officer receives what the board escalates there, and acknowledges it (`escalations Blackpool`).
        { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: p.imran },
      ],
    },
    {
      place: 'BPL',
      name: 'Place Integration Deal Delivery Group',
      chairs: [{ ...p.imran, title: 'Director of Health and Care Integration' }],
      viceChair: p.helen,
      secretary: p.sam,
      rhythm: monthly(1, 2, 2),
      startTime: '10:00',
      reportingLines: [{ to: 'place-board', name: 'Blackpool Place Partnership Board' }],
    },
    {
      place: 'BWD',
      name: 'Blackburn with Darwen Place Partnership Board',
      chairs: [{ ...p.imran, title: 'Chair, Blackburn with Darwen Place Partnership' }],
      secretary: p.sam,
      rhythm: monthly(3, 3),
      startTime: '13:30',
      reportingLines: [{ to: 'hwb', name: 'Blackburn with Darwen Health and Wellbeing Board' }],
    },
    {
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs: [{ ...p.ruth, title: 'Independent Chair, Lancashire Place Partnership' }],
      secretary: p.sam,
      rhythm: monthly(-1, 4),
      startTime: '14:00',
      reportingLines: [
        { to: 'icb-board', name: 'ICB Board' },
        { to: 'hosc', name: 'Lancashire Health Overview and Scrutiny Committee' },
      ],
    },
    ...(['Central', 'North', 'East'] as const).map((locality, i): ForumDraft => ({
      place: 'LAN',
      name: `${locality} Lancashire Partnership Board`,
      locality,
      chairs: [{ ...(i === 0 ? p.ruth : p.tom), title: `${locality} Lancashire Partnership Independent Chair` }],
      secretary: p.sam,
      rhythm: monthly(2, 4 - (i % 2)),
      startTime: '09:30',
      reportingLines: [lanBoard],
    })),
    {
      place: 'SC',
      name: 'South Cumbria Place Partnership Board',
      chairs: [{ ...p.tom, title: 'Chair, South Cumbria Place Partnership' }],
      secretary: p.sam,
      rhythm: monthly(1, 3),
      startTime: '14:00',
      reportingLines: [{ to: 'council-team', name: 'Westmorland and Furness Council management team' }],
    },
  ];
}

export async function loadDemoForums(runtime: Runtime, people: DemoPeople, now: Date): Promise<void> {
  const admin: Actor = { ...people.sam, roles: ['admin'] };
  const month = now.toISOString().slice(0, 7);
  for (const draft of forums(people, month)) await demoCreate(runtime, 'forum', draft.place, (ref) => createForum(draft, ref, admin, now));
}

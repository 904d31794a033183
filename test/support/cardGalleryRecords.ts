// The records the card gallery (test/support/cardGallery.ts) binds its cards to: a busy and a
// closed action, a reviewed and a closed risk, a sign-off pending with a delegate, and a Blackpool
// meeting (with its draft agenda), each made through the record functions, at one fixed time.
import { applyActionCommand } from '../../records/action.js';
import { applyMeetingCommand, createMeeting, type AgendaItem, type Meeting, type MeetingCommand } from '../../records/meeting.js';
import { composeKeyMessages } from '../../records/keyMessagesDraft.js';
import { action, OWNER, SECRETARY } from './actionFixtures.js';
import { evolve, risk } from './riskFixtures.js';
import { APPROVER, CHAIR, DEPUTY, person, signOff, then } from './signOffFixtures.js';

export const NOW = new Date('2026-11-23T10:00:00Z');
export const PEOPLE = [{ id: 'aad-secretary', name: 'Sam Patel' }, OWNER];

export function busyAction() {
  let a = action(NOW, { source: { meeting: 'Blackpool Place Partnership Board', date: '2026-11-20' }, links: { priority: 'BCF' } });
  for (const text of ['Draft shared.', 'Legal view awaited.', 'Second draft.']) {
    const t = applyActionCommand(a, SECRETARY, { type: 'addUpdate', text }, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    a = t.record;
  }
  return a;
}

export function closedAction() {
  const t = applyActionCommand(action(NOW), SECRETARY, { type: 'close', decision: 'Board, 19 Nov' }, NOW);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

/** An Extreme risk reviewed three times, review overdue, above appetite. */
export function reviewedRisk() {
  const start = new Date('2026-08-03T10:00:00Z');
  let r = risk(
    start,
    {
      title: 'Workforce gaps in community nursing',
      initial: { likelihood: 4, consequence: 5 },
      current: { likelihood: 4, consequence: 4 },
      target: { likelihood: 2, consequence: 3 },
    },
    'BPL-R-0004',
  );
  r = evolve(r, SECRETARY, new Date('2026-09-07T10:00:00Z'), {
    type: 'rescore',
    likelihood: 3,
    consequence: 4,
    note: 'Bank staff in place.',
  });
  r = evolve(r, SECRETARY, new Date('2026-10-05T10:00:00Z'), {
    type: 'rescore',
    likelihood: 4,
    consequence: 5,
    note: 'Two vacancies unfilled.',
    nextReviewDate: '2026-11-02',
  });
  return r;
}

export function closedRisk() {
  return evolve(risk(NOW, {}, 'BPL-R-0002'), SECRETARY, NOW, { type: 'close', reason: 'Mitigated by the new contract.' });
}

export const pendingSignOff = () =>
  then(signOff(NOW), APPROVER, { type: 'addDelegate', approverId: APPROVER.id, delegate: person(DEPUTY) }, NOW);

export const GALLERY_AGENDA: AgendaItem[] = [
  {
    section: 'proposedForClosure',
    ref: 'BPL-A-0001',
    title: 'Publish the Blackpool neighbourhood health plan',
    detail: 'Owner Ruth Ellison',
  },
  { section: 'overdue', ref: 'BPL-A-0002', title: 'Agree the estates review scope', detail: 'Due Mon 16 Nov 2026, owner Sam Patel' },
  { section: 'ratification', ref: 'BPL-S-0003', title: 'Terms of reference for the delivery group', detail: "Decided by chair's action" },
];

/** A Blackpool meeting with a key decision and a matter; with `published`, its key messages signed off by the chair. */
export function galleryMeeting(published = false): Meeting {
  const t = createMeeting(
    { place: 'BPL', board: 'Blackpool Place Partnership Board', date: '2026-11-23', agenda: GALLERY_AGENDA },
    'BPL-M-0003',
    { ...SECRETARY, roles: ['admin'] },
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  let m = t.record;
  const steps: MeetingCommand[] = [
    { type: 'addDecision', text: 'The board approved the neighbourhood health plan.', link: 'BPL-A-0001' },
    { type: 'addMatter', text: 'Discharge delays at the acute trust.', to: 'icb-board' },
    ...(published
      ? ([
          { type: 'draftKeyMessages', text: composeKeyMessages(m) },
          { type: 'requestSignOff', signOffRef: 'BPL-S-0009' },
          { type: 'publish', signedOffBy: CHAIR, role: 'Chair' },
        ] as MeetingCommand[])
      : []),
  ];
  for (const c of steps) {
    const next = applyMeetingCommand(
      m,
      { ...SECRETARY, roles: ['admin'] },
      c.type === 'draftKeyMessages' ? { ...c, text: composeKeyMessages(m) } : c,
      NOW,
    );
    if (!next.ok) throw new Error(next.refusal.message);
    m = next.record;
  }
  return m;
}

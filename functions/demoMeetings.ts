// Demo board meetings: for each place, its last board meeting three weeks ago with key messages
// signed off by its chair and published; and two Blackpool actions proposed for closure, ready for
// the next meeting (which "prepare meeting Blackpool" creates). Written through the store and the
// domain's own rules, like any other record.
import { applyActionCommand, createAction, type ActionDraft } from '../records/action.js';
import { addDays, londonToday } from '../records/dates.js';
import { applyMeetingCommand, createMeeting, type MeetingCommand } from '../records/meeting.js';
import { composeKeyMessages } from '../records/keyMessagesDraft.js';
import type { Actor, Person } from '../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import { createSignOff } from '../records/signoff.js';
import { applySignOffCommand } from '../records/signoffCommands.js';
import { demoChange, demoCreate } from './demoWrites.js';
import type { Runtime } from './runtime.js';

interface DemoMeeting {
  place: PlaceCode;
  chair: keyof People;
  decisions: { text: string }[];
  matters: { text: string; to: 'icb-board' | 'committee' | 'other-place' | 'icb-corporate-register'; toDetail?: string }[];
}

type People = Record<'sam' | 'helen' | 'imran' | 'ruth' | 'tom', Person>;

const MEETINGS: DemoMeeting[] = [
  {
    place: 'BPL',
    chair: 'helen',
    decisions: [
      { text: 'The Board approved the phases of development for the Blackpool place integration deal and the associated actions.' },
      { text: 'The Board noted the progress of the Care Connexions roll-out and asked for referral numbers by ward at its next meeting.' },
    ],
    matters: [{ text: 'Delays in discharge from the acute trust are affecting community capacity in Blackpool.', to: 'icb-board' }],
  },
  {
    place: 'BWD',
    chair: 'imran',
    decisions: [
      { text: 'The Board agreed the neighbourhood model for the integrated teams and its reporting to the Health and Wellbeing Board.' },
    ],
    matters: [],
  },
  {
    place: 'LAN',
    chair: 'ruth',
    decisions: [
      {
        text: 'The Board agreed that the locality workshop feedback be turned into actions taken and intended, for each of Central, North and East.',
      },
    ],
    matters: [
      {
        text: 'Estates for integrated community hubs need a system-wide decision on funding.',
        to: 'committee',
        toDetail: 'Finance and Performance Committee',
      },
    ],
  },
  {
    place: 'SC',
    chair: 'tom',
    decisions: [{ text: 'The Board endorsed the South Cumbria priorities for 2026/27 and their delivery plans.' }],
    matters: [],
  },
];

const BLACKPOOL_PROPOSED: Omit<ActionDraft, 'dueDate'>[] = [
  {
    place: 'BPL',
    description: 'Publish the Blackpool neighbourhood health plan on the partnership website, with an easy-read version.',
    source: { meeting: 'Blackpool Place Partnership Board' },
    links: { priority: 'POP_HEALTH' },
  } as Omit<ActionDraft, 'dueDate'>,
  {
    place: 'BPL',
    description: 'Agree the terms of reference for the Blackpool estates review with the council and the acute trust.',
    source: { meeting: 'Blackpool Place Partnership Board' },
    links: {},
  } as Omit<ActionDraft, 'dueDate'>,
];

export async function loadDemoMeetings(runtime: Runtime, people: People, now: Date): Promise<void> {
  const today = londonToday(now);
  const secretary: Actor = { ...people.sam, roles: ['admin'] };
  const held = addDays(today, -21);
  const heldAt = new Date(now.getTime() - 21 * 86_400_000);
  const postedAt = new Date(now.getTime() - 20 * 86_400_000);
  for (const demo of MEETINGS) {
    const chair = people[demo.chair];
    const board = `${PLACE_NAMES[demo.place]} Place Partnership Board`;
    let meeting = await demoCreate(runtime, 'meeting', demo.place, (ref) =>
      createMeeting({ place: demo.place, board, date: held, agenda: [] }, ref, secretary, heldAt),
    );
    const steps: MeetingCommand[] = [
      ...demo.decisions.map((d) => ({ type: 'addDecision' as const, text: d.text })),
      ...demo.matters.map((m) => ({ type: 'addMatter' as const, ...m })),
    ];
    for (const step of steps)
      meeting = await demoChange(runtime, 'meeting', meeting, applyMeetingCommand(meeting.record, secretary, step, heldAt));
    const text = composeKeyMessages(meeting.record);
    meeting = await demoChange(
      runtime,
      'meeting',
      meeting,
      applyMeetingCommand(meeting.record, secretary, { type: 'draftKeyMessages', text }, heldAt),
    );
    // The chair's sign-off of the key messages, through the sign-off rules.
    const asked = await demoCreate(runtime, 'signoff', demo.place, (ref) =>
      createSignOff(
        {
          place: demo.place,
          board,
          title: `${board} – Key messages`,
          summary: text,
          itemType: 'key-messages',
          route: 'meeting',
          subjectRef: meeting.record.ref,
          approvers: [chair],
          mode: 'FIRST',
          dueBy: addDays(held, 14),
        },
        ref,
        { ...secretary, roles: [] },
        heldAt,
      ),
    );
    await demoChange(
      runtime,
      'signoff',
      asked,
      applySignOffCommand(asked.record, { ...chair, roles: ['chair', 'approver'] }, { type: 'approve' }, postedAt),
    );
    meeting = await demoChange(
      runtime,
      'meeting',
      meeting,
      applyMeetingCommand(meeting.record, secretary, { type: 'requestSignOff', signOffRef: asked.record.ref }, heldAt),
    );
    await demoChange(
      runtime,
      'meeting',
      meeting,
      applyMeetingCommand(meeting.record, { ...chair, roles: [] }, { type: 'publish', signedOffBy: chair, role: 'Chair' }, postedAt),
    );
  }
  // Two Blackpool actions the owners have proposed for closure, for the next meeting to close.
  for (const draft of BLACKPOOL_PROPOSED) {
    const raisedAt = new Date(now.getTime() - 30 * 86_400_000);
    const created = await demoCreate(runtime, 'action', 'BPL', (ref) =>
      createAction({ ...draft, owner: people.ruth, dueDate: addDays(today, 7) }, ref, secretary, raisedAt),
    );
    await demoChange(
      runtime,
      'action',
      created,
      applyActionCommand(
        created.record,
        { ...people.ruth, roles: [] },
        { type: 'proposeClosure', note: 'Done: evidence shared with the board secretary.' },
        new Date(now.getTime() - 2 * 86_400_000),
      ),
    );
  }
}

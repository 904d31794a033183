// Demo data for local runs: place settings, a realistic action log and sign-offs for the four places.
// Loaded once (skipped when the places already have settings). The people match
// scripts/playground.yml, so the Playground's user sees their own actions.
import { loadDemoForums } from './demoForums.js';
import { addDays, londonToday } from '../records/dates.js';
import { createAction, applyActionCommand, type ActionDraft } from '../records/action.js';
import type { Actor, Person } from '../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { PlaceSettingsInput } from '../records/placeSettings.js';
import { createSignOff, type SignOffDraft } from '../records/signoff.js';
import { applySignOffCommand, type SignOffCommand } from '../records/signoffCommands.js';
import { loadDemoMeetings } from './demoMeetings.js';
import { loadDemoRisks } from './demoRisks.js';
import { demoChange, demoCreate } from './demoWrites.js';
import type { Runtime } from './runtime.js';

export const DEMO_PEOPLE = {
  sam: { id: '00000000-0000-0000-0000-0000000000020', name: 'Sam Patel' },
  helen: { id: '00000000-0000-0000-0000-0000000000021', name: 'Helen Price' },
  imran: { id: '00000000-0000-0000-0000-0000000000022', name: 'Imran Shah' },
  ruth: { id: '00000000-0000-0000-0000-0000000000023', name: 'Ruth Ellison' },
  tom: { id: '00000000-0000-0000-0000-0000000000024', name: 'Tom Whitfield' },
} satisfies Record<string, Person>;
const { sam, helen, imran, ruth, tom } = DEMO_PEOPLE;

// Sam Patel, the Playground's own user, is a named approver everywhere so a sign-off awaits them.
const SETTINGS: PlaceSettingsInput[] = [
  {
    place: 'BPL',
    displayName: PLACE_NAMES.BPL,
    chairs: [helen],
    approvers: [helen, imran, sam],
    admins: [sam],
    channels: [{ id: 'channel-blackpool-id', name: 'Blackpool Partnership' }],
  },
  { place: 'BWD', displayName: PLACE_NAMES.BWD, chairs: [imran], approvers: [imran, sam], admins: [sam] },
  { place: 'LAN', displayName: PLACE_NAMES.LAN, chairs: [ruth], approvers: [ruth, tom, sam], admins: [sam] },
  { place: 'SC', displayName: PLACE_NAMES.SC, chairs: [tom], approvers: [tom, sam], admins: [sam] },
];

interface DemoAction {
  /** Days before today that the action was raised, and its due date relative to today. */
  raisedDaysAgo: number;
  dueInDays: number;
  draft: Omit<ActionDraft, 'dueDate' | 'links'> & { links?: ActionDraft['links'] };
  update?: string;
}

const board = (place: PlaceCode) => `${PLACE_NAMES[place]} Place Partnership Board`;

const ACTIONS: DemoAction[] = [
  {
    raisedDaysAgo: 40,
    dueInDays: -6,
    draft: {
      place: 'BPL',
      description: 'Draft terms of reference for the Place Integration Deal delivery group and bring them to the board for approval.',
      owner: sam,
      source: { meeting: board('BPL') },
      links: { priority: 'POP_HEALTH', strategicObjective: 'SO6' },
    },
    update: 'First draft shared with partners for comment; awaiting the council’s legal view.',
  },
  {
    raisedDaysAgo: 20,
    dueInDays: 9,
    draft: {
      place: 'BPL',
      description:
        'Report uptake of the Care Connexions roll-out across the five Blackpool priority wards, with the first month’s referral numbers.',
      owner: helen,
      source: { meeting: board('BPL') },
      links: { priority: 'COMMUNITY' },
    },
  },
  {
    raisedDaysAgo: 14,
    dueInDays: 35,
    draft: {
      place: 'BWD',
      description: 'Complete the Better Care Fund review and propose how the pooled budget should be re-prioritised for next year.',
      owner: sam,
      source: { meeting: board('BWD') },
      links: { priority: 'BCF', strategicObjective: 'SO4' },
    },
  },
  {
    raisedDaysAgo: 10,
    dueInDays: 20,
    draft: {
      place: 'BWD',
      description: 'Agree with Healthwatch how resident insight from the priority wards will be fed back to the partnership each quarter.',
      owner: imran,
      source: { meeting: 'Blackburn with Darwen Health and Wellbeing Board' },
      links: { priority: 'POP_HEALTH' },
    },
  },
  {
    raisedDaysAgo: 30,
    dueInDays: 4,
    draft: {
      place: 'LAN',
      locality: 'Central',
      description:
        'Set out the model for integrated neighbourhood teams in Central Lancashire, building on existing district partnerships.',
      owner: sam,
      source: { meeting: 'Central Lancashire locality forum' },
      links: { priority: 'PRIMARY_CARE', strategicObjective: 'SO2' },
    },
    update: 'Workshop held with the primary care networks; options paper in preparation.',
  },
  {
    raisedDaysAgo: 25,
    dueInDays: 60,
    draft: {
      place: 'LAN',
      locality: 'East',
      description: 'Feed back to the East Lancashire workshop delegates on the actions taken since the January session.',
      owner: ruth,
      source: { meeting: 'East Lancashire locality workshop' },
      feedback: { youSaid: 'Build on existing partnership arrangements rather than creating new meetings.' },
    },
  },
  {
    raisedDaysAgo: 35,
    dueInDays: -2,
    draft: {
      place: 'SC',
      description: 'Confirm with the three local authorities the options for chairing the formal South Cumbria Partnership Board.',
      owner: tom,
      source: { meeting: 'South Cumbria Place Partnership Forum' },
      links: { strategicObjective: 'SO6' },
    },
  },
  {
    raisedDaysAgo: 12,
    dueInDays: 28,
    draft: {
      place: 'SC',
      description: 'Align continuing health care pathways with the place team so patients see the same end-to-end service.',
      owner: sam,
      source: { meeting: 'South Cumbria Place Partnership Forum' },
      links: { priority: 'CHC' },
    },
  },
];

const CHAIRS: Record<PlaceCode, Person> = { BPL: helen, BWD: imran, LAN: ruth, SC: tom };

/** Per place: one awaiting Sam Patel, one decided with conditions, one chair's action awaiting ratification. */
interface DemoSignOff {
  place: PlaceCode;
  kind: 'awaiting-sam' | 'with-conditions' | 'chairs-action';
  title: string;
  summary: string;
  itemType: SignOffDraft['itemType'];
  conditions?: string;
}

const SIGNOFFS: DemoSignOff[] = [
  {
    place: 'BPL',
    kind: 'awaiting-sam',
    itemType: 'decision',
    title: 'Phases of development for the Blackpool place integration deal',
    summary: 'Support the proposed phases of development, and the actions that go with each phase, as set out in the paper.',
  },
  {
    place: 'BPL',
    kind: 'with-conditions',
    itemType: 'terms-of-reference',
    title: 'Terms of reference for the Place Integration Deal delivery group',
    summary: 'Agree the terms of reference so the delivery group can meet from next month.',
    conditions: 'Add Healthwatch Blackpool to the membership and review the terms after six months.',
  },
  {
    place: 'BPL',
    kind: 'chairs-action',
    itemType: 'document',
    title: 'Care Connexions roll-out to the five priority wards',
    summary: 'Approve the roll-out plan by chair’s action so recruitment can start before the next board.',
  },
  {
    place: 'BWD',
    kind: 'awaiting-sam',
    itemType: 'decision',
    title: 'Re-prioritising the Better Care Fund pooled budget',
    summary: 'Agree the proposed re-prioritisation of the pooled budget following the Better Care Fund review.',
  },
  {
    place: 'BWD',
    kind: 'with-conditions',
    itemType: 'decision',
    title: 'Quarterly resident insight report with Healthwatch',
    summary: 'Approve the approach for feeding resident insight from the priority wards back to the partnership.',
    conditions: 'The first report comes to the board before the end of the quarter.',
  },
  {
    place: 'BWD',
    kind: 'chairs-action',
    itemType: 'document',
    title: 'Winter discharge scheme extension',
    summary: 'Extend the winter discharge scheme by four weeks by chair’s action, within the existing budget.',
  },
  {
    place: 'LAN',
    kind: 'awaiting-sam',
    itemType: 'decision',
    title: 'Locality workshop feedback and associated actions',
    summary: 'Approve the feedback from the Central, North and East locality workshops and the actions that follow from it.',
  },
  {
    place: 'LAN',
    kind: 'with-conditions',
    itemType: 'decision',
    title: 'Integrated neighbourhood team model for Central Lancashire',
    summary: 'Approve the model, building on the existing district partnerships.',
    conditions: 'Primary care networks confirm their clinical leads before go-live.',
  },
  {
    place: 'LAN',
    kind: 'chairs-action',
    itemType: 'minutes',
    title: 'Minutes of the East Lancashire locality workshop',
    summary: 'Approve the workshop minutes by chair’s action so they can be circulated to delegates.',
  },
  {
    place: 'SC',
    kind: 'awaiting-sam',
    itemType: 'decision',
    title: 'Chairing arrangements for the South Cumbria Partnership Board',
    summary: 'Support the proposed options for chairing the formal board, agreed with the three local authorities.',
  },
  {
    place: 'SC',
    kind: 'with-conditions',
    itemType: 'decision',
    title: 'Continuing health care pathway alignment',
    summary: 'Approve aligning the continuing health care pathway with the place team.',
    conditions: 'Patient representatives review the new pathway leaflet first.',
  },
  {
    place: 'SC',
    kind: 'chairs-action',
    itemType: 'document',
    title: 'Community services specification for consultation',
    summary: 'Release the draft community services specification for partner consultation by chair’s action.',
  },
];

async function loadDemoSignOffs(runtime: Runtime, now: Date): Promise<void> {
  const today = londonToday(now);
  const secretary: Actor = { ...sam, roles: ['admin', 'approver'] };
  for (const demo of SIGNOFFS) {
    const chair = CHAIRS[demo.place];
    const requestedAt = new Date(now.getTime() - 5 * 86_400_000);
    const dueBy = addDays(today, demo.kind === 'awaiting-sam' ? 9 : 4);
    const draft: SignOffDraft = {
      place: demo.place,
      board: board(demo.place),
      title: demo.title,
      summary: demo.summary,
      itemType: demo.itemType,
      route: demo.kind === 'chairs-action' ? 'chairs-action' : 'between-meetings',
      approvers: [demo.kind === 'awaiting-sam' ? sam : chair],
      mode: 'FIRST',
      dueBy,
      expiresOn: dueBy,
    };
    // The chair asks Sam; Sam, as board secretary, asks the chair.
    const requester: Actor = demo.kind === 'awaiting-sam' ? { ...chair, roles: ['chair'] } : secretary;
    const created = await demoCreate(runtime, 'signoff', demo.place, (ref) => createSignOff(draft, ref, requester, requestedAt));
    if (demo.kind === 'awaiting-sam') continue;
    const decidedAt = new Date(requestedAt.getTime() + 2 * 86_400_000);
    const command: SignOffCommand = demo.conditions
      ? { type: 'approveWithConditions', conditions: demo.conditions }
      : { type: 'approve', comment: 'Agreed; to be ratified at the next board.' };
    await demoChange(
      runtime,
      'signoff',
      created,
      applySignOffCommand(created.record, { ...chair, roles: ['chair', 'approver'] }, command, decidedAt),
    );
  }
}

/** The Playground's Blackpool channel and its bot (scripts/playground.yml). */
export const DEMO_CHANNEL = { id: 'channel-blackpool-id', name: 'Blackpool Partnership' };

export function demoChannelReference(serviceUrl: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: {
      id: DEMO_CHANNEL.id,
      name: DEMO_CHANNEL.name,
      conversationType: 'channel',
      isGroup: true,
      tenantId: '00000000-0000-0000-0000-0000000000001',
    },
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Place Partnership bot' },
  };
}

/** Loads the demo once. Returns false when demo data (or real settings) were already there. */
export async function loadDemoData(runtime: Runtime, now: Date = new Date()): Promise<boolean> {
  if (await runtime.places.get('BPL')) return false;
  for (const settings of SETTINGS) await runtime.places.put(settings);
  // The Playground's "Blackpool Partnership" channel (scripts/playground.yml) gets Blackpool's digest.
  await runtime.places.saveChannelReference('BPL', DEMO_CHANNEL.id, demoChannelReference(runtime.settings.DEMO_SERVICE_URL), now);

  const today = londonToday(now);
  const secretary: Actor = { ...sam, roles: ['admin'] };
  for (const demo of ACTIONS) {
    // Each action is logged "back then", so overdue ones were valid when raised.
    const raisedAt = new Date(now.getTime() - demo.raisedDaysAgo * 86_400_000);
    const draft: ActionDraft = { links: {}, ...demo.draft, dueDate: addDays(today, demo.dueInDays) };
    const created = await demoCreate(runtime, 'action', draft.place, (ref) => createAction(draft, ref, secretary, raisedAt));
    if (demo.update) {
      const updatedAt = new Date(raisedAt.getTime() + 7 * 86_400_000);
      await demoChange(
        runtime,
        'action',
        created,
        applyActionCommand(created.record, secretary, { type: 'addUpdate', text: demo.update }, updatedAt),
      );
    }
  }
  await loadDemoSignOffs(runtime, now);
  await loadDemoRisks(runtime, DEMO_PEOPLE, now);
  await loadDemoMeetings(runtime, DEMO_PEOPLE, now);
  await loadDemoForums(runtime, DEMO_PEOPLE, now);
  return true;
}

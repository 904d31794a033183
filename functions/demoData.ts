// Demo data for local runs: place settings and a realistic action log for the four places.
// Loaded once (skipped when the places already have settings). The people match
// scripts/playground.yml, so the Playground's user sees their own actions.
import { addDays, londonToday } from '../records/dates.js';
import { createAction, applyActionCommand, type ActionDraft } from '../records/action.js';
import type { Actor, Person } from '../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../records/places.js';
import type { PlaceSettingsInput } from '../records/placeSettings.js';
import { loadDemoRisks } from './demoRisks.js';
import type { Runtime } from './runtime.js';

export const DEMO_PEOPLE = {
  sam: { id: '00000000-0000-0000-0000-0000000000020', name: 'Sam Patel' },
  helen: { id: '00000000-0000-0000-0000-0000000000021', name: 'Helen Price' },
  imran: { id: '00000000-0000-0000-0000-0000000000022', name: 'Imran Shah' },
  ruth: { id: '00000000-0000-0000-0000-0000000000023', name: 'Ruth Ellison' },
  tom: { id: '00000000-0000-0000-0000-0000000000024', name: 'Tom Whitfield' },
} satisfies Record<string, Person>;
const { sam, helen, imran, ruth, tom } = DEMO_PEOPLE;

const SETTINGS: PlaceSettingsInput[] = [
  { place: 'BPL', displayName: PLACE_NAMES.BPL, chairs: [helen], approvers: [helen, imran], admins: [sam], channels: [{ id: 'channel-blackpool-id', name: 'Blackpool Partnership' }] },
  { place: 'BWD', displayName: PLACE_NAMES.BWD, chairs: [imran], approvers: [imran], admins: [sam] },
  { place: 'LAN', displayName: PLACE_NAMES.LAN, chairs: [ruth], approvers: [ruth, tom], admins: [sam] },
  { place: 'SC', displayName: PLACE_NAMES.SC, chairs: [tom], approvers: [tom], admins: [sam] },
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
      description: 'Report uptake of the Care Connexions roll-out across the five Blackpool priority wards, with the first month’s referral numbers.',
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
      description: 'Set out the model for integrated neighbourhood teams in Central Lancashire, building on existing district partnerships.',
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

/** The Playground's Blackpool channel and its bot (scripts/playground.yml). */
export const DEMO_CHANNEL = { id: 'channel-blackpool-id', name: 'Blackpool Partnership' };

export function demoChannelReference(serviceUrl: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: DEMO_CHANNEL.id, name: DEMO_CHANNEL.name, conversationType: 'channel', isGroup: true, tenantId: '00000000-0000-0000-0000-0000000000001' },
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
    const created = await runtime.records.create('action', draft.place, (ref) => createAction(draft, ref, secretary, raisedAt));
    if (!created.ok) throw new Error(`demo action refused: ${created.refusal.message}`);
    if (demo.update) {
      const updatedAt = new Date(raisedAt.getTime() + 7 * 86_400_000);
      const next = applyActionCommand(created.stored.record, secretary, { type: 'addUpdate', text: demo.update }, updatedAt);
      await runtime.records.update('action', created.stored, next);
    }
  }
  await loadDemoRisks(runtime, DEMO_PEOPLE, now);
  return true;
}

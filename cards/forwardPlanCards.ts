// A forum's forward plan as a card ("forward plan Central Lancashire Partnership Board"): each item
// with its owner, the meeting or month it is due at and its state (scheduled, on an agenda, taken,
// missed, withdrawn), Withdraw for its keepers, and the form to add one. Pure: data in, card JSON out.
import { formatDate, type IsoDate } from '../records/dates.js';
import type { Forum } from '../records/forum.js';
import { dueLabel, planItemState, planStateLine, type PlanItem } from '../records/forwardPlan.js';
import type { Person } from '../records/people.js';
import { PLACE_NAMES } from '../records/places.js';
import { execute, type Notice } from './commonCards.js';
import type { AdaptiveCardJson } from './render.js';
import { plain, speech, truncate } from './text.js';

/** What the add form holds, as typed (kept on the card when it is not saved). */
export interface PlanFormValues {
  planText?: string;
  planOwner?: string;
  planDue?: string;
}

/** How many items the card lists: those still to come first, then the latest done. */
export const PLAN_CARD_ITEMS = 30;

const COLOURS: Record<ReturnType<typeof planItemState>, string> = {
  SCHEDULED: 'Default',
  ON_AGENDA: 'Accent',
  TAKEN: 'Good',
  MISSED: 'Attention',
  WITHDRAWN: 'Default',
};

/** The add form's inputs: the item, its owner (people picker) and the meeting or month it is due at. */
export function planFormInputs(values: PlanFormValues, people: readonly Person[]): unknown[] {
  return [
    {
      type: 'Input.Text',
      id: 'planText',
      label: 'Item, e.g. Receive a further report on the Neighbourhood model',
      isMultiline: true,
      maxLength: 300,
      isRequired: true,
      errorMessage: 'Write what the forum will receive.',
      value: plain(values.planText ?? ''),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'planOwner',
      label: 'Owner',
      style: 'filtered',
      placeholder: 'Search for a person',
      isRequired: true,
      errorMessage: 'Choose who owns the item.',
      value: values.planOwner ?? '',
      choices: people.map((p) => ({ title: plain(p.name), value: p.id })),
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    },
    {
      type: 'Input.Text',
      id: 'planDue',
      label: 'Due at: a month (March 2027) or a prepared meeting of this forum (its ref)',
      placeholder: 'March 2027',
      maxLength: 40,
      isRequired: true,
      errorMessage: 'Give the month or the meeting it is due at.',
      value: plain(values.planDue ?? ''),
    },
  ];
}

export interface PlanCardInput {
  stored: { record: Forum; etag: string };
  today: IsoDate;
  /** Whether the person may add and withdraw items (records/forwardPlan.ts mayKeepForwardPlan). */
  mayKeep: boolean;
  /** People offered as owners before a search. */
  people: readonly Person[];
  notice?: Notice;
  values?: PlanFormValues;
}

/** The items in the order a plan is read: still to come (by due date), then missed, then the latest taken or withdrawn. */
function ordered(plan: readonly PlanItem[], today: IsoDate): PlanItem[] {
  const rank = (i: PlanItem) => ({ MISSED: 0, SCHEDULED: 1, ON_AGENDA: 1, TAKEN: 2, WITHDRAWN: 3 })[planItemState(i, today)];
  const due = (i: PlanItem) => ('month' in i.due ? `${i.due.month}-99` : i.due.date);
  return [...plan].sort((a, b) => rank(a) - rank(b) || (rank(a) < 2 ? due(a).localeCompare(due(b)) : b.addedAt.localeCompare(a.addedAt)));
}

/** Under Teams' 40 KB with room to spare: fewer items listed when long ones would pass it. */
const CARD_BUDGET = 38_000;

export function forwardPlanCard(input: PlanCardInput): AdaptiveCardJson {
  let card: AdaptiveCardJson | undefined;
  for (const items of [PLAN_CARD_ITEMS, 15, 5]) {
    card = drawPlanCard(input, items);
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET) return card;
  }
  return card!;
}

function drawPlanCard({ stored, today, mayKeep, people, notice, values = {} }: PlanCardInput, items: number): AdaptiveCardJson {
  const f = stored.record;
  const plan = f.forwardPlan ?? [];
  const shown = ordered(plan, today).slice(0, items);
  const heading = `Forward plan: ${f.name}`;
  const data = { ref: f.ref, etag: stored.etag };
  const rows = shown.map((i) => {
    const state = planItemState(i, today);
    const open = state === 'SCHEDULED' || state === 'ON_AGENDA' || state === 'MISSED';
    return {
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: plain(`${i.ref} · ${truncate(i.text, 300)}`), weight: 'Bolder', wrap: true },
        {
          type: 'TextBlock',
          text: plain(
            `Owner ${i.owner.name} · at ${dueLabel(i.due)} · added by ${i.addedBy.name} on ${formatDate(i.addedAt.slice(0, 10))}`,
          ),
          wrap: true,
          spacing: 'None',
          isSubtle: true,
        },
        { type: 'TextBlock', text: plain(planStateLine(i, today)), wrap: true, spacing: 'None', color: COLOURS[state] },
        ...(mayKeep && open
          ? [{ type: 'ActionSet', actions: [execute(`Withdraw ${i.ref}`, 'forum.withdrawPlanItem', { ...data, itemRef: i.ref })] }]
          : []),
      ],
    };
  });
  const more = plan.length - shown.length;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    speak: speech(heading, `${plan.length} items`, notice?.text),
    body: [
      { type: 'TextBlock', text: plain(heading), size: 'Large', weight: 'Bolder', wrap: true },
      {
        type: 'TextBlock',
        text: `${f.ref} · ${PLACE_NAMES[f.place]}${f.locality ? ` (${f.locality})` : ''}`,
        isSubtle: true,
        spacing: 'None',
      },
      ...(notice
        ? [
            {
              type: 'TextBlock',
              text: plain(notice.text),
              wrap: true,
              color: notice.style === 'good' ? 'Good' : notice.style === 'default' ? 'Default' : 'Attention',
            },
          ]
        : []),
      ...(rows.length ? rows : [{ type: 'TextBlock', text: 'Nothing on the forward plan yet.', wrap: true }]),
      ...(more > 0 ? [{ type: 'TextBlock', text: `${more} more items are not shown.`, isSubtle: true, wrap: true }] : []),
      ...(mayKeep && f.status === 'ACTIVE'
        ? [
            { type: 'TextBlock', text: 'Add to the forward plan', weight: 'Bolder', separator: true, wrap: true },
            ...planFormInputs(values, people),
            { type: 'ActionSet', actions: [execute('Add to forward plan', 'forum.addToPlan', data)] },
          ]
        : []),
    ],
  };
}

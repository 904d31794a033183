// "actions <place>": a place's action log in chat, one view at a time (all open, overdue,
// proposed for closure, a place priority, an owner), overdue first as in "my actions", with as
// many actions as fit well under Teams' 40 KB and a line saying how many more. Pure.
import { currentDueDate, ragOf, STATUS_LABELS, type Action } from '../records/action.js';
import { formatDate } from '../records/dates.js';
import type { Person } from '../records/people.js';
import { PLACE_NAMES, PLACE_PRIORITIES, type Locality, type PlaceCode, type PlacePriority } from '../records/places.js';
import { placeLabel, RAG_VIEW } from './actionCards.js';
import type { Notice } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { plain, truncate } from './text.js';

export const PLACE_VIEWS = ['open', 'overdue', 'proposed', 'priority', 'owner'] as const;
export type PlaceViewName = (typeof PLACE_VIEWS)[number];

/** At most this many actions are read for one card; fewer are shown if they would not fit. */
export const PLACE_ACTIONS_READ = 30;
/** The card's size budget, well under Teams' 40 KB. */
export const PLACE_ACTIONS_MAX_BYTES = 36_000;

export interface PlaceActionsInput {
  place: PlaceCode;
  view: PlaceViewName;
  /** The chosen priority or owner (kept on the card, also when it is refused). */
  values?: { priority?: string; owner?: string };
  /** Who the owner view shows, by name, when it is one. */
  ownerName?: string;
  actions: Action[];
  /** Every action in the view, shown or not. */
  total: number;
  /** People to offer in the owner filter (besides the Teams people picker). */
  owners: Person[];
  now: Date;
  notice?: Notice;
  /** A Lancashire locality's view (its channel's `actions`): its own actions, and `placeWide` the Lancashire-wide ones too. */
  scope?: { locality: Locality; placeWide: boolean };
}

function viewLabel(input: PlaceActionsInput): string {
  switch (input.view) {
    case 'open':
      return 'all open actions';
    case 'overdue':
      return 'overdue actions';
    case 'proposed':
      return 'actions proposed for closure';
    case 'priority': {
      const p = input.values?.priority as PlacePriority | undefined;
      return p && p in PLACE_PRIORITIES ? `actions for ${PLACE_PRIORITIES[p]}` : 'actions for a place priority';
    }
    case 'owner':
      return input.ownerName ? `actions owned by ${plain(input.ownerName)}` : 'actions by owner';
  }
}

function render(input: PlaceActionsInput, shown: number): AdaptiveCardJson {
  const { place, now, actions, total } = input;
  const list = actions.slice(0, shown);
  const { scope } = input;
  // A locality's view names the locality; the board pack hint names the place (its files are the place's).
  const name = scope ? `${scope.locality} ${PLACE_NAMES[place]}` : PLACE_NAMES[place];
  const overdue = list.filter((a) => ragOf(a, now) === 'RED').length;
  const label = viewLabel(input);
  const count = `${total} ${total === 1 ? 'action' : 'actions'}`;
  const more = total - list.length;
  return renderCard('placeActions', {
    speak: `${name} action log, ${label}: ${count}${overdue ? `, ${overdue} overdue shown first` : ''}.${more > 0 ? ` ${list.length} shown, ${more} more not shown.` : ''}`,
    heading: `${name} action log: ${count}`,
    viewLabel: label,
    place,
    view: input.view,
    locality: scope?.locality ?? '',
    wide: scope?.placeWide ? 'yes' : '',
    toggleWide: scope?.placeWide ? '' : 'yes',
    scopeToggle: scope ? (scope.placeWide ? `Only ${scope.locality}'s` : `Add the ${PLACE_NAMES[place]}-wide actions`) : '',
    values: { priority: input.values?.priority ?? '', owner: input.values?.owner ?? '' },
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    priorities: (Object.keys(PLACE_PRIORITIES) as PlacePriority[]).map((k) => ({ title: PLACE_PRIORITIES[k], value: k })),
    owners: input.owners.map((p) => ({ id: p.id, name: plain(p.name) })),
    empty: `No ${label} in ${name}.`,
    items: list.map((a) => {
      const rag = RAG_VIEW[ragOf(a, now)];
      return {
        ref: a.ref,
        // An imported action keeps the ref it had in the old log, so people can find it by either.
        placeLabel: a.oldRef ? `${placeLabel(a)} · was ${plain(a.oldRef)}` : placeLabel(a),
        summary: truncate(a.description, 200),
        due: formatDate(currentDueDate(a)),
        status: STATUS_LABELS[a.status],
        owner: plain(a.owner.name),
        ragLabel: rag.label,
        ragColor: rag.color,
      };
    }),
    more:
      more > 0
        ? `And ${more} more not shown. Narrow the view with the buttons above, open one by its ref, or ask for the whole log with “board pack ${PLACE_NAMES[place]}”.`
        : '',
  });
}

/** The card, with as many of the actions as fit within PLACE_ACTIONS_MAX_BYTES. */
export function placeActionsCard(input: PlaceActionsInput): AdaptiveCardJson {
  let shown = Math.min(input.actions.length, PLACE_ACTIONS_READ);
  let card = render(input, shown);
  while (shown > 0 && Buffer.byteLength(JSON.stringify(card)) > PLACE_ACTIONS_MAX_BYTES) card = render(input, --shown);
  return card;
}

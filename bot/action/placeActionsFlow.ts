// "actions <place>" (e.g. "actions Blackpool"): the place's action log in chat, one view at a
// time, with the views as buttons. Reads go through the store's index rows
// (RecordRepository.listPlaceActions); who may see a place is records/access.ts's one rule.
import { z } from 'zod';
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import { PLACE_ACTIONS_READ, PLACE_VIEWS, placeActionsCard, type PlaceViewName } from '../../cards/placeActionsCard.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { maySeePlace } from '../../records/access.js';
import { londonToday } from '../../records/dates.js';
import type { Person } from '../../records/people.js';
import {
  PLACE_CODES,
  PLACE_NAMES,
  placeCodeSchema,
  placeFromText,
  localitySchema,
  placePrioritySchema,
  type Locality,
  type PlaceCode,
} from '../../records/places.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import type { BotDeps, PlaceActionsView } from '../ports.js';
import { type Turn, channelIdOf, speaker } from '../turn.js';
import type { BotRoutes } from '../routes.js';

const REOPEN = 'with “actions” and the place, e.g. “actions Blackpool”';

/** What a filter button sends; anything else is refused with a line on the card. */
const viewDataSchema = z.object({
  place: placeCodeSchema,
  view: z.enum(PLACE_VIEWS).catch('open'),
  priority: z.string().max(40).optional().catch(undefined),
  owner: z.string().max(200).optional().catch(undefined),
  // A locality's view (and whether it adds the place-wide ones): a view, not a permission, so a forged one shows no more than `actions <place>`.
  locality: localitySchema.optional().catch(undefined),
  wide: z.literal('yes').optional().catch(undefined),
});

export class PlaceActionsFlow {
  constructor(private readonly deps: BotDeps) {}

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*actions\b(.*)$/i, (context, match) => this.typed(context, match[1] ?? ''));
    routes.read('action.place', (context, data) => this.fromButton(context, data));
  }

  /** "actions Blackpool"; "actions" alone in a channel linked to a place shows that place. */
  private async typed(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const named = typed.trim();
    let place: PlaceCode | undefined;
    let locality: Locality | undefined;
    if (named) {
      place = placeFromText(named);
      if (!place) {
        const known = PLACE_CODES.map((c) => PLACE_NAMES[c]).join(', ');
        return noticeCard(
          'No such place',
          `I don't know the place “${named.slice(0, 60)}”. Try one of: ${known}, e.g. “actions Blackpool”.`,
        );
      }
    } else {
      const channelId = channelIdOf(context.activity);
      const linked = channelId ? await this.deps.places.placeOfChannel(channelId) : undefined;
      place = linked?.place;
      // A Lancashire locality's channel: that locality's actions and the Lancashire-wide ones.
      locality = linked?.locality;
      if (!place)
        return noticeCard(
          'Which place?',
          `Say which place's actions to show, e.g. “actions Blackpool”. Places: ${PLACE_CODES.map((c) => PLACE_NAMES[c]).join(', ')}.`,
        );
    }
    return this.show(context, place, 'open', {}, locality ? { locality, placeWide: false } : undefined);
  }

  private async fromButton(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const parsed = viewDataSchema.safeParse(data);
    if (!parsed.success)
      return noticeCard('No such place', 'That button names no place. Type “actions” and the place, e.g. “actions Blackpool”.');
    const { place, view, locality, wide } = parsed.data;
    const values = { priority: parsed.data.priority ?? '', owner: parsed.data.owner ?? '' };
    return this.show(context, place, view, values, locality && place === 'LAN' ? { locality, placeWide: wide === 'yes' } : undefined);
  }

  private async show(
    context: Turn,
    place: PlaceCode,
    view: PlaceViewName,
    values: { priority?: string; owner?: string },
    /** A Lancashire locality's channel: its own actions first, a button adds the place-wide ones. */
    scope?: { locality: Locality; placeWide: boolean },
  ): Promise<AdaptiveCardJson> {
    if (!maySeePlace((await this.deps.viewers.of(context)).viewer, place)) {
      return noticeCard(
        `${PLACE_NAMES[place]} actions`,
        `You can't see ${PLACE_NAMES[place]}'s records from here: as a guest, ask in a partnership channel you were added to.`,
      );
    }
    const now = this.deps.clock();
    const me = speaker(context);
    let notice: Notice | undefined;
    let chosen: PlaceActionsView | undefined;
    let ownerName: string | undefined;
    switch (view) {
      case 'open':
        chosen = { kind: 'open' };
        break;
      case 'overdue':
        chosen = { kind: 'overdue', today: londonToday(now) };
        break;
      case 'proposed':
        chosen = { kind: 'proposed' };
        break;
      case 'priority': {
        const p = placePrioritySchema.safeParse(values.priority);
        if (p.success) chosen = { kind: 'priority', priority: p.data };
        else notice = { text: 'Choose a place priority to show its actions. Showing all open actions meanwhile.', style: 'attention' };
        break;
      }
      case 'owner': {
        const owner = values.owner?.trim();
        if (owner) chosen = { kind: 'owner', ownerId: owner };
        else notice = { text: 'Choose a person to show the actions they own. Showing all open actions meanwhile.', style: 'attention' };
        break;
      }
    }
    const { actions, total } = await this.deps.records.listPlaceActions(place, chosen ?? { kind: 'open' }, PLACE_ACTIONS_READ, scope ?? {});
    if (scope && !notice)
      notice = {
        text: scope.placeWide
          ? `${scope.locality} Lancashire's actions and the Lancashire-wide ones.`
          : `${scope.locality} Lancashire's own actions: the Lancashire-wide ones are a button away.`,
        style: 'accent',
      };
    const records = actions.map((s) => s.record);
    if (chosen?.kind === 'owner') ownerName = records[0]?.owner.name ?? (chosen.ownerId === me.id ? me.name : 'the person chosen');
    const owners = uniquePeople([me, ...records.map((a) => a.owner)]);
    return placeActionsCard({
      place,
      view: chosen ? view : 'open',
      values,
      actions: records,
      total,
      owners,
      now,
      ...(ownerName ? { ownerName } : {}),
      ...(notice ? { notice } : {}),
      ...(scope ? { scope } : {}),
    });
  }
}

function uniquePeople(people: Person[]): Person[] {
  const seen = new Map<string, Person>();
  for (const p of people) if (!seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
  return [...seen.values()];
}

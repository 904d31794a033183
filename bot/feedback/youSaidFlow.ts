// "you said we did <place>" (or "you said we did" alone in a channel linked to a place): the
// place's actions that carry "You said", what we did or "not yet", newest first. Selection is
// records/youSaid.ts; who may see a place is records/access.ts's one rule; storage down is
// answered as every read is (bot/change/guardedRoutes.ts).
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { youSaidCard } from '../../cards/youSaidCard.js';
import { maySeePlace } from '../../records/access.js';
import { PLACE_CODES, PLACE_NAMES, placeFromText, type PlaceCode } from '../../records/places.js';
import { youSaidWeDid } from '../../records/youSaid.js';
import { guardedRoutes } from '../change/guardedRoutes.js';
import type { BotDeps } from '../ports.js';
import type { BotRoutes } from '../routes.js';
import { type Turn, channelIdOf } from '../turn.js';

const REOPEN = 'with “you said we did” and the place, e.g. “you said we did Blackpool”';
const PLACES = PLACE_CODES.map((c) => PLACE_NAMES[c]).join(', ');

export class YouSaidFlow {
  constructor(private readonly deps: BotDeps) {}

  register(app: BotRoutes): void {
    const routes = guardedRoutes(app, REOPEN);
    routes.readMessage(/^\s*you said,?\s+we did\b(.*)$/i, (context, match) => this.typed(context, match[1] ?? ''));
  }

  private async typed(context: Turn, typed: string): Promise<AdaptiveCardJson> {
    const named = typed.trim();
    let place: PlaceCode | undefined;
    if (named) {
      place = placeFromText(named);
      if (!place)
        return noticeCard(
          'No such place',
          `I don't know the place “${named.slice(0, 60)}”. Try one of: ${PLACES}, e.g. “you said we did Blackpool”.`,
        );
    } else {
      const channelId = channelIdOf(context.activity);
      place = channelId ? (await this.deps.places.placeOfChannel(channelId))?.place : undefined;
      if (!place) return noticeCard('Which place?', `Say which place, e.g. “you said we did Blackpool”. Places: ${PLACES}.`);
    }
    if (!maySeePlace((await this.deps.viewers.of(context)).viewer, place)) {
      return noticeCard(
        `${PLACE_NAMES[place]}: you said, we did`,
        `You can't see ${PLACE_NAMES[place]}'s records from here: as a guest, ask in a partnership channel you were added to.`,
      );
    }
    const actions = await this.deps.records.listByPlace('action', place);
    return youSaidCard(place, youSaidWeDid(actions.map((s) => s.record)));
  }
}

// Who is speaking and what they may see or record in, for every flow (records/access.ts decides;
// bot/teams/viewer.ts asks Teams who is looking).
import { mayRecordIn, maySeePlace, visibleTo } from '../../records/access.js';
import type { Actor } from '../../records/people.js';
import { PLACE_CODES, type PlaceCode } from '../../records/places.js';
import type { BotDeps } from '../ports.js';
import { speaker, type Turn } from '../turn.js';
import { ViewerUnconfirmed } from './cardData.js';

export class Audience {
  constructor(private readonly deps: Pick<BotDeps, 'places' | 'viewers'>) {}

  /** The speaker, with the roles they hold in the record's place. */
  async actor(context: Turn, place: PlaceCode): Promise<Actor> {
    const me = speaker(context);
    return { ...me, roles: await this.deps.places.rolesOf(place, me.id) };
  }

  /**
   * Whether the speaker may see a place's records (records/access.ts: a guest only the places
   * whose channel they are in). Throws ViewerUnconfirmed when Teams could not be asked.
   */
  async maySee(context: Turn, place: PlaceCode): Promise<boolean> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    if (!confirmed) throw new ViewerUnconfirmed();
    return maySeePlace(viewer, place);
  }

  /**
   * The places a form offers the speaker: where they may record (records/access.ts mayRecordIn), so
   * a guest is offered only their channels' places. When Teams will not say, every place: the
   * create path asks again and refuses what is not theirs.
   */
  async recordablePlaces(context: Turn): Promise<readonly PlaceCode[]> {
    return (await this.whereRecording(context)).places;
  }

  /** Who is recording and where they may (one look-up, used for the form's places and the create's check). */
  async whereRecording(context: Turn): Promise<{ confirmed: boolean; places: readonly PlaceCode[] }> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    return { confirmed, places: confirmed ? PLACE_CODES.filter((place) => mayRecordIn(viewer, place)) : PLACE_CODES };
  }

  /** The records of a list the speaker may see (every list a person reads passes here). */
  async visible<T extends { record: { place: PlaceCode } }>(context: Turn, list: readonly T[]): Promise<T[]> {
    const { viewer, confirmed } = await this.deps.viewers.of(context);
    if (!confirmed) throw new ViewerUnconfirmed();
    return visibleTo(viewer, list);
  }
}

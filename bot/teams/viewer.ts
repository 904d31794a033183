// Who is looking, for every read by place or by ref (records/access.ts decides what they see).
//
// How the bot learns it: Teams' member record of the speaker (TeamsInfo.getMember in this
// conversation) gives `userRole` and `tenantId`: a guest is `userRole: guest` (or anonymous), or a
// user whose home tenant is not one of ALLOWED_TENANT_IDS (records/access.ts, isGuest). For a
// guest, the places whose linked channels they are in: for each place's linked channels (place
// settings), Teams is asked whether they are a member of that channel (TeamsInfo.getTeamMember
// with the channel's id). Every look-up is bounded in time (bot/change/timeBound.ts), run in parallel,
// and the answer is kept for five minutes per person (at most 2,000 people), so a member costs one
// look-up per five minutes. If Teams does not answer about the speaker, nothing is kept and the
// person is treated as a guest of no place for this turn (reads say so); a channel Teams does not
// answer for counts as one they are not in.
import { TeamsInfo } from 'botbuilder';
import { isGuest, type Viewer } from '../../records/access.js';
import { PLACE_CODES, type PlaceCode } from '../../records/places.js';
import type { PlaceDirectory } from '../ports.js';
import { within } from '../change/timeBound.js';
import { speaker, type Turn } from '../turn.js';
import { contextOf } from './teamsTurn.js';

const LOOKUP_MS = 1500;
const KEEP_MS = 5 * 60_000;
const MOST_KEPT = 2000;

/** A viewer, and whether Teams could be asked about them (false: treated as a guest of no place, for this turn only). */
export interface Looked {
  viewer: Viewer;
  confirmed: boolean;
}

export class Viewers {
  private readonly kept = new Map<string, { viewer: Viewer; until: number }>();

  constructor(
    private readonly places: Pick<PlaceDirectory, 'channelsOf'>,
    private readonly ownTenants: readonly string[],
    private readonly clock: () => Date,
  ) {}

  /** Look-ups under way, by person: clicks at once by one person ask Teams once. */
  private readonly asking = new Map<string, Promise<Looked>>();

  async of(turn: Turn): Promise<Looked> {
    const me = speaker(turn);
    const hit = this.kept.get(me.id);
    if (hit && hit.until > this.clock().getTime()) return { viewer: hit.viewer, confirmed: true };
    const pending = this.asking.get(me.id);
    if (pending) return pending;
    const asked = this.ask(turn).finally(() => this.asking.delete(me.id));
    this.asking.set(me.id, asked);
    return asked;
  }

  private async ask(turn: Turn): Promise<Looked> {
    const me = speaker(turn);
    const now = this.clock().getTime();
    const teamsId = turn.activity.from?.id || me.id;
    const member = await within(
      TeamsInfo.getMember(contextOf(turn), teamsId).catch(() => undefined),
      LOOKUP_MS,
      () => undefined,
    );
    if (!member) return { viewer: { id: me.id, guest: true, guestOfPlaces: [] }, confirmed: false };
    const viewer: Viewer = isGuest(member, this.ownTenants)
      ? { id: me.id, guest: true, guestOfPlaces: await this.channelPlacesOf(turn, teamsId) }
      : { id: me.id, guest: false };
    this.keep(me.id, viewer, now);
    return { viewer, confirmed: true };
  }

  /** The places with a linked channel Teams says this person is a member of. */
  private async channelPlacesOf(turn: Turn, teamsId: string): Promise<PlaceCode[]> {
    const linked = await Promise.all(PLACE_CODES.map(async (place) => ({ place, channels: await this.places.channelsOf(place) })));
    const checks = linked.flatMap(({ place, channels }) =>
      channels.map(async (channelId) => {
        const found = await within(
          TeamsInfo.getTeamMember(contextOf(turn), channelId, teamsId).catch(() => undefined),
          LOOKUP_MS,
          () => undefined,
        );
        return found ? place : undefined;
      }),
    );
    const inPlaces = new Set((await Promise.all(checks)).filter((p): p is PlaceCode => p !== undefined));
    return PLACE_CODES.filter((p) => inPlaces.has(p));
  }

  private keep(id: string, viewer: Viewer, now: number): void {
    this.kept.delete(id);
    this.kept.set(id, { viewer, until: now + KEEP_MS });
    // Oldest first: a Map keeps insertion order.
    while (this.kept.size > MOST_KEPT) this.kept.delete(this.kept.keys().next().value!);
  }
}

// The forum a meeting is prepared for, from what was typed and where: "prepare meeting Central
// Lancashire Partnership Board", "prepare meeting Lancashire" (its one active forum, else its
// board), or "prepare meeting" in a channel (the forum working in it, else the place's). The rule
// is records/meetingForum.ts; this reads the forums of the places the speaker may see.
import { meetingsNotVisibleCard } from '../../cards/accessCards.js';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { placesVisibleTo } from '../../records/access.js';
import type { Forum } from '../../records/forum.js';
import { scopeOf, type ForumScope } from '../../records/forumScope.js';
import { forumForPlace, forumOfChannel, forumOfMeeting, namedForum } from '../../records/meetingForum.js';
import { PLACE_CODES, PLACE_NAMES, placeFromText, type Locality, type PlaceCode } from '../../records/places.js';
import type { Audience } from '../change/audience.js';
import type { BotDeps } from '../ports.js';
import { channelIdOf, speaker, type Turn } from '../turn.js';

/** The place and forum, or the card saying why none. `forum` is undefined when the place has no active forum yet. */
export type Picked = { ok: true; place: PlaceCode; forum?: Forum } | { ok: false; card: AdaptiveCardJson };

const refused = (card: AdaptiveCardJson): Picked => ({ ok: false, card });

export class MeetingForums {
  constructor(
    private readonly deps: Pick<BotDeps, 'records' | 'places' | 'viewers'>,
    private readonly audience: Audience,
  ) {}

  /** Every forum of a place, archived ones too (a place has a handful: one query). */
  async forumsOf(place: PlaceCode): Promise<Forum[]> {
    return (await this.deps.records.listByPlace('forum', place)).map((s) => s.record);
  }

  /** The forum a stored meeting belongs to (its own, or its place's board for one stored before forums). */
  async ofMeeting(meeting: { place: PlaceCode; forumRef?: string | undefined }): Promise<Forum | undefined> {
    return forumOfMeeting(meeting, await this.forumsOf(meeting.place));
  }

  /** What a forum's agenda draws from (records/forumScope.ts); no forum: the whole place. */
  async scopeOf(forum: Forum | undefined): Promise<ForumScope | undefined> {
    return forum ? scopeOf(forum, await this.forumsOf(forum.place)) : undefined;
  }

  /** The place and forum `prepare meeting <typed>` is for, or the card saying why none. */
  async pick(context: Turn, typed: string): Promise<Picked> {
    const named = typed.trim();
    const here = await this.channelPlace(context);
    if (named) {
      const place = placeFromText(named);
      if (place) {
        if (!(await this.audience.maySee(context, place))) return refused(meetingsNotVisibleCard(place));
        return this.forPlace(place);
      }
      // A forum by name, among the forums of the places the speaker may see (records/access.ts): a guest
      // naming a forum of another place is told no such forum, as for any record they cannot see.
      const { viewer } = await this.deps.viewers.of(context);
      const visible = (await Promise.all(placesVisibleTo(viewer).map((p) => this.forumsOf(p)))).flat();
      const found = namedForum(visible, named, here?.place);
      if (!found.ok)
        return refused(noticeCard(found.reason === 'none' ? 'No such forum or place' : 'That forum cannot meet here', found.line));
      return { ok: true, place: found.forum.place, forum: found.forum };
    }
    if (here) {
      if (!(await this.audience.maySee(context, here.place))) return refused(meetingsNotVisibleCard(here.place));
      const forum = forumOfChannel(await this.forumsOf(here.place), here);
      return { ok: true, place: here.place, ...(forum ? { forum } : {}) };
    }
    const me = speaker(context);
    const roles = await Promise.all(PLACE_CODES.map(async (p) => [p, await this.deps.places.rolesOf(p, me.id)] as const));
    const mine = roles.filter(([, r]) => r.includes('chair') || r.includes('admin')).map(([p]) => p);
    if (mine.length === 1)
      return (await this.audience.maySee(context, mine[0]!)) ? this.forPlace(mine[0]!) : refused(meetingsNotVisibleCard(mine[0]!));
    return refused(
      noticeCard(
        'Which forum?',
        `Name the forum or the place, e.g. “prepare meeting ${PLACE_NAMES[mine[0] ?? 'BPL']}” or “prepare meeting Central Lancashire Partnership Board”.`,
      ),
    );
  }

  private async forPlace(place: PlaceCode): Promise<Picked> {
    const forum = forumForPlace(await this.forumsOf(place));
    return { ok: true, place, ...(forum ? { forum } : {}) };
  }

  /** The place of the channel this was typed in, if linked. */
  private async channelPlace(context: Turn): Promise<{ place: PlaceCode; locality?: Locality; channelId: string } | undefined> {
    if (context.activity.conversation?.conversationType !== 'channel') return undefined;
    const channelId = channelIdOf(context.activity) ?? context.activity.conversation.id ?? '';
    const linked = channelId ? await this.deps.places.placeOfChannel(channelId) : undefined;
    return linked ? { ...linked, channelId } : undefined;
  }
}

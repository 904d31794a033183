// Where a meeting's cards go: posted to the place's linked partnership channels (remembered, so a
// change made from any copy updates the others), and the other posted copies updated after a
// change. Best effort and bounded in time: the record is saved whatever happens to a post.
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { Meeting } from '../../records/meeting.js';
import type { PlaceCode } from '../../records/places.js';
import type { PostedCopies } from '../change/postedCopies.js';
import { waitAtMost, within } from '../change/timeBound.js';
import type { BotDeps, Stored } from '../ports.js';
import { cardAttachment, type Turn } from '../turn.js';

/** How long a turn waits for a post to the place's channel; the record is saved whatever happens to it. */
export const POST_BUDGET_MS = 2000;

export class MeetingPosts {
  constructor(
    private readonly deps: Pick<BotDeps, 'channels'>,
    private readonly copies: PostedCopies,
  ) {}

  /**
   * Posts a card to the place's linked channels, within a bounded time. `linked`: whether the place
   * has any (a post still on its way when the time is up may yet arrive, so it is never posted
   * elsewhere as well); `posted`: the channels that answered with their message.
   */
  async postToPlace(
    place: PlaceCode,
    card: AdaptiveCardJson,
    ref?: string,
    /** Only this channel of the place (a forum's own), if it is linked. */
    channelId?: string,
  ): Promise<{ linked: boolean; posted: string[] }> {
    const channels = this.deps.channels;
    if (!channels) return { linked: false, posted: [] };
    let linked = false;
    try {
      const results = await within(
        channels.post(place, { type: 'message', attachments: [cardAttachment(card)] }, channelId).then((r) => ((linked = r.length > 0), r)),
        POST_BUDGET_MS,
        () => ((linked = true), []),
      );
      // Where a record's card was posted, so a change made from another copy updates it too.
      if (ref) {
        await Promise.all(
          results
            .filter((r) => r.ok && r.activityId)
            .map((r) => this.copies.remember(ref, threadOf(r.reference, r.activityId!), r.activityId!)),
        );
      }
      return { linked, posted: results.filter((r) => r.ok).map((r) => r.channelId) };
    } catch (err) {
      console.warn(`could not post to the channels of ${place}`, err);
      return { linked: true, posted: [] };
    }
  }

  /**
   * After a change from one copy of the meeting card (say a chair's 1:1 copy), the copies posted
   * elsewhere (the place's channel) show `shared`, drawn once. Best effort, bounded.
   */
  async updateCopies(context: Turn, stored: Stored<Meeting>, shared: () => AdaptiveCardJson): Promise<void> {
    await waitAtMost(this.copies.update(stored.record.ref, shared, context.activity.replyToId), POST_BUDGET_MS);
  }
}

/** A new channel post is the root of its own thread: it is updated there (`{channel};messageid={id}`), as Teams names it. */
function threadOf(reference: Record<string, unknown>, activityId: string): Record<string, unknown> {
  const conversation = (reference.conversation ?? {}) as Record<string, unknown>;
  const id = String(conversation.id ?? '');
  if (!id || id.includes(';messageid=')) return reference;
  return { ...reference, conversation: { ...conversation, id: `${id};messageid=${activityId}` } };
}

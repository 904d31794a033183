// The weekly digest's two steps, shared by the Functions timer/queue triggers, the local host
// and `npm run digest`:
//   tick(now)     for each place with digests on and each linked channel, once Monday 09:00
//                 London of the current ISO week has passed: claim (place, channel, week) with one
//                 conditional insert and enqueue one message. Safe however often and wherever it runs.
//   work(message) compose and post that channel's digest through the sender, writing down before
//                 and after the post what was sent, so a re-run posts only what was not.
import { digestCard } from '../../cards/digestCard.js';
import { composeDigest, type Digest } from '../../records/digest.js';
import { gatherDigestSources, type DigestReads } from '../../records/digestSources.js';
import { PLACE_CODES, type PlaceCode } from '../../records/places.js';
import type { PlaceSettings } from '../../records/placeSettings.js';
import { digestTimeOf, dueDigestWeek, type WeekKey } from '../../records/schedule.js';
import {
  decodeMessage,
  type ChannelReference,
  type DigestClaim,
  type DigestMessage,
  type DigestQueue,
  type DigestStore,
  type PlaceStore,
} from '../ports.js';
import type { ProactiveSender } from '../teams/sender.js';
import { cardAttachment } from '../turn.js';

/** A claim left in `claimed` this long (its message lost in a crash) is enqueued again by a later tick. */
export const REQUEUE_AFTER_MS = 10 * 60_000;
/** A claim left in `posting` this long belongs to a worker that died mid-post: another may take over. */
export const POSTING_LEASE_MS = 5 * 60_000;
/** Posts tried for one channel and week before it is recorded as failed. */
export const MAX_ATTEMPTS = 8;

export interface DigestDeps {
  records: DigestReads;
  places: Pick<PlaceStore, 'get' | 'listChannelReferences' | 'getChannelReference' | 'stopChannel'>;
  digests: Pick<DigestStore, 'claim' | 'get' | 'update'>;
  queue: Pick<DigestQueue, 'send'>;
  sender: Pick<ProactiveSender, 'send'>;
}

export type TickOutcome = 'queued' | 'requeued' | 'already claimed' | 'skipped';
export interface TickLine {
  place: PlaceCode;
  channelId: string;
  channelName: string;
  week: WeekKey;
  outcome: TickOutcome;
  reason?: string;
}

export type WorkOutcome = 'posted' | 'already sent' | 'skipped' | 'failed' | 'busy';
export interface WorkLine {
  message: DigestMessage;
  outcome: WorkOutcome;
  reason?: string;
  activityId?: string;
}

/** Thrown when a message should come back later (the queue's retry and poison queue handle it). */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

export class DigestService {
  constructor(private readonly deps: DigestDeps) {}

  /** One timer tick. Returns a line per place and channel (places without settings are silent). */
  async tick(now: Date): Promise<TickLine[]> {
    const week = dueDigestWeek(now);
    if (!week) return [];
    const lines: TickLine[] = [];
    for (const place of PLACE_CODES) {
      const settings = (await this.deps.places.get(place))?.record;
      if (!settings) continue;
      const channels = await this.deps.places.listChannelReferences(place);
      for (const channel of channels) {
        const base = { place, channelId: channel.channelId, channelName: channelName(settings, channel), week };
        const skip = skipReason(settings, channel, week);
        if (skip) {
          lines.push({ ...base, outcome: 'skipped', reason: skip });
          continue;
        }
        const message: DigestMessage = { place, channelId: channel.channelId, week, at: now.toISOString() };
        if (await this.deps.digests.claim(place, week, channel.channelId, now)) {
          await this.deps.queue.send(message);
          lines.push({ ...base, outcome: 'queued' });
          continue;
        }
        lines.push({ ...base, ...(await this.requeueIfLost(message, now)) });
      }
    }
    return lines;
  }

  /**
   * A claim whose message was lost (a crash between claim and enqueue), or whose worker died
   * mid-post (`posting` past its lease, after the queue's own retries ran out), is enqueued again,
   * at most once per REQUEUE_AFTER_MS; after MAX_ATTEMPTS posts it is given up and recorded.
   */
  private async requeueIfLost(message: DigestMessage, now: Date): Promise<{ outcome: TickOutcome; reason?: string }> {
    const found = await this.deps.digests.get(message.place, message.week, message.channelId);
    if (!found) return { outcome: 'already claimed' };
    const { claim, etag } = found;
    const age = (iso: string | undefined) => now.getTime() - Date.parse(iso ?? claim.claimedAt);
    const stuck =
      (claim.state === 'claimed' && age(claim.claimedAt) >= REQUEUE_AFTER_MS) ||
      (claim.state === 'posting' && age(claim.postingAt) >= POSTING_LEASE_MS);
    if (!stuck || (claim.requeuedAt && age(claim.requeuedAt) < REQUEUE_AFTER_MS))
      return { outcome: 'already claimed', reason: claim.state };
    try {
      if (claim.attempts >= MAX_ATTEMPTS) {
        await this.deps.digests.update(
          { ...claim, state: 'failed', reason: `gave up after ${claim.attempts} attempts: ${claim.reason ?? 'no answer'}` },
          etag,
        );
        return { outcome: 'skipped', reason: `gave up after ${claim.attempts} attempts` };
      }
      await this.deps.digests.update({ ...claim, requeuedAt: now.toISOString() }, etag);
    } catch (err) {
      if ((err as { code?: string }).code === 'STALE') return { outcome: 'already claimed', reason: claim.state };
      throw err;
    }
    await this.deps.queue.send(message);
    return {
      outcome: 'requeued',
      reason: `still ${claim.state}, unsent ${Math.round(age(claim.claimedAt) / 60_000)} minutes after it was claimed`,
    };
  }

  /** What the place's channel digest for `week` says (for the worker and for `digest preview`). */
  async compose(
    settings: PlaceSettings,
    channel: Pick<ChannelReference, 'channelId'> | undefined,
    week: WeekKey,
    now: Date,
  ): Promise<Digest> {
    const locality = channel ? settings.channels.find((c) => c.id === channel.channelId)?.locality : undefined;
    const sources = await gatherDigestSources(this.deps.records, settings, locality ? { locality } : {}, week, now);
    return composeDigest(sources);
  }

  /** Handles one queue message. Throws RetryLater when the message should come back later. */
  async work(body: unknown, now: Date): Promise<WorkLine> {
    const message = decodeMessage(body);
    const line = (outcome: WorkOutcome, reason?: string, activityId?: string): WorkLine => ({
      message,
      outcome,
      ...(reason ? { reason } : {}),
      ...(activityId ? { activityId } : {}),
    });
    const found = await this.deps.digests.get(message.place, message.week, message.channelId);
    if (!found) return line('skipped', 'no claim for this week (nothing to do)');
    let { claim, etag } = found;
    if (claim.state === 'sent') return line('already sent', `activity ${claim.activityId ?? '?'}`, claim.activityId);
    if (claim.state === 'failed' || claim.state === 'skipped') return line('skipped', claim.reason ?? claim.state);
    if (claim.state === 'posting' && now.getTime() - Date.parse(claim.postingAt ?? claim.claimedAt) < POSTING_LEASE_MS) {
      throw new RetryLater(`${message.place} ${message.channelId} ${message.week} is being posted by another worker`);
    }

    const settings = (await this.deps.places.get(message.place))?.record;
    const channel = await this.deps.places.getChannelReference(message.place, message.channelId);
    const stop = !settings
      ? 'the place has no settings'
      : !channel
        ? 'the channel is no longer linked'
        : skipReason(settings, channel, message.week);
    if (stop || !settings || !channel) {
      await this.finish(claim, etag, { state: 'skipped', reason: stop ?? 'not linked' });
      return line('skipped', stop);
    }

    const digest = await this.compose(settings, channel, message.week, message.at ? new Date(message.at) : now);
    const card = digestCard(digest);
    // Before the post: write down that it is being posted. A re-run that finds `posting` after the
    // lease posts again: that is the one window in which a post can be duplicated (see README).
    try {
      etag = await this.deps.digests.update(
        (claim = { ...claim, state: 'posting', postingAt: now.toISOString(), attempts: claim.attempts + 1 }),
        etag,
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'STALE') return line('busy', 'another worker took this digest');
      throw err;
    }
    const result = await this.deps.sender.send(channel.reference, {
      type: 'message',
      summary: digest.title,
      attachments: [cardAttachment(card)],
    });
    if (result.ok) {
      await this.finish(claim, etag, { state: 'sent', activityId: result.activityId, sentAt: new Date().toISOString() });
      return line(
        'posted',
        `${digest.sections.length} sections, ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`,
        result.activityId,
      );
    }
    if (result.gone) {
      const reason = `Teams refused the post (${result.reason}): the bot may have been removed from the team`;
      await this.finish(claim, etag, { state: 'failed', reason });
      await this.deps.places.stopChannel(message.place, message.channelId, reason, now);
      return line('failed', reason);
    }
    // Not posted and not known to be gone: back to `claimed`, and let the queue retry the message.
    await this.finish(claim, etag, { state: 'claimed', reason: result.reason });
    throw new RetryLater(`posting ${message.place} ${message.channelId} ${message.week} failed: ${result.reason}`);
  }

  private async finish(claim: DigestClaim, etag: string, change: Partial<DigestClaim>): Promise<void> {
    await this.deps.digests.update({ ...claim, ...change }, etag);
  }
}

function channelName(settings: PlaceSettings, channel: ChannelReference): string {
  return settings.channels.find((c) => c.id === channel.channelId)?.name ?? channel.channelId;
}

/** Why a channel gets no digest this week, or undefined when it should. */
function skipReason(settings: PlaceSettings, channel: ChannelReference, week: WeekKey): string | undefined {
  if (!settings.digestEnabled) return 'digest is off for this place';
  if (channel.stopped) return `stopped ${channel.stopped.at.slice(0, 10)}: ${channel.stopped.reason}`;
  if (!settings.channels.some((c) => c.id === channel.channelId)) return 'the channel is no longer linked to the place';
  if (Date.parse(channel.savedAt) > digestTimeOf(week).getTime())
    return 'linked after this week’s digest time; the first digest comes next Monday';
  return undefined;
}

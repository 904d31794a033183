// The meeting cycle on the digest's timer: each tick reads, per place, its forums, its meetings
// dated in the cycle's window (records/forumCycle.ts cycleWindow: index rows, never the history)
// and the markers of that window, asks the pure rule what is due, and sends each notice once:
// claimed first (an insert-if-absent marker, records/store/cycleStore.ts), then sent 1:1 through
// the person's stored personal chat. A crash leaves the claim, which the next tick takes over after
// the lease; someone who never talked to the bot is reported, and sent it once they have.
// The board pack is offered through the board pack's own delivery (file consent cards, 1:1).
import { fileConsentAttachment, PACK_FILE_LABELS } from '../../cards/boardPackCards.js';
import { noticeCard } from '../../cards/commonCards.js';
import { londonToday } from '../../records/dates.js';
import type { Forum } from '../../records/forum.js';
import { cycleWindow, dueCycleDay, dueCycleNotices, noticeKey, type CycleNotice, type CycleNoticeKind } from '../../records/forumCycle.js';
import type { Meeting } from '../../records/meeting.js';
import { PACK_FILE_KINDS, type PackFileKind } from '../../records/pack/packFiles.js';
import type { Person } from '../../records/people.js';
import { PLACE_CODES, PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import type { PlaceSettings } from '../../records/placeSettings.js';
import type { SignOff } from '../../records/signoff.js';
import type { Stored } from '../../records/stored.js';
import { CYCLE_LEASE_MS, CycleStore, type CycleMarker, type CycleState } from '../../records/store/cycleStore.js';
import { storeErrorCode } from '../ports.js';
import { cardAttachment, type OutgoingActivity, type SendResult } from '../turn.js';

export interface CycleDeps {
  records: {
    listByPlace(kind: 'forum', place: PlaceCode): Promise<Stored<Forum>[]>;
    meetings: { meetingsDated(place: PlaceCode, from: string, to: string): Promise<Stored<Meeting>[]> };
    get(kind: 'signoff', ref: string): Promise<Stored<SignOff> | undefined>;
  };
  places: { get(place: PlaceCode): Promise<Stored<PlaceSettings> | undefined> };
  people: { get(personId: string): Promise<{ reference: Record<string, unknown> } | undefined> };
  markers: Pick<CycleStore, 'claim' | 'get' | 'update' | 'markersBetween'>;
  sender: { send(reference: Record<string, unknown>, activity: OutgoingActivity): Promise<SendResult> };
  /** The board pack's file names if made now (bot/boardPack/packDelivery.ts fileNames): the consent cards name them. */
  pack: { fileNames(place: PlaceCode, madeFor: Person, now: Date, meeting?: string): Promise<Record<PackFileKind, string>> };
}

export type CycleOutcome = 'sent' | 'already sent' | 'in progress elsewhere' | 'never talked to the bot' | 'failed';

export interface CycleLine {
  place: PlaceCode;
  forum: string;
  kind: CycleNoticeKind;
  meetingDate: string;
  meetingRef?: string;
  person: string;
  title: string;
  outcome: CycleOutcome;
  activityId?: string;
  reason?: string;
}

type Held = { marker: CycleMarker; etag: string };

/** A send Teams refused for a passing reason (not a chat that is gone) is tried at most this many times. */
const CYCLE_MAX_ATTEMPTS = 3;

const FINAL: Record<string, CycleOutcome> = { sent: 'already sent', failed: 'failed' };

export class CycleService {
  constructor(private readonly deps: CycleDeps) {}

  /** One timer tick: every notice due now, each sent at most once however many ticks or instances run. */
  async tick(now: Date): Promise<CycleLine[]> {
    if (!dueCycleDay(now)) return [];
    const perPlace = await Promise.all(PLACE_CODES.map((place) => this.tickPlace(place, now)));
    return perPlace.flat();
  }

  private async tickPlace(place: PlaceCode, now: Date): Promise<CycleLine[]> {
    const forums = (await this.deps.records.listByPlace('forum', place)).map((s) => s.record);
    if (!forums.some((f) => f.status === 'ACTIVE')) return [];
    const window = cycleWindow(londonToday(now));
    const [meetings, settings] = await Promise.all([
      this.deps.records.meetings.meetingsDated(place, window.from, window.to).then((list) => list.map((s) => s.record)),
      this.deps.places.get(place).then((s) => s?.record),
    ]);
    // Only the sign-offs key messages wait on (one point read each), to know how long they have waited.
    const waiting = meetings.flatMap((m) =>
      m.status === 'KEY_MESSAGES_AWAITING_SIGNOFF' && m.keyMessages?.signOffRef ? [m.keyMessages.signOffRef] : [],
    );
    const signOffs = await Promise.all(waiting.map((ref) => this.deps.records.get('signoff', ref)));
    const signOffRequestedAt = Object.fromEntries(signOffs.flatMap((s) => (s ? [[s.record.ref, s.record.requestedAt]] : [])));
    const notices = dueCycleNotices({ place, forums, meetings, signOffRequestedAt, settings, now });
    if (!notices.length) return [];
    const markers = await this.deps.markers.markersBetween(place, window.from, window.to);
    const lines: CycleLine[] = [];
    // One after another: a person's pack is several messages, and the sender keeps Teams' pace.
    for (const n of notices) lines.push(await this.handle(n, markers.get(noticeKey(n)), now));
    return lines;
  }

  private async handle(n: CycleNotice, found: Held | undefined, now: Date): Promise<CycleLine> {
    const line = (outcome: CycleOutcome, more: { activityId?: string; reason?: string } = {}): CycleLine => ({
      place: n.place,
      forum: n.forum,
      kind: n.kind,
      meetingDate: n.meetingDate,
      ...(n.meetingRef ? { meetingRef: n.meetingRef } : {}),
      person: n.to.name,
      title: n.title,
      outcome,
      ...more,
    });
    const key = noticeKey(n);
    let held = found;
    if (!held) {
      const fresh = CycleStore.markerOf(n, key, now);
      const claim = await this.deps.markers.claim(fresh);
      if (claim.claimed) return this.send(n, { marker: fresh, etag: claim.etag }, now, line);
      held = await this.deps.markers.get(n.place, key);
      if (!held) return line('in progress elsewhere');
    }
    const { marker } = held;
    const final = FINAL[marker.state];
    if (final)
      return line(final, {
        ...(marker.activityId ? { activityId: marker.activityId } : {}),
        ...(marker.reason ? { reason: marker.reason } : {}),
      });
    if (marker.state === 'unreachable' && !(await this.deps.people.get(n.to.id)))
      return line('never talked to the bot', { reason: marker.reason ?? 'no personal chat with the bot yet' });
    const since = now.getTime() - Date.parse(marker.sendingAt ?? marker.claimedAt);
    if ((marker.state === 'claimed' || marker.state === 'sending') && since < CYCLE_LEASE_MS) return line('in progress elsewhere');
    // Taken over (a crash left it, or the person has talked to the bot since): ETag-checked, so one taker only.
    const taken = { ...marker, state: 'sending' as const, sendingAt: now.toISOString(), attempts: marker.attempts + 1 };
    try {
      return await this.send(n, { marker: taken, etag: await this.deps.markers.update(taken, held.etag) }, now, line);
    } catch (err) {
      if (storeErrorCode(err) === 'STALE') return line('in progress elsewhere');
      throw err;
    }
  }

  private async send(
    n: CycleNotice,
    held: Held,
    now: Date,
    line: (outcome: CycleOutcome, more?: { activityId?: string; reason?: string }) => CycleLine,
  ): Promise<CycleLine> {
    const reference = (await this.deps.people.get(n.to.id))?.reference;
    if (!reference) {
      const reason = `${n.to.name} has never talked to the bot, so has no personal chat to send it to: it goes once they do`;
      await this.finish(held, 'unreachable', { reason });
      return line('never talked to the bot', { reason });
    }
    const sent = await this.deps.sender.send(reference, {
      type: 'message',
      summary: n.title,
      attachments: [cardAttachment(noticeCard(n.title, n.text))],
    });
    if (!sent.ok) {
      // The chat is gone (403/404), or it kept failing CYCLE_MAX_ATTEMPTS times: recorded, not retried every tick.
      // Otherwise left `sending`, so a tick after the lease tries again.
      if (!sent.gone && held.marker.attempts + 1 < CYCLE_MAX_ATTEMPTS) {
        await this.finish(held, 'sending', { reason: sent.reason, sendingAt: now.toISOString() });
        return line('failed', { reason: `${sent.reason}; tried again at a later tick` });
      }
      await this.finish(held, 'failed', { reason: sent.reason });
      return line('failed', { reason: sent.reason });
    }
    const missed = n.kind === 'pack' ? await this.offerPackFiles(n, reference, now) : 0;
    const reason = missed ? `${missed} of the ${PACK_FILE_KINDS.length} file offers could not be sent` : undefined;
    await this.finish(held, 'sent', { activityId: sent.activityId, sentAt: now.toISOString(), ...(reason ? { reason } : {}) });
    return line('sent', { activityId: sent.activityId, ...(reason ? { reason } : {}) });
  }

  /** The board pack's consent cards, as `board pack <place>` sends them in a personal chat; how many could not be sent. */
  private async offerPackFiles(n: CycleNotice, reference: Record<string, unknown>, now: Date): Promise<number> {
    // The prepared meeting's pack (its cover, agenda and the forum's last key messages), else the place's.
    const names = await this.deps.pack.fileNames(n.place, n.to, now, n.meetingRef);
    let missed = 0;
    for (const kind of PACK_FILE_KINDS) {
      const description = `${PACK_FILE_LABELS[kind]} for ${PLACE_NAMES[n.place]}, for ${n.forum} on ${n.meetingDate}, made from the current records when you allow it.`;
      const sent = await this.deps.sender.send(reference, {
        type: 'message',
        attachments: [
          fileConsentAttachment({
            fileName: names[kind],
            kind,
            place: n.place,
            description,
            forum: n.forumRef,
            ...(n.meetingRef ? { meeting: n.meetingRef } : {}),
          }),
        ],
      });
      if (!sent.ok) missed += 1;
    }
    return missed;
  }

  /** Records how it ended, if nobody took it over meanwhile (ETag-checked; a lost race is left to the taker). */
  private async finish(held: Held, state: CycleState, more: Partial<CycleMarker>): Promise<void> {
    try {
      await this.deps.markers.update({ ...held.marker, ...more, state }, held.etag);
    } catch (err) {
      if (storeErrorCode(err) !== 'STALE') throw err;
    }
  }
}

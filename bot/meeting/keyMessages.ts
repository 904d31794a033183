// A meeting's key messages, from the secretary's draft to the channel: sent to the place's chairs as
// a sign-off (created through the one create path), then, once the chair has decided (a reaction
// to the sign-off changing, bot/teams/app.ts), published to the forum's own channel (else the
// place's) or sent back to
// the secretary with the comment. Every step is the meeting's own rule and write.
import { keyMessagesCard } from '../../cards/meetingCards.js';
import type { MeetingCardValues } from '../../cards/meetingCards.js';
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { addDays, londonToday } from '../../records/dates.js';
import type { Actor } from '../../records/people.js';
import { toPerson } from '../../records/people.js';
import { PLACE_NAMES } from '../../records/places.js';
import { parseRef } from '../../records/refs.js';
import {
  applyMeetingCommand,
  keyMessagesTitle,
  mayGiveMeeting,
  mayRunMeeting,
  NOT_CHAIR_OR_ADMIN,
  type Meeting,
  type MeetingCommand,
} from '../../records/meeting.js';
import { createSignOff, type SignOff } from '../../records/signoff.js';
import { keyMessagesDelegates, keyMessagesSigner } from '../../records/forumDelegates.js';
import type { SignOffCommand } from '../../records/signoffCommands.js';
import { cardRef } from '../change/cardData.js';
import type { CardChanges } from '../change/cardChanges.js';
import { commitByRef } from '../change/commit.js';
import type { RecordCards } from '../change/declarations.js';
import type { Audience } from '../change/audience.js';
import type { Mechanics } from '../change/mechanics.js';
import type { RecordCreation } from '../change/recordCreation.js';
import { waitAtMost } from '../change/timeBound.js';
import type { BotDeps, Stored } from '../ports.js';
import { teamsIdsOf } from '../teams/members.js';
import { cardAttachment, postCard, type Turn } from '../turn.js';
import { POST_BUDGET_MS, type MeetingPosts } from './meetingPosts.js';
import type { ItemValues } from './meetingVerbs.js';
import type { MeetingForums } from './meetingForums.js';

/** What the key messages need of the meeting card (the meeting flow has them). */
export interface MeetingCardDrawing {
  readonly cards: RecordCards<'meeting', MeetingCommand, MeetingCardValues>;
  visibleMeeting(context: Turn, ref: string, etag?: string): Promise<Stored<Meeting> | undefined>;
  draw(
    stored: Stored<Meeting>,
    actor: Actor,
    extras?: { heading?: string; notice?: Notice; values?: MeetingCardValues; kept?: { ref: string; values: ItemValues } },
  ): Promise<AdaptiveCardJson>;
  drawShared(stored: Stored<Meeting>, notice: Notice): AdaptiveCardJson;
  /** Which forum a meeting is of: its chairs sign its key messages off. */
  readonly forums: MeetingForums;
}

export class KeyMessages {
  private readonly changes: CardChanges;
  private readonly audience: Audience;
  private readonly creation: RecordCreation;

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
    private readonly meeting: MeetingCardDrawing,
    private readonly posts: MeetingPosts,
    private readonly signOffCards: RecordCards<'signoff', SignOffCommand, unknown>,
  ) {
    ({ changes: this.changes, audience: this.audience, creation: this.creation } = mechanics);
  }

  async send(context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
    const { ref, etag } = cardRef(data);
    const meeting = await this.meeting.visibleMeeting(context, ref, etag);
    if (!meeting) return noticeCard(`No meeting ${ref}`, 'There is no meeting with that reference.');
    const m = meeting.record;
    const actor = await this.audience.actor(context, m.place);
    const say = (text: string, style: Notice['style'] = 'attention') => this.meeting.draw(meeting, actor, { notice: { text, style } });
    if (!etag || etag !== meeting.etag)
      return say('Someone else changed this meeting while you had it open, so nothing was sent. Here is the latest.', 'warning');
    if (!mayGiveMeeting(m, actor, 'requestSignOff')) {
      return say(mayRunMeeting(actor, m) ? `${m.ref} has no key messages ready to send: draft them first.` : NOT_CHAIR_OR_ADMIN);
    }
    // The forum's chairs sign its key messages off; a place with no forum yet, its chairs (as before forums).
    const forum = await this.meeting.forums.ofMeeting(m);
    const chairs = forum ? forum.chairs : (await this.deps.places.signOffPeopleOf(m.place)).chairs;
    const approvers = chairs.filter((c) => c.id !== actor.id).map(toPerson);
    if (!approvers.length)
      return say(
        forum
          ? `${forum.name} has no chair (other than you) to sign off its key messages: ask a place admin to name one on the forum.`
          : `${PLACE_NAMES[m.place]} has no chair named (other than you) to sign off its key messages: ask the place admin to name one in setup.`,
      );
    // Delegates the forum's chairs named for this meeting, or standing (records/forumDelegates.ts).
    const delegates = keyMessagesDelegates(forum, m.ref, approvers, actor.id);
    const personal = context.activity.conversation?.conversationType === 'personal';
    const teamsIds = personal ? [] : await teamsIdsOf(context, [...approvers, ...delegates.map((d) => d.delegate)]);
    const km = m.keyMessages!;
    // Through the one create path (the speaker's right to record in the place, reactions), as the meeting's secretary.
    const created = await this.creation.createFor(
      context,
      'signoff',
      m.place,
      (signOffRef, now) =>
        createSignOff(
          {
            place: m.place,
            board: m.board,
            title: keyMessagesTitle(m),
            summary: km.text,
            itemType: 'key-messages',
            route: 'meeting',
            subjectRef: m.ref,
            approvers,
            delegates,
            mode: 'FIRST',
            dueBy: addDays(londonToday(now), 14),
            teamsIds,
          },
          signOffRef,
          { ...actor, roles: [] },
          now,
        ),
      { formId: sendFormId(m), actor },
    );
    if (!created.ok) return say(created.refusal.message);
    const signOff = created.stored;
    const waiting = await this.changes.attempt(
      context,
      m.ref,
      meeting.etag,
      this.meeting.cards,
      { type: 'requestSignOff', signOffRef: signOff.record.ref },
      'Sent for sign-off',
    );
    if (!waiting.ok) return say(waiting.text, waiting.why === 'stale' ? 'warning' : 'attention');
    if (!created.resubmitted) {
      const posted = await postCard(
        context,
        this.signOffCards.sharedCard(signOff, { text: `${actor.name} asks the chair to sign off these key messages.`, style: 'accent' }),
      );
      if (posted) await this.changes.copies.remember(signOff.record.ref, context, posted);
    }
    return this.meeting.draw(waiting.stored, actor, {
      notice: {
        text: `Sent to ${approvers.map((a) => a.name).join(' and ')} for sign-off as ${signOff.record.ref}; its card is posted here. Once approved, the key messages are posted to the ${PLACE_NAMES[m.place]} channel.`,
        style: 'good',
      },
    });
  }

  /**
   * After a sign-off changes (the sign-off flow tells us): key messages approved are published
   * (the meeting written once, then posted once to the place's channel, or here if none is
   * linked); rejected or asked about, they go back to the secretary with the comment. Best effort:
   * never throws.
   */
  async afterSignOff(context: Turn, stored: Stored<SignOff>): Promise<void> {
    const s = stored.record;
    if (s.itemType !== 'key-messages' || !s.subjectRef || parseRef(s.subjectRef)?.kind !== 'meeting') return;
    const approved = s.status === 'APPROVED' || s.status === 'APPROVED_WITH_CONDITIONS';
    const returned = s.status === 'REJECTED' || s.status === 'INFO_REQUESTED';
    if (!approved && !returned) return;
    const by = s.decision?.by ?? s.infoRequests.at(-1)?.by ?? s.approvers[0]!;
    try {
      // Signed with the title the chair has in the meeting's forum (records/meeting.ts signingTitle).
      const current = approved ? await this.deps.records.get('meeting', s.subjectRef) : undefined;
      const forum = current ? await this.meeting.forums.ofMeeting(current.record) : undefined;
      // A delegate's approval is signed "<delegate> on behalf of <chair>" with that chair's title, never as a chair's own.
      const signer = approved ? keyMessagesSigner(s, forum?.chairs) : undefined;
      const command: MeetingCommand = signer
        ? { type: 'publish', ...signer }
        : { type: 'returnKeyMessages', comment: s.decision?.comment ?? s.infoRequests.at(-1)?.question ?? 'No comment given.', by };
      // The meeting's own rule, one ETag-checked write; read again (and decided again) if written meanwhile:
      // published only while it is still waiting for this sign-off.
      const done = await commitByRef(this.deps.records, 'meeting', s.subjectRef, (meeting) =>
        meeting.keyMessages?.signOffRef === s.ref && meeting.status === 'KEY_MESSAGES_AWAITING_SIGNOFF'
          ? applyMeetingCommand(meeting, { ...toPerson(by), roles: [] }, command, this.deps.clock())
          : undefined,
      );
      if (!done.ok) return;
      if (approved) await this.publish(context, done.stored.record);
      else await this.tellSecretary(done.stored.record, s);
      const line = approved ? `Key messages signed off by ${by.name} and published.` : `Key messages sent back by ${by.name}.`;
      await this.posts.updateCopies(context, done.stored, () =>
        this.meeting.drawShared(done.stored, { text: line, style: approved ? 'good' : 'warning' }),
      );
    } catch (err) {
      console.warn(`key messages of ${s.subjectRef} were not updated after ${s.ref}`, err);
    }
  }

  /** Posted to the forum's own channel when it works in one linked to the place, else to the place's channels, else here. */
  private async publish(context: Turn, m: Meeting): Promise<void> {
    const card = keyMessagesCard(m);
    const channelId = (await this.meeting.forums.ofMeeting(m))?.channelId;
    const toForum = channelId ? await this.posts.postToPlace(m.place, card, undefined, channelId) : undefined;
    const { linked } = toForum?.linked ? toForum : await this.posts.postToPlace(m.place, card);
    if (!linked) await postCard(context, card);
  }

  private async tellSecretary(m: Meeting, s: SignOff): Promise<void> {
    const messenger = this.deps.messenger;
    const reference = messenger ? await messenger.referenceOf(s.requestedBy.id) : undefined;
    if (!messenger || !reference) return;
    const line = `${m.keyMessages!.returned!.by.name} sent the key messages of ${m.ref} back: ${m.keyMessages!.returned!.comment}. Edit them on the meeting card and send them again.`;
    await waitAtMost(
      messenger.send(reference, { type: 'message', attachments: [cardAttachment(noticeCard(`Key messages of ${m.ref} sent back`, line))] }),
      POST_BUDGET_MS,
    );
  }
}

/** One form id per meeting and draft of its key messages: sending the same draft twice asks once. */
function sendFormId(m: Meeting): string {
  const key = `${m.ref}-${m.keyMessages?.draftedAt ?? ''}`.replace(/[^A-Za-z0-9-]/g, '');
  return `km-${key}`.slice(0, 64);
}

// "Close agreed actions" on the meeting card: each ticked action closed by its own kind's rule
// through the one change pipeline (one ETag-checked write and one audit event each), under the
// forum's rule for who decides at its meetings; the meeting card then says which were closed.
import { z } from 'zod';
import { noticeCard, type Notice } from '../../cards/commonCards.js';
import type { MeetingCardValues } from '../../cards/meetingCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { ActionCommand } from '../../records/action.js';
import { mayDecideAtMeeting, NOT_FORUM_CHAIR_OR_ADMIN } from '../../records/meetingDeciders.js';
import { forumOfMeeting } from '../../records/meetingForum.js';
import { parseRef } from '../../records/refs.js';
import type { Audience } from '../change/audience.js';
import { cardJson, cardRef, ECHO_LIMIT } from '../change/cardData.js';
import type { CardChanges } from '../change/cardChanges.js';
import type { RecordCards } from '../change/declarations.js';
import { text } from '../change/forms.js';
import { storeErrorCode, type BotDeps, type Stored } from '../ports.js';
import type { Forum } from '../../records/forum.js';
import type { Meeting } from '../../records/meeting.js';
import type { Actor } from '../../records/people.js';
import type { Turn } from '../turn.js';
import { NOTE } from './meetingVerbs.js';

/** What closing agreed actions works with: the meeting flow's card and reads, and the actions' own cards. */
export interface AgreedClosures {
  meetings: {
    visibleMeeting(context: Turn, ref: string): Promise<Stored<Meeting> | undefined>;
    draw(
      stored: Stored<Meeting>,
      actor: Actor,
      extras: { notice: Notice; values?: MeetingCardValues; forums: readonly Stored<Forum>[] },
    ): Promise<AdaptiveCardJson>;
    drawShared(stored: Stored<Meeting>, notice: Notice): AdaptiveCardJson;
  };
  changes: CardChanges;
  audience: Audience;
  actions: RecordCards<'action', ActionCommand, unknown>;
  records: BotDeps['records'];
}

/**
 * "Close agreed actions": each ticked action closed on its own (one ETag-checked write and one
 * audit event each); the card then says, one line per action, which were closed and which not.
 */
export async function closeAgreed(on: AgreedClosures, context: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson> {
  const { ref } = cardRef(data);
  const meeting = await on.meetings.visibleMeeting(context, ref);
  if (!meeting) return noticeCard(`No meeting ${ref}`, 'There is no meeting with that reference.');
  const actor = await on.audience.actor(context, meeting.record.place);
  const values: MeetingCardValues = {
    agreed: text(data.agreed).slice(0, 2000),
    batchDecision: text(data.batchDecision).slice(0, ECHO_LIMIT),
  };
  // The place's forums, read once: for the rule and for every drawing of the card below (closing actions changes none).
  const forums = await on.records.listByPlace('forum', meeting.record.place);
  const refuse = (line: string) => on.meetings.draw(meeting, actor, { notice: { text: line, style: 'attention' }, values, forums });
  if (
    !mayDecideAtMeeting(
      actor,
      forumOfMeeting(
        meeting.record,
        forums.map((s) => s.record),
      ),
    )
  )
    return refuse(NOT_FORUM_CHAIR_OR_ADMIN);
  const decision = text(data.batchDecision).trim();
  const refs = [
    ...new Set(
      text(data.agreed)
        .split(',')
        .map((r) => r.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
  if (!refs.length) return refuse('Tick at least one action that the meeting agreed to close.');
  if (!decision) return refuse('Record the decision to close them.');
  if (decision.length > NOTE)
    return refuse(`The decision is ${decision.length.toLocaleString('en-GB')} characters; the limit is ${NOTE.toLocaleString('en-GB')}.`);
  const etags = z.record(z.string().max(200)).catch({}).parse(cardJson(data.etags));
  const onAgenda = new Set(meeting.record.agenda.map((i) => i.ref));
  // Each action its own write by its own rule; the meeting (which these writes leave as it is) is shared once, below.
  const cards = on.actions;
  const lines = await Promise.all(
    refs.slice(0, 60).map(async (actionRef) => {
      if (!onAgenda.has(actionRef) || parseRef(actionRef)?.kind !== 'action')
        return `${actionRef}: not closed, it is not on this meeting's agenda.`;
      try {
        const done = await on.changes.attempt(
          context,
          actionRef,
          etags[actionRef],
          cards,
          { type: 'close', decision, atMeeting: ref },
          'Closed',
          { share: false },
        );
        return done.ok
          ? `${actionRef}: closed.`
          : `${actionRef}: not closed. ${done.why === 'stale' ? 'It changed since this card was drawn; it is shown as it is now.' : done.text}`;
      } catch (err) {
        if (storeErrorCode(err) === 'UNAVAILABLE')
          return `${actionRef}: not closed, the record store is not answering. Try it again in a minute.`;
        throw err;
      }
    }),
  );
  const closed = lines.filter((l) => l.endsWith(': closed.')).length;
  const notice: Notice = {
    text: `${closed} of ${refs.length} closed. ${lines.join(' ')}`,
    style: closed === refs.length ? 'good' : 'warning',
  };
  if (closed) {
    let drawn: AdaptiveCardJson | undefined;
    const shared = () =>
      (drawn ??= on.meetings.drawShared(meeting, { text: `${closed} actions closed by ${actor.name}.`, style: 'accent' }));
    await on.changes.shareWithConversation(context, shared, ref);
    await on.changes.copies?.update(ref, shared, context.activity.replyToId);
  }
  return on.meetings.draw(meeting, actor, { notice, forums, ...(closed === refs.length ? {} : { values }) });
}

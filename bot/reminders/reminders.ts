// Weekday reminders to people, 1:1: from 08:00 UK time, Monday to Friday, at most one message per
// person per day, only when there is something. And the chat side: the personal conversation
// reference is saved when a person installs the app or first talks to the bot, and
// `reminders off` / `reminders on` is kept.
import { noticeCard } from '../../cards/commonCards.js';
import { digestCard } from '../../cards/digestCard.js';
import type { Action } from '../../records/action.js';
import { londonToday } from '../../records/dates.js';
import { composeReminder } from '../../records/reminder.js';
import type { Risk } from '../../records/risk.js';
import { dueReminderDay } from '../../records/schedule.js';
import type { SignOff } from '../../records/signoff.js';
import type { DigestStore, PersonStore, Stored } from '../ports.js';
import type { PersonalChats, ViewerLookup } from '../ports.js';
import type { ProactiveSender } from '../teams/sender.js';
import { type Turn, cardAttachment, sendCard, speaker } from '../turn.js';
import type { BotRoutes } from '../routes.js';

export interface ReminderDeps {
  people: Pick<PersonStore, 'listRemindable' | 'rememberChat' | 'setReminders'>;
  records: {
    listOpenActionsByOwner(ownerId: string): Promise<Stored<Action>[]>;
    listRisksReviewOverdue(place: 'ALL', today: string): Promise<Stored<Risk>[]>;
    listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]>;
  };
  digests: Pick<DigestStore, 'claimReminder' | 'finishReminder'>;
  sender: Pick<ProactiveSender, 'send'>;
}

export interface ReminderLine {
  personId: string;
  name: string;
  outcome: 'sent' | 'nothing to remind' | 'already today' | 'failed';
  reason?: string;
}

export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  async tick(now: Date): Promise<ReminderLine[]> {
    const day = dueReminderDay(now);
    if (!day) return [];
    const people = await this.deps.people.listRemindable();
    if (!people.length) return [];
    const today = londonToday(now);
    let risks: Risk[] | undefined;
    const lines: ReminderLine[] = [];
    for (const p of people) {
      const line = { personId: p.personId, name: p.name };
      if (!(await this.deps.digests.claimReminder(day, p.personId, now))) {
        lines.push({ ...line, outcome: 'already today' });
        continue;
      }
      risks ??= (await this.deps.records.listRisksReviewOverdue('ALL', today)).map((s) => s.record);
      const [actions, signOffs] = await Promise.all([
        this.deps.records.listOpenActionsByOwner(p.personId),
        this.deps.records.listSignOffsPendingFor(p.personId),
      ]);
      const reminder = composeReminder({
        person: { id: p.personId, name: p.name },
        // As Teams last told the bot when they spoke 1:1; not known yet: a guest of no place.
        viewer: p.viewer ?? { id: p.personId, guest: true, guestOfPlaces: [] },
        now,
        actions: actions.map((s) => s.record),
        risksReviewOverdue: risks,
        signOffs: signOffs.map((s) => s.record),
      });
      if (!reminder) {
        await this.deps.digests.finishReminder(day, p.personId, { state: 'nothing' });
        lines.push({ ...line, outcome: 'nothing to remind' });
        continue;
      }
      // Written down as claimed before the post and as sent after it: a crash in between means no
      // reminder that day rather than two.
      const result = await this.deps.sender.send(p.reference, {
        type: 'message',
        summary: reminder.title,
        attachments: [cardAttachment(digestCard(reminder))],
      });
      if (result.ok) {
        await this.deps.digests.finishReminder(day, p.personId, { state: 'sent', activityId: result.activityId });
        lines.push({ ...line, outcome: 'sent' });
      } else {
        await this.deps.digests.finishReminder(day, p.personId, { state: 'failed', reason: result.reason });
        lines.push({ ...line, outcome: 'failed', reason: result.reason });
      }
    }
    return lines;
  }
}

/** The chat side: remember personal chats, and `reminders off` / `reminders on`. */
export function registerReminderRoutes(app: BotRoutes, people: PersonalChats, clock: () => Date, viewers?: ViewerLookup): void {
  const remember = async (context: Turn) => {
    const a = context.activity;
    if (a.conversation?.conversationType !== 'personal' || !a.from) return;
    const me = speaker(context);
    const reference = context.conversationReference();
    try {
      // Who they are to the read rule, kept with the chat so reminders show only what they may see.
      const looked = viewers ? await viewers.of(context) : undefined;
      await people.rememberChat(me.id, me.name, reference, clock(), looked?.confirmed ? looked.viewer : undefined);
    } catch (err) {
      console.warn('could not save the personal conversation reference', err);
    }
  };
  app.everyTurn(remember);
  const toggle = (on: boolean) => async (context: Turn) => {
    const me = speaker(context);
    if (context.activity.conversation?.conversationType !== 'personal') {
      await sendCard(context, noticeCard('Reminders are personal', 'Say “reminders on” or “reminders off” to me in a 1:1 chat.'));
      return;
    }
    await people.setReminders(me.id, on);
    await sendCard(
      context,
      on
        ? noticeCard(
            'Reminders on',
            'On weekdays at 08:00 (UK time) I will message you when you have actions overdue or due within 3 days, risks overdue for review or sign-offs awaiting your decision.',
          )
        : noticeCard(
            'Reminders off',
            'I will not send you weekday reminders. Your place’s channel digest still names you. Say “reminders on” to have them again.',
          ),
    );
  };
  app.message(/^\s*reminders\s+off\s*$/i, toggle(false));
  app.message(/^\s*reminders\s+on\s*$/i, toggle(true));
}

// A board meeting in chat, shared by its bot tests (test/integration/bot/meetingFlow.test.ts and
// meetingRefusals.test.ts): Blackpool's secretary, chairs and an action owner, its channel, and the
// helpers that make an action proposed for closure, prepare a meeting in the board's group chat and
// find an agenda item's button on the meeting card.
import { applyActionCommand, createAction } from '../../records/action.js';
import { addDays, londonToday } from '../../records/dates.js';
import type { Actor } from '../../records/people.js';
import { actionData, type BotHarness, type Sender } from './botHarness.js';
import { cardText, checkCard } from './cardCheck.js';

export const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
export const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
export const ASIF: Sender = { id: 'aad-asif', name: 'Asif Khan' };
export const ALEX: Sender = { id: 'aad-alex', name: 'Alex Wilber' };
export const CHANNEL = '19:blackpool@thread.tacv2';
export const SECRETARY: Actor = { ...SAM, roles: ['admin'] };

/** Blackpool with Helen and Asif its chairs, Sam its admin, and its channel (where meeting cards are posted) known. */
export async function setUpBlackpool(bot: BotHarness): Promise<void> {
  await bot.runtime.places.put({
    place: 'BPL',
    displayName: 'Blackpool',
    chairs: [
      { id: HELEN.id, name: HELEN.name },
      { id: ASIF.id, name: ASIF.name },
    ],
    admins: [{ id: SAM.id, name: SAM.name }],
    channels: [{ id: CHANNEL, name: 'Blackpool Partnership' }],
  });
  await bot.runtime.places.saveChannelReference('BPL', CHANNEL, {
    channelId: 'msteams',
    serviceUrl: bot.serviceUrl,
    conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: 'Blackpool Partnership' } as never,
    bot: { id: 'bot', name: 'Place Partnership' },
  });
}

/** The data of an agenda item's button on the meeting card, by verb and item ref. */
export function itemData(card: unknown, verb: string, ref: string): Record<string, unknown> {
  const report = checkCard(card);
  const found = report.executeActions.find((a) => a.verb === verb && (a.data as { ref?: string }).ref === ref);
  if (!found) throw new Error(`no ${verb} for ${ref} on the card`);
  return found.data as Record<string, unknown>;
}

/** The helpers of one suite's bot (read when called: the suite starts it in `before`) at the time `now()`. */
export function meetingChat(bot: () => BotHarness, now: () => Date) {
  const today = () => londonToday(now());
  const group = { conversationType: 'groupChat' as const, conversationId: '19:board-group@thread.v2' };

  async function proposedAction(description: string, feedback = false): Promise<string> {
    const created = await bot().runtime.records.create('action', 'BPL', (ref) =>
      createAction(
        {
          place: 'BPL',
          description,
          owner: { id: ALEX.id, name: ALEX.name },
          dueDate: addDays(today(), 20),
          links: {},
          ...(feedback ? { feedback: { youSaid: 'Tell us what happens next.' } } : {}),
        },
        ref,
        SECRETARY,
        now(),
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    const proposed = applyActionCommand(created.stored.record, SECRETARY, { type: 'proposeClosure', note: 'Delivered.' }, now());
    if (!proposed.ok) throw new Error(proposed.refusal.message);
    await bot().runtime.records.update('action', created.stored, proposed);
    return created.stored.record.ref;
  }

  async function prepare(date = today()) {
    const [form] = await bot().say('prepare meeting Blackpool', { from: SAM });
    const data = actionData(form, 'meeting.create');
    const card = await bot().click(
      'meeting.create',
      { ...data, board: 'Blackpool Place Partnership Board', date },
      { from: SAM, ...group },
    );
    const ref = /Meeting (BPL-M-\d{4}) prepared/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not prepared: ${cardText(card)}`);
    return { card, ref, form };
  }

  return { group, proposedAction, prepare };
}

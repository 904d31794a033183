// Sign-off in chat, shared by its bot tests (test/integration/bot/signOffFlow.test.ts and
// signOffLifecycle.test.ts): the people of Blackpool's board, the group chat they meet in, and the
// helpers that request a sign-off as Sam and open a card as Teams refreshes it for each person.
import { expect } from 'chai';
import { cardsOf, invokeActivity, type BotHarness, type ConversationOptions, type Sender } from './botHarness.js';
import { cardText, checkCard } from './cardCheck.js';
import { requestForm } from './signOffFixtures.js';

export const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // board secretary, place admin
export const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
export const IMRAN: Sender = { id: 'aad-imran', name: 'Imran Shah' }; // named approver
export const TOM: Sender = { id: 'aad-tom', name: 'Tom Whitfield' }; // named approver
export const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' }; // deputy, no role
export const GRACE: Sender = { id: 'aad-grace', name: 'Grace Okafor' }; // bystander
export const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:signoffs@thread.v2' };
export const as = (from: Sender): ConversationOptions => ({ ...GROUP, from });
export const person = ({ id, name }: Sender) => ({ id, name });

/** The helpers of one suite's bot (read when called: the suite starts it in `before`) on the day `today()`. */
export function signOffChat(bot: () => BotHarness, today: () => string) {
  const form = (overrides: Record<string, unknown> = {}) => requestForm(today(), overrides);

  /** Requests a sign-off in the group chat as Sam; returns its ref and the shared card posted. */
  async function request(overrides: Record<string, unknown> = {}) {
    const before = bot().replies.length;
    const answer = await bot().click('signoff.create', form(overrides), as(SAM));
    const ref = /Sign-off (BPL-S-\d{4}) requested/.exec(cardText(answer))?.[1];
    if (!ref) throw new Error(`not requested: ${cardText(answer)}`);
    const posted = bot()
      .replies.slice(before)
      .flatMap((r) => cardsOf(r.activity));
    return { ref, answer, shared: posted[0]! };
  }

  /** What Teams sends when someone in refresh.userIds opens the card. */
  async function refresh(who: Sender, ref: string, opts: ConversationOptions = as(who)) {
    const activity = invokeActivity(bot().serviceUrl, 'signoff.refresh', { ref }, opts);
    activity.value.trigger = 'automatic';
    const { status, body } = await bot().post(activity);
    expect(status).to.equal(200);
    const response = body as { type: string; value: Record<string, unknown> };
    expect(response.type).to.equal('application/vnd.microsoft.card.adaptive');
    return response.value;
  }

  const verbs = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);
  const decisionEvents = async (ref: string) =>
    (await bot().runtime.records.history('signoff', ref)).filter((e) => ['approve', 'approveWithConditions', 'reject'].includes(e.command));

  return { form, request, refresh, verbs, decisionEvents };
}

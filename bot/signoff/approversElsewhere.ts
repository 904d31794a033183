// Approvers who are not in the conversation a sign-off is requested in: their saved personal chats
// read once, and each sent their own view of the card 1:1 through the one proactive sender, within
// a bounded time; their copies remembered, so later changes update them too.
import type { Notice } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { Actor, Person } from '../../records/people.js';
import type { SignOff } from '../../records/signoff.js';
import type { PostedCopies } from '../change/postedCopies.js';
import type { BotDeps, Stored } from '../ports.js';
import { messagePeople } from '../teams/sender.js';
import { cardAttachment } from '../turn.js';

/** How long a request waits for the 1:1 messages to approvers elsewhere; the rest carry on without it. */
const TELL_BUDGET_MS = 1500;

export class ApproversElsewhere {
  constructor(
    private readonly deps: Pick<BotDeps, 'messenger' | 'places'>,
    private readonly copies: PostedCopies,
    private readonly drawFor: (stored: Stored<SignOff>, viewer: Actor, notice: Notice) => AdaptiveCardJson,
  ) {}

  /**
   * These people's saved personal chats, read once (bounded by the store's deadline): the Teams
   * ids they hold, and each person's reference (or the read's failure) for the 1:1 messages.
   */
  async personalChats(people: Person[]): Promise<{
    teamsIds: { personId: string; teamsId: string }[];
    referenceOf: (personId: string) => Promise<Record<string, unknown> | undefined>;
  }> {
    const messenger = this.deps.messenger;
    type Read = { reference?: Record<string, unknown>; failure?: unknown };
    // All at once, each settled (never an unhandled rejection): a failed read is that person's failed message.
    const reads = new Map<string, Read>(
      await Promise.all(
        (messenger ? people : []).map(async (p) => {
          try {
            return [p.id, { reference: await messenger!.referenceOf(p.id) }] as const;
          } catch (failure) {
            return [p.id, { failure: failure ?? new Error('could not read the personal chat') }] as const;
          }
        }),
      ),
    );
    const teamsIds: { personId: string; teamsId: string }[] = [];
    for (const p of people) {
      const user = reads.get(p.id)?.reference?.user as { id?: unknown } | undefined;
      if (typeof user?.id === 'string' && user.id !== p.id) teamsIds.push({ personId: p.id, teamsId: user.id.slice(0, 200) });
    }
    return {
      teamsIds,
      referenceOf: async (personId) => {
        const read = reads.get(personId);
        if (read?.failure) throw read.failure;
        return read?.reference;
      },
    };
  }

  /**
   * Sends each approver who is not in the conversation their own view of the card, 1:1, through
   * the one proactive sender, within a bounded time; returns the line saying who was and was not told.
   */
  async tell(
    stored: Stored<SignOff>,
    approvers: Person[],
    referenceOf: (personId: string) => Promise<Record<string, unknown> | undefined>,
    requester: Actor,
  ): Promise<string> {
    const messenger = this.deps.messenger;
    const place = stored.record.place;
    const results = messenger
      ? await messagePeople(
          { referenceOf, send: (reference, activity) => messenger.send(reference, activity) },
          approvers.map((person) => ({
            person,
            activity: async () => {
              const viewer: Actor = { ...person, roles: await this.deps.places.rolesOf(place, person.id) };
              const card = this.drawFor(stored, viewer, { text: `${requester.name} asks for your sign-off.`, style: 'accent' });
              return {
                type: 'message',
                summary: `Sign-off ${stored.record.ref} awaits your decision`,
                attachments: [cardAttachment(card)],
              };
            },
          })),
          TELL_BUDGET_MS,
        )
      : approvers.map((person) => ({ person, outcome: 'unknown' as const, posted: undefined }));
    // Their copies too, so the expiry sweep updates them along with the conversation's card.
    await Promise.all(
      results.flatMap((r) => (r.posted ? [this.copies.remember(stored.record.ref, r.posted.reference, r.posted.activityId)] : [])),
    );
    const who = (outcome: string) => results.filter((r) => r.outcome === outcome).map((r) => r.person);
    const lines: string[] = [];
    const sent = who('sent');
    const unknown = who('unknown');
    const failed = who('failed');
    const pending = who('pending');
    if (sent.length) lines.push(`${names(sent)} ${sent.length > 1 ? 'were' : 'was'} sent it in a 1:1 chat with the bot.`);
    if (unknown.length) {
      lines.push(
        `${names(unknown)} ${unknown.length > 1 ? 'have' : 'has'} not used the bot yet, so could not be told: let them know yourself; once they open a chat with the bot it is in their “sign-offs”.`,
      );
    }
    if (failed.length) lines.push(`It could not be sent to ${names(failed)} just now, so tell them yourself: it is in their “sign-offs”.`);
    if (pending.length) lines.push(`It is still on its way to ${names(pending)}; if it does not arrive, it is in their “sign-offs”.`);
    return lines.length ? ` ${lines.join(' ')}` : '';
  }
}

/** "Helen Price", "Helen Price and Imran Shah", "A, B and C". */
export function names(people: { name: string }[]): string {
  const all = people.map((p) => p.name);
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all.at(-1)}` : (all[0] ?? '');
}

// What the bot does when the scheduled sweep (functions/signOffSweep.ts) expires a sign-off that
// nobody was looking at: the card where it was requested is updated in place for everyone with the
// final (expired) card, and the requester is told 1:1 where the bot knows their personal chat.
// Both go through the one proactive sender (limits, retries). Nothing here fails the sweep: a
// message deleted or a bot removed (403/404) is a line in the log, and the next expiry goes on.
import type { Notice } from '../../cards/commonCards.js';
import { signOffCard } from '../../cards/signOffCards.js';
import type { SignOff } from '../../records/signoff.js';
import type { RecordRepository, SignOffNotifier, Stored } from '../ports.js';
import { PostedCopies } from '../change/postedCopies.js';
import type { OutgoingActivity, Reference, SendResult } from '../teams/sender.js';
import { finalLine } from './signOffFlow.js';
import { cardAttachment } from '../turn.js';

export interface SignOffNoticeDeps {
  records: Pick<RecordRepository, 'postedCardsOf' | 'rememberPostedCard'>;
  /** The one proactive sender (bot/teams/sender.ts ProactiveSender). */
  sender: {
    send(reference: Reference, activity: OutgoingActivity): Promise<SendResult>;
    update(reference: Reference, activityId: string, activity: OutgoingActivity): Promise<SendResult>;
  };
  /** A person's saved personal conversation reference; none if they have never talked to the bot 1:1. */
  referenceOf(personId: string): Promise<Record<string, unknown> | undefined>;
}

export class SignOffNotices implements SignOffNotifier {
  private readonly copies: PostedCopies;

  constructor(private readonly deps: SignOffNoticeDeps) {
    this.copies = new PostedCopies({
      records: deps.records,
      update: (reference, activityId, activity) => deps.sender.update(reference, activityId, activity),
      clock: () => new Date(),
    });
  }

  async expired(stored: Stored<SignOff>, skip: { activityId?: string; requester?: boolean } = {}): Promise<string[]> {
    const s = stored.record;
    const notice: Notice = { text: finalLine(s), style: 'warning' };
    const [updated, told] = await Promise.all([
      this.updatePosted(stored, notice, skip.activityId),
      skip.requester ? `${s.ref}: ${s.requestedBy.name} saw it on the card` : this.tellRequester(stored, notice),
    ]);
    return [...updated, told];
  }

  async changed(stored: Stored<SignOff>, notice: Notice, skip: { activityId?: string } = {}): Promise<string[]> {
    return this.updatePosted(stored, notice, skip.activityId);
  }

  /** Every posted copy shows the shared card (once final: no buttons, no refresh), through the one posted-copies service. */
  private updatePosted(stored: Stored<SignOff>, notice: Notice, except: string | undefined): Promise<string[]> {
    return this.copies.update(
      stored.record.ref,
      () => signOffCard({ signOff: stored.record, etag: stored.etag, view: 'shared', notice }),
      except,
    );
  }

  /** The requester, 1:1: the final card, headed so it reads as news. */
  private async tellRequester(stored: Stored<SignOff>, notice: Notice): Promise<string> {
    const s = stored.record;
    const who = s.requestedBy.name;
    try {
      const reference = await this.deps.referenceOf(s.requestedBy.id);
      if (!reference) return `${s.ref}: ${who} not told (they have not talked to the bot 1:1)`;
      const card = signOffCard({
        signOff: s,
        etag: stored.etag,
        view: 'shared',
        heading: `Your sign-off request ${s.ref} expired`,
        notice,
      });
      const result = await this.deps.sender.send(reference, {
        type: 'message',
        summary: `Sign-off ${s.ref} expired without a decision`,
        attachments: [cardAttachment(card)],
      });
      return result.ok ? `${s.ref}: ${who} told 1:1` : `${s.ref}: ${who} not told (${result.reason})`;
    } catch (err) {
      return `${s.ref}: ${who} not told (${describe(err)})`;
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

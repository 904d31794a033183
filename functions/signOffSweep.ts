// The expiry sweep: pending sign-offs past their expiry date are expired (each one ETag-checked
// write with its audit event, by the bot). Cards expire them lazily when next opened anyway; the
// sweep makes lists and the digest right without anyone opening them. Call it from a scheduled
// function (e.g. the digest's timer); it is idempotent and safe to run as often as wanted.
// With a notifier (bot/signoff/signOffNotices.ts), each sign-off it expires has its posted card updated for
// everyone and its requester told 1:1; only those this sweep expired, so a second sweep sends nothing.
import { commit } from '../bot/change/commit.js';
import type { SignOffNotifier } from '../bot/ports.js';
import { londonToday } from '../records/dates.js';
import { expiryDue } from '../records/signoffCommands.js';
import type { RecordStore } from '../records/store/recordStore.js';

export interface SweepResult {
  expired: string[];
  /** Changed by someone else between the read and the write: left for the next sweep or the next look. */
  skipped: string[];
  /** What the notifier did or could not do for each expiry (cards updated, requesters told), for the log. */
  notes: string[];
}

export async function sweepExpiredSignOffs(records: RecordStore, now: Date, notifier?: SignOffNotifier): Promise<SweepResult> {
  const result: SweepResult = { expired: [], skipped: [], notes: [] };
  for (const stored of await records.listSignOffsPastExpiry(londonToday(now))) {
    const expire = expiryDue(stored.record, now);
    if (!expire) continue;
    // The one write of a change (bot/change/commit.ts): the expiry rule, ETag-checked, with its audit event.
    const written = await commit(records, 'signoff', stored, expire);
    if (!written.ok) {
      result.skipped.push(stored.record.ref);
      continue;
    }
    result.expired.push(stored.record.ref);
    if (notifier)
      result.notes.push(
        ...(await notifier
          .expired(written.stored)
          .catch((err: unknown) => [`${stored.record.ref}: not notified (${err instanceof Error ? err.message : String(err)})`])),
      );
  }
  return result;
}

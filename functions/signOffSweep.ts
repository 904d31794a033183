// The expiry sweep: pending sign-offs past their expiry date are expired (each one ETag-checked
// write with its audit event, by the bot). Cards expire them lazily when next opened anyway; the
// sweep makes lists and the digest right without anyone opening them. Call it from a scheduled
// function (e.g. the digest's timer); it is idempotent and safe to run as often as wanted.
import { londonToday } from '../records/dates.js';
import { expiryDue } from '../records/signoff.js';
import type { RecordStore } from '../records/store/recordStore.js';

export interface SweepResult {
  expired: string[];
  /** Changed by someone else between the read and the write: left for the next sweep or the next look. */
  skipped: string[];
}

export async function sweepExpiredSignOffs(records: RecordStore, now: Date): Promise<SweepResult> {
  const result: SweepResult = { expired: [], skipped: [] };
  for (const stored of await records.listSignOffsPastExpiry(londonToday(now))) {
    const expire = expiryDue(stored.record, now);
    if (!expire) continue;
    try {
      const written = await records.update('signoff', stored, expire);
      (written.ok ? result.expired : result.skipped).push(stored.record.ref);
    } catch (err) {
      if ((err as { code?: string }).code !== 'STALE') throw err;
      result.skipped.push(stored.record.ref);
    }
  }
  return result;
}

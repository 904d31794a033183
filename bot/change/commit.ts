// The one write of a change, whoever asks for it (a card, a reaction to another record, the clock):
// the kind's pure rule on the version read, then one ETag-checked entity-group transaction with
// its audit event. Answers what happened as data (never throws for a lost race or a refusal), so
// the caller draws once. Storage failures other than a lost race are thrown as they are.
import type { Refusal, Transition } from '../../records/outcome.js';
import { storeErrorCode, type RecordKind, type RecordOf, type RecordRepository, type Stored } from '../ports.js';

export type Committed<T> = { ok: true; stored: Stored<T> } | { ok: false; why: 'refused'; refusal: Refusal } | { ok: false; why: 'stale' };

/** The rule's transition written on `current` (the version read), if it is still the stored one. */
export async function commit<K extends RecordKind>(
  records: Pick<RecordRepository, 'update'>,
  kind: K,
  current: Stored<RecordOf<K>>,
  transition: Transition<RecordOf<K>>,
): Promise<Committed<RecordOf<K>>> {
  if (!transition.ok) return { ok: false, why: 'refused', refusal: transition.refusal };
  try {
    const result = await records.update(kind, current, transition);
    return result.ok ? { ok: true, stored: result.stored } : { ok: false, why: 'refused', refusal: result.refusal };
  } catch (err) {
    if (storeErrorCode(err) === 'STALE') return { ok: false, why: 'stale' };
    throw err;
  }
}

/**
 * A change nobody clicked (a reaction to another record, the clock): read → rule → write, read again
 * and decide again if someone else wrote first (at most `tries` times). The rule may decline
 * (undefined): the record is no longer in a state this change is for, and nothing is written.
 */
export async function commitByRef<K extends RecordKind>(
  records: Pick<RecordRepository, 'get' | 'update'>,
  kind: K,
  ref: string,
  rule: (record: RecordOf<K>) => Transition<RecordOf<K>> | undefined,
  tries = 2,
): Promise<Committed<RecordOf<K>> | { ok: false; why: 'missing' | 'declined' }> {
  for (let attempt = 1; ; attempt++) {
    const current = await records.get(kind, ref);
    if (!current) return { ok: false, why: 'missing' };
    const transition = rule(current.record);
    if (!transition) return { ok: false, why: 'declined' };
    const done = await commit(records, kind, current, transition);
    if (done.ok || done.why !== 'stale' || attempt >= tries) return done;
  }
}

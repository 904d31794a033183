// The audit event of an attempt refused because the person may not make it (a forged card, an old
// card in the wrong hands, someone acting for a forum that is not theirs): nothing changes, but
// the attempt is kept on the record it was aimed at. Pure. (Sign-offs keep theirs with their own
// status: signoffCommands.ts refusedAttempt.)
import type { AuditEvent, RecordKind } from './audit.js';
import { toPerson, type Person } from './people.js';
import type { PlaceCode } from './places.js';

export function refusedAttemptOn(
  target: { kind: RecordKind; ref: string; place: PlaceCode },
  actor: Person,
  what: string,
  reason: string,
  now: Date,
): AuditEvent {
  return {
    kind: target.kind,
    ref: target.ref,
    place: target.place,
    at: now.toISOString(),
    actor: toPerson(actor),
    command: `refused:${what}`,
    before: null,
    after: { refused: what, reason: reason.slice(0, 500) },
  };
}

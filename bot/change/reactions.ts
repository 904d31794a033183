// Reactions after commit: what one kind's record does when another's is created or changed (a
// mitigating action created → its risk lists it; key messages signed off → the meeting publishes
// them). One dispatcher, told by the create and change pipelines after their write; each reaction
// writes through the same pipeline (commit.ts: its kind's rule, ETag, audit event). A reaction
// never fails what caused it: a failure is a line for the card, or for the log.
import type { Notice } from '../../cards/commonCards.js';
import type { Actor } from '../../records/people.js';
import type { RecordKind, RecordOf, Stored } from '../ports.js';
import type { Turn } from '../turn.js';

/** What happened: a record created, or changed (by a card, or by the clock on someone's look). */
export type Happening = 'created' | 'changed';

type Reaction<K extends RecordKind> = (turn: Turn, stored: Stored<RecordOf<K>>, actor: Actor) => Promise<Notice | undefined | void>;

export class Reactions {
  private readonly registered: { kind: RecordKind; when: Happening; react: Reaction<RecordKind> }[] = [];

  /** Runs `react` after each record of `kind` is `when`. */
  on<K extends RecordKind>(kind: K, when: Happening, react: Reaction<K>): void {
    this.registered.push({ kind, when, react: react as Reaction<RecordKind> });
  }

  /** Every reaction to this happening, in the order registered; the lines they give for the card. */
  async after<K extends RecordKind>(when: Happening, kind: K, turn: Turn, stored: Stored<RecordOf<K>>, actor: Actor): Promise<Notice[]> {
    const notices: Notice[] = [];
    for (const r of this.registered.filter((x) => x.kind === kind && x.when === when)) {
      try {
        const notice = await r.react(turn, stored as Stored<RecordOf<RecordKind>>, actor);
        if (notice) notices.push(notice);
      } catch (err) {
        console.warn(`a reaction to ${stored.record.ref} being ${when} failed`, err);
      }
    }
    return notices;
  }
}

// The sign-off lists: awaiting a person's answer, requested by them, awaiting ratification, past
// expiry (the sweep), and a place's decided and awaiting-ratification ones for the board pack.
// Each reads the sign-off's index rows (codecs.ts signOffCodec), in a place's partition:
//   idx|S|dec|<person id>|BPL-S-0001    one per person who may answer now (records/signoff.ts deciders)
//   idx|S|req|<requester id>|…          the requester's, while the sign-off is open
//   idx|S|dcd|<decided at>|…            finally decided, by the instant of the decision
//   idx|S|open||…                       the generic one: every open sign-off
// then the records they name by point reads, each checked against the list's rule again.
import type { PlaceCode } from '../places.js';
import { deciders, FINAL_SIGNOFF_STATUSES, OPEN_SIGNOFF_STATUSES, type SignOff } from '../signoff.js';
import { utcIso, type Stored } from './entity.js';
import type { PrimitiveReads } from './reads.js';

export class SignOffQueries {
  constructor(private readonly reads: PrimitiveReads) {}

  /**
   * Sign-offs in every place awaiting this person's answer (as approver or recorded delegate),
   * by due date: the `dec` index holds records/signoff.ts `deciders` of each pending sign-off.
   */
  async listSignOffsPendingFor(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.reads.listIndexed('signoff', 'ALL', [{ name: 'dec', eq: personId }]);
    return sortSignOffs(found.filter((s) => deciders(s.record).some((p) => p.id === personId)));
  }

  /** Open sign-offs (pending, information requested, awaiting ratification) this person asked for, in every place, by due date. */
  async listOpenSignOffsRequestedBy(personId: string): Promise<Stored<SignOff>[]> {
    const found = await this.reads.listIndexed('signoff', 'ALL', [{ name: 'req', eq: personId }]);
    return sortSignOffs(found.filter((s) => OPEN_SIGNOFF_STATUSES.includes(s.record.status) && s.record.requestedBy.id === personId));
  }

  /** Sign-offs decided by chair's action and awaiting ratification, in the given places, by due date. */
  async listSignOffsAwaitingRatification(places: readonly PlaceCode[]): Promise<Stored<SignOff>[]> {
    const found = (await Promise.all(places.map((p) => this.reads.listIndexed('signoff', p, [{ name: 'open', eq: '' }])))).flat();
    return sortSignOffs(found.filter((s) => s.record.status === 'AWAITING_RATIFICATION'));
  }

  /** Pending or information-requested sign-offs whose expiry date is before `today` (an ISO date): for the expiry sweep. */
  async listSignOffsPastExpiry(today: string): Promise<Stored<SignOff>[]> {
    const found = await this.reads.listIndexed('signoff', 'ALL', [{ name: 'open', eq: '' }]);
    return sortSignOffs(
      found.filter((s) => (s.record.status === 'PENDING' || s.record.status === 'INFO_REQUESTED') && s.record.expiresOn < today),
    );
  }

  /** A place's sign-offs decided (finally) at or after `sinceIso`, oldest decision first, a page at a time. */
  async *signOffsDecidedSince(place: PlaceCode, sinceIso: string): AsyncGenerator<SignOff> {
    const since = utcIso(new Date(sinceIso));
    for await (const page of this.reads.indexedPages('signoff', place, { name: 'dcd', from: since })) {
      for (const s of page) {
        const decided = s.decision?.at;
        if (decided !== undefined && FINAL_SIGNOFF_STATUSES.includes(s.status) && new Date(decided).getTime() >= new Date(since).getTime())
          yield s;
      }
    }
  }

  /** A place's chair's actions awaiting ratification, by ref, a page at a time. */
  async *signOffsAwaitingRatificationIn(place: PlaceCode): AsyncGenerator<SignOff> {
    for await (const page of this.reads.indexedPages('signoff', place, { name: 'open', eq: '' })) {
      for (const s of page) if (s.status === 'AWAITING_RATIFICATION') yield s;
    }
  }
}

/** By due date, then by ref. */
function sortSignOffs(found: Stored<SignOff>[]): Stored<SignOff>[] {
  return found.sort((a, b) =>
    a.record.dueBy < b.record.dueBy ? -1 : a.record.dueBy > b.record.dueBy ? 1 : a.record.ref.localeCompare(b.record.ref),
  );
}

// The risk lists: "my risks", by band, review overdue, flagged for escalation, and a place's
// register (a page for the card, every open risk for the board pack). Each reads the risk's index
// rows (codecs.ts riskCodec), in a place's partition, all of open risks only:
//   idx|R|own|<owner id>|BPL-R-0001     by owner ("my risks")
//   idx|R|band|<band>|…                 by current band
//   idx|R|score|<score, 2 digits>|…     by current score (the escalation threshold, the pack's register)
//   idx|R|appetite||…                   current score above the appetite's tolerated score
//   idx|R|review|<next review date>|…   by next review date (review overdue)
//   idx|R|reg||…                        the register entry (l, c, review, tol columns on the row)
// then the records they name by point reads, each checked against the list's rule again.
import { odata } from '@azure/data-tables';
import type { PlaceCode } from '../places.js';
import { KIND_LETTER } from '../kinds.js';
import {
  currentBand,
  currentScore,
  escalationReasons,
  isOpenRisk,
  registerEntryOf,
  registerPage,
  REGISTER_PAGE_SIZE,
  type RegisterEntry,
  type Risk,
} from '../risk.js';
import type { RiskBand } from '../scoring.js';
import { registerEntryFromRow, riskCodec } from './codecs.js';
import { ROW, type Stored } from './entity.js';
import { and, type Entity, type PrimitiveReads } from './reads.js';

/** Every score the 5×5 matrix can give, highest first. */
const SCORES_HIGH_FIRST = [...new Set([1, 2, 3, 4, 5].flatMap((l) => [1, 2, 3, 4, 5].map((c) => l * c)))].sort((a, b) => b - a);

export class RiskQueries {
  constructor(private readonly reads: PrimitiveReads) {}

  /** A person's open risks in every place ("my risks"), reviews due first (earliest next review date), then highest score. */
  async listOpenRisksByOwner(ownerId: string): Promise<Stored<Risk>[]> {
    const found = await this.reads.listIndexed('risk', 'ALL', [{ name: 'own', eq: ownerId }]);
    return found
      .filter((s) => isOpenRisk(s.record) && s.record.owner.id === ownerId)
      .sort(
        (a, b) =>
          (a.record.nextReviewDate < b.record.nextReviewDate ? -1 : a.record.nextReviewDate > b.record.nextReviewDate ? 1 : 0) ||
          currentScore(b.record) - currentScore(a.record) ||
          a.record.ref.localeCompare(b.record.ref),
      );
  }

  /**
   * A place's risk register a page at a time: every open risk's register entry, read from its
   * index row (a few dozen bytes each), and the records of page `page` only (at most `size` point
   * reads). A row written before it carried an entry is read from its record instead.
   */
  async riskRegisterPage(
    place: PlaceCode,
    page: number,
    size: number = REGISTER_PAGE_SIZE,
  ): Promise<{ entries: RegisterEntry[]; page: number; pages: number; risks: Stored<Risk>[] }> {
    const { from, to } = ROW.indexRange(KIND_LETTER.risk, 'reg', { eq: '' });
    const rows = await this.reads.query(and(odata`PartitionKey eq ${place}`, odata`RowKey ge ${from} and RowKey lt ${to}`), [
      'ref',
      'l',
      'c',
      'review',
      'tol',
    ]);
    const entries: RegisterEntry[] = [];
    const unread: string[] = [];
    for (const row of rows) {
      const entry = registerEntryFromRow(row);
      if (entry) entries.push(entry);
      else if (typeof row.ref === 'string') unread.push(row.ref);
    }
    const held = new Map<string, Stored<Risk>>();
    if (unread.length) {
      for (const e of await this.reads.pointReads(
        place,
        unread.map((r) => ROW.record(r)),
      )) {
        if (!e || e.kind !== 'risk') continue;
        const stored = this.reads.fromEntity(riskCodec, e, true);
        if (!isOpenRisk(stored.record)) continue;
        held.set(stored.record.ref, stored);
        entries.push(registerEntryOf(stored.record));
      }
    }
    const shown = registerPage(entries, page, size);
    const toRead = shown.refs.filter((r) => !held.has(r));
    const read = (
      await this.reads.pointReads(
        place,
        toRead.map((r) => ROW.record(r)),
      )
    ).filter((e): e is Entity => !!e && e.kind === 'risk');
    for (const e of read) {
      const stored = this.reads.fromEntity(riskCodec, e, true);
      held.set(stored.record.ref, stored);
    }
    const risks = shown.refs.map((r) => held.get(r)).filter((s): s is Stored<Risk> => !!s && isOpenRisk(s.record));
    return { entries, page: shown.page, pages: shown.pages, risks };
  }

  /** Open risks of a place (or all places) in a band, highest score first. */
  async listRisksByBand(place: PlaceCode | 'ALL', band: RiskBand): Promise<Stored<Risk>[]> {
    const found = await this.reads.listIndexed('risk', place, [{ name: 'band', eq: band }]);
    return sortRisks(found.filter((s) => isOpenRisk(s.record) && currentBand(s.record) === band));
  }

  /** Open risks whose next review date is before `today` (an ISO date). */
  async listRisksReviewOverdue(place: PlaceCode | 'ALL', today: string): Promise<Stored<Risk>[]> {
    const found = await this.reads.listIndexed('risk', place, [{ name: 'review', below: today }]);
    return sortRisks(found.filter((s) => isOpenRisk(s.record) && s.record.nextReviewDate < today));
  }

  /**
   * Open risks to escalate: current score ≥ the place threshold, above the appetite's tolerated
   * score, or review overdue (records/risk.ts `escalationReasons` decides; the indexes narrow).
   */
  async listEscalatedRisks(place: PlaceCode | 'ALL', threshold: number, today: string): Promise<Stored<Risk>[]> {
    const found = await this.reads.listIndexed('risk', place, [
      { name: 'score', from: String(Math.max(0, Math.ceil(threshold))).padStart(2, '0') },
      { name: 'appetite', eq: '' },
      { name: 'review', below: today },
    ]);
    const now = middayUtc(today);
    return sortRisks(found.filter((s) => escalationReasons(s.record, { threshold, now }).length > 0));
  }

  /** A place's open risk register, highest current score first (then by ref), a page at a time. */
  async *openRiskRegister(place: PlaceCode): AsyncGenerator<Risk> {
    for (const score of SCORES_HIGH_FIRST) {
      for await (const page of this.reads.indexedPages('risk', place, { name: 'score', eq: String(score).padStart(2, '0') })) {
        for (const r of page) if (isOpenRisk(r) && currentScore(r) === score) yield r;
      }
    }
  }
}

function sortRisks(found: Stored<Risk>[]): Stored<Risk>[] {
  return found.sort((a, b) => currentScore(b.record) - currentScore(a.record) || a.record.ref.localeCompare(b.record.ref));
}

/** An instant on `today` in Europe/London whatever the season (for rules that take `now`). */
function middayUtc(today: string): Date {
  return new Date(`${today}T12:00:00.000Z`);
}

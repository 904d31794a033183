// A place's records of one kind (or of every place), all, the live ones, or those in some statuses:
// from the kind's index rows where the answer is a part, the record range where it is the whole.
import { odata } from '@azure/data-tables';
import { KIND_LETTER, type RecordKind } from '../kinds.js';
import { PLACE_CODES, type PlaceCode } from '../places.js';
import type { RecordOf } from '../recordTypes.js';
import type { Stored } from '../stored.js';
import { codecOf, type BaseRecord } from './codecs.js';
import { ROW } from './entity.js';
import { and, byRef, type TableReads } from './reads.js';

export interface ListOptions {
  statuses?: readonly string[];
  openOnly?: boolean;
}

/** Records of a kind in a place (or all places), optionally only some statuses / only open ones. By ref. */
export async function listByPlace<K extends RecordKind>(
  reads: TableReads,
  kind: K,
  place: PlaceCode | 'ALL',
  opts: ListOptions = {},
): Promise<Stored<RecordOf<K>>[]> {
  const codec = codecOf(kind);
  let found: Stored<RecordOf<K>>[];
  if (opts.statuses) {
    // Live records are under `open`, the others under their status (codecs.ts indexEntries).
    if (!opts.statuses.length) return [];
    const byStatus = [...new Set(opts.statuses)].map((s) => ({ name: 'st', eq: s }));
    found = await reads.listIndexed(kind, place, opts.openOnly ? [{ name: 'open', eq: '' }] : [{ name: 'open', eq: '' }, ...byStatus]);
    found = found.filter((s) => opts.statuses!.includes((s.record as BaseRecord).status));
  } else if (opts.openOnly) {
    found = await reads.listIndexed(kind, place, [{ name: 'open', eq: '' }]);
  } else {
    // Every record of the kind: the answer is the whole range, so the range is read.
    const places = place === 'ALL' ? PLACE_CODES : [place];
    const pages = await Promise.all(
      places.map((p) => {
        const { from, to } = ROW.recordRange(p, KIND_LETTER[kind]);
        return reads.queryRecords(kind, and(odata`PartitionKey eq ${p}`, odata`RowKey ge ${from} and RowKey lt ${to}`));
      }),
    );
    found = pages.flat();
  }
  if (opts.openOnly) found = found.filter((s) => codec.isOpen(s.record as BaseRecord & RecordOf<K>));
  return found.sort((a, b) => byRef((a.record as BaseRecord).ref, (b.record as BaseRecord).ref));
}

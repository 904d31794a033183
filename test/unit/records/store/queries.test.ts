// Each kind's queries are built from the store's primitive reads (records/store/reads.ts
// PrimitiveReads), so they can be checked against a fake of those reads, with no storage.
import { expect } from 'chai';
import type { RecordKind } from '../../../../records/audit.js';
import { ActionQueries } from '../../../../records/store/actionQueries.js';
import type { Stored } from '../../../../records/store/entity.js';
import type { IndexRange, PrimitiveReads } from '../../../../records/store/reads.js';
import { SignOffQueries } from '../../../../records/store/signOffQueries.js';
import type { SignOff } from '../../../../records/signoff.js';
import { APPROVER, CHAIR, person, signOff } from '../../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');

/** Primitive reads that answer every index read with `records` and note what was asked. */
function fakeReads(records: Stored<unknown>[]): {
  reads: PrimitiveReads;
  asked: Array<{ kind: RecordKind; place: string; ranges: IndexRange[] }>;
} {
  const asked: Array<{ kind: RecordKind; place: string; ranges: IndexRange[] }> = [];
  const unused = () => {
    throw new Error('not read by these queries');
  };
  const reads = {
    query: unused,
    pointReads: unused,
    indexedPages: unused,
    fromEntity: unused,
    listIndexed: async (kind: RecordKind, place: string, ranges: IndexRange[]) => {
      asked.push({ kind, place, ranges });
      return records;
    },
  } as unknown as PrimitiveReads;
  return { reads, asked };
}

describe('The store’s per-kind queries, over the primitive reads', () => {
  it('sign-offs awaiting a person: their `dec` rows in every place, only those they may still answer, by due date then ref', async () => {
    const later: Stored<SignOff> = { record: signOff(NOW, { dueBy: '2026-12-10', expiresOn: '2026-12-10' }, 'BPL-S-0002'), etag: 'e1' };
    const sooner: Stored<SignOff> = { record: signOff(NOW, { dueBy: '2026-12-07' }, 'BPL-S-0005'), etag: 'e2' };
    const notTheirs: Stored<SignOff> = { record: signOff(NOW, { approvers: [person(APPROVER)] }, 'BPL-S-0001'), etag: 'e3' };
    const { reads, asked } = fakeReads([later, notTheirs, sooner]);
    const found = await new SignOffQueries(reads).listSignOffsPendingFor(CHAIR.id);
    expect(found.map((s) => s.record.ref)).to.deep.equal(['BPL-S-0005', 'BPL-S-0002']);
    expect(asked).to.deep.equal([{ kind: 'signoff', place: 'ALL', ranges: [{ name: 'dec', eq: CHAIR.id }] }]);
  });

  it('actions due in an empty window read nothing', async () => {
    const { reads, asked } = fakeReads([]);
    expect(await new ActionQueries(reads).listActionsDue('BPL', '2026-12-02', '2026-12-01')).to.deep.equal([]);
    expect(asked).to.deep.equal([]);
  });
});

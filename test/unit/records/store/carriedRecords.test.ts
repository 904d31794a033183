// Which index rows carry their record (codecs.ts carriedBy, entity.ts indexRows): the board pack's
// reads take each record with its index row, so a file costs a query a page, not a read a record.
import { expect } from 'chai';
import type { z } from 'zod';
import { actionCodec, type BaseRecord, type Codec } from '../../../../records/store/codecs.js';
import { CARRIED_MAX_CHARS, fromChunks, indexRows } from '../../../../records/store/entity.js';
import { createAction } from '../../../../records/action.js';

describe('store: index rows that carry their record', () => {
  it("an open action's due row carries the whole action; its other index rows carry only the ref", () => {
    const made = createAction(
      {
        place: 'BPL',
        description: 'Agree the BCF section 75 schedule',
        owner: { id: 'aad-alice', name: 'Alice Ainsworth' },
        dueDate: '2026-12-01',
        links: {},
      },
      'BPL-A-0001',
      { id: 'aad-alice', name: 'Alice Ainsworth', roles: [] },
      new Date('2026-11-23T10:00:00Z'),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    const action = made.record;
    const rows = indexRows(actionCodec, action);
    const due = rows.find((r) => r.rowKey.startsWith('idx|A|due|'))!;
    expect(fromChunks(due)).to.deep.equal(JSON.parse(JSON.stringify(action)));
    for (const r of rows.filter((x) => x !== due)) expect(r, r.rowKey).to.not.have.property('chunks');
  });

  it('a record longer than CARRIED_MAX_CHARS is not copied (its reader takes it by a point read)', () => {
    const big = { kind: 'action', ref: 'BPL-A-0001', place: 'BPL', status: 'OPEN', notes: 'x'.repeat(CARRIED_MAX_CHARS) } as BaseRecord;
    const codec: Codec<BaseRecord> = {
      kind: 'action',
      schema: {} as z.ZodType<BaseRecord, z.ZodTypeDef, unknown>,
      isOpen: () => true,
      columns: () => ({}),
      indexes: () => [{ name: 'due', value: '2026-12-01' }],
      carriedBy: ['due'],
    };
    const rows = indexRows(codec, big);
    expect(rows.map((r) => r.rowKey)).to.include('idx|A|due|2026-12-01|BPL-A-0001');
    for (const r of rows) expect(r, r.rowKey).to.not.have.property('chunks');
    const small = indexRows(codec, { ...big, notes: 'short' } as BaseRecord);
    expect(small.find((r) => r.rowKey.startsWith('idx|A|due|'))).to.have.property('chunks', 1);
  });
});

import { expect } from 'chai';
import { inRecordOrder, type AuditEvent } from '../../../records/audit.js';

const at = '2026-11-23T10:00:00.000Z';
const ev = (command: string, seq: number | undefined, when = at): AuditEvent => ({
  kind: 'action',
  ref: 'BPL-A-0001',
  place: 'BPL',
  at: when,
  actor: { id: 'u', name: 'U' },
  command,
  before: null,
  after: {},
  ...(seq === undefined ? {} : { seq }),
});

describe('a record’s audit trail, in order', () => {
  it('events sharing one instant replay by seq, whatever order they are read in; events without seq (older, or refused) are placed by time', () => {
    const read = [ev('c', 3), ev('a', 1), ev('refused:close', undefined), ev('b', 2), ev('legacy', undefined, '2026-11-01T09:00:00.000Z')];
    expect(inRecordOrder(read).map((e) => e.command)).to.deep.equal(['legacy', 'a', 'b', 'c', 'refused:close']);
  });
});

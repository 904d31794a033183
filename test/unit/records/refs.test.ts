// Refs as people type them or cards carry them: anything that cannot name a record is simply
// "no such record", never an error.
import { expect } from 'chai';
import { formatRef, MAX_REF_NUMBER, parseRef } from '../../../records/refs.js';

describe('Refs', () => {
  it('reads a typed ref in any case, with extra leading zeros, as the canonical ref', () => {
    expect(parseRef(' bpl-a-0042 ')).to.deep.equal({ place: 'BPL', kind: 'action', n: 42 });
    const parsed = parseRef('SC-R-000007')!;
    expect(formatRef(parsed.place, parsed.kind, parsed.n)).to.equal('SC-R-0007');
  });

  it('number 0 names no record', () => {
    expect(parseRef('SC-A-0000')).to.equal(undefined);
  });

  it('an absurdly long number names no record (and never becomes Infinity)', () => {
    expect(parseRef(`BPL-A-${'9'.repeat(309)}`)).to.equal(undefined);
    expect(parseRef(`BPL-A-${MAX_REF_NUMBER + 1}`)).to.equal(undefined);
    expect(parseRef(`BPL-A-${MAX_REF_NUMBER}`)?.n).to.equal(MAX_REF_NUMBER);
  });

  it('an unknown place or kind names no record', () => {
    expect(parseRef('XYZ-A-0001')).to.equal(undefined);
    expect(parseRef('BPL-Q-0001')).to.equal(undefined);
    expect(parseRef('BPL-A-12')).to.equal(undefined);
  });
});

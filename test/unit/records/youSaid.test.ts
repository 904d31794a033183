import { expect } from 'chai';
import type { Action } from '../../../records/action.js';
import { youSaidWeDid } from '../../../records/youSaid.js';
import { days, newAction } from './fixtures.js';

const heard = (ref: string, at: Date, youSaid?: string, weDid?: string): Action => {
  const a = { ...newAction({}, at), ref };
  return youSaid === undefined ? a : { ...a, feedback: { youSaid, ...(weDid ? { weDid } : {}) } };
};

describe('“You said, we did” selection (records/youSaid.ts)', () => {
  it('keeps only the actions that carry “You said”, newest raised first, with what we did when recorded', () => {
    const list = youSaidWeDid([
      heard('BPL-A-0001', days(-10), 'The bus stops at 4pm.', 'The service runs to 6pm from January.'),
      heard('BPL-A-0002', days(-5)),
      heard('BPL-A-0003', days(-1), 'The leaflet is only in English.'),
    ]);
    expect(list.map((e) => e.ref)).to.deep.equal(['BPL-A-0003', 'BPL-A-0001']);
    expect(list[0]).to.not.have.property('weDid');
    expect(list[1]).to.include({ youSaid: 'The bus stops at 4pm.', weDid: 'The service runs to 6pm from January.', status: 'OPEN' });
    expect(list[1]!.owner).to.be.a('string').and.not.equal('');
  });

  it('raised at the same instant, the higher ref comes first; none with “You said” gives an empty list', () => {
    const list = youSaidWeDid([heard('BPL-A-0007', days(0), 'a'), heard('BPL-A-0010', days(0), 'b')]);
    expect(list.map((e) => e.ref)).to.deep.equal(['BPL-A-0010', 'BPL-A-0007']);
    expect(youSaidWeDid([heard('BPL-A-0001', days(0))])).to.deep.equal([]);
  });
});

// What a Lancashire locality's channel shows: that locality's records and the place-wide ones,
// never another locality's; a place's own channel (no locality) shows everything.
import { expect } from 'chai';
import { inLocalityView } from '../../../records/access.js';

describe('records/access: a locality channel’s view', () => {
  it('the locality’s own and the Lancashire-wide records, not another locality’s', () => {
    expect(inLocalityView({ locality: 'Central' }, 'Central')).to.equal(true);
    expect(inLocalityView({}, 'Central')).to.equal(true);
    expect(inLocalityView({ locality: 'North' }, 'Central')).to.equal(false);
  });
  it('with no locality (the place’s own channel) every record', () => {
    for (const locality of ['Central', 'North', 'East', undefined] as const) expect(inLocalityView({ locality }, undefined)).to.equal(true);
  });
});

import { expect } from 'chai';
import { maySeePlace, placesVisibleTo } from '../../../records/access.js';

describe('who may see which places', () => {
  it('a member of the tenant sees every place', () => {
    expect(placesVisibleTo({ id: 'u1', guest: false })).to.deep.equal(['BPL', 'BWD', 'LAN', 'SC']);
  });

  it('a guest sees only the places whose channel they were added to', () => {
    const guest = { id: 'g1', guest: true, guestOfPlaces: ['SC'] as const };
    expect(placesVisibleTo(guest)).to.deep.equal(['SC']);
    expect(maySeePlace(guest, 'BPL')).to.equal(false);
    expect(maySeePlace(guest, 'SC')).to.equal(true);
  });

  it('a guest in no partnership channel sees nothing', () => {
    expect(placesVisibleTo({ id: 'g2', guest: true })).to.deep.equal([]);
  });
});

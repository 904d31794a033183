import { expect } from 'chai';
import fc from 'fast-check';
import { maySeePlace, type Viewer } from '../../../records/access.js';
import { PLACE_CODES } from '../../../records/places.js';
import { hostFor, type HostRecord } from '../../../records/secondRef.js';

const FC = { seed: 27_001, numRuns: 300 };

describe('a second record named by a card (the meeting an item is changed at)', () => {
  const member: Viewer = { id: 'm', guest: false };
  const scGuest: Viewer = { id: 'g', guest: true, guestOfPlaces: ['SC'] };
  const bplMeeting: HostRecord = { ref: 'BPL-M-0001', place: 'BPL', items: ['BPL-A-0001', 'BPL-S-0002'] };

  it('an item on the meeting, named by its own ref, for someone who may see the place: allowed', () => {
    expect(hostFor(member, 'BPL-M-0001', bplMeeting, 'BPL-A-0001')).to.deep.equal({ ok: true });
  });

  it('a guest of another place naming a Blackpool meeting: refused, whatever the item', () => {
    expect(hostFor(scGuest, 'BPL-M-0001', bplMeeting, 'BPL-A-0001')).to.deep.equal({ ok: false, reason: 'not-visible' });
  });

  it('an item of another place, or not on the agenda, or a meeting that is not there: refused', () => {
    expect(hostFor(member, 'BPL-M-0001', bplMeeting, 'SC-A-0001').ok).to.equal(false);
    expect(hostFor(member, 'BPL-M-0001', bplMeeting, 'BPL-A-0009').ok).to.equal(false);
    expect(hostFor(member, 'BPL-M-0002', undefined, 'BPL-A-0001').ok).to.equal(false);
    expect(hostFor(member, 'bpl-m-0001', bplMeeting, 'BPL-A-0001').ok).to.equal(false);
  });

  it('as a relation: allowed exactly when the viewer may see the host’s place and the item is on it, in that place', () => {
    const place = fc.constantFrom(...PLACE_CODES);
    const viewer = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      guest: fc.boolean(),
      guestOfPlaces: fc.uniqueArray(place, { maxLength: 4 }),
    });
    const ref = fc.tuple(place, fc.constantFrom('A', 'S'), fc.integer({ min: 1, max: 5 })).map(([p, k, n]) => `${p}-${k}-000${n}`);
    fc.assert(
      fc.property(viewer, place, fc.array(ref, { maxLength: 6 }), ref, (v, hostPlace, items, item) => {
        const host = { ref: `${hostPlace}-M-0001`, place: hostPlace, items };
        const ok = hostFor(v, host.ref, host, item).ok;
        expect(ok).to.equal(maySeePlace(v, hostPlace) && item.startsWith(`${hostPlace}-`) && items.includes(item));
      }),
      FC,
    );
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { isGuest, mayRecordIn, maySeePlace, placesVisibleTo, visibleTo, type Viewer } from '../../../records/access.js';
import { PLACE_CODES, type PlaceCode } from '../../../records/places.js';

const FC = { seed: 19_006, numRuns: 300 };

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

  describe('as a relation between people and places (fast-check)', () => {
    const place = fc.constantFrom(...PLACE_CODES);
    const places = fc.uniqueArray(place, { maxLength: 4 });
    const viewer: fc.Arbitrary<Viewer> = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      guest: fc.boolean(),
      guestOfPlaces: places,
    });
    const records = fc.array(fc.record({ record: fc.record({ place, ref: fc.string({ maxLength: 6 }) }) }), { maxLength: 20 });

    it('a person may see a place exactly when it is among the places visible to them', () => {
      fc.assert(
        fc.property(viewer, place, (v, p) => maySeePlace(v, p) === placesVisibleTo(v).includes(p)),
        FC,
      );
    });

    it('a person records (actions, risks, sign-offs, meetings) exactly where they may read: a member anywhere, a guest only in their channels’ places', () => {
      fc.assert(
        fc.property(
          viewer,
          place,
          (v, p) =>
            mayRecordIn(v, p) === maySeePlace(v, p) &&
            (v.guest ? mayRecordIn(v, p) === (v.guestOfPlaces ?? []).includes(p) : mayRecordIn(v, p)),
        ),
        FC,
      );
    });

    it('a member sees every place, whatever channels they are in', () => {
      fc.assert(
        fc.property(viewer, (v) => placesVisibleTo({ ...v, guest: false }).length === PLACE_CODES.length),
        FC,
      );
    });

    it('a guest sees exactly the places of the channels they were added to, and never more than a member', () => {
      fc.assert(
        fc.property(viewer, (v) => {
          const seen = placesVisibleTo({ ...v, guest: true });
          const given = new Set<PlaceCode>(v.guestOfPlaces ?? []);
          return seen.length === given.size && seen.every((p) => given.has(p)) && seen.every((p) => maySeePlace({ ...v, guest: false }, p));
        }),
        FC,
      );
    });

    it("adding a guest to another place's channel never takes away a place they could see", () => {
      fc.assert(
        fc.property(viewer, place, (v, extra) => {
          const before = placesVisibleTo({ ...v, guest: true });
          const after = placesVisibleTo({ ...v, guest: true, guestOfPlaces: [...(v.guestOfPlaces ?? []), extra] });
          return before.every((p) => after.includes(p)) && after.includes(extra);
        }),
        FC,
      );
    });

    it('a list filtered for a person keeps exactly the records of places they may see, in order', () => {
      fc.assert(
        fc.property(viewer, records, (v, list) => {
          const kept = visibleTo(v, list);
          const expected = list.filter((r) => maySeePlace(v, r.record.place));
          return kept.length === expected.length && kept.every((r, i) => r === expected[i]);
        }),
        FC,
      );
    });
  });
});

describe('who is a guest', () => {
  const OURS = ['tenant-icb'];
  it("Teams' own word: userRole guest (or an anonymous meeting user), whatever the tenant", () => {
    expect(isGuest({ userRole: 'guest', tenantId: 'tenant-icb' }, OURS)).to.equal(true);
    expect(isGuest({ userRole: 'anonymous' }, OURS)).to.equal(true);
    expect(isGuest({ userRole: 'Guest' }, [])).to.equal(true);
  });
  it('a user whose home tenant is not ours', () => {
    expect(isGuest({ userRole: 'user', tenantId: 'tenant-elsewhere' }, OURS)).to.equal(true);
  });
  it('a user of our tenant (any case), or one Teams gives no tenant for, is a member', () => {
    expect(isGuest({ userRole: 'user', tenantId: 'TENANT-ICB' }, OURS)).to.equal(false);
    expect(isGuest({ userRole: 'user' }, OURS)).to.equal(false);
    expect(isGuest({ userRole: 'user', tenantId: 'anything' }, [])).to.equal(false);
  });
});

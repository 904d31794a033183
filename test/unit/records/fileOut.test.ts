import { expect } from 'chai';
import fc from 'fast-check';
import { admitFile, FILE_RATE, LINK_MAX_USES, mayOpenLinkAgain, stillMayHavePack } from '../../../records/fileOut.js';

describe('files out: link uses, who still may, and the file rate', () => {
  it(`a link opens while it has been opened fewer than ${LINK_MAX_USES} times`, () => {
    expect([0, 1, 2, 3, 4].map(mayOpenLinkAgain)).to.deep.equal([true, true, true, false, false]);
    expect(mayOpenLinkAgain(Number.NaN)).to.equal(false);
  });

  it('a person still may have the pack exactly while they are one of its chairs or admins', () => {
    const person = fc.constantFrom('a', 'b', 'c');
    const people = fc.uniqueArray(person, { maxLength: 3 }).map((ids) => ids.map((id) => ({ id, name: id.toUpperCase() })));
    fc.assert(
      fc.property(people, people, person, (chairs, admins, who) => {
        expect(stillMayHavePack({ chairs, admins }, who)).to.equal([...chairs, ...admins].some((p) => p.id === who));
      }),
      { seed: 27_002, numRuns: 200 },
    );
    expect(stillMayHavePack(undefined, 'a')).to.equal(false);
  });

  it(`the ${FILE_RATE.max + 1}th file within an hour is refused, with when to ask again`, () => {
    const now = new Date('2026-12-03T12:00:00Z');
    let recent: string[] = [];
    for (let i = 0; i < FILE_RATE.max; i++) {
      const a = admitFile(recent, new Date(now.getTime() + i * 1000));
      if (!a.ok) throw new Error('refused early');
      recent = a.recent;
    }
    const refused = admitFile(recent, new Date(now.getTime() + 60_000));
    expect(refused).to.deep.equal({ ok: false, retryAt: '2026-12-03T13:00:00.000Z' });
  });
});

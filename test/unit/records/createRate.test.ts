// How fast one person may create records in a place (issue 19, item 12): a sliding window, pure.
import { expect } from 'chai';
import fc from 'fast-check';
import { admitCreate, CREATE_RATE, createRateRefusal } from '../../../records/createRate.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('Creates per person per place (30 in 10 minutes)', () => {
  it('lets the 30th create in ten minutes through and refuses the 31st until the first is ten minutes old', () => {
    let recent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const a = admitCreate(recent, minutes(i * 0.2));
      if (!a.ok) throw new Error(`create ${i + 1} refused`);
      recent = a.recent;
    }
    const refused = admitCreate(recent, minutes(6));
    expect(refused).to.deep.equal({ ok: false, retryAt: minutes(10).toISOString() });
    expect(admitCreate(recent, minutes(9.99)).ok).to.equal(false);
    expect(admitCreate(recent, minutes(10)).ok).to.equal(true);
  });

  it('forgets what is outside the window, and anything that is not an instant', () => {
    const a = admitCreate([minutes(-11).toISOString(), 'garbage', 42, minutes(-1).toISOString()], NOW);
    expect(a).to.deep.equal({ ok: true, recent: [minutes(-1).toISOString(), NOW.toISOString()] });
  });

  it('says in one line what happened, that nothing was saved, and when to try again', () => {
    expect(createRateRefusal('BPL', minutes(10).toISOString()).message).to.match(
      /^You have created 30 records in Blackpool in the last 10 minutes, the most one person can\. Nothing was saved and your entries are kept: submit again after .+\.$/,
    );
  });

  it('property: whatever the times, no ten-minute window ever holds more than 30 admitted creates, and what is kept stays bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 200 }), (seconds) => {
        let recent: string[] = [];
        const admitted: number[] = [];
        for (const s of [...seconds].sort((a, b) => a - b)) {
          const at = new Date(NOW.getTime() + s * 1000);
          const a = admitCreate(recent, at);
          if (a.ok) {
            recent = a.recent;
            admitted.push(at.getTime());
          }
          expect(recent.length).to.be.at.most(CREATE_RATE.max);
        }
        for (const t of admitted) expect(admitted.filter((u) => u > t - 600_000 && u <= t).length).to.be.at.most(CREATE_RATE.max);
      }),
      { seed: 1912, numRuns: 300 },
    );
  });
});

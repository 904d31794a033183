import { expect } from 'chai';
import {
  BAND_RANGES,
  CONSEQUENCE_LABELS,
  LIKELIHOOD_LABELS,
  ratingLabel,
  ratingSchema,
  riskBand,
  riskScore,
  scoreLabel,
} from '../../../records/scoring.js';

describe('NPSA 5×5 scoring', () => {
  it('names likelihood rare to almost certain and consequence negligible to catastrophic', () => {
    expect(Object.values(LIKELIHOOD_LABELS)).to.deep.equal(['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
    expect(Object.values(CONSEQUENCE_LABELS)).to.deep.equal(['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']);
  });

  it('scores a risk as likelihood times consequence', () => {
    expect(riskScore({ likelihood: 4, consequence: 3 })).to.equal(12);
    expect(riskScore({ likelihood: 5, consequence: 5 })).to.equal(25);
  });

  it('bands scores at the NPSA boundaries: 3 low, 4 moderate, 6 moderate, 8 high, 12 high, 15 extreme', () => {
    expect(riskBand(1)).to.equal('LOW');
    expect(riskBand(3)).to.equal('LOW');
    expect(riskBand(4)).to.equal('MODERATE');
    expect(riskBand(6)).to.equal('MODERATE');
    expect(riskBand(8)).to.equal('HIGH');
    expect(riskBand(12)).to.equal('HIGH');
    expect(riskBand(15)).to.equal('EXTREME');
    expect(riskBand(25)).to.equal('EXTREME');
  });

  it('bands a rating the same as its score', () => {
    expect(riskBand({ likelihood: 3, consequence: 5 })).to.equal('EXTREME');
    expect(riskBand({ likelihood: 2, consequence: 2 })).to.equal('MODERATE');
  });

  it('refuses a score outside 1–25 rather than banding nonsense', () => {
    expect(() => riskBand(0)).to.throw(RangeError);
    expect(() => riskBand(26)).to.throw(RangeError);
    expect(() => riskBand(2.5)).to.throw(RangeError);
  });

  it('publishes band ranges that match the banding', () => {
    for (const [band, { min, max }] of Object.entries(BAND_RANGES)) {
      expect(riskBand(min), `${band} min`).to.equal(band);
      expect(riskBand(max), `${band} max`).to.equal(band);
    }
  });

  it('reads a score on a card in words and numbers', () => {
    expect(ratingLabel({ likelihood: 4, consequence: 4 })).to.equal('Likely (4) × Major (4) = 16, Extreme');
    expect(scoreLabel({ likelihood: 1, consequence: 2 })).to.equal('2 Low');
  });

  it('accepts a card’s text "3" as likelihood 3 but refuses 0, 6 and 2.5 with a message naming the field', () => {
    expect(ratingSchema.parse({ likelihood: '3', consequence: '5' })).to.deep.equal({ likelihood: 3, consequence: 5 });
    for (const bad of [0, 6, 2.5]) {
      const r = ratingSchema.safeParse({ likelihood: bad, consequence: 1 });
      expect(r.success).to.equal(false);
      expect(r.error!.issues[0]!.message).to.match(/^Likelihood/);
    }
  });
});

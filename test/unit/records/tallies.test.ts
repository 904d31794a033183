// The numbers behind the charts: open actions by RAG, open risks by band, a risk's score over its
// reviews, and the digest's overdue actions by the week they fell due.
import { expect } from 'chai';
import fc from 'fast-check';
import { applyActionCommand } from '../../../records/action.js';
import { addDays } from '../../../records/dates.js';
import { composeDigest, overdueByWeek, OVERDUE_WEEKS_CHARTED } from '../../../records/digest.js';
import { countByBand, countByRag, scoreTrail } from '../../../records/tallies.js';
import { action, SECRETARY } from '../../support/actionFixtures.js';
import { evolve, risk } from '../../support/riskFixtures.js';
import { actionAt, sourcesFor, weekOfRecords } from './digestFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // Monday; London today 2026-11-23
const SEED = 18;

describe('Open actions by RAG', () => {
  it('counts red (overdue), amber (due within 14 days), green and blue (proposed for closure), listing every rating', () => {
    const past = new Date('2026-10-01T10:00:00Z');
    const red = action(past, { dueDate: '2026-11-02' }, 'BPL-A-0001');
    const amber = action(NOW, { dueDate: '2026-12-01' }, 'BPL-A-0002');
    const green = action(NOW, { dueDate: '2027-02-01' }, 'BPL-A-0003');
    const proposed = applyActionCommand(
      action(NOW, { dueDate: '2027-02-01' }, 'BPL-A-0004'),
      SECRETARY,
      { type: 'proposeClosure', note: 'Done' },
      NOW,
    );
    const closed = applyActionCommand(action(NOW, {}, 'BPL-A-0005'), SECRETARY, { type: 'close', decision: 'Board, 19 Nov' }, NOW);
    if (!proposed.ok || !closed.ok) throw new Error('fixture');
    expect(countByRag([red, amber, green, proposed.record, closed.record, red], NOW)).to.deep.equal([
      { rag: 'RED', count: 2 },
      { rag: 'AMBER', count: 1 },
      { rag: 'GREEN', count: 1 },
      { rag: 'BLUE', count: 1 },
    ]);
    expect(countByRag([], NOW).map((c) => c.count)).to.deep.equal([0, 0, 0, 0]);
  });

  it('property: the four counts add up to the open actions, whatever their due dates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -90, max: 120 }), { maxLength: 30 }), (offsets) => {
        const actions = offsets.map((d, i) =>
          action(new Date('2026-08-01T10:00:00Z'), { dueDate: addDays('2026-11-23', d) }, `BPL-A-${String(i + 1).padStart(4, '0')}`),
        );
        const counts = countByRag(actions, NOW);
        expect(counts.reduce((n, c) => n + c.count, 0)).to.equal(actions.length);
        expect(counts.find((c) => c.rag === 'RED')!.count).to.equal(offsets.filter((d) => d < 0).length);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('Open risks by band', () => {
  it('counts each band of the current score, Extreme first, every band listed', () => {
    const extreme = risk(NOW, {}, 'BPL-R-0001');
    const low = risk(NOW, { initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } }, 'BPL-R-0002');
    expect(countByBand([extreme, low, extreme])).to.deep.equal([
      { band: 'EXTREME', count: 2 },
      { band: 'HIGH', count: 0 },
      { band: 'MODERATE', count: 0 },
      { band: 'LOW', count: 1 },
    ]);
  });
});

describe('A risk’s score over its reviews', () => {
  it('dates each point by its day in the UK: a review at 23:30 UTC in summer is the next day', () => {
    const r = evolve(risk(new Date('2026-06-01T10:00:00Z')), SECRETARY, new Date('2026-06-01T23:30:00Z'), {
      type: 'rescore',
      likelihood: 2,
      consequence: 2,
    });
    expect(scoreTrail(r).current.map((p) => p.on)).to.deep.equal(['2026-06-01', '2026-06-02']);
  });

  it('gives the current score at each assessment and review, oldest first, with the target beside each', () => {
    let r = risk(
      new Date('2026-08-03T10:00:00Z'),
      { initial: { likelihood: 4, consequence: 5 }, current: { likelihood: 4, consequence: 4 }, target: { likelihood: 2, consequence: 3 } },
      'BPL-R-0004',
    );
    r = evolve(r, SECRETARY, new Date('2026-09-07T10:00:00Z'), { type: 'rescore', likelihood: 3, consequence: 4 });
    r = evolve(r, SECRETARY, new Date('2026-10-05T10:00:00Z'), { type: 'rescore', likelihood: 4, consequence: 5 });
    expect(scoreTrail(r)).to.deep.equal({
      current: [
        { on: '2026-08-03', score: 16 },
        { on: '2026-09-07', score: 12 },
        { on: '2026-10-05', score: 20 },
      ],
      target: [
        { on: '2026-08-03', score: 6 },
        { on: '2026-09-07', score: 6 },
        { on: '2026-10-05', score: 6 },
      ],
    });
  });
});

describe('Overdue actions by the week they fell due', () => {
  it('on a Monday: the eight weeks before it, oldest first, and those that fell due earlier', () => {
    const { overdueByWeek: weeks, overdueEarlier } = overdueByWeek(
      ['2026-11-10', '2026-11-22', '2026-11-16', '2026-09-28', '2026-09-27', '2026-11-23'],
      '2026-11-23',
    );
    expect(weeks.map((w) => w.weekOf)).to.deep.equal([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(weeks.map((w) => w.count)).to.deep.equal([1, 0, 0, 0, 0, 0, 1, 2]);
    expect(overdueEarlier).to.equal(1); // due today (23 Nov) is not overdue
  });

  it('midweek: the current week is the last, holding what fell due since Monday', () => {
    const { overdueByWeek: weeks } = overdueByWeek(['2026-11-23', '2026-11-24'], '2026-11-25');
    expect(weeks.at(-1)).to.deep.equal({ weekOf: '2026-11-23', count: 2 });
  });

  it('across the October clock change the weeks are still Monday to Sunday', () => {
    const { overdueByWeek: weeks } = overdueByWeek(['2026-10-25', '2026-10-26'], '2026-11-02');
    expect(weeks.slice(-2)).to.deep.equal([
      { weekOf: '2026-10-19', count: 1 },
      { weekOf: '2026-10-26', count: 1 },
    ]);
  });

  it('property: every overdue date is counted once, in the week holding it or as earlier', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -200, max: 10 }), { maxLength: 40 }), fc.integer({ min: 0, max: 400 }), (offsets, day) => {
        const today = addDays('2026-01-01', day);
        const dates = offsets.map((d) => addDays(today, d));
        const { overdueByWeek: weeks, overdueEarlier } = overdueByWeek(dates, today);
        expect(weeks).to.have.length(OVERDUE_WEEKS_CHARTED);
        expect(weeks.reduce((n, w) => n + w.count, 0) + overdueEarlier).to.equal(dates.filter((d) => d < today).length);
        for (const w of weeks) expect(new Date(`${w.weekOf}T12:00:00Z`).getUTCDay()).to.equal(1);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('The weekly digest’s chart numbers', () => {
  it('counts the place’s open actions by RAG and its overdue ones by week', () => {
    const digest = composeDigest(sourcesFor());
    expect(digest.charts!.openByRag).to.deep.equal([
      { rag: 'RED', count: 1 },
      { rag: 'AMBER', count: 2 },
      { rag: 'GREEN', count: 0 },
      { rag: 'BLUE', count: 0 },
    ]);
    expect(digest.charts!.overdueByWeek.find((w) => w.weekOf === '2026-11-09')!.count).to.equal(1); // BPL-A-0002, due 10 Nov
    expect(digest.charts!.overdueEarlier).to.equal(0);
  });

  it('a locality channel counts its locality’s open actions and Lancashire-wide ones, never another place’s', () => {
    const central = actionAt('LAN-A-0001', '2026-11-18T10:00:00Z', { place: 'LAN', locality: 'Central' });
    const east = actionAt('LAN-A-0002', '2026-11-18T10:00:00Z', { place: 'LAN', locality: 'East' });
    const wide = actionAt('LAN-A-0003', '2026-11-18T10:00:00Z', { place: 'LAN' });
    const blackpool = weekOfRecords().fresh;
    const digest = composeDigest(
      sourcesFor(undefined, { place: 'LAN', placeName: 'Lancashire', locality: 'Central', openActions: [central, east, wide, blackpool] }),
    );
    expect(digest.charts!.openByRag.reduce((n, c) => n + c.count, 0)).to.equal(2);
  });
});

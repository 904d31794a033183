// The charts on cards against the shapes Microsoft documents for Teams ("Charts in Adaptive Cards":
// Chart.Donut data [{ legend, value, color }], Chart.VerticalBar data [{ x, y, color }], Chart.Line
// data [{ legend, color, values: [{ x, y }] }], colours from Teams' chart palette), each with a
// fallback that parses cleanly and says the same in words, so colour never carries meaning alone.
import { expect } from 'chai';
import { chartsIn, checkCard } from '../../support/cardCheck.js';
import { CARD_GALLERY } from '../../support/cardGallery.js';
import { myActionsCard } from '../../../cards/actionCards.js';
import { riskRegisterCard } from '../../../cards/riskCards.js';
import { digestCard } from '../../../cards/digestCard.js';
import { composeDigest } from '../../../records/digest.js';
import { action } from '../../support/actionFixtures.js';
import { risk } from '../../support/riskFixtures.js';
import { sourcesFor } from '../records/digestFixtures.js';

/** Teams' chart palette (Adaptive Cards ChartColor), as documented. */
const CHART_COLORS = new Set([
  'good',
  'warning',
  'attention',
  'neutral',
  'categoricalRed',
  'categoricalPurple',
  'categoricalLavender',
  'categoricalBlue',
  'categoricalLightBlue',
  'categoricalTeal',
  'categoricalGreen',
  'categoricalLime',
  'categoricalMarigold',
  ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`sequential${n}`, `sequentialRed${n}`, `sequentialGreen${n}`, `sequentialYellow${n}`]),
  'divergingBlue',
  'divergingLightBlue',
  'divergingCyan',
  'divergingTeal',
  'divergingYellow',
  'divergingPeach',
  'divergingLightRed',
  'divergingRed',
  'divergingMaroon',
  'divergingGray',
]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOW = new Date('2026-11-23T10:00:00Z');

type Chart = Record<string, unknown> & { type: string; data: Record<string, unknown>[]; fallback: Record<string, unknown> };

/** The documented shape of each chart type; throws naming what is wrong. */
function expectDocumentedShape(chart: Chart): void {
  const where = `${chart.type} "${String(chart.title)}"`;
  expect(chart.title, where).to.be.a('string').and.not.equal('');
  expect(chart.data, where).to.be.an('array').that.is.not.empty;
  if (chart.color !== undefined) expect(CHART_COLORS.has(String(chart.color)), `${where} colour ${String(chart.color)}`).to.equal(true);
  for (const d of chart.data) {
    if (d.color !== undefined) expect(CHART_COLORS.has(String(d.color)), `${where} colour ${String(d.color)}`).to.equal(true);
    switch (chart.type) {
      case 'Chart.Donut':
        expect(Object.keys(d)).to.have.members(['legend', 'value', 'color']);
        expect(d.legend, where).to.be.a('string').and.not.equal('');
        expect(d.value, where).to.be.a('number').and.at.least(0);
        break;
      case 'Chart.VerticalBar':
        expect(Object.keys(d).filter((k) => k !== 'color')).to.have.members(['x', 'y']);
        expect(d.x, where).to.be.a('string').and.not.equal('');
        expect(d.y, where).to.be.a('number').and.at.least(0);
        break;
      case 'Chart.Line':
        expect(Object.keys(d)).to.have.members(['legend', 'color', 'values']);
        expect(d.legend, where).to.be.a('string').and.not.equal('');
        for (const v of d.values as { x: unknown; y: unknown }[]) {
          expect(Object.keys(v)).to.have.members(['x', 'y']);
          expect(typeof v.x === 'number' || (typeof v.x === 'string' && ISO_DATE.test(v.x)), `${where} x ${String(v.x)}`).to.equal(true);
          expect(v.y, where).to.be.a('number');
        }
        break;
      default:
        expect.fail(`${where}: not a chart type this app draws`);
    }
  }
  for (const axis of ['xAxisTitle', 'yAxisTitle']) if (chart[axis] !== undefined) expect(chart[axis], where).to.be.a('string');
}

/** The fallback alone, as a card: what mobile clients and the adaptivecards renderer show. */
function fallbackText(chart: Chart): string {
  const card = { type: 'AdaptiveCard', version: '1.5', body: [chart.fallback] };
  expect(checkCard(card).warnings, `fallback of ${chart.type}`).to.deep.equal([]);
  return JSON.stringify(chart.fallback);
}

const galleryCharts = CARD_GALLERY.flatMap((c) => chartsIn(c.build()).map((chart) => ({ card: c.name, chart: chart as Chart })));

describe('Charts on cards', () => {
  it('the cards that chart something do: the digest (donut and bar), the risk card (line), the register (bar), my actions (donut)', () => {
    const kinds = (name: string) => galleryCharts.filter((g) => g.card === name).map((g) => g.chart.type);
    expect(kinds('weekly digest')).to.deep.equal(['Chart.Donut', 'Chart.VerticalBar']);
    expect(kinds('risk card, owner with every change')).to.deep.equal(['Chart.Line']);
    expect(kinds('risk register')).to.deep.equal(['Chart.VerticalBar']);
    expect(kinds('my actions')).to.deep.equal(['Chart.Donut']);
    expect(kinds('weekday reminder')).to.deep.equal([]);
  });

  for (const { card, chart } of galleryCharts) {
    it(`${card}: the ${chart.type} has Teams' documented shape and a fallback in words for every part`, () => {
      expectDocumentedShape(chart);
      const words = fallbackText(chart);
      expect(chart.fallback.type).to.be.oneOf(['FactSet', 'TextBlock']);
      for (const d of chart.data) {
        const label = String(d.legend ?? d.x);
        if (chart.type !== 'Chart.Line') expect(words, `${label} in the fallback`).to.contain(label.split(':')[0]!);
      }
    });
  }

  it('RAG and bands are named in words on the chart itself, not only by colour', () => {
    const donut = galleryCharts.find((g) => g.card === 'my actions')!.chart;
    expect(donut.data.map((d) => d.legend)).to.deep.equal(['Red: overdue', 'Amber: due soon']);
    const bar = galleryCharts.find((g) => g.card === 'risk register')!.chart;
    expect(bar.data.map((d) => d.x)).to.deep.equal(['Extreme', 'High', 'Moderate', 'Low']);
    expect(bar.data.map((d) => d.color)).to.deep.equal(['attention', 'categoricalMarigold', 'divergingYellow', 'good']);
    expect(JSON.stringify(donut.fallback)).to.contain('Green: on track').and.contain('0 actions'); // the words list every rating, even at none
  });

  it('the risk card’s line is the current score at each review with the target as a second line', () => {
    const line = galleryCharts.find((g) => g.card === 'risk card, owner with every change')!.chart;
    const series = line.data as { legend: string; values: { x: string; y: number }[] }[];
    expect(series.map((s) => s.legend)).to.deep.equal(['Current score', 'Target score']);
    expect(series[0]!.values).to.deep.equal([
      { x: '2026-08-03', y: 16 },
      { x: '2026-09-07', y: 12 },
      { x: '2026-10-05', y: 20 },
    ]);
    expect(series[1]!.values.map((v) => v.y)).to.deep.equal([6, 6, 6]);
    expect(JSON.stringify(line.fallback)).to.contain('current 20 Extreme; target 6 Moderate');
  });

  it('a risk with only its first assessment, an empty register and an empty list draw no chart', () => {
    expect(chartsIn(CARD_GALLERY.find((c) => c.name === 'risk card, first assessment, read only')!.build())).to.deep.equal([]);
    expect(chartsIn(CARD_GALLERY.find((c) => c.name === 'risk register, empty')!.build())).to.deep.equal([]);
    expect(chartsIn(CARD_GALLERY.find((c) => c.name === 'my actions, none')!.build())).to.deep.equal([]);
  });

  it('the digest charts its numbers: open actions by RAG and the last eight weeks of overdue actions', () => {
    const [donut, bar] = chartsIn(digestCard(composeDigest(sourcesFor()))) as Chart[];
    expect(donut!.data).to.deep.equal([
      { legend: 'Red: overdue', value: 1, color: 'attention' },
      { legend: 'Amber: due soon', value: 2, color: 'warning' },
    ]);
    // Dates read as everywhere on the cards (en-GB: "Sept").
    expect(bar!.data.map((d) => d.x)).to.deep.equal(['28 Sept', '5 Oct', '12 Oct', '19 Oct', '26 Oct', '2 Nov', '9 Nov', '16 Nov']);
    expect(bar!.xAxisTitle).to.equal('Week it fell due (week commencing)');
    expect(JSON.stringify(bar!.fallback)).to.contain('"title":"w/c 9 Nov","value":"1 overdue action"');
    expect(bar!.data.map((d) => d.y)).to.deep.equal([0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('with a large list the charted cards stay under 40 KB and count everything, not only what is listed', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      action: action(
        new Date('2026-10-01T10:00:00Z'),
        { dueDate: i % 2 ? '2026-11-02' : '2027-03-01', description: 'd'.repeat(2000) },
        `BPL-A-${String(i + 1).padStart(4, '0')}`,
      ),
      etag: 'W/"1"',
      permissions: { canUpdate: true, canRevise: true, canPropose: true },
    }));
    const mine = myActionsCard(many, NOW);
    expect(checkCard(mine).bytes).to.be.below(40 * 1024);
    expect((chartsIn(mine)[0] as Chart).data.map((d) => d.value)).to.deep.equal([150, 150]);
    const risks = Array.from({ length: 300 }, (_, i) => ({
      risk: risk(NOW, { title: 't'.repeat(300) }, `BPL-R-${String(i + 1).padStart(4, '0')}`),
      threshold: 15,
    }));
    const register = riskRegisterCard('BPL', risks, NOW);
    expect(checkCard(register).bytes).to.be.below(40 * 1024);
    expect((chartsIn(register)[0] as Chart).data.map((d) => d.y)).to.deep.equal([300, 0, 0, 0]);
  });
});

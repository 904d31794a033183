// The risk register as a secretary reads it, from each file read back: the first assessment
// labelled "Initial" (not "with existing controls", read as today's score), the risk as one
// sentence, when it was raised and last reviewed (and what the review said), place priority,
// life-course stage and locality, review frequency in words, heat-map cells with their count
// and band as text.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applyRiskCommand } from '../../../../records/riskCommands.js';
import type { Risk } from '../../../../records/risk.js';
import { riskSentence } from '../../../../records/pack/riskColumns.js';
import { days, newRisk, ok, owner } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, csvRecords, openWorkbook, parseXml, serialDate, textOf } from './readBack.js';

/** A Lancashire risk raised on 23 Nov and reviewed a week later. */
function reviewedRisk(): Risk {
  const raised = newRisk({ place: 'LAN', locality: 'East', priority: 'COMMUNITY', lifeCourse: 'Ageing well' });
  return ok(
    applyRiskCommand(raised, owner, { type: 'rescore', likelihood: 4, consequence: 4, note: 'Agency cover agreed to March' }, days(7)),
  );
}
const LAN = { place: 'LAN' as const, board: 'Lancashire Place Partnership Board', madeAt: days(8).toISOString() };
const SENTENCE =
  'There is a risk that neighbourhood teams cannot staff the agreed model, caused by vacancies in community nursing and competing system asks, resulting in delayed discharges and poorer experience for residents.';

describe('The risk register a secretary sends: each score named for what it is, the risk in one sentence, its reviews', () => {
  it('reads the risk as one sentence, keeping an acronym’s capitals and dropping a doubled full stop', () => {
    expect(riskSentence({ event: 'NHS 111 calls go unanswered.', cause: 'Staff sickness', effect: 'Harm to callers.' })).to.equal(
      'There is a risk that NHS 111 calls go unanswered, caused by staff sickness, resulting in harm to callers.',
    );
  });

  it('workbook: initial score labelled "Initial", the sentence, date raised, last review date and note, priority, life course, locality and "Monthly"', async () => {
    const book = await openWorkbook(await make('riskRegisterXlsx', sourceOf({ risks: [reviewedRisk()] }, LAN)));
    const { rows } = await book.sheet('Risk register');
    const headers = rows.get(2)!;
    const cell = (header: string) => {
      const i = headers.indexOf(header);
      expect(i, header).to.be.at.least(0);
      return rows.get(3)![i]!;
    };
    expect(headers).to.not.include('Score with existing controls');
    expect(headers).to.not.include('Place');
    expect(cell('Initial score')).to.equal('16');
    expect(cell('Current score')).to.equal('16');
    expect(cell('The risk')).to.equal(SENTENCE);
    expect(serialDate(cell('Date raised'))).to.equal('2026-11-23');
    expect(serialDate(cell('Last reviewed'))).to.equal('2026-11-30');
    expect(cell('Last review note')).to.equal('Agency cover agreed to March');
    expect(cell('Place priority')).to.equal('Community services');
    expect(cell('Life-course stage')).to.equal('Ageing well');
    expect(cell('Locality')).to.equal('East');
    expect(cell('Review frequency')).to.equal('Monthly');
  });

  it('workbook heat map: every cell says its count and band in words, not by colour alone', async () => {
    const book = await openWorkbook(await make('riskRegisterXlsx', sourceOf({ risks: [reviewedRisk()] }, LAN)));
    const { rows } = await book.sheet('Heat map');
    const likely = [...rows.values()].find((r) => r[0] === '4 Likely')!;
    expect(likely.slice(1)).to.deep.equal(['0 · Moderate', '0 · High', '0 · High', '1 · Extreme', '0 · Extreme']);
  });

  it('CSV: the same columns, review frequency in words and the risk as one sentence', async () => {
    const { headers, records } = csvRecords(await make('riskRegisterCsv', sourceOf({ risks: [reviewedRisk()] }, LAN)));
    expect(headers).to.include.members(['Initial likelihood', 'Initial consequence', 'Initial score', 'Current score']);
    expect(records[0]).to.include({
      'The risk': SENTENCE,
      'Date raised': '2026-11-23',
      'Last reviewed': '2026-11-30',
      'Last review note': 'Agency cover agreed to March',
      'Review frequency': 'Monthly',
      'Life-course stage': 'Ageing well',
    });
  });

  it('Word pack: the risk table shows the title over the sentence, "Initial score" and "Last reviewed"', async () => {
    const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf({ risks: [reviewedRisk()] }, LAN)));
    const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
    const table = all(doc, 'w:tbl').find((t) => textOf(t).includes('There is a risk that'))!;
    const [head, row] = all(table, 'w:tr');
    const headers = all(head!, 'w:tc').map(textOf);
    expect(headers.slice(0, 4)).to.deep.equal(['Ref', 'Risk', 'Owner', 'Initial score']);
    expect(headers).to.include('Last reviewed');
    const risk = all(row!, 'w:tc')[1]!;
    expect(all(risk, 'w:t').map(textOf).join(' ')).to.include(`Workforce gaps in integrated neighbourhood teams`).and.include(SENTENCE);
    expect(textOf(all(row!, 'w:tc')[headers.indexOf('Last reviewed')]!)).to.equal('Mon 30 Nov 2026');
  });
});

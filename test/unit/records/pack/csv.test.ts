import { expect } from 'chai';
import fc from 'fast-check';
import { applyActionCommand } from '../../../../records/action.js';
import { csvField } from '../../../../records/pack/cells.js';
import { packFile } from '../../../../records/pack/packFiles.js';
import { days, newAction, newRisk, NOW, ok, owner } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { parseCsv } from './readBack.js';

const FORMULA_START = /^[=+\-@\t\r]/;

describe('Board pack CSV for Excel', () => {
  it('is UTF-8 with a BOM, CRLF line ends, and first names the place, when it was made (UK time) and for whom', async () => {
    const text = (await make('actionLogCsv', sourceOf({ actions: [newAction()] }))).toString('utf8');
    expect(text.startsWith('\uFEFFBlackpool action log,Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel\r\n')).to.equal(true);
    expect(text.endsWith('\r\n')).to.equal(true);
  });

  it('is named by place, kind and the UK time it was made, with a CSV content type', () => {
    const summer = sourceOf({}, { madeAt: '2026-07-01T08:45:00Z' });
    expect(packFile('actionLogCsv', summer).fileName).to.equal('BPL action log 2026-07-01 0945.csv');
    expect(packFile('riskRegisterCsv', sourceOf()).fileName).to.equal('BPL risk register 2026-11-23 1000.csv');
    expect(packFile('riskRegisterCsv', sourceOf()).contentType).to.equal('text/csv; charset=utf-8');
  });

  it('quotes commas, quotes and line breaks per RFC 4180 and reads back the same', async () => {
    const tricky = 'Say "yes", then\r\nnext line\nand more';
    expect(csvField(tricky)).to.equal('"Say ""yes"", then\r\nnext line\nand more"');
    const rows = parseCsv(
      (await make('actionLogCsv', sourceOf({ actions: [newAction({ description: tricky })] }))).toString('utf8').slice(1),
    );
    expect(rows[2]![rows[1]!.indexOf('Description')]).to.equal(tricky);
  });

  it('defuses text Excel would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).to.equal(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+44 1253')).to.equal("'+44 1253");
    expect(csvField(-3)).to.equal('-3');
  });

  it('never lets any cell, whatever was typed, start with =, +, -, @, tab or CR once read by Excel', async () => {
    const text = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', ' ', 'é', 'ש', '😀'),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(text, text, async (description, name) => {
        const action = newAction({
          description: description.trim() === '' ? 'x' : description,
          owner: { id: 'o', name: name.trim() === '' ? 'y' : name },
        });
        const rows = parseCsv((await make('actionLogCsv', sourceOf({ actions: [action] }))).toString('utf8').slice(1));
        for (const cell of rows[2]!) expect(cell).to.not.match(FORMULA_START);
        const header = rows[1]!;
        expect(rows[2]![header.indexOf('Description')]!.replace(/^'/, '')).to.equal(action.description);
      }),
      { seed: 17, numRuns: 200 },
    );
  });

  it('exports the action log in the order read, with its RAG and current due date', async () => {
    const late = { ...newAction({ description: 'Late, "urgent" one' }), ref: 'SC-A-0010' };
    const revised = ok(
      applyActionCommand(newAction(), owner, { type: 'reviseDueDate', dueDate: '2027-03-01', reason: 'Waiting on council' }, NOW),
    );
    const rows = parseCsv(
      (await make('actionLogCsv', sourceOf({ actions: [revised, late] }, { madeAt: days(30).toISOString() }))).toString('utf8').slice(1),
    );
    expect(rows).to.have.length(4);
    const header = rows[1]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows[2]![0]).to.equal('SC-A-0007');
    expect(rows[2]![col('Due date')]).to.equal('2027-03-01');
    expect(rows[2]![col('Original due date')]).to.equal('2026-12-18');
    expect(rows[2]![col('RAG')]).to.equal('Green');
    expect(rows[3]![col('RAG')]).to.equal('Red');
    expect(rows[3]![col('Description')]).to.equal('Late, "urgent" one');
  });

  it('exports the risk register with band, trend, appetite and escalation', async () => {
    const high = newRisk();
    const low = {
      ...newRisk({ initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } }),
      ref: 'BPL-R-0002',
    };
    const rows = parseCsv((await make('riskRegisterCsv', sourceOf({ risks: [high, low] }))).toString('utf8').slice(1));
    const header = rows[1]!;
    const col = (name: string) => header.indexOf(name);
    // The first assessment is labelled "Initial" (was "Score with existing controls", read as today's score).
    expect(header).to.include('Initial score');
    expect(header).to.not.include('Score with existing controls');
    expect(rows.slice(1).map((r) => r[0])).to.deep.equal(['Ref', 'BPL-R-0001', 'BPL-R-0002']);
    expect(rows[2]![col('Current score')]).to.equal('16');
    expect(rows[2]![col('Current band')]).to.equal('Extreme');
    expect(rows[2]![col('Escalate')]).to.equal('Yes');
    expect(rows[2]![col('Why escalate')]).to.match(/threshold/);
    expect(rows[3]![col('Escalate')]).to.equal('No');
    expect(rows[2]![col('Controls')]).to.equal('Place workforce group meets monthly');
  });

  it('flags risks against the place’s own escalation threshold', async () => {
    const rows = parseCsv(
      (await make('riskRegisterCsv', sourceOf({ risks: [newRisk()] }, { escalationThreshold: 20 }))).toString('utf8').slice(1),
    );
    expect(rows[2]![rows[1]!.indexOf('Why escalate')]).to.not.match(/threshold/);
  });

  it('keeps right-to-left text and emoji intact', async () => {
    const text = 'מרפאה קהילתית 🏥 clinic';
    const rows = parseCsv(
      (await make('actionLogCsv', sourceOf({ actions: [newAction({ description: text })] }))).toString('utf8').slice(1),
    );
    expect(rows[2]![rows[1]!.indexOf('Description')]).to.equal(text);
  });

  it('gives an empty place the heading and header row only', async () => {
    const rows = parseCsv((await make('riskRegisterCsv', sourceOf())).toString('utf8').slice(1));
    expect(rows).to.have.length(2);
    expect(rows[1]![0]).to.equal('Ref');
  });
});

import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { applyActionCommand, type Action } from '../../../../records/action.js';
import { packFile } from '../../../../records/pack/packFiles.js';
import { applyRiskCommand } from '../../../../records/riskCommands.js';
import { days, newAction, newRisk, NOW, ok, owner } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(2).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

function actions(n: number): Action[] {
  return Array.from({ length: n }, (_, i) => ({
    ...newAction({ description: `Action number ${i + 1}` }),
    ref: `BPL-A-${String(i + 1).padStart(4, '0')}`,
  }));
}

describe('Board pack workbooks (.xlsx), opened back with exceljs', () => {
  it('the action log holds every action, one row each, under a heading naming the place, when it was made (UK time) and for whom', async () => {
    const list = actions(250);
    const workbook = await open(await make('actionLogXlsx', sourceOf({ actions: list })));
    const sheet = workbook.getWorksheet('Action log')!;
    expect(sheet.getCell('A1').value).to.equal('Blackpool action log');
    expect(sheet.getRow(1).values).to.include('Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel');
    expect(sheet.getCell('A2').value).to.equal('Ref');
    const refs: unknown[] = [];
    for (let r = 3; r <= sheet.rowCount; r++) refs.push(sheet.getRow(r).getCell(1).value);
    expect(refs).to.deep.equal(list.map((a) => a.ref));
    expect(sheet.getRow(252).getCell(columnOf(sheet, 'Description')).value).to.equal('Action number 250');
    expect(workbook.creator).to.equal('Sam Patel');
  });

  it('is named by place, kind and the UK time made, as an Excel workbook', () => {
    const file = packFile('actionLogXlsx', sourceOf());
    expect(file.fileName).to.equal('BPL action log 2026-11-23 1000.xlsx');
    expect(file.contentType).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('has dates as real dates, a frozen header row with filters on, and column widths', async () => {
    const revised = ok(
      applyActionCommand(newAction(), owner, { type: 'reviseDueDate', dueDate: '2027-03-01', reason: 'Waiting on council' }, NOW),
    );
    const workbook = await open(await make('actionLogXlsx', sourceOf({ actions: [revised] })));
    const sheet = workbook.getWorksheet('Action log')!;
    const due = sheet.getRow(3).getCell(columnOf(sheet, 'Due date'));
    expect(due.value).to.be.instanceOf(Date);
    expect((due.value as Date).toISOString()).to.equal('2027-03-01T00:00:00.000Z');
    expect(due.numFmt).to.equal('dd/mm/yyyy');
    expect((sheet.getRow(3).getCell(columnOf(sheet, 'Original due date')).value as Date).toISOString().slice(0, 10)).to.equal('2026-12-18');
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).to.equal('A2:AB3'); // 28 columns since the action log was completed (issue 25)
    expect(sheet.getColumn(columnOf(sheet, 'Description')).width).to.equal(60);
  });

  it('the action log has an "Update history" sheet: every update, one row each, numbered within its action, oldest first', async () => {
    const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
    let chased = newAction({ description: 'Chase the council for the site plan' });
    for (const [i, text] of ['Asked the council', 'Council replied: March', 'Plan received'].entries())
      chased = ok(applyActionCommand(chased, owner, { type: 'addUpdate', text }, at(i + 1)));
    const quiet = { ...newAction({ description: 'Nothing said yet' }), ref: 'BPL-A-0002' };
    let once = { ...newAction({ description: 'Said once' }), ref: 'BPL-A-0003' };
    once = ok(applyActionCommand(once, owner, { type: 'addUpdate', text: '=SUM(A1) is text, not a formula' }, at(5)));

    const workbook = await open(await make('actionLogXlsx', sourceOf({ actions: [chased, quiet, once] })));
    expect(workbook.worksheets.map((w) => w.name)).to.deep.equal(['Action log', 'Update history']);
    const sheet = workbook.getWorksheet('Update history')!;
    expect(sheet.getCell('A1').value).to.equal('Blackpool action log');
    const rows = [];
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]);
    }
    expect(rows).to.deep.equal([
      [chased.ref, 1, owner.name, 'Asked the council', 'Chase the council for the site plan'],
      [chased.ref, 2, owner.name, 'Council replied: March', 'Chase the council for the site plan'],
      [chased.ref, 3, owner.name, 'Plan received', 'Chase the council for the site plan'],
      ['BPL-A-0003', 1, owner.name, '=SUM(A1) is text, not a formula', 'Said once'],
    ]);
    expect(sheet.getRow(3).getCell(columnOf(sheet, 'Date')).value).to.be.instanceOf(Date);
  });

  it('shows RAG as a cell fill and as a word', async () => {
    const overdue = newAction();
    const proposed = ok(applyActionCommand(newAction(), owner, { type: 'proposeClosure', note: 'Done' }, NOW));
    const workbook = await open(
      await make('actionLogXlsx', sourceOf({ actions: [overdue, proposed] }, { madeAt: days(30).toISOString() })),
    );
    const sheet = workbook.getWorksheet('Action log')!;
    const rag = columnOf(sheet, 'RAG');
    expect(sheet.getRow(3).getCell(rag).value).to.equal('Red');
    expect(fillOf(sheet.getRow(3).getCell(rag))).to.equal('FFD5281B');
    expect(sheet.getRow(4).getCell(rag).value).to.equal('Blue');
    expect(fillOf(sheet.getRow(4).getCell(rag))).to.equal('FF005EB8');
  });

  it('keeps formula characters, HTML, right-to-left text and emoji exactly as typed, as text and never as a formula', async () => {
    const typed = ['=HYPERLINK("http://evil","x")', '+44 1253 000000', '-1', '@SUM(A1)', '<b>bold</b> & co', 'מרפאה קהילתית', 'Go 🚀 team'];
    const list = typed.map((description, i) => ({ ...newAction({ description }), ref: `BPL-A-000${i + 1}` }));
    const workbook = await open(await make('actionLogXlsx', sourceOf({ actions: list })));
    const sheet = workbook.getWorksheet('Action log')!;
    const col = columnOf(sheet, 'Description');
    typed.forEach((text, i) => {
      const cell = sheet.getRow(3 + i).getCell(col);
      expect(cell.type).to.equal(ExcelJS.ValueType.String);
      expect(cell.value).to.equal(text);
    });
  });

  it('the risk register holds every risk with its band as fill and word, and a 5×5 heat map sheet that counts them', async () => {
    const extreme = newRisk();
    const low = {
      ...newRisk({ initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } }),
      ref: 'BPL-R-0002',
    };
    const reviewed = {
      ...ok(applyRiskCommand(newRisk(), owner, { type: 'rescore', likelihood: 3, consequence: 3, note: 'Better' }, NOW)),
      ref: 'BPL-R-0003',
    };
    const workbook = await open(await make('riskRegisterXlsx', sourceOf({ risks: [extreme, reviewed, low] })));
    const sheet = workbook.getWorksheet('Risk register')!;
    expect(sheet.getCell('A1').value).to.equal('Blackpool risk register');
    expect([3, 4, 5].map((r) => sheet.getRow(r).getCell(1).value)).to.deep.equal(['BPL-R-0001', 'BPL-R-0003', 'BPL-R-0002']);
    const band = columnOf(sheet, 'Current band');
    expect(sheet.getRow(3).getCell(band).value).to.equal('Extreme');
    expect(fillOf(sheet.getRow(3).getCell(band))).to.equal('FFFF0000');
    expect(sheet.getRow(3).getCell(columnOf(sheet, 'Current score')).value).to.equal(16);
    expect(sheet.getRow(3).getCell(columnOf(sheet, 'Next review date')).value).to.be.instanceOf(Date);

    const heat = workbook.getWorksheet('Heat map')!;
    const rowOf = (likelihood: number) => heat.getRow(5 + (5 - likelihood));
    expect(rowOf(4).getCell(1).value).to.equal('4 Likely');
    // Each cell carries its count and band in words (was the count alone, its band colour only).
    expect(rowOf(4).getCell(1 + 4).value).to.equal('1 · Extreme'); // L4 × C4
    expect(rowOf(3).getCell(1 + 3).value).to.equal('1 · High'); // L3 × C3
    expect(rowOf(1).getCell(1 + 2).value).to.equal('1 · Low'); // L1 × C2
    expect(rowOf(5).getCell(1 + 5).value).to.equal('0 · Extreme');
    expect(fillOf(rowOf(5).getCell(6))).to.equal('FFFF0000');
    const key: unknown[][] = [];
    for (let r = 11; r <= heat.rowCount; r++) key.push([heat.getRow(r).getCell(1).value, heat.getRow(r).getCell(3).value]);
    expect(key).to.deep.include.members([
      ['Extreme', 1],
      ['High', 1],
      ['Low', 1],
      ['Moderate', 0],
    ]);
  });

  it('gives an empty place a valid workbook with its heading, header row and an empty heat map', async () => {
    const workbook = await open(await make('riskRegisterXlsx', sourceOf()));
    const sheet = workbook.getWorksheet('Risk register')!;
    expect(sheet.getCell('A2').value).to.equal('Ref');
    expect(sheet.getRow(3).getCell(1).value).to.equal(null);
    expect(workbook.getWorksheet('Heat map')!.getCell('A3').value).to.match(/^0 open risks/);
  });
});

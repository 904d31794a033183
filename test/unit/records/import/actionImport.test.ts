// The import's pure parts: CSV by RFC 4180, UK dates, columns by header and synonym, owners
// among the place's people (never guessed), bounds on rows and cells, and who may import.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { importAction, IMPORT_MAX_ROWS, matchOwner, planImport, type PlacePerson } from '../../../../records/import/actionImport.js';
import { parseCsv } from '../../../../records/import/csv.js';
import { mayImport } from '../../../../records/import/importAccess.js';
import { readUkDate } from '../../../../records/import/ukDates.js';
import { readWorkbook } from '../../../../records/import/workbook.js';
import type { Actor } from '../../../../records/people.js';

const now = new Date('2026-11-23T10:00:00Z');
const SAM: PlacePerson = { id: 'aad-sam', name: 'Sam Patel', email: 'sam.patel@nhs.net' };
const HELEN: PlacePerson = { id: 'helen.price@nhs.net', name: 'Helen Price' };
const people = [SAM, HELEN];
const sheet = (rows: string[][]) => rows.map((cells, i) => ({ n: i + 1, cells }));
const plan = (rows: string[][]) => planImport(sheet(rows), { place: 'BPL', people, now });
const HEAD = ['Ref', 'Description', 'Owner', 'Deadline', 'Status', 'RAG', 'Latest update', 'Meeting', 'Minute ref'];

describe('Import: CSV (RFC 4180, by hand)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n1,"two\nlines",3\n')).to.deep.equal([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
  });
  it('keeps blank lines as rows so row numbers are the file’s', () => {
    expect(parseCsv('a\n\nb')).to.deep.equal([['a'], [''], ['b']]);
  });
});

describe('Import: UK dates', () => {
  it('reads dd/mm/yyyy (never US order), 1 Dec 2026, 1st December 2026, ISO, Excel serials and date cells', () => {
    expect(readUkDate('01/02/2027')).to.equal('2027-02-01');
    expect(readUkDate('1 Dec 2026')).to.equal('2026-12-01');
    expect(readUkDate('1st December 2026')).to.equal('2026-12-01');
    expect(readUkDate('2026-12-31')).to.equal('2026-12-31');
    expect(readUkDate(46357)).to.equal('2026-12-01');
    expect(readUkDate(new Date(Date.UTC(2026, 11, 1)))).to.equal('2026-12-01');
  });
  it('reads nothing from text that is not a date, a 31st of February, or a number that is not a serial', () => {
    expect(readUkDate('next week')).to.equal(undefined);
    expect(readUkDate('31/02/2027')).to.equal(undefined);
    expect(readUkDate(7)).to.equal(undefined);
  });
});

describe('Import: planning rows', () => {
  it('matches columns by header and synonym, and makes a draft per good row with their ref, update and meeting', () => {
    const p = plan([
      HEAD,
      ['CL/23/045', 'Draft the estates plan', 'Sam Patel', '31/12/2026', 'In progress', 'Amber', 'Met estates', 'Board', 'M12'],
    ]);
    expect(p.fileProblem).to.equal(undefined);
    expect(p.columns).to.include({ description: 'Description', owner: 'Owner', due: 'Deadline', update: 'Latest update' });
    expect(p.problems).to.deep.equal([]);
    expect(p.rows[0]).to.deep.include({ row: 2, theirRef: 'CL/23/045', status: 'IN_PROGRESS', update: 'Met estates' });
    expect(p.rows[0]!.draft).to.deep.include({ place: 'BPL', dueDate: '2026-12-31', owner: { id: SAM.id, name: SAM.name } });
    expect(p.rows[0]!.draft.source).to.deep.equal({ meeting: 'Board', minuteRef: 'M12' });
  });

  it('a column missing: the file is refused, naming the column and its synonyms', () => {
    const p = plan([
      ['Action', 'Lead'],
      ['Do it', 'Sam Patel'],
    ]);
    expect(p.fileProblem).to.match(/no column for “Due date” \(or Due, Deadline/);
    expect(p.rows).to.deep.equal([]);
  });

  it('a date in the past or unreadable, an owner not found: a problem naming the row and column, the row left out', () => {
    const p = plan([
      ['Action', 'Lead', 'Due'],
      ['Past', 'Sam Patel', '01/01/2020'],
      ['Unreadable', 'Sam Patel', 'soon'],
      ['Nobody', 'Jo Bloggs', '31/12/2026'],
      ['Fine', 'helen.price@nhs.net', '31/12/2026'],
    ]);
    expect(p.problems.map((x) => [x.row, x.column])).to.deep.equal([
      [2, 'Due date'],
      [3, 'Due date'],
      [4, 'Lead'],
    ]);
    expect(p.problems[0]!.problem).to.contain('in the past');
    expect(p.problems[2]!.problem).to.contain('“Jo Bloggs” is not one of the place’s people');
    expect(p.rows.map((r) => r.row)).to.deep.equal([5]);
  });

  it('owners by e-mail or name, never guessed: a shared name is a problem, a part name is not a match', () => {
    expect(matchOwner('SAM.PATEL@nhs.net', people)).to.deep.equal({ ok: true, person: { id: SAM.id, name: SAM.name } });
    expect(matchOwner('Sam', people).ok).to.equal(false);
    expect(matchOwner('Sam Patel', [...people, { id: 'aad-other', name: 'Sam Patel' }])).to.deep.include({ ok: false });
  });

  it('100 KB in a cell: a problem saying how long it may be, nothing of it kept; characters XML cannot hold are dropped', () => {
    const p = plan([
      ['Action', 'Lead', 'Due'],
      ['x'.repeat(100_000), 'Sam Patel', '31/12/2026'],
      ['Tab\u0007bed', 'Sam Patel', '31/12/2026'],
    ]);
    expect(p.problems).to.have.length(1);
    expect(p.problems[0]).to.deep.include({ row: 2, column: 'Action' });
    expect(p.problems[0]!.problem).to.contain('100,000 characters: at most 2,000');
    expect(p.rows[0]!.draft.description).to.equal('Tabbed');
  });

  it('closed rows and unknown statuses are problems; over 1,000 rows the whole file is refused', () => {
    const p = plan([
      ['Action', 'Lead', 'Due', 'Status'],
      ['A', 'Sam Patel', '31/12/2026', 'Complete'],
      ['B', 'Sam Patel', '31/12/2026', 'Maybe'],
    ]);
    expect(p.problems.map((x) => x.column)).to.deep.equal(['Status', 'Status']);
    const big = plan([['Action', 'Lead', 'Due'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, () => ['A', 'Sam Patel', '31/12/2026'])]);
    expect(big.fileProblem).to.contain('1,001 rows; at most 1,000');
  });

  it('the created action keeps where it came from as its first update, and its audit event says import', () => {
    const [row] = plan([HEAD, ['CL/23/045', 'Draft the estates plan', 'Sam Patel', '31/12/2026', 'On hold', '', '', '', '']]).rows;
    const actor: Actor = { ...SAM, roles: ['admin'] };
    const t = importAction('log.csv', row!, 'BPL-A-0001', actor, now);
    if (!t.ok) throw new Error(t.refusal.message);
    expect(t.record.updates[0]!.text).to.equal('Imported from log.csv row 2, their ref CL/23/045.');
    expect(t.record).to.deep.include({ status: 'ON_HOLD', heldFrom: 'OPEN' });
    expect(t.event.command).to.equal('import');
  });

  it('reads an .xlsx made by exceljs: text, date cells and formula results', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Log');
    ws.addRow(['Action', 'Owner', 'Due date']);
    ws.addRow(['Estates plan', 'Sam Patel', new Date(Date.UTC(2026, 11, 31))]);
    ws.addRow([{ richText: [{ text: 'Work' }, { text: 'force' }] }, 'Helen Price', { formula: 'DATE(2027,1,15)', result: 46402 }]);
    const rows = await readWorkbook(new Uint8Array(await book.xlsx.writeBuffer()), 10);
    const p = planImport(rows, { place: 'BPL', people, now });
    expect(p.problems).to.deep.equal([]);
    expect(p.rows.map((r) => [r.draft.description, r.draft.dueDate])).to.deep.equal([
      ['Estates plan', '2026-12-31'],
      ['Workforce', '2027-01-15'],
    ]);
  });
});

describe('Import: who may (a relation between people and a place)', () => {
  it('a place admin may; a chair, an approver or a member without a role may not; a guest may not even as admin', () => {
    const member = { guest: false };
    expect(mayImport(member, { roles: ['admin'] })).to.equal(true);
    expect(mayImport(member, { roles: ['chair', 'approver'] })).to.equal(false);
    expect(mayImport(member, { roles: [] })).to.equal(false);
    expect(mayImport({ guest: true }, { roles: ['admin'] })).to.equal(false);
  });
});

// An .xlsx workbook's first sheet as rows of cells (exceljs), for the import. A cell is kept as
// text, a number (an Excel date serial when typed as a number) or a date; formulas give their
// last calculated result, never the formula. Only the first `maxRows` + 1 rows are read.
import ExcelJS from 'exceljs';

export type Cell = string | number | Date;

/** A row of the sheet, by its number in the sheet (the header is row 1), so problems name the row the person sees. */
export interface SheetRow {
  n: number;
  cells: Cell[];
}

/** Why a workbook could not be read, as the person is told. */
export class UnreadableWorkbook extends Error {}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue((value.result ?? '') as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return '';
}

/** The first worksheet's rows (blank rows skipped), at most `maxRows` + 1 of them (the header and one over, to tell it is too long). */
export async function readWorkbook(bytes: Uint8Array, maxRows: number): Promise<SheetRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableWorkbook(
      'The file is not a workbook Excel can open (or it is password-protected). Save it as .xlsx and attach it again.',
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new UnreadableWorkbook('The workbook has no sheets.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > maxRows + 1) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows.push({ n: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

// The action log and the risk register as real Excel workbooks, written row by row with
// exceljs's streaming WorkbookWriter: a heading row naming the place, when it was made and
// for whom, a frozen header row with filters, column widths, dates as dates, A4 landscape print
// set-up one page wide with the header row on every page, RAG and band as
// cell fill AND as words. The risk workbook adds a 5×5 heat map sheet of current scores; the
// action log a sheet of every update, one row each.
import ExcelJS from 'exceljs';
import { BAND_COLOURS, BAND_LABELS, BAND_RANGES, CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, riskBand, RISK_BANDS } from '../scoring.js';
import type { Risk } from '../risk.js';
import { BAND_TEXT, excelDate, HeatMap, type Column } from './cells.js';
import type { PackHeading } from './packTypes.js';
import { xmlSafe } from '../limits.js';

/** Rows written between pauses that let the zip and the caller's stream catch up. */
export const ROWS_PER_PAUSE = 100;

const argb = (hex: string) => 'FF' + hex.replace('#', '').toUpperCase();
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const HEADER_FILL = '#005eb8';
const DATE_FORMAT = 'dd/mm/yyyy';
/** Named, so the header row looks the same in Excel, LibreOffice and Numbers (the Word pack's face). */
const FONT = 'Arial';
const HEADER_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 14, bold: true };

/** Excel's header/footer codes read "&" as a command: doubled it is the character; 80 characters a part keeps under Excel's 255. */
const hf = (text: string) => text.slice(0, 80).replace(/&/g, '&&');

/**
 * As a board pack prints: A4 landscape, one page wide however many rows, the header row repeated
 * on every page, and a running header and footer like the Word pack's (place and title, the
 * protective marking, page n of m).
 */
function printed(heading: PackHeading, titleRows?: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as it takes
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      ...(titleRows ? { printTitlesRow: titleRows } : {}),
    },
    headerFooter: {
      oddHeader: `&L${hf(heading.title)}&C&"${FONT},Bold"${hf(heading.marking)}&R${hf(heading.running)}`,
      oddFooter: `&L${hf(heading.made)}&C&"${FONT},Bold"${hf(heading.marking)}&RPage &P of &N`,
    },
  };
}

/** Lets compression run, and waits while the caller's stream asks for a pause. */
async function breathe(out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const writable = out as NodeJS.WritableStream & { writableNeedDrain?: boolean };
  if (writable.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** One register sheet: heading row, frozen header row with filters, one row per record. */
async function writeRegisterSheet<T>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: NodeJS.WritableStream,
  name: string,
  heading: PackHeading,
  columns: Column<T>[],
  records: AsyncIterable<T>,
  seen?: (record: T) => void,
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }], ...printed(heading, '2:2') });
  sheet.columns = columns.map((c) => ({ key: c.header, width: c.width }));
  const title = sheet.getRow(1);
  title.getCell(1).value = heading.title;
  title.getCell(1).font = TITLE_FONT;
  title.getCell(4).value = heading.made;
  title.commit();
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  header.commit();
  let rowNumber = 2;
  for await (const record of records) {
    seen?.(record);
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    columns.forEach((c, i) => {
      const value = c.value(record);
      if (value === undefined || value === null || value === '') return;
      const cell = row.getCell(i + 1);
      if (c.kind === 'date') {
        cell.value = excelDate(String(value));
        cell.numFmt = DATE_FORMAT;
      } else {
        // Text stays text: exceljs writes strings as inline strings, never as formulas; a record
        // stored before text was cleaned still gives a sheet that opens.
        cell.value = typeof value === 'string' ? xmlSafe(value) : value;
      }
      cell.alignment = { vertical: 'top', wrapText: c.width >= 30 };
      const fill = c.fill?.(record);
      if (fill) {
        cell.fill = solid(fill.background);
        cell.font = { bold: true, color: { argb: argb(fill.text) } };
      }
    });
    row.commit();
    if ((rowNumber - 2) % ROWS_PER_PAUSE === 0) await breathe(out);
  }
  sheet.autoFilter = `A2:${columnLetter(columns.length)}${Math.max(rowNumber, 2)}`;
  sheet.commit();
}

function heatMapSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, heading: PackHeading, heat: HeatMap): void {
  const sheet = workbook.addWorksheet('Heat map', printed(heading));
  sheet.columns = [{ width: 26 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  let r = 0;
  const row = (values: (string | number)[]) => {
    const line = sheet.getRow(++r);
    values.forEach((v, i) => (line.getCell(i + 1).value = v));
    return line;
  };
  const title = row([`${heading.title}: heat map of current scores`]);
  title.getCell(1).font = TITLE_FONT;
  title.commit();
  row([heading.made]).commit();
  row([
    `${heat.total} open risks. Each cell counts the risks at that likelihood and consequence; its colour is the NPSA band, named in the key below.`,
  ]).commit();
  const head = row(['Likelihood ↓ / Consequence →', ...([1, 2, 3, 4, 5] as const).map((c) => `${c} ${CONSEQUENCE_LABELS[c]}`)]);
  head.eachCell((cell) => (cell.font = { bold: true }));
  head.commit();
  for (const l of [5, 4, 3, 2, 1] as const) {
    const line = row([`${l} ${LIKELIHOOD_LABELS[l]}`]);
    line.getCell(1).font = { bold: true };
    for (const c of [1, 2, 3, 4, 5] as const) {
      const cell = line.getCell(c + 1);
      const band = riskBand(l * c);
      // The count and the band in words, as in the Word pack, so the colour never carries meaning alone.
      cell.value = `${heat.count(l, c)} · ${BAND_LABELS[band]}`;
      cell.fill = solid(BAND_COLOURS[band]);
      cell.font = { color: { argb: argb(BAND_TEXT) }, bold: heat.count(l, c) > 0 };
      cell.alignment = { horizontal: 'center' };
    }
    line.commit();
  }
  row([]).commit();
  const keyHead = row(['Band', 'Scores', 'Open risks']);
  keyHead.eachCell((cell) => (cell.font = { bold: true }));
  keyHead.commit();
  for (const band of [...RISK_BANDS].reverse()) {
    let count = 0;
    for (let l = 1; l <= 5; l++) for (let c = 1; c <= 5; c++) if (riskBand(l * c) === band) count += heat.count(l, c);
    const line = row([BAND_LABELS[band], `${BAND_RANGES[band].min}–${BAND_RANGES[band].max}`, count]);
    line.getCell(1).fill = solid(BAND_COLOURS[band]);
    line.commit();
  }
  sheet.commit();
}

export interface WorkbookSpec<T, D = never> {
  sheetName: string;
  heading: PackHeading;
  madeBy: string;
  madeAt: Date;
  columns: Column<T>[];
  records: AsyncIterable<T>;
  /** The risk register: add a heat map sheet of these ratings. */
  heatMapOf?: (record: T) => Pick<Risk, 'current'>;
  /** A second sheet of rows drawn from each record (the action log's update history: one row per update). */
  detail?: DetailSheet<T, D>;
}

export interface DetailSheet<T, D> {
  sheetName: string;
  /** The detail rows' columns; each row is a record with one of its details (n counts from 1). */
  columns: Column<DetailRow<T, D>>[];
  rowsOf: (record: T) => readonly D[];
}
export type DetailRow<T, D> = { record: T; detail: D; n: number };

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

export async function writeWorkbook<T, D = never>(out: NodeJS.WritableStream, spec: WorkbookSpec<T, D>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = spec.madeBy;
  workbook.lastModifiedBy = spec.madeBy;
  workbook.created = spec.madeAt;
  workbook.modified = spec.madeAt;
  workbook.title = `${spec.heading.title}. ${spec.heading.made}`;
  const heat = spec.heatMapOf ? new HeatMap() : undefined;
  const ratingOf = spec.heatMapOf;
  // The detail rows are kept as the records pass, so the store is read once (a sheet is written
  // whole before the next starts); they hold only the records that have details.
  const details: DetailRow<T, D>[] = [];
  const detail = spec.detail;
  await writeRegisterSheet(workbook, out, spec.sheetName, spec.heading, spec.columns, spec.records, (record) => {
    if (heat && ratingOf) heat.add(ratingOf(record));
    detail?.rowsOf(record).forEach((item, i) => details.push({ record, detail: item, n: i + 1 }));
  });
  if (heat) heatMapSheet(workbook, spec.heading, heat);
  if (detail) await writeRegisterSheet(workbook, out, detail.sheetName, spec.heading, detail.columns, each(details));
  await workbook.commit();
}

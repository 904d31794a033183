// The board pack as a Word document. The docx package makes everything but the records' rows
// (cover, headings, keys, header rows, heat maps, styles, A4 landscape); it builds a document in
// memory, which at 10,000 actions took over a gigabyte, so each record's row is written as
// WordprocessingML where docx left a marker row, as the records are read, and the document is
// zipped as a stream (fflate). bench/ measures time and memory at 100 to 10,000 actions.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { BAND_COLOURS, CONSEQUENCE_LABELS, LIKELIHOOD_LABELS } from '../scoring.js';
import { countLine, type AnySection } from './packOutline.js';
import { BAND_TEXT, hasRightToLeft, HeatMap, heatMapInWords, heatMapRows, printedValue } from './cells.js';
import type { PackHeading } from './packTypes.js';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { finish } from './stream.js';
import { randomUUID } from 'node:crypto';
import { xmlSafe } from '../limits.js';

const hex = (colour: string) => colour.replace('#', '').toUpperCase();
const HEADER_FILL = '005EB8';
const FONT_SIZE = 18; // half-points: 9 pt, so a register fits A4 landscape

/** A paragraph of user text: line breaks kept, right-to-left text set right to left. */
function textParagraph(text: string, options: { bold?: boolean; colour?: string } = {}): Paragraph {
  const rtl = hasRightToLeft(text);
  // Only the options a cell needs: every option is an object docx keeps until the file is packed.
  const style = {
    ...(options.bold ? { bold: true } : {}),
    ...(options.colour ? { color: options.colour } : {}),
    ...(rtl ? { rightToLeft: true } : {}),
  };
  const lines = text.split(/\r?\n/);
  const runs = lines.map((line, i) => new TextRun(i === 0 ? { text: line, ...style } : { text: line, break: 1, ...style }));
  return new Paragraph(rtl ? { children: runs, bidirectional: true } : { children: runs });
}

function cell(text: string, fill?: { background: string; text: string }, bold = false, columnSpan?: number): TableCell {
  return new TableCell({
    children: [textParagraph(text, { bold: bold || !!fill, ...(fill ? { colour: hex(fill.text) } : {}) })],
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill: hex(fill.background), color: 'auto' } } : {}),
    ...(columnSpan ? { columnSpan } : {}),
  });
}

function table(rows: TableRow[]): Table {
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function heatMapTable(heat: HeatMap): Table {
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell('Likelihood ↓ / Consequence →', undefined, true),
      ...([1, 2, 3, 4, 5] as const).map((c) => cell(`${c} ${CONSEQUENCE_LABELS[c]}`, undefined, true)),
    ],
  });
  const rows = heatMapRows(heat).map(
    (row) =>
      new TableRow({
        children: [
          cell(`${row[0]!.likelihood} ${LIKELIHOOD_LABELS[row[0]!.likelihood as 1]}`, undefined, true),
          ...row.map(
            (c) =>
              new TableCell({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [new TextRun({ text: c.label, bold: c.count > 0, color: hex(BAND_TEXT) })],
                  }),
                ],
                shading: { type: ShadingType.CLEAR, fill: hex(BAND_COLOURS[c.band]), color: 'auto' },
              }),
          ),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 70, type: WidthType.PERCENTAGE } });
}

/** A section's data table: docx draws the header row; the marker row is where the records go. */
function sectionSkeleton(section: AnySection, k: number, file: string): FileChild[] {
  const children: FileChild[] = [
    new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    textParagraph(section.intro),
  ];
  if (section.legend) {
    children.push(
      table([
        new TableRow({ children: [cell(section.legend.name, undefined, true), ...section.legend.entries.map((e) => cell(e.label, e))] }),
      ]),
    );
    children.push(new Paragraph({}));
  }
  const header = new TableRow({
    tableHeader: true,
    children: section.columns.map((c) => cell(c.header, { background: HEADER_FILL, text: '#ffffff' })),
  });
  children.push(table([header, new TableRow({ children: [cell(marker('ROWS', k, file), undefined, false, section.columns.length)] })]));
  children.push(textParagraph(marker('AFTER', k, file)));
  return children;
}

/** What follows a section's table once its records are read: the count, and for the register its heat map. */
function afterSection(section: AnySection, n: number, heat: HeatMap | undefined): FileChild[] {
  const children: FileChild[] = [textParagraph(countLine(section, n))];
  if (heat)
    children.push(
      new Paragraph({ text: 'Heat map of current scores', heading: HeadingLevel.HEADING_2 }),
      textParagraph(heatMapInWords(heat)),
      heatMapTable(heat),
    );
  return children;
}

/** Where a section's rows go: unique per file (`file` is random), so no text typed in Teams can be taken for one. */
const marker = (what: 'ROWS' | 'AFTER', k: number, file: string) => `PACK${what}${k}MARKER${file}`;

/** The document's files as docx packs them. */
async function packed(children: FileChild[], spec: DocxPackSpec): Promise<Record<string, Uint8Array>> {
  const document = new Document({
    creator: spec.madeBy,
    lastModifiedBy: spec.madeBy,
    title: spec.heading.title,
    description: `${spec.board}. ${spec.heading.made}.`,
    styles: { default: { document: { run: { font: 'Arial', size: FONT_SIZE } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return unzipSync(new Uint8Array(await Packer.toBuffer(document)));
}

/** The body of a document docx made for a few elements, to splice into the pack's own. */
async function bodyXml(children: FileChild[], spec: DocxPackSpec): Promise<string> {
  const xml = strFromU8(required(await packed(children, spec), DOCUMENT));
  const start = xml.indexOf('<w:body>') + '<w:body>'.length;
  return xml.slice(start, xml.lastIndexOf('<w:sectPr'));
}

const DOCUMENT = 'word/document.xml';

function required(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const file = files[name];
  if (!file) throw new Error(`docx made no ${name}`);
  return file;
}

/** The element of `tag` (w:tr, w:p) around the marker text: [start, end) in `xml`. */
function around(xml: string, text: string, tag: 'w:tr' | 'w:p'): [number, number] {
  const at = xml.indexOf(`>${text}<`);
  if (at < 0) throw new Error(`no marker ${text}`);
  const start = Math.max(xml.lastIndexOf(`<${tag}>`, at), xml.lastIndexOf(`<${tag} `, at));
  const end = xml.indexOf(`</${tag}>`, at) + tag.length + 3;
  return [start, end];
}

// ---- Rows, as WordprocessingML, one record at a time ------------------------------------

/** Text for an XML text node: escaped, and without the characters XML 1.0 forbids. */
function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One cell as Word writes it: its shading, then the text with line breaks, bold and coloured when filled, right to left when it needs to be. */
function cellXml(text: string, fill: { background: string; text: string } | undefined): string {
  const rtl = hasRightToLeft(text);
  const runProps = (fill ? `<w:b/><w:bCs/><w:color w:val="${hex(fill.text)}"/>` : '') + (rtl ? '<w:rtl/>' : '');
  const rPr = runProps ? `<w:rPr>${runProps}</w:rPr>` : '';
  const runs = text
    .split(/\r?\n/)
    .map((line, i) => `<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(line)}</w:t></w:r>`)
    .join('');
  const tcPr = fill ? `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(fill.background)}"/></w:tcPr>` : '<w:tcPr/>';
  return `<w:tc>${tcPr}<w:p>${rtl ? '<w:pPr><w:bidi/></w:pPr>' : ''}${runs}</w:p></w:tc>`;
}

function rowXml(section: AnySection, record: unknown): string {
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${section.columns.map((c) => cellXml(printedValue(c, record), c.fill?.(record))).join('')}</w:tr>`;
}

export interface DocxPackSpec {
  heading: PackHeading;
  board: string;
  madeBy: string;
  sections: AnySection[];
}

/**
 * docx makes the document (cover, headings, keys, header rows, heat maps, styles, page set-up)
 * with a marker row in each table; the records' rows are then written in its place as they are
 * read, and the whole streamed out as a zip (fflate), so memory holds one row, not the pack.
 */
export async function writeDocxPack(out: NodeJS.WritableStream, spec: DocxPackSpec): Promise<void> {
  const { heading } = spec;
  const cover: FileChild[] = [
    new Paragraph({ text: heading.title, heading: HeadingLevel.TITLE }),
    textParagraph(spec.board, { bold: true }),
    textParagraph(heading.made),
    textParagraph(`Contents: ${spec.sections.map((s) => s.title).join('; ')}.`),
  ];
  const file = randomUUID().replace(/-/g, '');
  const files = await packed([...cover, ...spec.sections.flatMap((s, k) => sectionSkeleton(s, k, file))], spec);
  const xml = strFromU8(required(files, DOCUMENT));

  let failed: Error | undefined;
  let done!: () => void;
  const zipped = new Promise<void>((resolve) => (done = resolve));
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else out.write(chunk);
    if (final || err) done();
  });
  for (const [name, data] of Object.entries(files)) {
    if (name === DOCUMENT) continue;
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
  }
  const document = new ZipDeflate(DOCUMENT, { level: 6 });
  zip.add(document);
  let pending = '';
  const emit = async (text: string, flush = false) => {
    pending += text;
    if (pending.length < 64 * 1024 && !flush) return;
    document.push(strToU8(pending));
    pending = '';
    await breathe(out);
    if (failed) throw failed;
  };

  let from = 0;
  for (const [k, section] of spec.sections.entries()) {
    const [rowsAt, rowsEnd] = around(xml, marker('ROWS', k, file), 'w:tr');
    const [afterAt, afterEnd] = around(xml, marker('AFTER', k, file), 'w:p');
    await emit(xml.slice(from, rowsAt));
    const heat = section.heatMapOf ? new HeatMap() : undefined;
    let n = 0;
    for await (const record of section.read()) {
      n += 1;
      heat?.add(section.heatMapOf!(record));
      await emit(rowXml(section, record));
    }
    if (n === 0) await emit(xml.slice(rowsAt, rowsEnd).replace(marker('ROWS', k, file), xmlText(section.none)));
    await emit(xml.slice(rowsEnd, afterAt));
    await emit(await bodyXml(afterSection(section, n, heat), spec));
    from = afterEnd;
  }
  await emit(xml.slice(from), true);
  document.push(new Uint8Array(0), true);
  zip.end();
  await zipped;
  if (failed) throw failed;
  await finish(out);
}

/** Waits while the caller's stream asks for a pause, and lets compression catch up. */
async function breathe(out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const writable = out as NodeJS.WritableStream & { writableNeedDrain?: boolean };
  if (writable.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

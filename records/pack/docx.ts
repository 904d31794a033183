// The board pack as a Word document. The docx package makes everything but the records' rows
// (cover, headings, keys, header rows, heat maps, styles, A4 landscape); it builds a document in
// memory, which at 10,000 actions took over a gigabyte, so each record's row is written as
// WordprocessingML where docx left a marker row, as the records are read, and the document is
// zipped as a stream (fflate). bench/ measures time and memory at 100 to 10,000 actions.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  PageNumber,
  TableLayoutType,
  HeadingLevel,
  NoBreakHyphen,
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
import {
  BAND_TEXT,
  directionRuns,
  hasRightToLeft,
  HeatMap,
  heatMapInWords,
  heatMapRows,
  printedValue,
  readsRightToLeft,
  refPieces,
} from './cells.js';
import type { PackHeading } from './packTypes.js';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { finish } from './stream.js';
import { randomUUID } from 'node:crypto';
import { xmlSafe } from '../limits.js';

const hex = (colour: string) => colour.replace('#', '').toUpperCase();
const HEADER_FILL = '005EB8';
const FONT_SIZE = 18; // half-points: 9 pt, so a register fits A4 landscape

/** A paragraph of user text: line breaks kept, set right to left only when it reads right to left. */
function textParagraph(text: string, options: { bold?: boolean; colour?: string; keepNext?: boolean } = {}): Paragraph {
  const rtl = readsRightToLeft(text);
  // Only the options a cell needs: every option is an object docx keeps until the file is packed.
  const style = {
    ...(options.bold ? { bold: true } : {}),
    ...(options.colour ? { color: options.colour } : {}),
    ...(rtl ? { rightToLeft: true } : {}),
  };
  const lines = text.split(/\r?\n/);
  const runs = lines.map((line, i) => new TextRun(i === 0 ? { text: line, ...style } : { text: line, break: 1, ...style }));
  const keep = options.keepNext ? { keepNext: true } : {};
  return new Paragraph(rtl ? { children: runs, bidirectional: true, ...keep } : { children: runs, ...keep });
}

/** Text whose refs (BPL-M-0002) Word never breaks at a hyphen: each hyphen in a ref a no-break hyphen. */
function refSafeRuns(text: string, style: { bold?: boolean } = {}): TextRun[] {
  // Stored text is cleaned; this is for records stored before it was.
  return refPieces(xmlSafe(text)).map((piece) => {
    if (!piece.ref) return new TextRun({ text: piece.text, ...style });
    const parts = piece.text.split('-');
    return new TextRun({ ...style, children: parts.flatMap((part, i) => (i === 0 ? [part] : [new NoBreakHyphen(), part])) });
  });
}

/** A line of a prose section (key messages) or the cover: refs kept whole, direction set when it reads right to left. */
function proseParagraph(text: string, options: { label?: string; keepNext?: boolean } = {}): Paragraph {
  const rtl = readsRightToLeft(text);
  const children = [...(options.label ? [new TextRun({ text: `${options.label}: `, bold: true })] : []), ...refSafeRuns(text)];
  return new Paragraph({ children, ...(rtl ? { bidirectional: true } : {}), ...(options.keepNext ? { keepNext: true } : {}) });
}

function cell(text: string, fill?: { background: string; text: string }, bold = false, columnSpan?: number, twips?: number): TableCell {
  return new TableCell({
    // A header cell carries its column's width, so Word lays the table out by content, not evenly.
    ...(twips ? { width: { size: twips, type: WidthType.DXA } } : {}),
    children: [textParagraph(text, { bold: bold || !!fill, ...(fill ? { colour: hex(fill.text) } : {}) })],
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill: hex(fill.background), color: 'auto' } } : {}),
    ...(columnSpan ? { columnSpan } : {}),
  });
}

function table(rows: TableRow[], widths?: number[]): Table {
  return new Table({
    rows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(widths ? { columnWidths: widths, layout: TableLayoutType.FIXED } : {}),
  });
}

/** A4 landscape less 2.54 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 16838 - 2 * 1440;

/** Each column's width in twips, by its share of the columns' character widths: Ref and RAG narrow, description wide. */
export function columnTwips(section: Pick<AnySection, 'columns'>): number[] {
  const total = section.columns.reduce((sum, c) => sum + c.width, 0);
  return section.columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / total));
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
  // The heading and its intro are kept with what follows (the key, the table's first row, the first line).
  const children: FileChild[] = [
    new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, keepLines: true }),
    textParagraph(section.intro, { keepNext: !!section.prose?.length || !section.prose }),
  ];
  if (section.prose) return [...children, ...section.prose.map((line) => proseParagraph(line))];
  if (section.legend) {
    children.push(
      table([
        new TableRow({ children: [cell(section.legend.name, undefined, true), ...section.legend.entries.map((e) => cell(e.label, e))] }),
      ]),
    );
    children.push(new Paragraph({}));
  }
  const widths = columnTwips(section);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: section.columns.map((c, i) => cell(c.header, { background: HEADER_FILL, text: '#ffffff' }, false, undefined, widths[i]!)),
  });
  children.push(
    table([header, new TableRow({ children: [cell(marker('ROWS', k, file), undefined, false, section.columns.length)] })], widths),
  );
  children.push(textParagraph(marker('AFTER', k, file)));
  return children;
}

/**
 * What follows the risk register's table once its risks are read: its heat map, the heading kept
 * with it. (The count line of every section is written as XML: docx packs a whole document for each
 * call, some 200 ms, so only the heat map is made by it.)
 */
function heatMapChildren(heat: HeatMap): FileChild[] {
  return [
    // Kept with what follows, so the heading is never stranded at the foot of a page.
    new Paragraph({ text: 'Heat map of current scores', heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true }),
    textParagraph(heatMapInWords(heat), { keepNext: true }),
    heatMapTable(heat),
  ];
}

/** A plain paragraph of text as WordprocessingML (the count line after a table). */
function plainParagraphXml(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
}

/** Where a section's rows go: unique per file (`file` is random), so no text typed in Teams can be taken for one. */
const marker = (what: 'ROWS' | 'AFTER', k: number, file: string) => `PACK${what}${k}MARKER${file}`;

/** Every page's footer: the protective marking, and "Page n of m". */
function footer(marking: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: marking, bold: true }),
          new TextRun('   Page '),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun(' of '),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/** The document's files as docx packs them. */
async function packed(children: FileChild[], spec: DocxPackSpec): Promise<Record<string, Uint8Array>> {
  const document = new Document({
    creator: spec.madeBy,
    lastModifiedBy: spec.madeBy,
    title: spec.heading.title,
    description: `${spec.board}. ${spec.heading.made}.`,
    styles: { default: { document: { run: { font: 'Arial', size: FONT_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun(spec.heading.running)] })] }) },
        footers: { default: footer(spec.heading.marking) },
        children,
      },
    ],
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
function cellXml(text: string, fill: { background: string; text: string } | undefined, twips: number, keepRefs = false): string {
  const rtl = readsRightToLeft(text);
  const mixed = hasRightToLeft(text);
  const fillProps = fill ? `<w:b/><w:bCs/><w:color w:val="${hex(fill.text)}"/>` : '';
  // Each run its own direction: a right-to-left run inside a left-to-right cell stays whole.
  const run = (t: string, runRtl: boolean) => {
    const props = fillProps + (runRtl ? '<w:rtl/>' : '');
    return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${keepRefs ? refSafeXml(t) : `<w:t xml:space="preserve">${xmlText(t)}</w:t>`}</w:r>`;
  };
  const runs = text
    .split(/\r?\n/)
    .map(
      (line, i) =>
        (i > 0 ? `<w:r>${fillProps ? `<w:rPr>${fillProps}</w:rPr>` : ''}<w:br/></w:r>` : '') +
        (mixed
          ? directionRuns(line)
              .map((r) => run(r.text, r.rtl))
              .join('')
          : run(line, false)),
    )
    .join('');
  const shd = fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${hex(fill.background)}"/>` : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${twips}" w:type="dxa"/>${shd}</w:tcPr><w:p>${rtl ? '<w:pPr><w:bidi/></w:pPr>' : ''}${runs}</w:p></w:tc>`;
}

/** A run's text with each ref's hyphens as no-break hyphens, so Word never wraps a ref (BPL-A-0042) across lines. */
function refSafeXml(text: string): string {
  return refPieces(text)
    .map((p) =>
      p.ref
        ? p.text
            .split('-')
            .map((part) => `<w:t xml:space="preserve">${xmlText(part)}</w:t>`)
            .join('<w:noBreakHyphen/>')
        : `<w:t xml:space="preserve">${xmlText(p.text)}</w:t>`,
    )
    .join('');
}

function rowXml(section: AnySection, record: unknown, widths: number[]): string {
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${section.columns.map((c, i) => cellXml(printedValue(c, record), c.fill?.(record), widths[i]!, c.keepRefs)).join('')}</w:tr>`;
}

export interface DocxPackSpec {
  heading: PackHeading;
  board: string;
  madeBy: string;
  sections: AnySection[];
  /** A meeting's pack: its forum, date and time, chairs, secretary and where, on the cover. */
  cover?: { label: string; value: string }[];
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
    ...(spec.cover ?? []).map((line) => proseParagraph(line.value, { label: line.label })),
    textParagraph(heading.made),
    textParagraph(heading.marking, { bold: true }),
    new Paragraph({ text: 'Contents', heading: HeadingLevel.HEADING_2, keepNext: true }),
    ...spec.sections.map((s, i) => textParagraph(`${i + 1}. ${s.title}`)),
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
    if (section.prose) continue; // all of it is in the skeleton: written with what follows
    const [rowsAt, rowsEnd] = around(xml, marker('ROWS', k, file), 'w:tr');
    const [afterAt, afterEnd] = around(xml, marker('AFTER', k, file), 'w:p');
    await emit(xml.slice(from, rowsAt));
    const heat = section.heatMapOf ? new HeatMap() : undefined;
    const widths = columnTwips(section);
    let n = 0;
    for await (const record of section.read()) {
      n += 1;
      heat?.add(section.heatMapOf!(record));
      await emit(rowXml(section, record, widths));
    }
    if (n === 0) await emit(xml.slice(rowsAt, rowsEnd).replace(marker('ROWS', k, file), xmlText(section.none)));
    await emit(xml.slice(rowsEnd, afterAt));
    await emit(plainParagraphXml(countLine(section, n)));
    if (heat) await emit(await bodyXml(heatMapChildren(heat), spec));
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

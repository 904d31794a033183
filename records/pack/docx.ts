// The board pack as a Word document, with the docx package. docx builds the whole document in
// memory before zipping it, so what is held is kept to what Word needs: the printed table rows
// (a handful of columns of text per record), never the records themselves, which are read and
// dropped one at a time. bench/ measures what that costs at 100 to 10,000 actions.
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
import { countLine, type AnySection } from './boardPack.js';
import { BAND_TEXT, hasRightToLeft, HeatMap, heatMapInWords, heatMapRows, printedValue } from './cells.js';
import type { PackHeading } from './packFiles.js';
import { finish, put } from './stream.js';

const hex = (colour: string) => colour.replace('#', '').toUpperCase();
const HEADER_FILL = '005EB8';
const FONT_SIZE = 18; // half-points: 9 pt, so a register fits A4 landscape

/** A paragraph of user text: line breaks kept, right-to-left text set right to left. */
function textParagraph(text: string, options: { bold?: boolean; colour?: string } = {}): Paragraph {
  const rtl = hasRightToLeft(text);
  const runs = text.split(/\r?\n/).map(
    (line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: options.bold, color: options.colour, size: FONT_SIZE, rightToLeft: rtl }),
  );
  return new Paragraph({ children: runs, bidirectional: rtl });
}

function cell(text: string, fill?: { background: string; text: string }, bold = false, columnSpan?: number): TableCell {
  return new TableCell({
    children: [textParagraph(text, { bold: bold || !!fill, colour: fill ? hex(fill.text) : undefined })],
    shading: fill ? { type: ShadingType.CLEAR, fill: hex(fill.background), color: 'auto' } : undefined,
    columnSpan,
  });
}

function table(rows: TableRow[]): Table {
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function heatMapTable(heat: HeatMap): Table {
  const header = new TableRow({
    tableHeader: true,
    children: [cell('Likelihood ↓ / Consequence →', undefined, true), ...([1, 2, 3, 4, 5] as const).map((c) => cell(`${c} ${CONSEQUENCE_LABELS[c]}`, undefined, true))],
  });
  const rows = heatMapRows(heat).map(
    (row) =>
      new TableRow({
        children: [
          cell(`${row[0]!.likelihood} ${LIKELIHOOD_LABELS[row[0]!.likelihood as 1]}`, undefined, true),
          ...row.map(
            (c) =>
              new TableCell({
                children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.label, size: FONT_SIZE, bold: c.count > 0, color: hex(BAND_TEXT) })] })],
                shading: { type: ShadingType.CLEAR, fill: hex(BAND_COLOURS[c.band]), color: 'auto' },
              }),
          ),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 70, type: WidthType.PERCENTAGE } });
}

async function sectionChildren(section: AnySection): Promise<FileChild[]> {
  const children: FileChild[] = [new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }), textParagraph(section.intro)];
  if (section.legend) {
    children.push(table([new TableRow({ children: [cell(section.legend.name, undefined, true), ...section.legend.entries.map((e) => cell(e.label, e))] })]));
    children.push(new Paragraph({}));
  }
  const rows: TableRow[] = [new TableRow({ tableHeader: true, children: section.columns.map((c) => cell(c.header, { background: HEADER_FILL, text: '#ffffff' })) })];
  const heat = section.heatMapOf ? new HeatMap() : undefined;
  let n = 0;
  for await (const record of section.read()) {
    n += 1;
    if (heat) heat.add(section.heatMapOf!(record));
    rows.push(new TableRow({ cantSplit: true, children: section.columns.map((c) => cell(printedValue(c, record), c.fill?.(record))) }));
  }
  if (n === 0) rows.push(new TableRow({ children: [cell(section.none, undefined, false, section.columns.length)] }));
  children.push(table(rows), textParagraph(countLine(section, n)));
  if (heat) {
    children.push(new Paragraph({ text: 'Heat map of current scores', heading: HeadingLevel.HEADING_2 }), textParagraph(heatMapInWords(heat)), heatMapTable(heat));
  }
  return children;
}

export interface DocxPackSpec {
  heading: PackHeading;
  board: string;
  madeBy: string;
  sections: AnySection[];
}

export async function writeDocxPack(out: NodeJS.WritableStream, spec: DocxPackSpec): Promise<void> {
  const { heading } = spec;
  const cover: FileChild[] = [
    new Paragraph({ text: heading.title, heading: HeadingLevel.TITLE }),
    textParagraph(spec.board, { bold: true }),
    textParagraph(heading.made),
    textParagraph(`Contents: ${spec.sections.map((s) => s.title).join('; ')}.`),
  ];
  const body: FileChild[] = [...cover];
  for (const section of spec.sections) body.push(...(await sectionChildren(section)));
  const document = new Document({
    creator: spec.madeBy,
    lastModifiedBy: spec.madeBy,
    title: heading.title,
    description: `${spec.board}. ${heading.made}.`,
    styles: { default: { document: { run: { font: 'Arial', size: FONT_SIZE } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: body }],
  });
  await put(out, await Packer.toBuffer(document));
  await finish(out);
}

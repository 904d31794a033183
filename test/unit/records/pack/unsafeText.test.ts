// Text typed in Teams can hold characters XML 1.0 cannot (U+FFFE, U+FFFF, C0 controls, a lone
// surrogate): stored text drops them, and a workbook or Word pack made from a record that still
// holds them (stored before) opens all the same. A board name that looks like the Word pack's row
// marker, or holds line breaks, changes nothing.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { actionDraftSchema } from '../../../../records/action.js';
import { boundedText } from '../../../../records/limits.js';
import { personSchema } from '../../../../records/people.js';
import { newAction, newRisk } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';

const UNSAFE = 'Before\uFFFE\uFFFF\u0001\u000B\uD800middle\uDC00after 🚀';
const CLEANED = 'Beforemiddleafter 🚀';

/** Every XML part of a zip parsed strictly (saxes, as exceljs and Word read them): throws on anything not well-formed. */
async function everyPartWellFormed(bytes: Buffer): Promise<JSZip> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (err) => {
      throw new Error(`${name}: ${err.message}`);
    });
    parser.write(await zip.file(name)!.async('string')).close();
  }
  return zip;
}

describe('Text XML cannot hold, in stored records and in the files made from them', () => {
  it('text stored from a form drops U+FFFE, U+FFFF, control characters and lone surrogates, keeping the rest (emoji, tab, line breaks)', () => {
    expect(boundedText('Description', 2000).parse(UNSAFE)).to.equal(CLEANED);
    expect(boundedText('Description', 2000).parse('Line one\n\tLine two')).to.equal('Line one\n\tLine two');
    expect(boundedText('Description', 2000).safeParse('\uFFFE\u0001').success).to.equal(false); // nothing left: required
    expect(personSchema.parse({ id: 'u-1', name: 'Sam\uFFFF Patel' }).name).to.equal('Sam Patel');
    const draft = actionDraftSchema.safeParse({ ...stripRef(newAction()), description: UNSAFE });
    expect(draft.success, JSON.stringify(draft.error?.issues)).to.equal(true);
    expect(draft.data!.description).to.equal(CLEANED);
  });

  it('a workbook made from action and risk text holding U+FFFE opens (every part well-formed XML, exceljs reads the text)', async () => {
    const action = { ...newAction({ description: UNSAFE }), ref: 'BPL-A-0001' };
    const risk = { ...newRisk({ title: UNSAFE }), ref: 'BPL-R-0001' };
    for (const [kind, sheetName] of [
      ['actionLogXlsx', 'Action log'],
      ['riskRegisterXlsx', 'Risk register'],
    ] as const) {
      const bytes = await make(kind, sourceOf({ actions: [action], risks: [risk] }, { madeBy: { id: 'u-sam', name: 'Sam\uFFFE\nPatel' } }));
      await everyPartWellFormed(bytes);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet(sheetName)!;
      const texts: unknown[] = [];
      sheet.getRow(3).eachCell((cell) => texts.push(cell.value));
      expect(texts).to.include(CLEANED);
      expect(sheet.getRow(1).values).to.include('Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel'); // the heading is one line
    }
  });

  it('a Word pack made from text holding U+FFFE, for a board named like its row marker and over two lines, opens with every row in place and one-line headings', async () => {
    const actions = [
      { ...newAction({ description: UNSAFE }), ref: 'BPL-A-0001' },
      { ...newAction({ description: 'Second' }), ref: 'BPL-A-0002' },
    ];
    const board = 'PACKROWS0MARKER\uFFFE PACKAFTER0MARKER\nsecond line';
    const bytes = await make(
      'boardPackDocx',
      sourceOf(
        { actions, risks: [{ ...newRisk({ title: UNSAFE }), ref: 'BPL-R-0001' }] },
        { board, madeBy: { id: 'u-sam', name: 'Sam\r\nPatel' } },
      ),
    );
    const zip = await everyPartWellFormed(bytes);
    const body = await zip.file('word/document.xml')!.async('string');
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).to.include('|PACKROWS0MARKER PACKAFTER0MARKER second line|'); // the board, on one line, as text
    expect(text).to.include('Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel');
    expect(text).to.include(`|${CLEANED}|`);
    expect(text).to.include('|BPL-A-0001|').and.include('|BPL-A-0002|').and.include('|BPL-R-0001|');
    expect(body).to.not.match(/PACK(ROWS|AFTER)\d+MARKER[0-9a-f]/); // no marker of this file left behind
  });
});

function stripRef<T extends { ref: string }>(record: T): Omit<T, 'ref'> {
  const { ref: _ref, ...rest } = record;
  return rest;
}

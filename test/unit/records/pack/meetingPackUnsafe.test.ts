// The pack for a meeting made from hostile text: characters XML cannot hold (in records stored
// before text was cleaned), right-to-left scripts, 2,000-character cover sheets and formula-like
// text. Every file still opens (each XML part well-formed) and shows the text as typed, as text.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { meetingPackOf } from '../../../../records/pack/meetingPack.js';
import { newAction } from '../fixtures.js';
import { COVER, MEETING, meetingPackInput, PAPER, PREVIOUS } from './meetingPackFixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, parseXml, wordText } from './readBack.js';

const UNSAFE = 'Before\uFFFE\uFFFF\u0001\uD800middle after';
const URDU = 'مسجد ہال میں کلینک';
const FORMULA = '=HYPERLINK("https://evil.example","click")';
const LONG = `Note ${'the funding gap and its mitigation '.repeat(60)}`.slice(0, 2000);

function hostileSource() {
  const meeting = {
    ...MEETING,
    agenda: [
      { section: 'papers' as const, ref: 'BPL-S-0003', title: `Winter plan ${UNSAFE}`, detail: FORMULA },
      { section: 'overdue' as const, ref: 'BPL-A-0002', title: URDU, detail: `+SUM(A1:A9) ${URDU}, Tuesday` },
    ],
  };
  const paper = { ...PAPER, cover: { ...COVER, recommendations: LONG, author: FORMULA } };
  const previous = {
    ...PREVIOUS,
    keyMessages: { ...PREVIOUS.keyMessages!, text: `Key Decisions and Actions\n${URDU} ${UNSAFE}\n@SUM(1+1)\n<script>alert(1)</script>` },
  };
  const pack = meetingPackOf(meetingPackInput({ meeting, papers: [paper], previous, where: `${URDU} & <Room 2>` }));
  return sourceOf(
    { actions: [{ ...newAction({ description: FORMULA }), ref: 'BPL-A-0002' }] },
    { meeting: pack, lastMeeting: { ref: previous.ref, board: previous.board, date: previous.date, decisions: [], matters: [] } },
  );
}

async function wellFormedZip(bytes: Buffer): Promise<JSZip> {
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

describe('The pack for a meeting made from hostile text still opens', () => {
  it('Word: every part well-formed; XML-invalid characters dropped, Urdu set right to left, 2,000-character cover sheets and formulas kept as text', async () => {
    const zip = await wellFormedZip(await make('boardPackDocx', hostileSource()));
    const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
    const text = all(doc, 'w:p').map(wordText).join('\n');
    expect(text).to.include('Winter plan Beforemiddle after');
    expect(text).to.include(FORMULA).and.include('+SUM(A1:A9)').and.include('@SUM(1+1)').and.include('<script>alert(1)</script>');
    expect(text).to.include(`Recommendations: ${LONG}`);
    const urdu = all(doc, 'w:p').find((p) => wordText(p) === URDU)!;
    expect(all(urdu, 'w:bidi'), 'a cell that reads right to left').to.have.length(1);
    expect(text).to.include(`Where: ${URDU} & <Room 2>`);
  });

  it('HTML: every text escaped (no script runs), Urdu given its direction, the long cover sheet whole', async () => {
    const page = (await make('boardPackHtml', hostileSource())).toString('utf8');
    expect(page).to.not.include('<script>');
    expect(page).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).to.include(`<td dir="auto">${URDU}</td>`);
    expect(page).to.include(LONG);
    expect(page).to.include('=HYPERLINK(&quot;https://evil.example&quot;,&quot;click&quot;)');
  });

  it('the action log workbook of a meeting opens and keeps formula-like text as text', async () => {
    const bytes = await make('actionLogXlsx', hostileSource());
    await wellFormedZip(bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook
      .getWorksheet('Action log')!
      .getRow(3)
      .eachCell((c) => values.push(c.value));
    expect(values).to.include(FORMULA);
  });
});

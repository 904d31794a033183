// The Word pack against the schema's order and content rules (wordSchema.ts), made from the text
// a board's records really hold: characters XML cannot carry, Urdu beside English, 2,000-character
// cells and text that looks like a formula.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applyActionCommand } from '../../../../records/action.js';
import { newAction, newRisk, NOW, ok, owner } from '../fixtures.js';
import { meetingSource } from './meetingPackFixtures.js';
import { LAST_MEETING, make, sourceOf } from './packFixtures.js';
import { parseXml } from './readBack.js';
import { wordSchemaProblems } from './wordSchema.js';

const HOSTILE = [
  'Before\uFFFE\uFFFF\u0001\u000B\uD800middle\uDC00after',
  'Community hubs مراکز صحت in Blackburn (ویلز) — 3 wards.',
  '=HYPERLINK("http://example.com","click") +1 -1 @SUM(A1)',
  'Long text '.repeat(200),
];

async function partsOf(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^word\/(document|styles|header\d*|footer\d*)\.xml$/.test(n));
  return new Map(await Promise.all(names.map(async (n) => [n, await zip.file(n)!.async('string')] as const)));
}

describe('The Word pack keeps to the WordprocessingML schema, whatever the records hold', () => {
  it('every part Word reads (document, styles, headers, footers) has only allowed children, in schema order, and every table cell ends with a paragraph', async () => {
    const actions = HOSTILE.map((text, i) => {
      const a = { ...newAction({ description: text }), ref: `BPL-A-${String(i + 1).padStart(4, '0')}` };
      return ok(applyActionCommand(a, owner, { type: 'addUpdate', text }, NOW));
    });
    // A title past today's limit, as a risk stored before it might hold.
    const risks = HOSTILE.map((title, i) => ({ ...newRisk(), title, ref: `BPL-R-${String(i + 1).padStart(4, '0')}` }));
    const bytes = await make('boardPackDocx', sourceOf({ actions, risks }, { lastMeeting: LAST_MEETING }));
    const parts = await partsOf(bytes);
    expect([...parts.keys()]).to.include.members(['word/document.xml', 'word/styles.xml']);
    expect([...parts.keys()].some((n) => n.startsWith('word/footer'))).to.equal(true);
    for (const [name, xml] of parts) expect(wordSchemaProblems(parseXml(xml)), name).to.deep.equal([]);
  });

  it('the pack for a meeting (cover, agenda with each paper’s cover sheet, the last key messages) keeps to it too', async () => {
    const actions = HOSTILE.map((text, i) => ({
      ...newAction({ description: text.slice(0, 1000) }),
      ref: `BPL-A-${String(i + 1).padStart(4, '0')}`,
    }));
    const parts = await partsOf(await make('boardPackDocx', sourceOf({ actions }, meetingSource())));
    expect(parts.get('word/document.xml')).to.contain('w:noBreakHyphen');
    for (const [name, xml] of parts) expect(wordSchemaProblems(parseXml(xml)), name).to.deep.equal([]);
  });

  it('the check itself finds what Word would refuse: properties out of order, an unknown element, a cell with no paragraph', () => {
    const doc = parseXml(
      '<w:document xmlns:w="x"><w:body><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr/></w:tc></w:tr></w:tbl>' +
        '<w:p><w:pPr><w:jc w:val="left"/><w:spacing/></w:pPr><w:r><w:rPr><w:sz/><w:b/></w:rPr><w:t>x</w:t></w:r><w:made-up/></w:p>' +
        '<w:sectPr/><w:p/></w:body></w:document>',
    );
    const problems = wordSchemaProblems(doc);
    expect(problems.join('\n'))
      .to.contain('a table cell must end with a paragraph')
      .and.contain('<w:spacing> comes after')
      .and.contain('<w:b> comes after')
      .and.contain('<w:made-up> is not allowed in <w:p>')
      .and.contain('<w:p> comes after');
  });
});

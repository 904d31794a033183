// The board pack as a secretary sends it, read back from the files: column widths by content,
// running header and footer with the protective marking and page numbers, a cover with contents,
// the heat map's heading kept with it, mixed English/Urdu laid out left to right, refs unbroken,
// and every coloured cell at 4.5:1 contrast or better.
import { expect } from 'chai';
import JSZip from 'jszip';
import { RAG_COLOURS, RAG_TEXT, BAND_TEXT } from '../../../../records/pack/cells.js';
import { contrastRatio } from '../../../../records/pack/contrast.js';
import { BAND_COLOURS, RISK_BANDS } from '../../../../records/scoring.js';
import { newAction, newRisk } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, parseXml, textOf } from './readBack.js';

const MIXED = 'Clinic at the Mosque hall (مسجد ہال), Tuesday.';

async function docx(...args: Parameters<typeof sourceOf>) {
  const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf(...args)));
  const read = async (name: string) => parseXml(await zip.file(name)!.async('string'));
  const headers = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
  return {
    doc: await read('word/document.xml'),
    headers: await Promise.all(headers.map(read)),
    footers: await Promise.all(footers.map(read)),
  };
}

describe('The board pack laid out for sending unedited', () => {
  it('Word: the action log’s columns are sized by content (Ref narrow, Description wide), header and rows alike', async () => {
    const { doc } = await docx({ actions: [newAction({ description: 'Neighbourhood integrated teams in every primary care network' })] });
    const table = all(doc, 'w:tbl').find((t) => textOf(t).includes('Neighbourhood integrated'))!;
    const widths = all(table, 'w:gridCol').map((g) => Number(g.attributes['w:w']));
    const head = all(table, 'w:tr')[0]!;
    const headers = all(head, 'w:tc').map(textOf);
    const ref = widths[headers.indexOf('Ref')]!;
    const description = widths[headers.indexOf('Description')]!;
    expect(description).to.be.above(ref * 3);
    expect(all(table, 'w:tblLayout')[0]?.attributes['w:type']).to.equal('fixed');
    const row = all(table, 'w:tr')[1]!;
    expect(all(row, 'w:tcW').map((w) => Number(w.attributes['w:w']))).to.deep.equal(widths);
  });

  it('Word: every page has a running header (board and date) and a footer with OFFICIAL and "Page n of m"', async () => {
    const { headers, footers } = await docx({}, { marking: '' });
    expect(headers.map(textOf).join(' ')).to.include('Blackpool Place Partnership Board · 23 November 2026');
    const foot = footers.map((f) => all(f, 'w:instrText').map(textOf).join(' ') + textOf(f)).join(' ');
    expect(foot).to.include('OFFICIAL').and.include('PAGE').and.include('NUMPAGES');
    const marked = await docx({}, { marking: 'OFFICIAL-SENSITIVE' });
    expect(marked.footers.map(textOf).join(' ')).to.include('OFFICIAL-SENSITIVE');
  });

  it('Word: the cover lists the contents, one line per section, and the heat map’s heading keeps with its table', async () => {
    const { doc } = await docx({ risks: [newRisk()] });
    const paragraphs = all(doc, 'w:p').map(textOf);
    expect(paragraphs).to.include('Contents');
    expect(paragraphs).to.include('1. Action log').and.include('2. Risk register');
    const heading = all(doc, 'w:p').find((p) => textOf(p) === 'Heat map of current scores')!;
    expect(all(heading, 'w:keepNext')).to.have.length(1);
    const words = all(doc, 'w:p')[all(doc, 'w:p').indexOf(heading) + 1]!;
    expect(all(words, 'w:keepNext')).to.have.length(1);
  });

  it('Word: a cell mixing English and Urdu reads left to right, the Urdu run alone marked right to left', async () => {
    const { doc } = await docx({ actions: [newAction({ description: MIXED })] });
    const p = all(doc, 'w:p').find((x) => textOf(x) === MIXED)!;
    expect(all(p, 'w:bidi')).to.have.length(0);
    const runs = all(p, 'w:r').map((r) => ({ text: textOf(r), rtl: all(r, 'w:rtl').length > 0 }));
    expect(runs.filter((r) => r.rtl).map((r) => r.text)).to.deep.equal(['مسجد ہال']);
    expect(runs.find((r) => r.text.startsWith('Clinic'))!.rtl).to.equal(false);
  });

  it('HTML: columns sized by content, refs never wrapped, mixed scripts isolated, heat map kept together, marking and page numbers in print', async () => {
    const page = (await make('boardPackHtml', sourceOf({ actions: [newAction({ description: MIXED })], risks: [newRisk()] }))).toString(
      'utf8',
    );
    const cols = [...page.slice(page.indexOf('<colgroup>'), page.indexOf('</colgroup>')).matchAll(/width:([\d.]+)%/g)].map((m) =>
      Number(m[1]),
    );
    expect(Math.max(...cols)).to.be.above(Math.min(...cols) * 3);
    expect(page).to.include('<td class="ref">SC-A-0007</td>');
    expect(page).to.match(/td\.ref\{white-space:nowrap\}/);
    expect(page).to.include(`<td dir="auto">${MIXED}</td>`);
    expect(page).to.include('td[dir]{unicode-bidi:isolate}');
    expect(page).to.include('<div class="heat"><h3>Heat map of current scores</h3>');
    expect(page).to.include('counter(page)').and.include('"OFFICIAL   Page "');
    expect(page).to.include('<ol class="contents"><li>Action log</li>');
  });

  it('every coloured fill and its text reach 4.5:1 contrast (the Extreme red with dark grey was 3.6:1)', () => {
    expect(contrastRatio('#212b32', BAND_COLOURS.EXTREME)).to.be.below(4.5);
    for (const band of RISK_BANDS) expect(contrastRatio(BAND_TEXT, BAND_COLOURS[band]), band).to.be.at.least(4.5);
    for (const rag of Object.keys(RAG_COLOURS) as (keyof typeof RAG_COLOURS)[])
      expect(contrastRatio(RAG_TEXT[rag], RAG_COLOURS[rag]), rag).to.be.at.least(4.5);
    expect(contrastRatio('#ffffff', '#005eb8'), 'header row').to.be.at.least(4.5);
    expect(contrastRatio('#000000', '#ffffff')).to.be.closeTo(21, 0.01);
  });
});

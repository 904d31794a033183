// The workbooks as a secretary prints them, read from the file's own XML (jszip, saxes): A4
// landscape, one page wide, the header row on every printed page, a running header and footer
// with the place, the file's title, OFFICIAL and page numbers, a named header font, the header
// row frozen.
import { expect } from 'chai';
import { newAction, newRisk } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, openWorkbook, parseXml, textOf, type El } from './readBack.js';

const attr = (el: El | undefined, name: string) => el?.attributes[name];

describe('Workbooks that print one page wide with their header row on every page', () => {
  for (const [kind, sheetName] of [
    ['actionLogXlsx', 'Action log'],
    ['riskRegisterXlsx', 'Risk register'],
  ] as const) {
    it(`${sheetName}: prints A4 landscape, fitted to one page wide, with the header row repeated, the place and title in the header and OFFICIAL with "Page n of m" in the footer`, async () => {
      const book = await openWorkbook(
        await make(kind, sourceOf({ actions: [newAction()], risks: [newRisk()] }, { marking: 'OFFICIAL-SENSITIVE' })),
      );
      const { root } = await book.sheet(sheetName);
      const setup = all(root, 'pageSetup')[0];
      expect(attr(setup, 'orientation')).to.equal('landscape');
      expect(attr(setup, 'paperSize')).to.equal('9');
      expect(attr(setup, 'fitToWidth')).to.equal('1');
      expect(attr(setup, 'fitToHeight')).to.equal('0');
      expect(attr(all(root, 'pageSetUpPr')[0], 'fitToPage')).to.equal('1');

      const header = textOf(all(root, 'oddHeader')[0]!);
      const footer = textOf(all(root, 'oddFooter')[0]!);
      expect(header).to.include(`&LBlackpool ${sheetName.toLowerCase()}`);
      expect(header).to.include('OFFICIAL-SENSITIVE');
      expect(header).to.include('Blackpool Place Partnership Board · 23 November 2026');
      expect(footer).to.include('OFFICIAL-SENSITIVE');
      expect(footer).to.include('&RPage &P of &N');

      const workbook = parseXml(await book.zip.file('xl/workbook.xml')!.async('string'));
      const titles = all(workbook, 'definedName').find((d) => d.attributes.name === '_xlnm.Print_Titles');
      expect(textOf(titles!)).to.equal(`'${sheetName}'!$2:$2`);

      const pane = all(root, 'pane')[0];
      expect(attr(pane, 'ySplit')).to.equal('2');
      expect(attr(pane, 'state')).to.equal('frozen');
    });
  }

  it('the header row is in a named font and size (Arial 10 bold), not the application default', async () => {
    const book = await openWorkbook(await make('actionLogXlsx', sourceOf({ actions: [newAction()] })));
    const { root } = await book.sheet('Action log');
    const styles = parseXml(await book.zip.file('xl/styles.xml')!.async('string'));
    const fonts = all(all(styles, 'fonts')[0]!, 'font');
    const xfs = all(all(styles, 'cellXfs')[0]!, 'xf');
    const refCell = all(root, 'c').find((c) => c.attributes.r === 'A2')!;
    const font = fonts[Number(xfs[Number(refCell.attributes.s)]!.attributes.fontId)]!;
    expect(attr(all(font, 'name')[0], 'val')).to.equal('Arial');
    expect(attr(all(font, 'sz')[0], 'val')).to.equal('10');
    expect(all(font, 'b')).to.have.length(1);
  });

  it('a board name holding "&" prints as written in the header, not as an Excel header code', async () => {
    const book = await openWorkbook(await make('actionLogXlsx', sourceOf({}, { board: 'Health & Wellbeing Board' })));
    const { root } = await book.sheet('Action log');
    expect(textOf(all(root, 'oddHeader')[0]!)).to.include('Health && Wellbeing Board');
  });
});

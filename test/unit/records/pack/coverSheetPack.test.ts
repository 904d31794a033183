// The cover sheet of a sign-off, as the board pack prints it (Word and HTML), read back from the file.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applySignOffCommand } from '../../../../records/signoffCommands.js';
import { approverA, newSignOff, NOW, ok } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';

const cover = {
  purpose: 'assurance' as const,
  recommendations: 'Receive a further report in March.',
  author: 'Jo Marsden',
  sponsor: 'Craig Harris',
  riskRef: 'LAN-R-0001',
  risk: 'Reduces the discharge risk.',
  priority: 'BCF' as const,
};

describe('The board pack: a sign-off’s cover sheet', () => {
  it('prints the cover sheet of each sign-off decided, in the board’s order, in the HTML and the Word document', async () => {
    const decided = ok(applySignOffCommand(newSignOff({ cover }), approverA, { type: 'approve' }, NOW));
    const page = (await make('boardPackHtml', sourceOf({ decided: [decided] }))).toString('utf8');
    expect(page).to.include('<th');
    expect(page).to.include('Cover sheet');
    const want = [
      'Purpose: For assurance',
      'Recommendations: Receive a further report in March.',
      'Report author: Jo Marsden',
      'Accountable director: Craig Harris',
      'Risk impact: Reduces the discharge risk. (risk LAN-R-0001)',
      'Place priority: Better Care Fund',
    ];
    const at = want.map((w) => page.indexOf(w));
    expect(
      at.every((i) => i > 0),
      JSON.stringify(at),
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf({ decided: [decided] })));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).to.include('Recommendations: Receive a further report in March.');
  });
});

// The cover sheet of a sign-off, as the board pack prints it (Word and HTML), read back from the file.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applySignOffCommand } from '../../../../records/signoffCommands.js';
import { approverA, newSignOff, NOW, ok } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { SEED_004_COVER } from '../../../support/coverSheetFixtures.js';

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
      'Place priority: Better Care Fund',
      'Associated risks: LAN-R-0001',
      'Risk impact: Reduces the discharge risk.',
      'Report author: Jo Marsden',
      'Accountable director: Craig Harris',
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

  it('prints seed 004’s sections of a cover sheet in seed 004’s order, in the HTML and the Word document', async () => {
    const decided = ok(
      applySignOffCommand(newSignOff({ place: 'BPL', cover: SEED_004_COVER as never }), approverA, { type: 'approve' }, NOW),
    );
    const want = [
      'Recommendations: The Board is requested to:',
      '1. Note the contents of the report',
      'Strategic objectives: SO2 To equalise opportunities',
      'Associated risks: BPL-R-0001, BPL-R-0002',
      'On the ICB risk register: BPL-R-0001: Yes; BPL-R-0002: No',
      'Financial implications: N/A',
      'Where discussed: Executive Management Team, 31 October 2023: Approved',
      'Conflicts of interest: Not applicable',
      'Quality impact assessment completed: N/A',
      'Data privacy impact assessment completed: N/A',
      'Public involvement: Door-knocking',
      'Report authorised by: Professor Craig Harris, Chief Operating Officer',
    ];
    const page = (await make('boardPackHtml', sourceOf({ decided: [decided] }))).toString('utf8');
    const at = want.map((w) => page.indexOf(w));
    expect(
      at.every((i) => i > 0),
      want.filter((_, i) => at[i]! < 0).join(' | '),
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf({ decided: [decided] })));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const w of ['Strategic objectives: SO2', 'Report authorised by: Professor Craig Harris, Chief Operating Officer'])
      expect(xml).to.include(w);
  });
});

// The cover sheet of a board paper (seed 004): what a whole one holds, what a half-filled one is
// told, and the lines the card, search and the pack show, in seed 004's order.
import { expect } from 'chai';
import { coverLines, coverRisksProblem, coverSheetSchema, coverSummary, type CoverSheet } from '../../../records/coverSheet.js';
import { onIcbRegister, recommendationLine, STRATEGIC_OBJECTIVES } from '../../../records/coverSheetSections.js';
import { searchDocument } from '../../../records/search.js';
import { SEED_004_COVER } from '../../support/coverSheetFixtures.js';
import { signOff } from '../../support/signOffFixtures.js';

function parsed(input: unknown): CoverSheet {
  const r = coverSheetSchema.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

function problems(input: unknown): { path: string; message: string }[] {
  const r = coverSheetSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('A paper’s cover sheet (seed 004)', () => {
  it('shows seed 004’s sections in its order: recommendations, objectives, risks, ICB register, finance, where discussed, conflicts, assessments, public involvement, authorised by', () => {
    const titles = coverLines(parsed(SEED_004_COVER)).map((l) => l.title);
    expect(titles).to.deep.equal([
      'Purpose',
      'Recommendations',
      'Strategic objectives',
      'Associated risks',
      'On the ICB risk register',
      'Financial implications',
      'Where discussed',
      'Conflicts of interest',
      'Quality impact assessment completed',
      'Equality impact assessment completed',
      'Data privacy impact assessment completed',
      'Public involvement',
      'Report authorised by',
    ]);
  });

  it('reads each recommendation as the board is requested to, the verb said once', () => {
    const lines = Object.fromEntries(coverLines(parsed(SEED_004_COVER)).map((l) => [l.title, l.value]));
    expect(lines.Recommendations).to.equal(
      [
        'The Board is requested to:',
        '1. Note the contents of the report including progress of the four LSC places.',
        '2. Support the proposed phases of development and associated actions.',
        '3. Receive a further report at its meeting in March 2024.',
      ].join('\n'),
    );
    expect(recommendationLine({ action: 'approve', text: 'The revised terms of reference' }, 0)).to.equal(
      '1. Approve the revised terms of reference',
    );
  });

  it('names the strategic objectives ticked in the ICB’s words, the ICB register answer per risk, and where the paper went before', () => {
    const lines = Object.fromEntries(coverLines(parsed(SEED_004_COVER)).map((l) => [l.title, l.value]));
    expect(lines['Strategic objectives']).to.equal(`SO2 ${STRATEGIC_OBJECTIVES.SO2}\nSO6 ${STRATEGIC_OBJECTIVES.SO6}`);
    expect(lines['Associated risks']).to.equal('BPL-R-0001, BPL-R-0002');
    expect(lines['On the ICB risk register']).to.equal('BPL-R-0001: Yes; BPL-R-0002: No');
    expect(lines['Financial implications']).to.equal('N/A');
    expect(lines['Where discussed']).to.equal('Executive Management Team, 31 October 2023: Approved');
    expect(lines['Report authorised by']).to.equal('Professor Craig Harris, Chief Operating Officer');
  });

  it('says N/A for risks and for the ICB register when the paper has no associated risks', () => {
    const lines = coverLines(parsed({ ...SEED_004_COVER, associatedRisks: undefined, risksNotApplicable: true }));
    expect(lines.filter((l) => l.value === 'N/A').map((l) => l.title)).to.include.members(['Associated risks', 'On the ICB risk register']);
  });

  it('puts a risk on the ICB risk register when it is on the ICB corporate register or the BAF, not a place register', () => {
    expect([onIcbRegister('PLACE'), onIcbRegister('ICB_CORPORATE'), onIcbRegister('BAF')]).to.deep.equal([false, true, true]);
  });

  it('keeps a cover sheet stored before seed 004’s sections readable, its free text under the sections’ headings', () => {
    const old = parsed({
      purpose: 'decision',
      recommendations: 'Note the progress of the four places.',
      author: 'Jo Marsden',
      previously: 'Executive Management Team, 31 October 2023: approved',
      finance: 'Within the BCF allocation.',
      quality: 'No adverse impact.',
      riskRef: 'bpl-r-0004',
      priority: 'POP_HEALTH',
    });
    const lines = coverLines(old);
    expect(lines.map((l) => l.title)).to.deep.equal([
      'Purpose',
      'Recommendations',
      'Place priority',
      'Associated risks',
      'On the ICB risk register',
      'Financial impact',
      'Previously considered',
      'Quality impact',
      'Report author',
    ]);
    expect(lines.find((l) => l.title === 'On the ICB risk register')!.value).to.equal('BPL-R-0004: not recorded');
    expect(coverSummary(old)).to.contain('Recommendations: Note the progress of the four places.');
  });

  it('a Yes on financial implications needs a comment; a No on an impact assessment needs one too', () => {
    expect(problems({ ...SEED_004_COVER, financial: { answer: 'yes' } })).to.deep.include({
      path: 'financial.comment',
      message: 'Say what the financial implications are.',
    });
    expect(problems({ ...SEED_004_COVER, financial: { answer: 'yes', comment: 'Within the BCF allocation.' } })).to.deep.equal([]);
    expect(problems({ ...SEED_004_COVER, dpia: { answer: 'no' } })).to.deep.include({
      path: 'dpia.comment',
      message: 'Say why the data privacy impact assessment was not completed.',
    });
    expect(problems({ ...SEED_004_COVER, qia: { answer: 'yes' }, eia: { answer: 'na' } })).to.deep.equal([]);
  });

  it('an authoriser needs a role, a recommendation its verb, and the sheet at least one recommendation', () => {
    expect(problems({ ...SEED_004_COVER, authorisedBy: { name: 'Craig Harris', role: '' } }).map((p) => p.path)).to.deep.equal([
      'authorisedBy.role',
    ]);
    expect(problems({ ...SEED_004_COVER, asks: [{ text: 'the report' }] }).map((p) => p.path)).to.deep.equal(['asks.0.action']);
    expect(problems({ ...SEED_004_COVER, asks: [] })).to.deep.equal([
      { path: 'asks', message: 'Give at least one recommendation: what the board is asked to do.' },
    ]);
  });

  it('refuses more rows than the form offers, repeated risks, risks named and N/A at once, and unknown objectives', () => {
    const six = Array.from({ length: 6 }, () => ({ action: 'note', text: 'the report' }));
    expect(problems({ ...SEED_004_COVER, asks: six })[0]!.message).to.equal('A cover sheet holds at most 5 recommendations.');
    const five = Array.from({ length: 5 }, () => ({ forum: 'EMT', date: '2023-10-31', outcome: 'Approved' }));
    expect(problems({ ...SEED_004_COVER, discussed: five })[0]!.message).to.equal('List at most 4 meetings where the paper was discussed.');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ ref: `BPL-R-${String(i + 1).padStart(4, '0')}` }));
    expect(problems({ ...SEED_004_COVER, associatedRisks: eleven })[0]!.message).to.equal('Name at most 10 associated risks.');
    const twice = [{ ref: 'BPL-R-0001' }, { ref: 'BPL-R-0001' }];
    expect(problems({ ...SEED_004_COVER, associatedRisks: twice })[0]!.message).to.equal('Name each associated risk once.');
    expect(problems({ ...SEED_004_COVER, risksNotApplicable: true })[0]!.message).to.equal(
      'Name the associated risks or mark them N/A, not both.',
    );
    expect(problems({ ...SEED_004_COVER, objectives: ['SO7'] })[0]!.message).to.equal('Tick strategic objectives SO1 to SO6 only.');
  });

  it('refuses 100 KB of text in any section, naming the section', () => {
    const huge = 'x'.repeat(100_000);
    expect(problems({ ...SEED_004_COVER, publicInvolvement: huge })[0]!.message).to.equal(
      'Public involvement must be 2,000 characters or fewer.',
    );
    expect(problems({ ...SEED_004_COVER, conflictsOfInterest: huge })[0]!.message).to.equal(
      'Conflicts of interest must be 1,000 characters or fewer.',
    );
  });

  it('names the first associated risk of another place', () => {
    expect(coverRisksProblem(parsed(SEED_004_COVER), 'BPL')).to.equal(undefined);
    expect(
      coverRisksProblem(parsed({ ...SEED_004_COVER, associatedRisks: [{ ref: 'BPL-R-0001' }, { ref: 'LAN-R-0003' }] }), 'BPL'),
    ).to.equal('LAN-R-0003 is not a risk of this place: name one from its own register.');
  });

  it('puts every section’s words in the sign-off’s search text, and who authorised it with its people', () => {
    const doc = searchDocument(signOff(new Date('2026-11-23T10:00:00Z'), { cover: SEED_004_COVER as never }));
    const body = doc.body.join('\n');
    for (const words of [
      'Note the contents',
      'SO6 To develop',
      'BPL-R-0002: No',
      'Executive Management Team',
      'Door-knocking',
      'Chief Operating Officer',
    ])
      expect(body).to.contain(words);
    expect(doc.people).to.include('Professor Craig Harris');
  });
});

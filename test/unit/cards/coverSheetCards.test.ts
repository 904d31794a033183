// The cover sheet on the sign-off request form and card, checked as Teams would parse them: every
// section the form offers, the whole sheet on the card at its longest, and the form as first shown.
import { expect } from 'chai';
import { COVER_INPUTS, coverCardData } from '../../../cards/coverSheetCards.js';
import { signOffCard, signOffFormCard } from '../../../cards/signOffCards.js';
import { coverSheetSchema } from '../../../records/coverSheet.js';
import { STRATEGIC_OBJECTIVES } from '../../../records/coverSheetSections.js';
import { COVER_ECHO } from '../../../bot/signoff/coverSheetForm.js';
import { checkCard, describeTeamsCard } from '../../support/cardCheck.js';
import { SEED_004_COVER } from '../../support/coverSheetFixtures.js';
import { signOff } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const APPROVERS = [
  { id: 'h', name: 'Helen Price', chair: true },
  { id: 'i', name: 'Imran Shah', chair: false },
];

/** Every cover-sheet input filled to the most the form echoes back. */
const longest = Object.fromEntries(COVER_INPUTS.map((id) => [id, 'w'.repeat(COVER_ECHO[id])]));

/** The whole sheet at its longest: every row, every comment. */
const fullest = {
  ...SEED_004_COVER,
  asks: Array.from({ length: 5 }, () => ({ action: 'support', text: 'r'.repeat(500) })),
  objectives: ['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6'],
  associatedRisks: Array.from({ length: 10 }, (_, i) => ({ ref: `BPL-R-${String(i + 1).padStart(4, '0')}`, onIcbRegister: i % 2 === 0 })),
  financial: { answer: 'yes', comment: 'f'.repeat(500) },
  discussed: Array.from({ length: 4 }, () => ({ forum: 'm'.repeat(200), date: '2026-10-31', outcome: 'o'.repeat(200) })),
  conflictsOfInterest: 'c'.repeat(1000),
  qia: { answer: 'no', comment: 'q'.repeat(500) },
  eia: { answer: 'no', comment: 'e'.repeat(500) },
  dpia: { answer: 'no', comment: 'd'.repeat(500) },
  publicInvolvement: 'p'.repeat(2000),
  authorisedBy: { name: 'n'.repeat(200), role: 'r'.repeat(200) },
};

describe('The cover sheet on the sign-off form and card', () => {
  describeTeamsCard('sign-off form with every cover-sheet section open and filled to its limit', () =>
    signOffFormCard({
      formId: 'form-1',
      place: 'BPL',
      approvers: APPROVERS,
      now: NOW,
      values: { title: 't'.repeat(300), summary: 's'.repeat(4000), approvers: 'h', ...longest },
      errors: { coverFinancialComment: 'Say what the financial implications are.', coverAuthorisedRole: 'Give the role.' },
      banner: 'Some details need attention before the sign-off can be requested.',
    }),
  );
  describeTeamsCard('sign-off card with the whole cover sheet at its longest', () =>
    signOffCard({ signOff: signOff(NOW, { cover: fullest as never }), etag: 'W/"1"', view: 'shared' }),
  );

  it('offers each cover-sheet input exactly once', () => {
    const form = signOffFormCard({ formId: 'f', place: 'BPL', approvers: APPROVERS, now: NOW, preselect: true });
    const ids = checkCard(form).inputIds.filter((id) => id.startsWith('cover'));
    expect([...ids].sort()).to.deep.equal([...COVER_INPUTS].sort());
  });

  it('offers the ICB’s six strategic objectives in seed 004’s words, and approve, support, note or receive for each recommendation', () => {
    const text = JSON.stringify(signOffFormCard({ formId: 'f', place: 'BPL', approvers: APPROVERS, now: NOW, preselect: true }));
    for (const [code, words] of Object.entries(STRATEGIC_OBJECTIVES)) expect(text).to.contain(`${code} ${words}`);
    for (const verb of ['Approve', 'Support', 'Note', 'Receive']) expect(text).to.contain(`"title":"${verb}"`);
  });

  it('shows no cover sheet on a card whose sign-off has none', () => {
    expect(coverCardData(undefined)).to.deep.equal({ coverHeading: '', cover: [] });
    expect(coverSheetSchema.safeParse(fullest).success).to.equal(true);
  });
});

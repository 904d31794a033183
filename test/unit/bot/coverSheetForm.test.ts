// The cover sheet's part of the sign-off request form: what the requester filled becomes the
// draft's cover sheet, a form left as first shown has none, and each problem lands on its input.
import { expect } from 'chai';
import { parseSignOffForm } from '../../../bot/signoff/signOffForm.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const HELEN = { id: 'aad-helen', name: 'Helen Price' };
const IMRAN = { id: 'aad-imran', name: 'Imran Shah' };
const SAM = { id: 'aad-sam', name: 'Sam Patel' };
const ctx = { place: 'BPL' as const, requester: SAM, chairs: [HELEN], approvers: [HELEN, IMRAN], now: NOW };
const form = (over: Record<string, unknown> = {}) => ({
  board: 'Blackpool Place Partnership Board',
  title: 'Phases of development',
  summary: 'Support the proposed phases of development and associated actions.',
  itemType: 'decision',
  route: 'between-meetings',
  approvers: `${HELEN.id},${IMRAN.id}`,
  mode: 'ALL',
  dueBy: '2026-12-07',
  conflictNature: 'none',
  ...over,
});
const started = { coverPurpose: 'decision', coverAsk1Action: 'approve', coverAsk1Text: 'the revised terms of reference.' };
const errors = (over: Record<string, unknown>) => {
  const r = parseSignOffForm(form({ ...started, ...over }), ctx);
  return r.ok ? {} : r.errors;
};

describe('The cover sheet on the sign-off request form', () => {
  it('a form left as first shown has no cover sheet, whatever a client sends for the N/A toggle left off', () => {
    for (const off of ['', 'false', undefined]) {
      const r = parseSignOffForm(form({ coverRisksNa: off, coverObjectives: '', coverAsk1Action: '', coverDiscussed1Date: '' }), ctx);
      expect(r.ok && r.draft.cover, String(off)).to.equal(undefined);
    }
  });

  it('reads rows, ticks, refs and answers into the cover sheet; blank rows are skipped', () => {
    const r = parseSignOffForm(
      form({
        ...started,
        coverAsk2Action: '',
        coverAsk2Text: ' ',
        coverAsk3Action: 'note',
        coverAsk3Text: 'the risks.',
        coverObjectives: 'SO1,SO4',
        coverRiskRefs: 'bpl-r-0001; BPL-R-0002',
        coverFinancial: 'no',
        coverDiscussed2Forum: 'Executive Management Team',
        coverDiscussed2Date: '2026-10-31',
        coverDiscussed2Outcome: 'Approved',
        coverQia: 'na',
        coverAuthorisedName: 'Craig Harris',
        coverAuthorisedRole: 'Chief Operating Officer',
      }),
      ctx,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // As stored: JSON, so an absent comment is no key at all.
    expect(JSON.parse(JSON.stringify(r.draft.cover))).to.deep.include({
      purpose: 'decision',
      asks: [
        { action: 'approve', text: 'the revised terms of reference.' },
        { action: 'note', text: 'the risks.' },
      ],
      objectives: ['SO1', 'SO4'],
      associatedRisks: [{ ref: 'BPL-R-0001' }, { ref: 'BPL-R-0002' }],
      financial: { answer: 'no' },
      discussed: [{ forum: 'Executive Management Team', date: '2026-10-31', outcome: 'Approved' }],
      qia: { answer: 'na' },
      authorisedBy: { name: 'Craig Harris', role: 'Chief Operating Officer' },
    });
  });

  it('shows each problem on its own input', () => {
    expect(errors({ coverFinancial: 'yes' })).to.have.property('coverFinancialComment', 'Say what the financial implications are.');
    expect(errors({ coverFinancialComment: 'Within budget.' })).to.have.property('coverFinancial');
    expect(errors({ coverQia: 'no' })).to.have.property('coverQiaComment', 'Say why the quality impact assessment was not completed.');
    expect(errors({ coverAuthorisedName: 'Craig Harris' })).to.have.property('coverAuthorisedRole');
    expect(errors({ coverAuthorisedRole: 'Chief Operating Officer' })).to.have.property('coverAuthorisedName');
    expect(errors({ coverAsk2Text: 'the plan.' })).to.have.property('coverAsk2Action');
    expect(errors({ coverDiscussed3Forum: 'EMT', coverDiscussed3Outcome: 'Noted' })).to.have.property(
      'coverDiscussed3Date',
      'Date is required.',
    );
    expect(errors({ coverDiscussed1Forum: 'EMT', coverDiscussed1Date: '2026-11-24', coverDiscussed1Outcome: 'Noted' })).to.have.property(
      'coverDiscussed1Date',
    );
    expect(errors({ coverRiskRefs: 'LAN-R-0001' })).to.have.property(
      'coverRiskRefs',
      'LAN-R-0001 is not a risk of this place: name one from its own register.',
    );
    expect(errors({ coverRiskRefs: 'risk seven' })).to.have.property('coverRiskRefs', 'Give risk references, like BPL-R-0007.');
    expect(errors({ coverObjectives: 'SO1,SO9' })).to.have.property('coverObjectives', 'Tick strategic objectives SO1 to SO6 only.');
    expect(errors({ coverPurpose: '' })).to.have.property('coverPurpose');
  });

  it('a forged card with more where-discussed rows than the form offers is told so on the first row', () => {
    const rows = Object.fromEntries(
      [1, 2, 3, 4, 5].flatMap((i) => [
        [`coverDiscussed${i}Forum`, `Forum ${i}`],
        [`coverDiscussed${i}Date`, '2026-10-31'],
        [`coverDiscussed${i}Outcome`, 'Noted'],
      ]),
    );
    expect(errors(rows)).to.have.property('coverDiscussed1Forum', 'List at most 4 meetings where the paper was discussed.');
  });
});

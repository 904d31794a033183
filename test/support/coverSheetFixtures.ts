// The cover sheet of seed 004's paper (the ICB board's place integration deal update), for card, pack and flow tests.

/** The cover sheet of seed 004's paper, as a requester would fill it in. */
export const SEED_004_COVER = {
  purpose: 'information',
  asks: [
    { action: 'note', text: 'the contents of the report including progress of the four LSC places.' },
    { action: 'support', text: 'Support the proposed phases of development and associated actions.' },
    { action: 'receive', text: 'a further report at its meeting in March 2024.' },
  ],
  objectives: ['SO2', 'SO6'],
  associatedRisks: [
    { ref: 'BPL-R-0001', onIcbRegister: true },
    { ref: 'BPL-R-0002', onIcbRegister: false },
  ],
  financial: { answer: 'na' },
  discussed: [{ forum: 'Executive Management Team', date: '2023-10-31', outcome: 'Approved' }],
  conflictsOfInterest: 'Not applicable',
  qia: { answer: 'na' },
  eia: { answer: 'na' },
  dpia: { answer: 'na' },
  publicInvolvement: 'Door-knocking across five priority wards: 14 themes heard.',
  authorisedBy: { name: 'Professor Craig Harris', role: 'Chief Operating Officer' },
};

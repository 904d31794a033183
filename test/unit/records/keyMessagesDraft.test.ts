import { expect } from 'chai';
import { closedSentence, decisionSentence, escalatedTo, matterSentence } from '../../../records/keyMessagesDraft.js';

describe('Key messages a member of the public can read (issue 25)', () => {
  it('a decision is one sentence, its linked record named before the one full stop, never ".."', () => {
    expect(decisionSentence({ text: 'approved the easy-read version..', link: 'BPL-S-0004' })).to.equal(
      'Approved the easy-read version (BPL-S-0004).',
    );
    expect(decisionSentence({ text: 'Is the plan affordable?' })).to.equal('Is the plan affordable?');
  });

  it('an action closed at the meeting says the Board agreed to close it, what it was and why', () => {
    expect(
      closedSentence({ ref: 'BPL-A-0004', outcome: 'closed', description: 'Publish the easy-read plan.', text: 'It is on the website.' }),
    ).to.equal('The Board agreed to close BPL-A-0004, publish the easy-read plan, because it is on the website.');
    expect(
      closedSentence({ ref: 'BPL-A-0005', outcome: 'declined', description: 'NHS app pilot', text: 'because the pilot runs to March' }),
    ).to.equal('The Board did not agree to close BPL-A-0005, NHS app pilot, because the pilot runs to March.');
  });

  it('a closure note that only says "Agreed" or "Complete" adds nothing', () => {
    for (const text of ['Agreed', 'complete.', '', ' Done '])
      expect(closedSentence({ ref: 'BPL-A-0004', outcome: 'closed', description: 'Publish the plan', text })).to.equal(
        'The Board agreed to close BPL-A-0004, publish the plan.',
      );
  });

  it('a matter says where it was escalated, in lower case mid-sentence', () => {
    expect(
      matterSentence({ text: 'Estates funding needs a decision.', to: 'committee', toDetail: 'Finance and Performance Committee' }),
    ).to.equal('Estates funding needs a decision (escalated to the Finance and Performance Committee).');
    expect(escalatedTo({ to: 'icb-board' })).to.equal('the ICB Board');
    expect(escalatedTo({ to: 'committee' })).to.equal('a committee of the ICB');
    expect(escalatedTo({ to: 'other-place', toDetail: 'Blackburn with Darwen' })).to.equal('Blackburn with Darwen');
    expect(escalatedTo({ to: 'icb-corporate-register' })).to.equal('the ICB corporate risk register');
    expect(escalatedTo({ to: 'reporting-line', toDetail: 'The Integrated Care Partnership' })).to.equal('the Integrated Care Partnership');
    expect(escalatedTo({ to: 'reporting-line', toDetail: "Blackpool Council's management team" })).to.equal(
      "Blackpool Council's management team",
    );
  });
});

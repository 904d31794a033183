// The escalations card as Teams gets it: valid Adaptive Card 1.5 with a label and error message on
// every note box, under 40 KB however much a place has sent (40 matters shown, 6 Acknowledge
// panels at most), and a read-only shared view with a button for one's own.
import { expect } from 'chai';
import { escalationsCard } from '../../../cards/escalationsCard.js';
import type { ForumEscalations, SentMatter } from '../../../records/escalationList.js';
import { accessibilityProblems, cardText, checkCard } from '../../support/cardCheck.js';

const person = { id: 'u-hana', name: 'Hana Officer' };
function matter(i: number, acknowledged: boolean): SentMatter {
  return {
    meetingRef: `BPL-M-${String(i).padStart(4, '0')}`,
    meetingDate: '2026-11-19',
    index: 0,
    text: 'M'.repeat(2000),
    where: 'W'.repeat(200),
    sentBy: person,
    sentAt: '2026-11-19T15:00:00.000Z',
    receiver: person,
    ...(acknowledged ? { acknowledged: { note: 'N'.repeat(2000), by: person, at: '2026-11-20T09:00:00.000Z' } } : {}),
    waitedTooLong: !acknowledged,
  };
}

describe('cards/escalationsCard: what each forum sent, and what came back', () => {
  const forums: ForumEscalations[] = [
    { forum: 'F'.repeat(300), matters: Array.from({ length: 60 }, (_, i) => matter(i + 1, i % 2 === 0)) },
  ];
  const etags = Object.fromEntries(forums[0]!.matters.map((m) => [m.meetingRef, 'W/"etag"']));

  it('the fullest card is valid, accessible and under 40 KB: 40 matters, 6 panels, the rest counted', () => {
    const card = escalationsCard({
      place: 'BPL',
      forums,
      etags,
      mayAcknowledge: () => true,
      kept: { meetingRef: 'BPL-M-0002', index: 0, note: 'K'.repeat(2000) },
    });
    const report = checkCard(card);
    expect(report.warnings).to.deep.equal([]);
    expect(accessibilityProblems(card)).to.deep.equal([]);
    expect(report.bytes).to.be.below(40_000);
    expect(report.executeActions.filter((a) => a.verb === 'meeting.acknowledgeMatter')).to.have.length(6);
    expect(report.inputIds[0]).to.equal('ackNote.BPL-M-0002.0');
    expect(cardText(card))
      .to.match(/\d+ older matters are not shown here\./)
      .and.contain('K'.repeat(2000));
  });

  it('the shared view has no panels, only a button for one’s own view', () => {
    const card = escalationsCard({
      place: 'BPL',
      forums,
      etags,
      mayAcknowledge: () => true,
      shared: true,
      notice: { text: 'Acknowledged by Hana Officer.', style: 'accent' },
    });
    const verbs = checkCard(card).executeActions.map((a) => a.verb);
    expect(verbs).to.deep.equal(['escalations.show']);
    expect(checkCard(card).inputIds).to.deep.equal([]);
  });

  it('a place with nothing sent says so', () => {
    expect(cardText(escalationsCard({ place: 'SC', forums: [], etags: {}, mayAcknowledge: () => false }))).to.contain(
      'No matters for escalation recorded at its meetings yet.',
    );
  });
});

// A paper deferred at a meeting: the board's "Deferred" asks which month or meeting it goes to
// (bad answers back on the card's "Deferred to" box), and the forward plan item that brings it back.
import { expect } from 'chai';
import { paperSentence } from '../../../records/meetingPapers.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { deferredPaperItem, deferredTo, latestDeferral } from '../../../records/paperDeferral.js';
import { chair, newSignOff, NOW, ok } from './fixtures.js';

const AT = { meeting: 'Lancashire Place Partnership Board, 10 Dec 2026 (LAN-M-0002)', meetingRef: 'LAN-M-0002' };
const defer = (deferTo?: string) =>
  applySignOffCommand(
    newSignOff(),
    chair,
    { type: 'decideAtMeeting', outcome: 'DEFERRED', text: 'Needs the Q3 figures.', ...AT, ...(deferTo !== undefined ? { deferTo } : {}) },
    NOW,
  );

describe('records/paperDeferral: a paper deferred to a later meeting', () => {
  it('deferred “to March 2027”: kept open, the month recorded with the meeting’s decision', () => {
    const s = ok(defer('March 2027'));
    expect(s.status).to.equal('PENDING');
    expect(latestDeferral(s)?.deferredTo).to.equal('2027-03');
    expect(latestDeferral(s)?.meetingRef).to.equal('LAN-M-0002');
  });

  it('deferred to a later meeting of the place by its ref', () => {
    expect(latestDeferral(ok(defer('lan-m-0005')))?.deferredTo).to.equal('LAN-M-0005');
  });

  it('bad input: no month or meeting, a month in the past, this same meeting, a meeting of another place; nothing recorded', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'Say which meeting or month it is deferred to.'],
      ['whenever', 'Say which meeting or month it is deferred to.'],
      ['October 2026', 'October 2026 is in the past: defer it to November 2026 or later.'],
      ['LAN-M-0002', 'A paper is deferred to a later meeting, not this one.'],
      ['BPL-M-0003', 'BPL-M-0003 is a meeting of another place.'],
    ];
    for (const [typed, message] of cases) {
      const t = defer(typed);
      expect(t.ok, String(typed)).to.equal(false);
      if (!t.ok) expect(t.refusal.fieldErrors?.paperDeferTo, String(typed)).to.contain(message);
    }
  });

  it('another outcome ignores “Deferred to”; a deferral of an earlier meeting is not the latest once noted', () => {
    const noted = ok(
      applySignOffCommand(newSignOff(), chair, { type: 'decideAtMeeting', outcome: 'NOTED', deferTo: 'whenever', ...AT }, NOW),
    );
    expect(noted.status).to.equal('NOTED');
    expect(latestDeferral(noted)).to.equal(undefined);
    expect(deferredTo('March 2027', 'LAN', 'LAN-M-0002', NOW.toISOString())).to.equal('2027-03');
  });

  it('the key messages say where it went: “The Board deferred the winter plan (LAN-S-0006) to its meeting in March 2027.”', () => {
    const p = { ref: 'LAN-S-0006', title: 'Winter plan', outcome: 'DEFERRED' as const };
    expect(paperSentence({ ...p, deferredTo: '2027-03' })).to.equal(
      'The Board deferred the winter plan (LAN-S-0006) to its meeting in March 2027.',
    );
    expect(paperSentence({ ...p, deferredTo: 'LAN-M-0005' })).to.equal(
      'The Board deferred the winter plan (LAN-S-0006) to its meeting LAN-M-0005.',
    );
    expect(paperSentence(p)).to.equal('The Board deferred the winter plan (LAN-S-0006) to a later meeting.');
  });

  it('the plan item brings it back: “Receive the deferred paper …”, owned by its requester, naming the paper and the meeting', () => {
    const s = newSignOff();
    const item = deferredPaperItem(s, 'LAN-M-0002', { month: '2027-03' });
    expect(item).to.deep.include({
      type: 'addPlanItem',
      text: `Receive the deferred paper “${s.title}” (${s.ref})`,
      owner: { id: s.requestedBy.id, name: s.requestedBy.name },
      deferred: { signOffRef: s.ref, meetingRef: 'LAN-M-0002' },
    });
    const long = deferredPaperItem({ ...s, title: 'x'.repeat(290) }, 'LAN-M-0002', { month: '2027-03' });
    expect(long.type === 'addPlanItem' && long.text.length).to.be.at.most(300);
  });
});

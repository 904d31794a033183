// A forum's scope (whose items and whose meetings are its own) and a place's meetings grouped by
// forum: pure rules over a place's forums.
import { expect } from 'chai';
import type { Forum } from '../../../records/forum.js';
import { scopeOf, UNATTACHED } from '../../../records/forumScope.js';
import { groupByForum } from '../../../records/meetingsByForum.js';

const person = { id: 'aad-ruth', name: 'Ruth Ellison' };
function forum(over: Partial<Forum> & Pick<Forum, 'ref' | 'name'>): Forum {
  return {
    kind: 'forum',
    place: 'LAN',
    status: 'ACTIVE',
    chairs: [{ ...person, title: 'Independent Chair' }],
    rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
    startTime: '14:00',
    reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    createdBy: person,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}
const board = forum({
  ref: 'LAN-F-0001',
  name: 'Lancashire Place Partnership Board',
  reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
});
const central = forum({ ref: 'LAN-F-0002', name: 'Central Lancashire Partnership Board', locality: 'Central' });
const estates = forum({ ref: 'LAN-F-0003', name: 'Estates Group' });
const forums = [estates, central, board];

describe('records/forumScope: what a forum’s agenda draws from', () => {
  it('a locality board: its locality’s items, since its own last meeting only', () => {
    expect(scopeOf(central, forums)).to.deep.equal({ locality: 'Central', meetingsOf: ['LAN-F-0002'] });
  });
  it('the place board: the whole place, since its own last meeting or one stored before meetings named a forum', () => {
    expect(scopeOf(board, forums)).to.deep.equal({ meetingsOf: ['LAN-F-0001', UNATTACHED] });
  });
  it('another forum of the place with no locality: the whole place, its own meetings only', () => {
    expect(scopeOf(estates, forums)).to.deep.equal({ meetingsOf: ['LAN-F-0003'] });
  });
});

describe('records/meetingsByForum: “meetings Lancashire” grouped by forum', () => {
  const m = (ref: string, forumRef?: string) => ({ ref, place: 'LAN' as const, ...(forumRef ? { forumRef } : {}) });
  it('the place board first (with meetings stored before forums), then the other forums by name; each group keeps the order given', () => {
    const groups = groupByForum(
      [m('M5', 'LAN-F-0003'), m('M4', 'LAN-F-0002'), m('M3'), m('M2', 'LAN-F-0001'), m('M1', 'LAN-F-0002')],
      forums,
    );
    expect(groups.map((g) => [g.forum?.name, g.meetings.map((x) => x.ref)])).to.deep.equal([
      ['Lancashire Place Partnership Board', ['M3', 'M2']],
      ['Central Lancashire Partnership Board', ['M4', 'M1']],
      ['Estates Group', ['M5']],
    ]);
  });
  it('a place with no forums yet: one group of no forum', () => {
    expect(groupByForum([m('M2'), m('M1')], []).map((g) => [g.forum, g.meetings.length])).to.deep.equal([[undefined, 2]]);
  });
  it('a meeting naming a forum the place no longer lists (a forged or foreign ref) goes last, of no forum', () => {
    const groups = groupByForum([m('M2', 'LAN-F-0009'), m('M1', 'LAN-F-0002')], forums);
    expect(groups.map((g) => g.forum?.ref)).to.deep.equal(['LAN-F-0002', undefined]);
  });
});

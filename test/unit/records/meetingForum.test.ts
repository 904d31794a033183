// Which forum a meeting belongs to: a place's one active forum, else its board; a forum named by
// name (archived or of another place refused); a meeting stored before forums read as its place's
// board; the date proposed from the rhythm, or 14 days ahead with a line saying why.
import { expect } from 'chai';
import type { Forum } from '../../../records/forum.js';
import { forumForPlace, forumOfMeeting, namedForum, placeBoard, proposedMeetingDate } from '../../../records/meetingForum.js';

const person = { id: 'aad-ruth', name: 'Ruth Ellison' };
function forum(over: Partial<Forum> & Pick<Forum, 'ref' | 'name'>): Forum {
  return {
    kind: 'forum',
    place: 'LAN',
    status: 'ACTIVE',
    chairs: [{ ...person, title: 'Independent Chair' }],
    rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
    startTime: '14:00',
    reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    createdBy: person,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const board = forum({ ref: 'LAN-F-0001', name: 'Lancashire Place Partnership Board' });
const central = forum({
  ref: 'LAN-F-0002',
  name: 'Central Lancashire Partnership Board',
  locality: 'Central',
  reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
});
const group = forum({
  ref: 'LAN-F-0003',
  name: 'Delivery Group',
  reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
});
const blackpool = forum({ ref: 'BPL-F-0001', place: 'BPL', name: 'Blackpool Place Partnership Board' });

describe('records/meetingForum: the forum a meeting is of', () => {
  it('the place board is the forum with no locality that does not report to the place board', () => {
    expect(placeBoard([central, group, board])?.ref).to.equal('LAN-F-0001');
    expect(placeBoard([central, group])).to.equal(undefined);
  });

  it('a place with one active forum gives that one, else its board; an archived board gives none', () => {
    expect(forumForPlace([central, { ...board, status: 'ARCHIVED' }])?.ref).to.equal('LAN-F-0002');
    expect(forumForPlace([board, central, group])?.ref).to.equal('LAN-F-0001');
    expect(forumForPlace([{ ...board, status: 'ARCHIVED' }, central, group])).to.equal(undefined);
    expect(forumForPlace([])).to.equal(undefined);
  });

  it('a meeting stored before forums is read as its place’s board (even archived); one naming a forum, as that forum', () => {
    expect(forumOfMeeting({ place: 'LAN' }, [central, board, blackpool])?.ref).to.equal('LAN-F-0001');
    expect(forumOfMeeting({ place: 'LAN' }, [central, { ...board, status: 'ARCHIVED' }])?.ref).to.equal('LAN-F-0001');
    expect(forumOfMeeting({ place: 'LAN', forumRef: 'LAN-F-0002' }, [central, board])?.ref).to.equal('LAN-F-0002');
    expect(forumOfMeeting({ place: 'BPL' }, [central, board])).to.equal(undefined);
  });

  it('a forum named by name, case and spacing ignored', () => {
    const found = namedForum([board, central, blackpool], '  central   lancashire partnership BOARD ', undefined);
    expect(found.ok && found.forum.ref).to.equal('LAN-F-0002');
    expect(namedForum([board, central], 'Central Lancashire Partnership Board', 'LAN').ok).to.equal(true);
  });

  it('bad input: an archived forum, a forum of another place than the channel’s, and an unknown name are refused with a line', () => {
    const archived = namedForum([{ ...central, status: 'ARCHIVED' }], 'Central Lancashire Partnership Board', undefined);
    expect(archived).to.deep.include({ ok: false, reason: 'archived' });
    expect(!archived.ok && archived.line).to.contain('is archived');
    const other = namedForum([central, blackpool], 'Central Lancashire Partnership Board', 'BPL');
    expect(other).to.deep.include({ ok: false, reason: 'otherPlace' });
    expect(!other.ok && other.line).to.contain('is a forum of Lancashire, not Blackpool');
    const none = namedForum([central], 'Imaginary Board', undefined);
    expect(none).to.deep.include({ ok: false, reason: 'none' });
  });

  it('the date proposed is the next its rhythm gives; with no forum, 14 days ahead', () => {
    expect(proposedMeetingDate(central, '2026-03-20')).to.deep.equal({ date: '2026-04-09' });
    expect(proposedMeetingDate(undefined, '2026-03-20')).to.deep.equal({ date: '2026-04-03' });
  });

  it('bad input: a rhythm that gives no date (its listed dates all past) falls back to 14 days ahead with a line saying so', () => {
    const past = { ...central, rhythm: { type: 'dates' as const, dates: ['2026-01-15', '2026-02-12'] } };
    const proposed = proposedMeetingDate(past, '2026-03-20');
    expect(proposed.date).to.equal('2026-04-03');
    expect(proposed.note).to.contain('rhythm gives no meeting date').and.contain('14 days ahead');
  });
});

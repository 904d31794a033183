// What the pack for a meeting reads: the meeting, its place's forums, the sign-offs its agenda names
// and its forum's previous meeting, found on the newest-first meeting index a page at a time, a
// bounded number of pages, however many meetings the place has held. And which meeting `board pack
// <place>` takes: its board's soonest meeting still to come.
import { expect } from 'chai';
import { nextMeetingOf, packFor, readMeetingPack, type MeetingPackReads } from '../../../bot/boardPack/meetingPackSource.js';
import { addDays } from '../../../records/dates.js';
import type { Forum } from '../../../records/forum.js';
import type { Meeting } from '../../../records/meeting.js';
import type { SignOff } from '../../../records/signoff.js';
import { newSignOff } from '../records/fixtures.js';

const SAM = { id: 'u-sam', name: 'Sam Patel' };
const forum = (ref: string, name: string, extra: Partial<Forum> = {}): Forum => ({
  kind: 'forum',
  ref,
  place: 'BPL',
  status: 'ACTIVE',
  name,
  chairs: [{ id: 'u-helen', name: 'Helen Price', title: 'Independent Chair' }],
  rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
  startTime: '14:00',
  reportingLines: [],
  createdBy: SAM,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const BOARD = forum('BPL-F-0001', 'Blackpool Place Partnership Board', { secretary: SAM, channelId: '19:bpl' });
const GROUP = forum('BPL-F-0002', 'Blackpool Estates Group', { reportingLines: [{ to: 'place-board', name: 'Board' }] });

let n = 0;
const meeting = (forumRef: string, date: string, extra: Partial<Meeting> = {}): Meeting => ({
  kind: 'meeting',
  ref: `BPL-M-${String(++n).padStart(4, '0')}`,
  place: 'BPL',
  forumRef,
  board: forumRef === BOARD.ref ? BOARD.name : GROUP.name,
  date,
  status: 'HELD',
  agenda: [],
  decisions: [],
  matters: [],
  preparedBy: SAM,
  preparedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

/** Reads over a list of meetings, as the store's newest-first index gives them; counts the pages and point reads. */
function readsOver(meetings: Meeting[], signOffs: SignOff[] = []): MeetingPackReads & { pages: number; gets: number } {
  const byDate = [...meetings].sort((a, b) => b.date.localeCompare(a.date) || a.ref.localeCompare(b.ref));
  const reads = {
    pages: 0,
    gets: 0,
    get: async (kind: string, ref: string) => {
      reads.gets += 1;
      const found = kind === 'meeting' ? meetings.find((m) => m.ref === ref) : signOffs.find((s) => s.ref === ref);
      return found ? { record: found, etag: 'e' } : undefined;
    },
    listByPlace: async () => [BOARD, GROUP].map((record) => ({ record, etag: 'e' })),
    latestMeetings: async (_place: string, count: number, onOrBefore?: string) => {
      reads.pages += 1;
      return {
        meetings: byDate
          .filter((m) => !onOrBefore || m.date <= onOrBefore)
          .slice(0, count)
          .map((record) => ({ record, etag: 'e' })),
      };
    },
  };
  return reads as unknown as MeetingPackReads & { pages: number; gets: number };
}

describe('The pack for a meeting: what it reads', () => {
  const settings = { channels: [{ id: '19:bpl', name: 'Blackpool Partnership' }] } as never;

  it('finds its forum’s previous meeting past the other forum’s weekly ones, and reads the agenda’s papers by ref', async () => {
    const paper = { ...newSignOff({ place: 'BPL', cover: { purpose: 'decision', recommendations: 'Approve it.' } }), ref: 'BPL-S-0003' };
    const previous = meeting(BOARD.ref, '2026-11-12');
    const weekly = Array.from({ length: 12 }, (_, i) => meeting(GROUP.ref, addDays('2026-12-09', -i * 2)));
    const next = meeting(BOARD.ref, '2026-12-10', {
      status: 'PREPARING',
      agenda: [{ section: 'papers', ref: 'BPL-S-0003', title: 'Winter plan' }],
    });
    const reads = readsOver([previous, ...weekly, next], [paper]);
    const read = (await readMeetingPack(reads, 'BPL', next.ref, settings))!;
    expect(read.previous?.ref).to.equal(previous.ref);
    expect(read.pack.agenda[0]!.cover).to.equal('Purpose: For decision\nRecommendations: Approve it.');
    expect(read.pack.cover.find((l) => l.label === 'Where')!.value).to.equal('Microsoft Teams, the Blackpool Partnership channel');
    expect(reads.pages).to.equal(1);
  });

  it('reads the place’s latest 24 meetings however many it has held: a forum last met before those carries no previous meeting', async () => {
    const history = Array.from({ length: 500 }, (_, i) => meeting(GROUP.ref, addDays('2026-12-09', -i)));
    const next = meeting(BOARD.ref, '2026-12-10');
    const reads = readsOver([...history, next]);
    const read = (await readMeetingPack(reads, 'BPL', next.ref, settings))!;
    expect(read.previous).to.equal(undefined);
    expect(read.pack.lastKeyMessages.kind).to.equal('none');
    expect(reads.pages).to.equal(1);
  });

  it('a forward plan item put on its agenda after it was prepared is on the pack’s agenda too, under Scheduled items', async () => {
    const next = meeting(BOARD.ref, '2026-12-10', {
      status: 'PREPARING',
      agenda: [{ section: 'papers', ref: 'BPL-S-0003', title: 'Winter plan' }],
    });
    const item = {
      ref: `${BOARD.ref}/1`,
      text: 'Receive a further report on the neighbourhood teams',
      owner: SAM,
      due: { meetingRef: next.ref, date: next.date },
      addedBy: SAM,
      addedAt: '2026-12-01T09:00:00.000Z',
      state: 'SCHEDULED' as const,
      taken: { meetingRef: next.ref, date: next.date },
    };
    const reads = readsOver([next]);
    reads.listByPlace = (async () => [{ ...BOARD, forwardPlan: [item] }, GROUP].map((record) => ({ record, etag: 'e' }))) as never;
    const read = (await readMeetingPack(reads, 'BPL', next.ref, settings))!;
    expect(read.pack.agenda.map((a) => [a.ref, a.title])).to.deep.equal([
      ['BPL-S-0003', 'Winter plan'],
      [item.ref, item.text],
    ]);
  });

  it('`board pack` alone in a forum’s channel takes that forum’s next meeting; in any other channel of the place, the board’s', async () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const groupNext = meeting(GROUP.ref, '2026-12-04', { status: 'PREPARING' });
    const boardNext = meeting(BOARD.ref, '2026-12-10', { status: 'PREPARING' });
    const reads = readsOver([groupNext, boardNext]);
    reads.listByPlace = (async () => [BOARD, { ...GROUP, channelId: '19:estates' }].map((record) => ({ record, etag: 'e' }))) as never;
    expect((await nextMeetingOf(reads, 'BPL', now, { channelId: '19:estates' }))?.ref).to.equal(groupNext.ref);
    expect((await nextMeetingOf(reads, 'BPL', now, { channelId: '19:bpl' }))?.ref).to.equal(boardNext.ref);
    expect((await nextMeetingOf(reads, 'BPL', now))?.ref).to.equal(boardNext.ref);
  });

  it('a meeting of another place, or none, gives no pack', async () => {
    const reads = readsOver([meeting(BOARD.ref, '2026-12-10')]);
    expect(await readMeetingPack(reads, 'LAN', 'BPL-M-0001', settings)).to.equal(undefined);
    expect(await readMeetingPack(reads, 'BPL', 'BPL-M-9999', settings)).to.equal(undefined);
  });

  it('`board pack <place>` takes the board’s soonest meeting to come, not a group’s, nor one already published; none when there is none', async () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const soon = meeting(BOARD.ref, '2026-12-10', { status: 'PREPARING' });
    const reads = readsOver([
      meeting(GROUP.ref, '2026-12-04', { status: 'PREPARING' }),
      soon,
      meeting(BOARD.ref, '2027-01-14', { status: 'PREPARING' }),
      meeting(BOARD.ref, '2026-11-12', { status: 'PUBLISHED' }),
    ]);
    expect((await nextMeetingOf(reads, 'BPL', now))?.ref).to.equal(soon.ref);
    expect(await nextMeetingOf(readsOver([meeting(BOARD.ref, '2026-11-12')]), 'BPL', now)).to.equal(undefined);
  });

  it('`board pack <typed>`: a meeting ref (any case) is that meeting and its place; a ref of no meeting is told so; anything else is left to the place', async () => {
    const m = meeting(BOARD.ref, '2026-12-10');
    const reads = readsOver([m]);
    expect(await packFor(reads, m.ref.toLowerCase())).to.deep.equal({
      ok: true,
      place: 'BPL',
      meeting: { ref: m.ref, forum: BOARD.name, date: '2026-12-10' },
    });
    expect(await packFor(reads, 'BPL-M-9999')).to.deep.include({ ok: false });
    expect(await packFor(reads, 'Blackpool')).to.deep.equal({ ok: true });
  });
});

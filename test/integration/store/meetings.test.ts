// A place's meetings read from their newest-first index on Azurite: the last meeting held (the next
// agenda's "since the last meeting", the board pack's key decisions) and the latest meetings
// ("meetings Blackpool"), each from the first rows of the index and a few point reads, however
// many meetings the place has held.
import { expect } from 'chai';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import type { RecordStore } from '../../../records/store/index.js';
import { CHAIR, NOW, TODAY, useStore } from './support.js';

async function meetingOn(store: RecordStore, date: string, place: 'BPL' | 'BWD' = 'BPL'): Promise<string> {
  const made = await store.create('meeting', place, (ref) =>
    createMeeting({ place, board: 'Place Partnership Board', date, agenda: [] }, ref, CHAIR, NOW),
  );
  if (!made.ok) throw new Error(made.refusal.message);
  return made.stored.record.ref;
}

describe('Meetings by date (store on Azurite)', function () {
  this.timeout(60_000);
  const ctx = useStore();

  it('the last meeting held is the latest dated on or before today; one still to come, or another place’s, is not', async () => {
    const { store } = ctx;
    expect(await store.lastMeetingHeld('BPL', TODAY)).to.equal(undefined);
    const june = await meetingOn(store, '2026-06-11');
    await meetingOn(store, '2026-12-10'); // the next one, prepared already
    await meetingOn(store, '2026-11-20', 'BWD');
    const october = await meetingOn(store, '2026-10-08');
    expect((await store.lastMeetingHeld('BPL', TODAY))?.record.ref).to.equal(october);
    expect((await store.lastMeetingHeld('BPL', '2026-10-08'))?.record.ref, 'held today').to.equal(october);
    expect((await store.lastMeetingHeld('BPL', '2026-10-07'))?.record.ref).to.equal(june);
    expect(await store.lastMeetingHeld('BPL', '2026-06-10')).to.equal(undefined);
  });

  it('a meeting changed after it was held (a key decision recorded) is read as it is now', async () => {
    const { store } = ctx;
    const ref = await meetingOn(store, '2026-11-19');
    const stored = (await store.get('meeting', ref))!;
    // Its record changes (a key decision); the index row follows the record in the same transaction.
    const next = applyMeetingCommand(stored.record, CHAIR, { type: 'addDecision', text: 'Agreed the winter plan' }, NOW);
    const written = await store.update('meeting', stored, next);
    expect(written.ok).to.equal(true);
    expect((await store.lastMeetingHeld('BPL', TODAY))?.record.decisions.map((d) => d.text)).to.deep.equal(['Agreed the winter plan']);
  });

  it('with 40 meetings held, the last one costs one index query and one point read; the latest 12 and the next older ref, one query and 13 reads', async () => {
    const { store } = ctx;
    const dates = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 11, 1 + i * 9)).toISOString().slice(0, 10));
    const refs: string[] = [];
    for (const d of dates) refs.push(await meetingOn(store, d));
    store.metrics.reset();
    const last = await store.lastMeetingHeld('BPL', TODAY);
    expect(store.metrics.transactions).to.equal(2);
    expect(last?.record.date).to.equal(dates.filter((d) => d <= TODAY).at(-1));

    store.metrics.reset();
    const latest = await store.latestMeetings('BPL', 12);
    expect(store.metrics.transactions).to.be.at.most(1 + 13);
    expect(latest.meetings.map((m) => m.record.date)).to.deep.equal([...dates].reverse().slice(0, 12));
    expect(latest.olderRef).to.equal(refs[dates.length - 13]);
    const all = await store.latestMeetings('BPL', 50);
    expect(all.meetings).to.have.length(40);
    expect(all.olderRef).to.equal(undefined);
  });
});

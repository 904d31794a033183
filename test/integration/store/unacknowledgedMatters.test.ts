// Matters for escalation waiting for an acknowledgement, read from the meeting's `esc` index row on
// Azurite: the row is written with the matter (same transaction), keyed by when the oldest waiting
// matter was sent, and deleted once every matter is acknowledged; the digest's read is one index
// range, however many meetings the place has held.
import { expect } from 'chai';
import { applyMeetingCommand, createMeeting, type MeetingCommand } from '../../../records/meeting.js';
import type { RecordStore } from '../../../records/store/index.js';
import { CHAIR, NOW, useStore } from './support.js';

const ADMIN = { ...CHAIR, roles: ['admin' as const] };

async function meetingWith(store: RecordStore, date: string, commands: { command: MeetingCommand; at: Date }[]): Promise<string> {
  const made = await store.create('meeting', 'BPL', (ref) =>
    createMeeting({ place: 'BPL', board: 'Place Partnership Board', date, agenda: [] }, ref, ADMIN, NOW),
  );
  if (!made.ok) throw new Error(made.refusal.message);
  let stored = made.stored;
  for (const { command, at } of commands) {
    const done = await store.update('meeting', stored, applyMeetingCommand(stored.record, ADMIN, command, at));
    if (!done.ok) throw new Error(done.refusal.message);
    stored = done.stored;
  }
  return stored.record.ref;
}

describe('Matters waiting for an acknowledgement (store on Azurite)', function () {
  this.timeout(60_000);
  const ctx = useStore();
  const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
  const matter = (text: string): MeetingCommand => ({ type: 'addMatter', text, to: 'icb-board' });

  it('meetings with a matter sent before the instant and not acknowledged, by one index range; acknowledged ones drop out', async () => {
    const { store } = ctx;
    const old = await meetingWith(store, '2026-10-08', [{ command: matter('Old and waiting'), at: day(-30) }]);
    const done = await meetingWith(store, '2026-10-15', [
      { command: matter('Old, acknowledged'), at: day(-30) },
      { command: { type: 'acknowledgeMatter', matter: 0, note: 'Received.' }, at: day(-29) },
    ]);
    const recent = await meetingWith(store, '2026-11-19', [{ command: matter('Sent yesterday'), at: day(-1) }]);
    for (let i = 0; i < 10; i++) await meetingWith(store, '2026-09-01', []);
    store.metrics.reset();
    const waiting = await store.unacknowledgedMatters('BPL', day(-14).toISOString());
    expect(waiting.map((s) => s.record.ref)).to.deep.equal([old]);
    expect(store.metrics.transactions).to.be.at.most(2);
    const all = await store.unacknowledgedMatters('BPL', '9999');
    expect(all.map((s) => s.record.ref).sort()).to.deep.equal([old, recent].sort());
    expect(all.map((s) => s.record.ref)).not.to.include(done);
    expect(await store.unacknowledgedMatters('BWD', '9999')).to.deep.equal([]);
  });
});

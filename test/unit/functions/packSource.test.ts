// What the place's last meeting held means for its board pack: its key decisions and matters open
// the pack, and "sign-offs decided since the last meeting" count from the start of its day (UK
// time); with none held in the bot, the last 35 days.
import { expect } from 'chai';
import { DECIDED_WINDOW_DAYS, packSourceOf } from '../../../functions/packSource.js';
import { createMeeting, type Meeting } from '../../../records/meeting.js';
import type { PackRecordReader } from '../../../records/pack/source.js';
import type { Action } from '../../../records/action.js';
import { packFile } from '../../../records/pack/packFiles.js';
import { newAction, owner } from '../records/fixtures.js';
import { Collector } from '../records/pack/packFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const SAM = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin' as const] };

function meeting(ref: string, date: string): Meeting {
  const made = createMeeting({ place: 'BPL', board: 'Blackpool Place Partnership Board', date, agenda: [] }, ref, SAM, NOW);
  if (!made.ok) throw new Error(made.refusal.message);
  return made.record;
}

/** A reader that says which window it was asked for and has no records. */
function reader(asked: string[]): PackRecordReader {
  async function* none<T>(): AsyncIterable<T> {}
  return {
    actionLog: () => none(),
    openRiskRegister: () => none(),
    signOffsDecidedSince: (_place, sinceIso) => (asked.push(sinceIso), none()),
    signOffsAwaitingRatificationIn: () => none(),
  };
}

async function decidedSince(last?: Meeting): Promise<string> {
  const asked: string[] = [];
  const source = packSourceOf(reader(asked), 'BPL', undefined, SAM, NOW, last);
  for await (const _ of source.signOffsDecidedSince()) _;
  return asked[0]!;
}

describe('The board pack and the place’s last meeting held', () => {
  it('its key decisions and matters open the pack, and sign-offs count from the start of its day (UK time)', async () => {
    const held = meeting('BPL-M-0002', '2026-07-09');
    const source = packSourceOf(reader([]), 'BPL', undefined, SAM, NOW, held);
    expect(source.lastMeeting).to.deep.equal({ ref: 'BPL-M-0002', board: held.board, date: '2026-07-09', decisions: [], matters: [] });
    // Midnight on 9 July in London is 23:00 UTC the day before (BST).
    expect(await decidedSince(held)).to.equal('2026-07-08T23:00:00.000Z');
  });

  it('with no meeting held in the bot, there is no such section and sign-offs count from 35 days ago', async () => {
    expect(packSourceOf(reader([]), 'BPL', undefined, SAM, NOW).lastMeeting).to.equal(undefined);
    expect(await decidedSince()).to.equal(new Date(NOW.getTime() - DECIDED_WINDOW_DAYS * 86_400_000).toISOString());
  });
});

describe('Closures in the board pack: since the last meeting, or the last 90 days when none has been held', () => {
  /** Closed at 10:00 London time on the given day (outside BST, so UTC). */
  function closedOn(ref: string, date: string): Action {
    const a = { ...newAction(), ref };
    return { ...a, status: 'CLOSED', closure: { by: owner, at: `${date}T10:00:00.000Z`, decision: 'Done' } };
  }
  const ACTIONS = [closedOn('SC-A-0001', '2026-09-30'), closedOn('SC-A-0002', '2026-11-03'), closedOn('SC-A-0003', '2026-11-12')];

  /** A reader that does what the store does: open actions, then those ended on or after `endedFrom`. */
  function actionReader(): PackRecordReader {
    async function* none<T>(): AsyncIterable<T> {}
    async function* ended(endedFrom: string): AsyncIterable<Action> {
      for (const a of ACTIONS) if (a.closure!.at.slice(0, 10) >= endedFrom) yield a;
    }
    return { ...reader([]), actionLog: (_place, endedFrom) => ended(endedFrom), openRiskRegister: () => none() };
  }

  async function html(last?: Meeting): Promise<string> {
    const out = new Collector();
    await packFile('boardPackHtml', packSourceOf(actionReader(), 'BPL', undefined, SAM, NOW, last)).writeTo(out);
    return out.bytes.toString('utf8');
  }

  it('the pack lists actions closed since the last meeting held (from its day), not those closed before it', async () => {
    const page = await html(meeting('BPL-M-0003', '2026-11-03'));
    expect(page).to.include('Open actions, then actions closed or cancelled since the last meeting (3 November 2026).');
    expect(page).to.include('SC-A-0002').and.include('SC-A-0003');
    expect(page).to.not.include('SC-A-0001');
  });

  it('with no meeting held, the pack says "the last 90 days" and lists closures from then', async () => {
    const page = await html();
    expect(page).to.include('actions closed or cancelled in the last 90 days (no meeting has been held)');
    expect(page).to.include('SC-A-0001').and.include('SC-A-0002').and.include('SC-A-0003');
  });
});

// A Lancashire locality board's pack: its action log and register are that locality's records and
// the Lancashire-wide ones, as its agenda is (records/access.ts inLocalityView); a place board's
// pack, or a pack for no meeting, holds the whole place.
import { expect } from 'chai';
import type { Action } from '../../../../records/action.js';
import { meetingPackOf } from '../../../../records/pack/meetingPack.js';
import { packSourceFrom, type PackRecordReader } from '../../../../records/pack/source.js';
import type { Locality } from '../../../../records/places.js';
import type { Risk } from '../../../../records/risk.js';
import { newAction, newRisk, NOW } from '../fixtures.js';

async function* each<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}
async function refsOf<T extends { ref: string }>(records: AsyncIterable<T>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of records) out.push(r.ref);
  return out;
}

const at = (ref: string, locality?: Locality): Action => ({ ...newAction({ place: 'LAN' }), ref, ...(locality ? { locality } : {}) });
const risk = (ref: string, locality?: Locality): Risk => ({ ...newRisk({ place: 'LAN' }), ref, ...(locality ? { locality } : {}) });
const reader: PackRecordReader = {
  actionLog: () => each([at('LAN-A-0001', 'Central'), at('LAN-A-0002', 'North'), at('LAN-A-0003')]),
  openRiskRegister: () => each([risk('LAN-R-0001', 'East'), risk('LAN-R-0002', 'Central'), risk('LAN-R-0003')]),
  signOffsDecidedSince: () => each([]),
  signOffsAwaitingRatificationIn: () => each([]),
};
const request = {
  place: 'LAN' as const,
  board: 'Central Lancashire Partnership Board',
  madeAt: NOW,
  madeBy: { id: 'u', name: 'Sam' },
  decidedSince: NOW,
};
const meetingOf = (locality?: Locality) =>
  meetingPackOf({
    meeting: { ref: 'LAN-M-0002', board: request.board, date: '2026-12-10', agenda: [], ...(locality ? { locality } : {}) },
    papers: [],
  });

describe('The pack for a locality board’s meeting holds its locality’s records and the Lancashire-wide ones', () => {
  it('Central’s meeting: Central’s and Lancashire-wide actions and risks, never North’s or East’s', async () => {
    const source = packSourceFrom(reader, { ...request, meeting: meetingOf('Central') });
    expect(await refsOf(source.actions())).to.deep.equal(['LAN-A-0001', 'LAN-A-0003']);
    expect(await refsOf(source.risks())).to.deep.equal(['LAN-R-0002', 'LAN-R-0003']);
  });

  it('the place board’s meeting, and a pack for no meeting, hold the whole place', async () => {
    for (const source of [packSourceFrom(reader, { ...request, meeting: meetingOf() }), packSourceFrom(reader, request)]) {
      expect(await refsOf(source.actions())).to.deep.equal(['LAN-A-0001', 'LAN-A-0002', 'LAN-A-0003']);
      expect(await refsOf(source.risks())).to.deep.equal(['LAN-R-0001', 'LAN-R-0002', 'LAN-R-0003']);
    }
  });
});

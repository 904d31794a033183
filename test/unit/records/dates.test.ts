import { expect } from 'chai';
import { DateTime } from 'luxon';
import { addDays, DATE_MEMO_MAX, formatDate, formatInstant, LONDON, londonToday, memoized } from '../../../records/dates.js';

describe('dates: Europe/London calendar days', () => {
  it('gives the London date either side of midnight, in winter (GMT) and summer (BST)', () => {
    expect(londonToday(new Date('2026-12-31T23:59:59.999Z'))).to.equal('2026-12-31');
    expect(londonToday(new Date('2027-01-01T00:00:00.000Z'))).to.equal('2027-01-01');
    expect(londonToday(new Date('2026-06-30T22:59:59.999Z'))).to.equal('2026-06-30');
    expect(londonToday(new Date('2026-06-30T23:00:00.000Z'))).to.equal('2026-07-01');
    // Back again: the day it remembers is not taken for another.
    expect(londonToday(new Date('2026-12-31T12:00:00.000Z'))).to.equal('2026-12-31');
  });

  it('agrees with luxon at every instant swept across both clock changes, forwards and backwards', () => {
    const check = (from: string, to: string, stepMs: number) => {
      const times: number[] = [];
      for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) times.push(t);
      for (const t of [...times, ...times.reverse()]) {
        expect(londonToday(new Date(t)), new Date(t).toISOString()).to.equal(DateTime.fromMillis(t, { zone: LONDON }).toISODate());
      }
    };
    check('2026-03-28T20:00:00Z', '2026-03-30T02:00:00Z', 7 * 60_000); // a 23-hour day
    check('2026-10-24T20:00:00Z', '2026-10-26T02:00:00Z', 7 * 60_000); // a 25-hour day
  });

  it('formats dates and instants as cards show them, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDate('2026-12-07')).to.equal('Mon 7 Dec 2026');
      expect(formatInstant('2026-07-01T08:05:00.000Z')).to.equal('1 Jul 2026, 09:05');
      expect(formatInstant('2026-12-01T08:05:00.000Z')).to.equal('1 Dec 2026, 08:05');
      expect(addDays('2026-03-28', 1)).to.equal('2026-03-29');
      expect(addDays('2026-12-31', 14)).to.equal('2027-01-14');
    }
  });

  it('keeps at most its bound of answers: the least recently used is worked out again', () => {
    const calls: string[] = [];
    const upper = memoized(
      (s: string) => s,
      (s: string) => (calls.push(s), s.toUpperCase()),
      3,
    );
    for (const s of ['a', 'b', 'c', 'a', 'd']) expect(upper(s)).to.equal(s.toUpperCase());
    expect(calls, 'a is remembered; d pushes out b, the least recently used').to.deep.equal(['a', 'b', 'c', 'd']);
    expect(upper.cache.size).to.equal(3);
    upper('b');
    upper('a');
    expect(calls).to.deep.equal(['a', 'b', 'c', 'd', 'b']);
    expect(upper.cache.size).to.equal(3);
  });

  it('the date helpers are bounded the same way, however many distinct dates they see', () => {
    for (let i = 0; i < DATE_MEMO_MAX + 50; i++) formatInstant(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString());
    expect(formatInstant.cache.size).to.equal(DATE_MEMO_MAX);
  });
});

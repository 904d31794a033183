import { expect } from 'chai';
import { DateTime } from 'luxon';
import { digestTimeOf, digestWindow, dueDigestWeek, dueReminderDay, nextDigestTime, shiftWeek, weekOf } from '../../../records/schedule.js';

describe('digest schedule (Europe/London, decided in code from UTC ticks)', () => {
  it('Monday 09:00 London is 09:00 UTC in winter and 08:00 UTC in summer', () => {
    expect(digestTimeOf('2026-W48').toISOString()).to.equal('2026-11-23T09:00:00.000Z');
    expect(digestTimeOf('2026-W27').toISOString()).to.equal('2026-06-29T08:00:00.000Z');
  });

  it('every week of 2026 and 2027 has its digest on a Monday at 09:00 London, one week apart in local time', () => {
    let week = '2026-W01';
    let count = 0;
    while (week.startsWith('2026') || week.startsWith('2027')) {
      const at = digestTimeOf(week);
      const local = DateTime.fromJSDate(at, { zone: 'Europe/London' });
      expect(local.weekday, week).to.equal(1);
      expect(local.toFormat('HH:mm'), week).to.equal('09:00');
      expect(weekOf(at), week).to.equal(week);
      const utcHour = at.getUTCHours();
      expect(utcHour, week).to.equal(local.offset === 60 ? 8 : 9);
      const next = shiftWeek(week, 1);
      const gapHours = (digestTimeOf(next).getTime() - at.getTime()) / 3_600_000;
      expect([167, 168, 169], `${week} → ${next}`).to.include(gapHours);
      week = next;
      count++;
    }
    expect(count).to.equal(53 + 52); // 2026 starts on a Thursday, so it has 53 ISO weeks
  });

  it('the weeks of both clock changes: after the spring change 08:00 UTC, after the autumn change 09:00 UTC', () => {
    // Clocks go forward Sun 29 Mar 2026 and back Sun 25 Oct 2026; in 2027 on 28 Mar and 31 Oct.
    expect(digestTimeOf('2026-W13').toISOString()).to.equal('2026-03-23T09:00:00.000Z');
    expect(digestTimeOf('2026-W14').toISOString()).to.equal('2026-03-30T08:00:00.000Z');
    expect(digestTimeOf('2026-W43').toISOString()).to.equal('2026-10-19T08:00:00.000Z');
    expect(digestTimeOf('2026-W44').toISOString()).to.equal('2026-10-26T09:00:00.000Z');
    expect(digestTimeOf('2027-W13').toISOString()).to.equal('2027-03-29T08:00:00.000Z');
    expect(digestTimeOf('2027-W44').toISOString()).to.equal('2027-11-01T09:00:00.000Z');
  });

  it('a tick before Monday 09:00 London finds nothing due; at and after it, that week is due all week', () => {
    const summer = '2026-W27'; // Monday 29 June 2026, 08:00 UTC
    expect(dueDigestWeek(new Date('2026-06-29T07:59:59.999Z'))).to.equal(undefined);
    expect(dueDigestWeek(new Date('2026-06-29T08:00:00.000Z'))).to.equal(summer);
    expect(dueDigestWeek(new Date('2026-06-29T08:15:00.000Z'))).to.equal(summer);
    expect(dueDigestWeek(new Date('2026-07-05T22:59:00.000Z'))).to.equal(summer); // Sunday 23:59 London
    expect(dueDigestWeek(new Date('2026-07-05T23:00:00.000Z'))).to.equal(undefined); // Monday 00:00 London, next week
    const winter = '2026-W48';
    expect(dueDigestWeek(new Date('2026-11-23T08:59:00.000Z'))).to.equal(undefined);
    expect(dueDigestWeek(new Date('2026-11-23T09:00:00.000Z'))).to.equal(winter);
  });

  it('on the clock-change Mondays a 15-minute UTC timer first finds the week due exactly at 09:00 London', () => {
    for (const week of ['2026-W14', '2026-W44', '2027-W13', '2027-W44']) {
      const monday = digestTimeOf(week);
      const dayStart = new Date(Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate()));
      let first: Date | undefined;
      for (let t = dayStart.getTime(); t < dayStart.getTime() + 86_400_000; t += 15 * 60_000) {
        if (dueDigestWeek(new Date(t)) === week) {
          first = new Date(t);
          break;
        }
      }
      expect(first?.toISOString(), week).to.equal(monday.toISOString());
    }
  });

  it('a week covers the time since the previous digest, so consecutive windows meet exactly', () => {
    const w = digestWindow('2026-W44');
    expect(w.from.toISOString()).to.equal('2026-10-19T08:00:00.000Z');
    expect(w.to.toISOString()).to.equal('2026-10-26T09:00:00.000Z');
    expect(digestWindow('2026-W45').from.getTime()).to.equal(w.to.getTime());
  });

  it('ISO weeks across a year end: 2026 has 53 weeks, and 3 January 2027 still belongs to 2026-W53', () => {
    expect(weekOf(new Date('2026-12-31T12:00:00Z'))).to.equal('2026-W53');
    expect(weekOf(new Date('2027-01-03T23:30:00Z'))).to.equal('2026-W53');
    expect(weekOf(new Date('2027-01-04T00:00:00Z'))).to.equal('2027-W01');
    expect(shiftWeek('2026-W53', 1)).to.equal('2027-W01');
  });

  it('the next digest after a Wednesday setup is the coming Monday; on a Monday before 09:00 it is that day', () => {
    expect(nextDigestTime(new Date('2026-11-25T15:00:00Z')).toISOString()).to.equal('2026-11-30T09:00:00.000Z');
    expect(nextDigestTime(new Date('2026-11-23T08:30:00Z')).toISOString()).to.equal('2026-11-23T09:00:00.000Z');
  });

  it('reminders are due from 08:00 London on weekdays only, across the clock change', () => {
    expect(dueReminderDay(new Date('2026-06-29T06:59:00Z'))).to.equal(undefined);
    expect(dueReminderDay(new Date('2026-06-29T07:00:00Z'))).to.equal('2026-06-29');
    expect(dueReminderDay(new Date('2026-11-23T07:59:00Z'))).to.equal(undefined);
    expect(dueReminderDay(new Date('2026-11-23T08:00:00Z'))).to.equal('2026-11-23');
    expect(dueReminderDay(new Date('2026-11-28T10:00:00Z'))).to.equal(undefined); // Saturday
  });
});

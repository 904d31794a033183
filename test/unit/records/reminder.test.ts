import { expect } from 'chai';
import { composeReminder } from '../../../records/reminder.js';
import { actionAt, riskAt, signOffAt } from './digestFixtures.js';
import { approverA, owner } from './fixtures.js';

const NOW = new Date('2026-11-23T08:05:00Z'); // Monday, 08:05 London
const me = { id: owner.id, name: owner.name };
const member = { id: owner.id, guest: false };

describe('a person’s weekday reminder', () => {
  it('lists their overdue actions and those due within 3 days, and nothing further out', () => {
    const overdue = actionAt('BPL-A-0001', '2026-10-01T10:00:00Z', { dueDate: '2026-11-20' });
    const soon = actionAt('BPL-A-0002', '2026-10-01T10:00:00Z', { dueDate: '2026-11-26' });
    const later = actionAt('BPL-A-0003', '2026-10-01T10:00:00Z', { dueDate: '2026-11-27' });
    const r = composeReminder({
      person: me,
      viewer: member,
      now: NOW,
      actions: [overdue, soon, later],
      risksReviewOverdue: [],
      signOffs: [],
    })!;
    expect(r.title).to.equal('Good morning, Olu: your reminders');
    expect(r.sections.map((s) => [s.heading, s.groups[0]!.items.map((i) => i.ref)])).to.deep.equal([
      ['Your overdue actions', ['BPL-A-0001']],
      ['Your actions due in the next 3 days', ['BPL-A-0002']],
    ]);
  });

  it('lists their risks overdue for review (not other people’s) and sign-offs awaiting their decision', () => {
    const mine = riskAt('BPL-R-0001', '2026-06-01T10:00:00Z', { nextReviewDate: '2026-11-01' });
    const theirs = riskAt('BPL-R-0002', '2026-06-01T10:00:00Z', {
      nextReviewDate: '2026-11-01',
      owner: { id: 'someone-else', name: 'Someone Else' },
    });
    const pending = signOffAt('BPL-S-0001', '2026-11-10T10:00:00Z', { approvers: [{ id: me.id, name: me.name }] });
    const r = composeReminder({
      person: me,
      viewer: member,
      now: NOW,
      actions: [],
      risksReviewOverdue: [mine, theirs],
      signOffs: [pending],
    })!;
    expect(r.sections.map((s) => s.groups[0]!.items.map((i) => i.ref))).to.deep.equal([['BPL-R-0001'], ['BPL-S-0001']]);
    const forApprover = composeReminder({
      person: { id: approverA.id, name: approverA.name },
      viewer: { id: approverA.id, guest: false },
      now: NOW,
      actions: [],
      risksReviewOverdue: [],
      signOffs: [pending],
    });
    expect(forApprover).to.equal(undefined);
  });

  it('with nothing due there is no reminder at all', () => {
    const later = actionAt('BPL-A-0003', '2026-10-01T10:00:00Z', { dueDate: '2026-12-27' });
    expect(composeReminder({ person: me, viewer: member, now: NOW, actions: [later], risksReviewOverdue: [], signOffs: [] })).to.equal(
      undefined,
    );
  });

  it('a guest is reminded only of records in the places whose channel they are in, as every read shows them (issue 27)', () => {
    const inBlackpool = actionAt('BPL-A-0001', '2026-10-01T10:00:00Z', { dueDate: '2026-11-20' });
    const inSouthCumbria = actionAt('SC-A-0001', '2026-10-01T10:00:00Z', { dueDate: '2026-11-20', place: 'SC' });
    const risk = riskAt('BPL-R-0001', '2026-06-01T10:00:00Z', { nextReviewDate: '2026-11-01' });
    const pending = signOffAt('BPL-S-0001', '2026-11-10T10:00:00Z', { approvers: [{ id: me.id, name: me.name }] });
    const guestOfSouthCumbria = { id: me.id, guest: true, guestOfPlaces: ['SC' as const] };
    const r = composeReminder({
      person: me,
      viewer: guestOfSouthCumbria,
      now: NOW,
      actions: [inBlackpool, inSouthCumbria],
      risksReviewOverdue: [risk],
      signOffs: [pending],
    })!;
    expect(r.sections.flatMap((s) => s.groups[0]!.items.map((i) => i.ref))).to.deep.equal(['SC-A-0001']);
    expect(r.place).to.equal('SC');
    const guestOfNone = { id: me.id, guest: true, guestOfPlaces: [] };
    expect(
      composeReminder({
        person: me,
        viewer: guestOfNone,
        now: NOW,
        actions: [inBlackpool, inSouthCumbria],
        risksReviewOverdue: [risk],
        signOffs: [pending],
      }),
    ).to.equal(undefined);
    const asMember = composeReminder({
      person: me,
      viewer: member,
      now: NOW,
      actions: [inBlackpool, inSouthCumbria],
      risksReviewOverdue: [risk],
      signOffs: [pending],
    })!;
    expect(asMember.sections.flatMap((s) => s.groups[0]!.items.map((i) => i.ref))).to.have.members([
      'BPL-A-0001',
      'SC-A-0001',
      'BPL-R-0001',
      'BPL-S-0001',
    ]);
  });
});

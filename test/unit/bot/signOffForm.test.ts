// The sign-off request form's parser: what a person typed becomes a draft, or a line per field.
import { expect } from 'chai';
import { parseSignOffForm, signOffFormValues } from '../../../bot/signoff/signOffForm.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const HELEN = { id: 'aad-helen', name: 'Helen Price' };
const IMRAN = { id: 'aad-imran', name: 'Imran Shah' };
const SAM = { id: 'aad-sam', name: 'Sam Patel' };
const ctx = { place: 'BPL' as const, requester: SAM, chairs: [HELEN], approvers: [HELEN, IMRAN], now: NOW };
const form = (over: Record<string, unknown> = {}) => ({
  board: 'Blackpool Place Partnership Board',
  title: 'Phases of development',
  summary: 'Support the proposed phases of development and associated actions.',
  paperUrl: '',
  itemType: 'decision',
  route: 'between-meetings',
  approvers: `${HELEN.id},${IMRAN.id}`,
  mode: 'ALL',
  dueBy: '2026-12-07',
  conflictNature: 'none',
  conflictHowManaged: '',
  ...over,
});
const errors = (over: Record<string, unknown>) => {
  const r = parseSignOffForm(form(over), ctx);
  return r.ok ? {} : r.errors;
};

describe('The sign-off request form', () => {
  it('a complete form is a draft that expires when it falls due, with the approvers named as the place knows them', () => {
    const r = parseSignOffForm(form(), ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.draft).to.deep.include({ place: 'BPL', mode: 'ALL', dueBy: '2026-12-07', expiresOn: '2026-12-07', conflicts: [] });
    expect(r.draft.approvers).to.deep.equal([HELEN, IMRAN]);
    expect(r.draft.paperUrl).to.equal(undefined);
  });

  it('a plain http link to the paper is refused beside the field, asking for https, with the link kept to correct', () => {
    expect(errors({ paperUrl: 'http://example.nhs.uk/papers/bpl.pdf' }).paperUrl).to.equal('Give a full link, starting https://');
    expect(signOffFormValues(form({ paperUrl: 'http://example.nhs.uk/papers/bpl.pdf' })).paperUrl).to.equal(
      'http://example.nhs.uk/papers/bpl.pdf',
    );
  });

  it('only the place’s chairs and named approvers can be approvers, and at least one must be chosen', () => {
    expect(errors({ approvers: `${HELEN.id},aad-grace` }).approvers).to.equal(
      'Only the chairs and named approvers of Blackpool can be approvers.',
    );
    expect(errors({ approvers: '' }).approvers).to.equal('Choose at least one approver.');
  });

  it('a chair’s action goes to the chair alone, and the chair’s answer decides', () => {
    expect(errors({ route: 'chairs-action' }).approvers).to.match(/chair alone/);
    const r = parseSignOffForm(form({ route: 'chairs-action', approvers: HELEN.id, mode: 'ALL' }), ctx);
    expect(r.ok && r.draft.mode).to.equal('FIRST');
  });

  it('the due date is today or later and at most 60 days ahead', () => {
    expect(errors({ dueBy: '2026-11-22' }).dueBy).to.equal('The due date must be today or later.');
    expect(errors({ dueBy: '2027-01-23' }).dueBy).to.equal('The due date can be at most 60 days ahead.');
    expect(errors({ dueBy: '2027-01-22' })).to.deep.equal({});
    expect(errors({ dueBy: '' }).dueBy).to.equal('Choose a due date, today or later.');
  });

  it('a link to the paper must be https; title and summary are required; every problem is reported at once', () => {
    const e = errors({ paperUrl: 'javascript:alert(1)', title: ' ', summary: '' });
    expect(Object.keys(e)).to.have.members(['paperUrl', 'title', 'summary']);
  });

  it('the requester’s own conflict of interest needs how it is managed, and is recorded against them', () => {
    expect(errors({ conflictNature: 'potential' }).conflictHowManaged).to.equal('Say how your conflict of interest is managed.');
    const r = parseSignOffForm(form({ conflictNature: 'perceived', conflictHowManaged: 'Declared at the board; takes no part.' }), ctx);
    expect(r.ok && r.draft.conflicts).to.deep.equal([
      { person: SAM, nature: 'perceived', howManaged: 'Declared at the board; takes no part.' },
    ]);
  });

  it('a 10,000-character summary is named with its length and echoed back clipped', () => {
    expect(errors({ summary: 's'.repeat(10_000) }).summary).to.match(/^The summary is 10,000 characters; the limit is 4,000/);
    expect(signOffFormValues(form({ summary: 's'.repeat(10_000) })).summary).to.have.length(4000);
  });
});

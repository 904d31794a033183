import { expect } from 'chai';
import { formValues, parseActionForm } from '../../../bot/action/actionForm.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const OWNER = { id: 'aad-1', name: 'Sam Patel' };
const form = (o: Record<string, unknown> = {}) => ({
  place: 'LAN',
  locality: 'Central',
  description: 'Set out the INT model for Central Lancashire.',
  owner: OWNER.id,
  dueDate: '2026-12-20',
  sourceMeeting: 'Central Lancashire locality forum',
  sourceDate: '2026-11-19',
  priority: 'PRIMARY_CARE',
  ...o,
});

describe('Reading the action form', () => {
  it('turns a complete form into a draft', () => {
    const r = parseActionForm(form(), OWNER, NOW);
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.draft).to.deep.include({ place: 'LAN', locality: 'Central', owner: OWNER, dueDate: '2026-12-20' });
      expect(r.draft.source).to.deep.equal({ meeting: 'Central Lancashire locality forum', date: '2026-11-19' });
      expect(r.draft.links).to.deep.equal({ priority: 'PRIMARY_CARE' });
    }
  });

  it('treats blank optional fields as absent', () => {
    const r = parseActionForm(form({ locality: '', sourceMeeting: '', sourceDate: '', priority: '' }), OWNER, NOW);
    expect(r.ok && r.draft.source === undefined && r.draft.links.priority === undefined).to.equal(true);
  });

  it('reports every problem at once, each against its field', () => {
    const r = parseActionForm(form({ place: '', description: '', dueDate: '2026-11-01', priority: 'NOPE' }), undefined, NOW);
    expect(r.ok).to.equal(false);
    if (!r.ok)
      expect(r.errors).to.deep.equal({
        place: 'Choose a place.',
        description: 'Description is required.',
        owner: 'Choose who owns the action.',
        dueDate: 'The due date must be today or later.',
        priority: 'Choose one of the listed priorities.',
      });
  });

  it('keeps the minute reference the action was recorded under with its meeting', () => {
    const r = parseActionForm(form({ sourceMinuteRef: ' CLPB/26/041 ' }), OWNER, NOW);
    expect(r.ok && r.draft.source).to.deep.equal({
      meeting: 'Central Lancashire locality forum',
      date: '2026-11-19',
      minuteRef: 'CLPB/26/041',
    });
  });

  it('asks for the meeting when only a minute reference is given, keeping what was typed', () => {
    const r = parseActionForm(form({ sourceMeeting: '', sourceDate: '', sourceMinuteRef: 'CLPB/26/041' }), OWNER, NOW);
    expect(!r.ok && r.errors).to.deep.equal({ sourceMeeting: 'Name the meeting or forum for that minute.' });
    expect(formValues(form({ sourceMinuteRef: 'CLPB/26/041' })).sourceMinuteRef).to.equal('CLPB/26/041');
  });

  it('refuses a minute reference longer than a reference can be', () => {
    const r = parseActionForm(form({ sourceMinuteRef: 'x'.repeat(201) }), OWNER, NOW);
    expect(!r.ok && r.errors.sourceMinuteRef).to.match(/Minute reference/);
  });

  it('refuses a date that does not exist', () => {
    const r = parseActionForm(form({ dueDate: '2027-02-30' }), OWNER, NOW);
    expect(!r.ok && r.errors.dueDate).to.equal('That is not a real date.');
  });

  it('refuses a locality outside Lancashire and a meeting date without a meeting', () => {
    const r = parseActionForm(form({ place: 'SC', sourceMeeting: '' }), OWNER, NOW);
    expect(!r.ok && r.errors).to.deep.equal({
      locality: 'Localities apply to Lancashire only.',
      sourceMeeting: 'Name the meeting or forum for that date.',
    });
  });

  it('says how long an over-long description is and keeps only what a card can carry back', () => {
    const long = 'x'.repeat(5000);
    const r = parseActionForm(form({ description: long }), OWNER, NOW);
    expect(!r.ok && r.errors.description).to.match(/^The description is 5,000 characters; the limit is 2,000/);
    expect(formValues(form({ description: long })).description).to.have.length(2000);
  });

  it('ignores values that are not text, as a forged submission might send', () => {
    expect(formValues({ description: { $gt: '' }, place: ['BPL'] })).to.include({ description: '', place: '' });
    expect(parseActionForm({ ...form(), description: 42 }, OWNER, NOW).ok).to.equal(false);
  });
});

describe('Reading the action form for a mitigating action', () => {
  it('links the action to the risk it was opened from', () => {
    const r = parseActionForm(form({ place: 'BPL', locality: '', riskRef: 'bpl-r-0007' }), OWNER, NOW);
    expect(r.ok && r.draft.links).to.deep.equal({ priority: 'PRIMARY_CARE', riskRef: 'BPL-R-0007' });
  });

  it('refuses a mitigating action in another place than its risk, and ignores a ref that is not a risk', () => {
    const r = parseActionForm(form({ place: 'SC', locality: '', riskRef: 'BPL-R-0007' }), OWNER, NOW);
    expect(!r.ok && r.errors.place).to.equal('A mitigating action for BPL-R-0007 belongs to Blackpool.');
    const a = parseActionForm(form({ riskRef: 'LAN-A-0001' }), OWNER, NOW);
    expect(a.ok && a.draft.links.riskRef).to.equal(undefined);
  });
});

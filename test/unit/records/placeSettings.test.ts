import { expect } from 'chai';
import { placeSettingsSchema, rolesOf } from '../../../records/placeSettings.js';

const base = {
  place: 'BWD',
  displayName: 'Blackburn with Darwen',
  chairs: [{ id: 'u1', name: 'Chair Person' }],
  approvers: [
    { id: 'u1', name: 'Chair Person' },
    { id: 'u2', name: 'Approver Person' },
  ],
  admins: [{ id: 'u3', name: 'Board Secretary' }],
};

describe('Place settings', () => {
  it('fills the escalation threshold 15, cautious appetite and digest on when a place is first set up', () => {
    const s = placeSettingsSchema.parse({ place: 'SC', displayName: 'South Cumbria' });
    expect(s.escalationThreshold).to.equal(15);
    expect(s.defaultAppetite).to.deep.equal({ level: 'cautious', toleratedScore: 12 });
    expect(s.digestEnabled).to.equal(true);
    expect(s.channels).to.deep.equal([]);
  });

  it('keeps a Lancashire locality channel by name and locality', () => {
    const s = placeSettingsSchema.parse({
      ...base,
      place: 'LAN',
      channels: [{ id: '19:abc@thread.tacv2', name: 'LAN East', locality: 'East' }],
    });
    expect(s.channels[0]).to.deep.equal({ id: '19:abc@thread.tacv2', name: 'LAN East', locality: 'East' });
  });

  it('refuses a threshold outside 1–25 and an unknown place', () => {
    expect(placeSettingsSchema.safeParse({ ...base, escalationThreshold: 30 }).success).to.equal(false);
    expect(placeSettingsSchema.safeParse({ ...base, place: 'XYZ' }).success).to.equal(false);
  });

  it('refuses the same person listed twice as approver', () => {
    const r = placeSettingsSchema.safeParse({ ...base, approvers: [base.approvers[0], base.approvers[0]] });
    expect(r.success).to.equal(false);
  });

  it('gives a chair who also approves both roles, an admin only admin, a stranger none', () => {
    const s = placeSettingsSchema.parse(base);
    expect(rolesOf(s, 'u1')).to.deep.equal(['chair', 'approver']);
    expect(rolesOf(s, 'u3')).to.deep.equal(['admin']);
    expect(rolesOf(s, 'nobody')).to.deep.equal([]);
  });

  it('sets the tolerated score from the appetite level when only the level is given', () => {
    expect(placeSettingsSchema.parse({ ...base, defaultAppetite: { level: 'averse' } }).defaultAppetite).to.deep.equal({
      level: 'averse',
      toleratedScore: 3,
    });
  });
});

// The source link of an action or a risk: e.g. the Teams message it was logged or raised from.
import { expect } from 'chai';
import { actionDraftSchema, createAction } from '../../../records/action.js';
import { isTeamsMessageLink } from '../../../records/limits.js';
import { riskDraftSchema, riskSchema } from '../../../records/risk.js';
import { draft, SECRETARY } from '../../support/actionFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const LINK = 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1';
const BAD = ['http://teams.example/1', 'javascript:alert(1)', 'teams message', `https://x.example/${'a'.repeat(1000)}`];

describe('The source link of an action or a risk', () => {
  const NOT_TEAMS = [
    'https://evil.example/l/message/19:abc@thread.v2/1',
    'https://teams.microsoft.com.evil.example/l/message/1',
    'https://teams.microsoft.com/l/meetup-join/19:abc/0',
    'https://user:pass@teams.microsoft.com/l/message/19:abc@thread.v2/1',
    'https://teams.microsoft.com:8443/l/message/19:abc@thread.v2/1',
    'http://teams.microsoft.com/l/message/19:abc@thread.v2/1',
  ];

  it('a new action or risk accepts only a Teams message link as its source, saying so beside the field', () => {
    for (const bad of NOT_TEAMS) {
      const action = actionDraftSchema.safeParse({ ...draft(NOW), sourceUrl: bad });
      expect(action.success, bad).to.equal(false);
      expect(action.success ? undefined : action.error.issues[0]?.message, bad).to.match(/link to a Teams message|full https link/);
      expect(riskDraftSchema.shape.sourceUrl.safeParse(bad).success, bad).to.equal(false);
      expect(isTeamsMessageLink(bad), bad).to.equal(false);
    }
    expect(isTeamsMessageLink(LINK)).to.equal(true);
    expect(actionDraftSchema.safeParse({ ...draft(NOW), sourceUrl: LINK }).success).to.equal(true);
  });

  it('an action keeps a full https link on the record and in its audit event', () => {
    const t = createAction(actionDraftSchema.parse({ ...draft(NOW), sourceUrl: LINK }), 'BPL-A-0001', SECRETARY, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    expect(t.record.sourceUrl).to.equal(LINK);
    expect(t.event.after.sourceUrl).to.equal(LINK);
  });

  it('an action without one has none', () => {
    const t = createAction(draft(NOW), 'BPL-A-0001', SECRETARY, NOW);
    expect(t.ok && 'sourceUrl' in t.record).to.equal(false);
  });

  it('anything but a full https link of at most 1,000 characters is refused for actions and risks, saying how to fix it', () => {
    const riskLink = riskSchema.shape.sourceUrl;
    for (const bad of BAD) {
      const result = actionDraftSchema.safeParse({ ...draft(NOW), sourceUrl: bad });
      expect(result.success, bad).to.equal(false);
      const issue = result.success ? undefined : result.error.issues[0];
      expect(issue?.path).to.deep.equal(['sourceUrl']);
      expect(issue?.message).to.match(/^(Give a full https link\.|A link must be 1,000 characters or fewer\.)$/);
      expect(riskLink.safeParse(bad).success, bad).to.equal(false);
    }
    expect(riskLink.parse(LINK)).to.equal(LINK);
  });
});

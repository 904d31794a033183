// The sign-off card in each person's view, bound with real data and checked as Teams would parse it.
import { expect } from 'chai';
import { REFRESH_VERB, signOffCard } from '../../../cards/signOffCards.js';
import { MAX_APPROVERS, permissionsOf, type SignOff } from '../../../records/signoff.js';
import type { Actor } from '../../../records/people.js';
import { APPROVER, BYSTANDER, CHAIR, DEPUTY, person, SECRETARY, signOff, then } from '../../support/signOffFixtures.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const view = (s: SignOff, who: Actor, extra: Parameters<typeof signOffCard>[0] extends infer I ? Partial<I> : never = {}) =>
  signOffCard({ signOff: s, etag: 'W/"1"', view: { viewer: who, permissions: permissionsOf(s, who) }, ...extra });
const buttons = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);
const panels = (card: { actions?: unknown[] }) => (card.actions ?? []).map((a) => (a as { title: string }).title);

// The approver names their own delegate (only they may: records/delegation.ts).
const pending = () => then(signOff(NOW), APPROVER, { type: 'addDelegate', approverId: APPROVER.id, delegate: person(DEPUTY) }, NOW);
const conflicted = () =>
  then(
    pending(),
    APPROVER,
    { type: 'declareConflict', person: person(APPROVER), nature: 'perceived', howManaged: 'Takes no part in the decision' },
    NOW,
  );
const decided = () =>
  then(pending(), CHAIR, { type: 'approveWithConditions', conditions: 'Report progress to the March board', comment: 'Supported' }, NOW);
const asked = () => then(pending(), CHAIR, { type: 'requestInfo', question: 'What does phase two cost the council?' }, NOW);

const VIEWS: Record<string, () => ReturnType<typeof signOffCard>> = {
  approver: () => view(pending(), CHAIR),
  delegate: () => view(pending(), DEPUTY),
  'conflicted approver': () => view(conflicted(), APPROVER),
  requester: () => view(pending(), SECRETARY),
  'requester asked for information': () => view(asked(), SECRETARY),
  bystander: () => view(pending(), BYSTANDER),
  shared: () =>
    signOffCard({ signOff: pending(), etag: 'W/"1"', view: 'shared', notice: { text: 'Requested by Sam Patel.', style: 'good' } }),
  decided: () => view(decided(), CHAIR, { notice: { text: 'BPL-S-0003 was already decided.', style: 'warning' } }),
  'chair ratifying': () =>
    view(then(signOff(NOW, { route: 'chairs-action', approvers: [person(CHAIR)] }), CHAIR, { type: 'approve' }, NOW), {
      ...BYSTANDER,
      roles: ['chair'],
    }),
  'chair who decided it': () =>
    view(then(signOff(NOW, { route: 'chairs-action', approvers: [person(CHAIR)] }), CHAIR, { type: 'approve' }, NOW), CHAIR),
  'chair recording a delegate': () => view(pending(), CHAIR, { delegating: [person(DEPUTY), person(BYSTANDER)] }),
};

describe('The sign-off card, in each person’s view', () => {
  for (const [name, build] of Object.entries(VIEWS)) {
    describe(`${name} view`, () => {
      const card = build();
      const report = checkCard(card);
      it('parses in the official Adaptive Cards library with no warnings, under 40 KB', () => {
        expect(report.warnings).to.deep.equal([]);
        expect(report.bytes).to.be.below(40 * 1024);
        expect(card.version).to.equal('1.5');
      });
      it('gives every Action.Execute a verb and an Action.Submit fallback', () => {
        for (const a of report.executeActions) {
          expect(a.verb, JSON.stringify(a))
            .to.be.a('string')
            .and.match(/^signoff\./);
          expect((a.fallback as { type?: string })?.type).to.equal('Action.Submit');
        }
      });
    });
  }

  it('an approver who has not answered gets the four answers and a conflict declaration; the shared card gets none', () => {
    expect(panels(VIEWS.approver!())).to.include.members([
      'Approve',
      'Approve with conditions',
      'Reject',
      'Ask for information',
      'Declare a conflict of interest',
    ]);
    expect(cardText(VIEWS.approver!())).to.contain('You are an approver.');
    expect(buttons(VIEWS.shared!())).to.have.members([REFRESH_VERB, 'signoff.view']);
  });

  it('a delegate answers for their approver, and the card says for whom', () => {
    const card = VIEWS.delegate!();
    expect(cardText(card)).to.contain('You are the recorded delegate for Imran Shah.');
    expect(buttons(card)).to.include('signoff.approve');
    expect(JSON.stringify(card)).to.contain(`"onBehalfOf":"${APPROVER.id}"`);
  });

  it('a conflicted approver sees why they cannot decide, and no answer buttons', () => {
    const card = VIEWS['conflicted approver']!();
    expect(cardText(card)).to.contain('You have a declared conflict of interest').and.contain('perceived conflict of interest declared');
    expect(buttons(card)).not.to.include('signoff.approve');
  });

  it('the requester can withdraw; once asked for information, sees the question and can answer', () => {
    expect(panels(VIEWS.requester!())).to.deep.equal(['Withdraw']); // and, as the place admin, "Record a delegate"
    expect(buttons(VIEWS.requester!())).not.to.include('signoff.approve');
    const card = VIEWS['requester asked for information']!();
    expect(cardText(card)).to.contain('Helen Price asked: “What does phase two cost the council?”');
    expect(panels(card)).to.include('Answer and resubmit');
  });

  it('a bystander sees the status and who has answered, and nothing to press', () => {
    const card = VIEWS.bystander!();
    expect(cardText(card)).to.contain('Awaiting decision').and.contain('Helen Price');
    expect(buttons(card)).to.deep.equal([REFRESH_VERB]);
  });

  it('the decided card shows the outcome, conditions, who and when, and has no buttons and no refresh', () => {
    const card = VIEWS.decided!();
    expect(cardText(card))
      .to.contain('Approved with conditions')
      .and.contain('Report progress to the March board')
      .and.contain('by Helen Price');
    expect(card.actions ?? []).to.deep.equal([]);
    expect(card.refresh).to.equal(undefined);
  });

  it('another chair sees how to record ratification of a chair’s action; the chair who decided it does not', () => {
    expect(panels(VIEWS['chair ratifying']!())).to.deep.equal(['Record ratification']);
    expect(panels(VIEWS['chair who decided it']!())).to.deep.equal([]);
  });

  it('the shared card @mentions the approvers so Teams notifies them, and refreshes for approvers, delegates and requester', () => {
    const card = VIEWS.shared!() as { msteams?: { entities: { mentioned: { id: string } }[] }; refresh?: { userIds: string[] } };
    expect(card.msteams!.entities.map((e) => e.mentioned.id)).to.deep.equal([CHAIR.id, APPROVER.id]);
    expect(cardText(card)).to.contain('<at>Helen Price</at>');
    expect(card.refresh!.userIds).to.deep.equal([CHAIR.id, APPROVER.id, DEPUTY.id, SECRETARY.id]);
  });

  it('with 12 approvers, 20 delegates and long texts every view stays under 40 KB with at most 60 userIds', () => {
    const approvers = Array.from({ length: MAX_APPROVERS }, (_, i) => ({
      id: `aad-approver-${i}-${'x'.repeat(30)}`,
      name: `Approver ${i} ${'N'.repeat(180)}`,
    }));
    let s = signOff(NOW, { approvers, mode: 'ALL', title: 'T'.repeat(200), summary: 'S'.repeat(4000), board: 'B'.repeat(200) });
    for (let i = 0; i < 20; i++)
      s = then(
        s,
        { ...approvers[i % 12]!, roles: [] },
        {
          type: 'addDelegate',
          approverId: approvers[i % 12]!.id,
          delegate: { id: `aad-deputy-${i}-${'y'.repeat(30)}`, name: `Deputy ${i} ${'D'.repeat(180)}` },
        },
        NOW,
      );
    for (let i = 0; i < 11; i++)
      s = then(
        s,
        { ...approvers[i]!, roles: [] },
        { type: 'approveWithConditions', conditions: 'C'.repeat(2000), comment: 'c'.repeat(2000) },
        NOW,
      );
    for (const card of [
      signOffCard({ signOff: s, etag: 'W/"1"', view: 'shared' }),
      view(s, { ...approvers[11]!, roles: ['chair'] }, { delegating: approvers }),
    ]) {
      const report = checkCard(card);
      expect(report.warnings).to.deep.equal([]);
      expect(report.bytes, 'bytes').to.be.below(40 * 1024);
      expect((card.refresh as { userIds: string[] }).userIds.length).to.be.at.most(60);
    }
  });
});

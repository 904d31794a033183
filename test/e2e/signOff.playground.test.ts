// End to end through the Agents Playground's HTTP API, acting as different people in the
// Blackpool channel: the secretary requests a sign-off; Teams' automatic refresh (which the
// Playground does not send by itself) is driven as Teams would, one `adaptiveCard/action`
// invoke with trigger "automatic" per person; the chair decides from their own view; everyone
// sees the shared message updated on the websocket stream. Nothing mocked.
import { expect } from 'chai';
import { PlaceStore } from '../../records/store/placeStore.js';
import { MOCK_TENANT, SECRETARY, CHAIR } from '../support/playgroundTenant.js';
import type { AdaptiveCard, Reply } from '../support/playgroundTypes.js';
import { inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

const APPROVER = MOCK_TENANT.users[1]!; // Imran Shah
const BYSTANDER = MOCK_TENANT.users[4]!; // Aisha Khan: no role in Blackpool
const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });

describe('Sign-off in Teams, as different people (Agents Playground HTTP API)', function () {
  this.timeout(60_000);
  let stack: Stack;
  let shared: Reply;
  let ref: string;

  /** What Teams sends for `who` when they open the card: their own view, answered by the bot. */
  async function refreshAs(who: typeof SECRETARY): Promise<AdaptiveCard> {
    const res = await stack.playground.invoke({
      replyToId: shared.messageId,
      conversationId: shared.conversationId,
      from: who.id,
      value: { action: { type: 'Action.Execute', verb: 'signoff.refresh', data: { verb: 'signoff.refresh', ref } }, trigger: 'automatic' },
    });
    expect(res.card, `${who.name}'s refresh answers with a card`).to.exist;
    return res.card!;
  }

  before(async () => {
    stack = await startStack();
    const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
    // As in the demo, the secretary is also a named approver: the form must still work as first shown for them.
    await places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(CHAIR)],
      approvers: [person(CHAIR), person(APPROVER), person(SECRETARY)],
      admins: [person(SECRETARY)],
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('the secretary asks in the channel, fills the form, and the sign-off card is posted in the thread with the approvers @mentioned', async () => {
    const sent = await stack.playground.sendInChannel('request sign-off', 'Blackpool Partnership');
    const picker = await stack.playground.nextReply({ conversationId: sent.conversationId });
    const form = await stack.playground.execute(picker, {}, { verb: 'signoff.form' }); // the first place: Blackpool
    const preset = inputValues(form.card!);
    expect(preset.approvers).to.equal(`${CHAIR.aadObjectId},${APPROVER.aadObjectId}`);
    const mark = stack.playground.repliesSince(0).length;
    const done = await stack.playground.execute(
      { ...picker, card: form.card! },
      {
        ...preset,
        title: 'Phases of development for the Blackpool place integration deal',
        summary: 'Support the proposed phases of development and the actions that go with each phase.',
        paperUrl: 'https://example.nhs.uk/papers/bpl-phases.pdf',
        dueBy: londonDate(10),
      },
      { verb: 'signoff.create' },
    );
    const heading = texts(done.card!).find((t) => /^Sign-off BPL-S-\d{4} requested$/.test(t));
    expect(heading, texts(done.card!).join(' | ')).to.exist;
    ref = /BPL-S-\d{4}/.exec(heading!)![0];
    const [posted] = await stack.playground.waitForReplies(mark, 1);
    shared = posted!;
    const shown = texts(shared.card!).join(' | ');
    expect(shown).to.include(`<at>${CHAIR.name}</at>`).and.include(`<at>${APPROVER.name}</at>`).and.include('Awaiting decision');
    expect(verbs(shared.card!)).to.include('signoff.view'); // "Show my options": useful where there is no refresh
  });

  it('the chair’s refresh has the decision buttons; a bystander’s has none; the requester’s has Withdraw', async () => {
    const chair = await refreshAs(CHAIR);
    expect(verbs(chair)).to.include.members([
      'signoff.approve',
      'signoff.approveWithConditions',
      'signoff.reject',
      'signoff.requestInfo',
      'signoff.declareConflict',
    ]);
    const bystander = await refreshAs(BYSTANDER);
    expect(verbs(bystander).filter((v) => v !== 'signoff.refresh')).to.deep.equal([]);
    expect(texts(bystander).join(' | ')).to.include('Awaiting decision');
    const requester = await refreshAs(SECRETARY);
    expect(verbs(requester)).to.include('signoff.withdraw').and.not.include('signoff.approve');
    expect(
      stack.playground.events.filter((e) => e.action === 'updateMessage'),
      'refreshes leave the shared message alone',
    ).to.have.length(0);
  });

  it('a bystander pressing "Show my options" on the shared card gets a view with nothing to decide', async () => {
    const res = await stack.playground.execute(shared, {}, { verb: 'signoff.view', from: BYSTANDER.id });
    expect(verbs(res.card!)).not.to.include('signoff.approve');
  });

  it('the chair approves with conditions: the shared message is updated for everyone, and every later refresh shows the decided card', async () => {
    const chair = await refreshAs(CHAIR);
    const res = await stack.playground.execute(
      { ...shared, card: chair },
      { conditions: 'Report progress on phase one to the March board.' },
      { verb: 'signoff.approveWithConditions', from: CHAIR.id },
    );
    expect(texts(res.card!).join(' | ')).to.include('Your approval and its conditions are recorded.');
    const deadline = Date.now() + 5000;
    let updates = stack.playground.events.filter((e) => e.action === 'updateMessage');
    while (updates.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      updates = stack.playground.events.filter((e) => e.action === 'updateMessage');
    }
    expect(updates, 'one update of the shared message').to.have.length(1);
    const json = JSON.stringify(updates[0]);
    expect(json).to.include(`Approved with conditions by ${CHAIR.name}.`).and.include('Report progress on phase one to the March board.');
    expect(json).not.to.include('signoff.approve').and.not.include('"refresh"');
    for (const who of [CHAIR, APPROVER, SECRETARY, BYSTANDER]) {
      const later = await refreshAs(who);
      expect(texts(later), who.name).to.include('Approved with conditions');
      expect(verbs(later), who.name).to.deep.equal([]);
    }
    const again = await stack.playground.execute({ ...shared, card: chair }, {}, { verb: 'signoff.approve', from: APPROVER.id });
    expect(texts(again.card!).join(' | ')).to.include(`${ref} was already decided: approved with conditions.`);
  });

  it('a sign-off requested with a cover sheet shows it on its card in seed 004’s order', async () => {
    const sent = await stack.playground.sendInChannel('request sign-off', 'Blackpool Partnership');
    const picker = await stack.playground.nextReply({ conversationId: sent.conversationId });
    const form = await stack.playground.execute(picker, {}, { verb: 'signoff.form' });
    const mark = stack.playground.repliesSince(0).length;
    const done = await stack.playground.execute(
      { ...picker, card: form.card! },
      {
        ...inputValues(form.card!),
        title: 'Place Integration Deal: progress on areas of delivery',
        summary: 'Progress of the place-based partnership on its place priorities and phase 1 delegations.',
        dueBy: londonDate(10),
        coverPurpose: 'information',
        coverAsk1Action: 'note',
        coverAsk1Text: 'the contents of the report including progress of the four LSC places.',
        coverAsk2Action: 'support',
        coverAsk2Text: 'the proposed phases of development and associated actions.',
        coverAsk3Action: 'receive',
        coverAsk3Text: 'a further report at its meeting in March.',
        coverObjectives: 'SO2,SO6',
        coverRisksNa: 'na',
        coverFinancial: 'na',
        coverDiscussed1Forum: 'Executive Management Team',
        coverDiscussed1Date: londonDate(-7),
        coverDiscussed1Outcome: 'Approved',
        coverConflicts: 'Not applicable',
        coverQia: 'na',
        coverEia: 'na',
        coverDpia: 'na',
        coverAuthorisedName: 'Professor Craig Harris',
        coverAuthorisedRole: 'Chief Operating Officer',
      },
      { verb: 'signoff.create' },
    );
    expect(
      texts(done.card!).some((t) => /^Sign-off BPL-S-\d{4} requested$/.test(t)),
      texts(done.card!).join(' | '),
    ).to.equal(true);
    const [posted] = await stack.playground.waitForReplies(mark, 1);
    const shown = texts(posted!.card!).join(' | ');
    const order = [
      'Cover sheet',
      'The Board is requested to:',
      '1. Note the contents of the report',
      'SO2 To equalise opportunities',
      'Associated risks',
      'On the ICB risk register',
      'Financial implications',
      'Executive Management Team',
      'Conflicts of interest',
      'Quality impact assessment completed',
      'Equality impact assessment completed',
      'Data privacy impact assessment completed',
      'Professor Craig Harris, Chief Operating Officer',
    ];
    const at = order.map((t) => shown.indexOf(t));
    expect(
      at.every((i) => i >= 0),
      `${order.filter((_, i) => at[i]! < 0).join(', ')} missing from ${shown}`,
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
  });
});

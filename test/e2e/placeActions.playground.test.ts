// End to end through the Microsoft 365 Agents Playground's HTTP API: the board secretary logs two
// Blackpool actions in Teams, then reads Blackpool's action log with "actions Blackpool" and its
// filter buttons, each form used as first shown. Real Playground, bot host and Azurite.
import { expect } from 'chai';
import { SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

describe('A place’s action log in Teams: “actions Blackpool” (Agents Playground HTTP API)', function () {
  this.timeout(30_000);
  let stack: Stack;
  let list: Reply | undefined;

  const shownRefs = (card: Record<string, unknown>) =>
    (JSON.stringify(card).match(/"title":"Open (BPL-A-\d{4})"/g) ?? []).filter((_, i) => i % 2 === 0).map((m) => m.slice(14, 24));

  async function logAction(description: string, dueDate: string, priority = '') {
    await stack.playground.send('log action');
    const form = await stack.playground.nextReply();
    const res = await stack.playground.execute(
      form,
      { place: 'BPL', description, owner: SECRETARY.aadObjectId, dueDate, priority },
      { verb: 'action.create' },
    );
    expect(texts(res.card!).join('\n')).to.match(/Action BPL-A-\d{4} logged/);
  }

  before(async () => {
    stack = await startStack();
    await logAction('Agree the Better Care Fund section 75 schedule with the council', londonDate(40));
    await logAction('Bring the Place Integration Deal self-assessment to the board', londonDate(3), 'BCF');
  });
  after(async () => {
    await stack?.stop();
  });

  it('"actions Blackpool" lists Blackpool’s open actions, due soon first, with RAG in words and the filter buttons', async () => {
    await stack.playground.send('actions Blackpool');
    list = await stack.playground.nextReply();
    const shown = texts(list.card!).join('\n');
    expect(shown).to.include('Blackpool action log: 2 actions');
    expect(shown).to.include('Amber · due soon').and.include('Green · on track');
    expect(shown.indexOf('Bring the Place Integration Deal')).to.be.lessThan(shown.indexOf('Agree the Better Care Fund'));
    expect(list.card!.speak).to.equal('Blackpool action log, all open actions: 2 actions.');
    expect(verbs(list.card!)).to.include.members(['action.place', 'action.view']);
    expect(stack.playground.problems()).to.deep.equal([]);
  });

  it('"Overdue" says there are none; "Proposed for closure" likewise', async () => {
    const overdue = await stack.playground.execute(list!, { view: 'overdue' }, { verb: 'action.place' });
    expect(texts(overdue.card!)).to.include('No overdue actions in Blackpool.');
    const proposed = await stack.playground.execute(list!, { view: 'proposed' }, { verb: 'action.place' });
    expect(texts(proposed.card!)).to.include('No actions proposed for closure in Blackpool.');
  });

  it('"By place priority" sent as first shown says to choose one; with one chosen it shows that priority’s actions', async () => {
    const asShown = inputValues(list!.card!);
    const none = await stack.playground.execute(list!, { ...asShown, view: 'priority' }, { verb: 'action.place' });
    expect(texts(none.card!)).to.include('Choose a place priority to show its actions. Showing all open actions meanwhile.');
    const bcf = await stack.playground.execute(list!, { ...asShown, view: 'priority', priority: 'BCF' }, { verb: 'action.place' });
    const shown = texts(bcf.card!).join('\n');
    expect(shown).to.include('Showing: actions for Better Care Fund and section 75/256 agreements.');
    expect(shown)
      .to.include('Bring the Place Integration Deal')
      .and.not.include('Agree the Better Care Fund section 75 schedule with the council');
  });

  it('"By owner" with Sam Patel chosen shows the actions Sam owns', async () => {
    const mine = await stack.playground.execute(
      list!,
      { ...inputValues(list!.card!), view: 'owner', owner: SECRETARY.aadObjectId },
      { verb: 'action.place' },
    );
    expect(texts(mine.card!).join('\n')).to.include('Showing: actions owned by Sam Patel.').and.include('Blackpool action log: 2 actions');
    expect(shownRefs(mine.card!)).to.have.length(2);
  });

  it('in the Blackpool Partnership channel, "actions Blackpool" answers in the thread with the same log', async () => {
    const sent = await stack.playground.sendInChannel('actions Blackpool', 'Blackpool Partnership');
    const reply = await stack.playground.nextReply({ conversationId: sent.conversationId });
    expect(texts(reply.card!).join('\n')).to.include('Blackpool action log: 2 actions');
  });
});

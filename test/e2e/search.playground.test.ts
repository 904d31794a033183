// End to end through the Agents Playground's HTTP API: actions are logged in Teams, then found with
// `find` (and again from the results card's own box, unchanged), each result opening its card; and
// the search message extension answers a composeExtension/query with a preview per result, each
// asking for its record's card when chosen. (The Playground's invoke API does not take
// composeExtension/selectItem: test/integration/bot/search.test.ts sends it.) Real Playground, real
// bot host, real Azurite; nothing mocked.
import { expect } from 'chai';
import { SEARCH_COMMAND_ID } from '../../bot/search/searchFlow.js';
import { SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

type Extension = {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: Array<{
    contentType: string;
    content: Record<string, unknown>;
    preview?: { contentType: string; content: { title: string; text: string; tap: { type: string; value: { ref: string } } } };
  }>;
};

describe('Finding records in Teams: find and the search message extension (Agents Playground HTTP API)', function () {
  this.timeout(60_000);
  let stack: Stack;
  const logged: string[] = [];
  let results: Reply | undefined;

  async function logAction(description: string, priority = '') {
    await stack.playground.send('log action');
    const form = await stack.playground.nextReply();
    const res = await stack.playground.execute(
      form,
      { place: 'BPL', description, owner: SECRETARY.aadObjectId, dueDate: londonDate(14), priority },
      { verb: 'action.create' },
    );
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(texts(res.card!).join('\n'))?.[1];
    if (!ref) throw new Error(`not logged: ${texts(res.card!).join(' | ')}`);
    logged.push(ref);
    return ref;
  }

  async function extension(name: string, value: Record<string, unknown>): Promise<Extension> {
    const res = await stack.playground.invoke({ name, replyToId: undefined as unknown as string, value });
    const answer = (res as unknown as { composeExtension?: Extension }).composeExtension;
    if (!answer) throw new Error(`no composeExtension in ${JSON.stringify(res)}`);
    return answer;
  }

  before(async () => {
    stack = await startStack();
    await logAction('Agree the BCF section 75 schedule with the council', 'BCF');
    await logAction('Workforce plan for community nursing');
  });
  after(async () => stack?.stop());

  it('"find section 75" answers with the results card: the action, why it matched, and a box holding the search', async () => {
    await stack.playground.send('find section 75');
    results = await stack.playground.nextReply();
    const shown = texts(results.card!);
    expect(shown).to.include('1 found for “section 75”, best first');
    expect(shown.join('\n')).to.contain(`${logged[0]} · Action · Blackpool · Open`).and.contain('In its title.');
    expect(inputValues(results.card!).q).to.equal('section 75');
    expect(verbs(results.card!)).to.have.members(['search.find', 'action.view']);
    expect(results.card!.speak).to.contain('1 found for “section 75”');
  });

  it('the results card’s box, submitted as shown, searches again; a result opens its action card', async () => {
    const again = await stack.playground.execute(results!, inputValues(results!.card!), { verb: 'search.find' });
    expect(texts(again.card!)).to.include('1 found for “section 75”, best first');
    const opened = await stack.playground.execute(results!, {}, { verb: 'action.view' });
    expect(texts(opened.card!).join('\n')).to.contain('Agree the BCF section 75 schedule with the council').and.contain(logged[0]!);
  });

  it('bad input gets a clear line with the input kept: "find ?!"', async () => {
    await stack.playground.send('find ?!');
    const card = (await stack.playground.nextReply()).card!;
    expect(texts(card).join('\n')).to.contain('no letters or numbers to search for');
    expect(inputValues(card).q).to.equal('?!');
  });

  it('the message extension lists a preview per result for what is typed in the compose box, each asking for its record when chosen', async () => {
    const answer = await extension('composeExtension/query', {
      commandId: SEARCH_COMMAND_ID,
      parameters: [{ name: 'query', value: 'work' }],
      queryOptions: { skip: 0, count: 25 },
    });
    expect(answer).to.include({ type: 'result', attachmentLayout: 'list' });
    const previews = answer.attachments!.map((a) => a.preview!);
    expect(previews.map((p) => p.content.title)).to.deep.equal([`${logged[1]} · Workforce plan for community nursing`]);
    expect(previews[0]!.content.text).to.equal(`Action · Blackpool · Open · Owner ${SECRETARY.name}`);
    expect(previews[0]!.content.tap).to.deep.equal({ type: 'invoke', value: { ref: logged[1] } });
  });

  it('the message extension says so when there is nothing to search for', async () => {
    const answer = await extension('composeExtension/query', {
      commandId: SEARCH_COMMAND_ID,
      parameters: [{ name: 'query', value: 'x' }],
      queryOptions: { skip: 0, count: 25 },
    });
    expect(answer.type).to.equal('message');
    expect(answer.text).to.contain('at least 2 letters or digits');
    expect(stack.playground.problems(), 'the Playground logged no warnings or errors').to.deep.equal([]);
  });
});

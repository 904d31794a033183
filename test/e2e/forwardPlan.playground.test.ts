// End to end through the Agents Playground with the demo data: the board secretary (Sam Patel,
// secretary of every demo forum) asks for the Central Lancashire Partnership Board's forward plan,
// adds an item for the month of its next meeting, and `prepare meeting Central Lancashire
// Partnership Board` then shows it under "Scheduled items". Real Playground, bot host and Azurite.
import { expect } from 'chai';
import { DEMO_PEOPLE, loadDemoData } from '../../functions/demoData.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { startPlayground } from '../support/playground.js';
import { MOCK_TENANT } from '../support/playgroundTenant.js';
import type { Playground, Reply } from '../support/playgroundTypes.js';
import { elements, inputValues, texts, verbs } from './stack.js';

const CENTRAL = 'Central Lancashire Partnership Board';
const ITEM = 'Receive a further report on the Neighbourhood model';

/** The Playground's people with the demo data's ids (as `npm start`'s scripts/playground.yml has them). */
function demoTenant(): typeof MOCK_TENANT {
  const idOf = (name: string) => Object.values(DEMO_PEOPLE).find((p) => p.name === name)?.id;
  return {
    ...MOCK_TENANT,
    currentUser: { ...MOCK_TENANT.currentUser, aadObjectId: DEMO_PEOPLE.sam.id },
    users: MOCK_TENANT.users.map((u) => ({ ...u, aadObjectId: idOf(u.name) ?? u.aadObjectId })),
  };
}

describe('A forum’s forward plan in Teams, with the demo data (Agents Playground)', function () {
  this.timeout(90_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;
  let month = '';

  const ask = async (text: string, verb: string): Promise<Reply> => {
    const sent = await pg.send(text);
    const [reply] = await pg.waitForReplies(sent.mark, 1, 20_000);
    expect(verbs(reply!.card!), texts(reply!.card!).join(' | ')).to.include(verb);
    return reply!;
  };

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString }));
    await prepareStorage(runtime);
    expect(await loadDemoData(runtime)).to.equal(true);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages`, config: demoTenant() });
  });
  after(async () => {
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('the secretary’s draft agenda for the Central board, before: no scheduled items', async () => {
    const form = await ask(`prepare meeting ${CENTRAL}`, 'meeting.create');
    month = inputValues(form.card!).date!.slice(0, 7);
    expect(month).to.match(/^\d{4}-\d{2}$/);
    expect(texts(form.card!).join(' | ')).not.to.contain('Scheduled items');
  });

  it('“forward plan Central Lancashire Partnership Board”: the secretary adds an item for the month of its next meeting', async () => {
    const plan = await ask(`forward plan ${CENTRAL}`, 'forum.addToPlan');
    expect(texts(plan.card!).join(' | ')).to.contain(`Forward plan: ${CENTRAL}`);
    const added = await pg.execute(plan, { planText: ITEM, planOwner: DEMO_PEOPLE.ruth.id, planDue: month }, { verb: 'forum.addToPlan' });
    const shown = texts(added.card!).join(' | ');
    expect(shown).to.contain('Added to the forward plan').and.contain(ITEM).and.contain('Owner Ruth Ellison');
  });

  it('`prepare meeting Central Lancashire Partnership Board` now shows it under “Scheduled items”', async () => {
    const form = await ask(`prepare meeting ${CENTRAL}`, 'meeting.create');
    expect(texts(form.card!).join(' | ')).to.contain('Scheduled items');
    // Each agenda item is a ticked toggle, its title the item as the secretary reads it.
    const scheduled = elements(form.card!).filter((e) => e.type === 'Input.Toggle' && String(e.id).startsWith('agenda.scheduled.'));
    expect(scheduled.map((e) => String(e.title))).to.have.length(1);
    expect(String(scheduled[0]!.title)).to.contain(ITEM).and.contain('Owner Ruth Ellison');
    expect(inputValues(form.card!)[String(scheduled[0]!.id)]).to.equal('true');
    expect(pg.problems(), 'no warnings or errors in the Playground log').to.deep.equal([]);
  });
});

// End to end through the Agents Playground: the board secretary sets up the Blackpool channel, a
// chair may not, a preview shows the next digest, and `npm run digest -- --at <next Monday 09:05>`
// posts the digest card in the channel (read back from the Playground's stream); a second run posts
// nothing. Real Playground, real bot host, real Azurite and its queue.
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { runDigestCli } from '../../functions/digestCli.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { startPlayground } from '../support/playground.js';
import { CHAIR, SECRETARY } from '../support/playgroundTenant.js';
import type { Playground, Reply } from '../support/playgroundTypes.js';
import { createAction } from '../../records/action.js';
import { texts, verbs } from './stack.js';

const CHANNEL = 'Blackpool Partnership';

/** The coming Monday 09:05 in London, as an ISO instant. */
function comingMonday0905(): string {
  const now = DateTime.now().setZone('Europe/London');
  const monday = now.startOf('week').plus({ weeks: 1 }).set({ hour: 9, minute: 5 });
  return monday.toUTC().toISO()!;
}

describe('Weekly digest in a Teams channel (Agents Playground)', function () {
  this.timeout(60_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;
  let chooser: Reply;

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString, SETUP_ADMIN_IDS: SECRETARY.aadObjectId }));
    await prepareStorage(runtime);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages` });
  });
  after(async () => {
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('"@bot setup" in the Blackpool channel asks the board secretary which place it is for', async () => {
    await pg.sendInChannel('setup', CHANNEL);
    chooser = await pg.nextReply();
    expect(texts(chooser.card!).join('\n')).to.contain('Which place is');
    expect(verbs(chooser.card!)).to.include('setup.open');
  });

  it('a chair who is not an admin pressing the same card is refused, and told who can', async () => {
    const res = await pg.execute(chooser, {}, { verb: 'setup.open', from: CHAIR.id });
    expect(texts(res.card!).join('\n')).to.contain('Only a place’s admins can set it up');
  });

  it('the secretary chooses Blackpool, names the chair and saves: the channel is linked', async () => {
    const form = await pg.execute(chooser, { place: 'BPL' }, { verb: 'setup.open' });
    expect(texts(form.card!).join('\n')).to.contain('Set up Blackpool in this channel');
    const saved = await pg.execute(
      { ...chooser, card: form.card! },
      { chairs: CHAIR.aadObjectId, approvers: CHAIR.aadObjectId, admins: SECRETARY.aadObjectId, threshold: '15', digest: 'true' },
      { verb: 'setup.save' },
    );
    expect(texts(saved.card!).join('\n')).to.contain('This channel is linked to Blackpool');
    const settings = (await runtime.places.get('BPL'))!.record;
    expect(settings.chairs.map((c) => c.name)).to.deep.equal([CHAIR.name]);
  });

  it('"@bot digest preview" offers a preview that opens for the presser only', async () => {
    await pg.sendInChannel('digest preview', CHANNEL);
    const offer = await pg.nextReply();
    const preview = await pg.execute(offer, {}, { verb: 'digest.preview' });
    expect(texts(preview.card!).join('\n')).to.contain('Blackpool: weekly digest').and.contain('Preview: only you can see this');
  });

  it('`npm run digest -- --at <coming Monday 09:05>` posts the digest in the channel; run again, nothing new', async () => {
    const at = comingMonday0905();
    const env = { STORAGE_CONNECTION_STRING: storage.connectionString };
    const first: string[] = [];
    expect(await runDigestCli(['--at', at], env, (l) => first.push(l))).to.equal(0);
    expect(first).to.have.length(1);
    expect(first[0]).to.match(/^Blackpool · Blackpool Partnership \(\d{4}-W\d{2}\): posted \(activity .+\)$/);
    const post = await pg.nextReply({ timeoutMs: 15_000 });
    expect(texts(post.card!).join('\n')).to.contain('Blackpool: weekly digest');
    const second: string[] = [];
    await runDigestCli(['--at', at], env, (l) => second.push(l));
    expect(second[0]).to.match(/: already sent \(activity .+\)$/);
    await new Promise((r) => setTimeout(r, 1000));
    await pg.nextReply({ timeoutMs: 500 }).then(
      (r) => expect.fail(`a second post arrived: ${JSON.stringify(r.card).slice(0, 200)}`),
      () => undefined,
    );
  });

  it('a weekday 08:00 reminder reaches the secretary’s personal chat once she has talked to the bot', async () => {
    await pg.send('reminders on');
    const on = await pg.nextReply({ conversationId: pg.personalChatId });
    expect(texts(on.card!).join('\n')).to.contain('Reminders on');
    const sam = { id: SECRETARY.aadObjectId, name: SECRETARY.name };
    const raised = DateTime.now().minus({ days: 20 }).toJSDate();
    const due = DateTime.now().setZone('Europe/London').minus({ days: 2 }).toISODate()!;
    const res = await runtime.records.create('action', 'SC', (ref) =>
      createAction(
        { place: 'SC', description: 'Confirm chairing options', owner: sam, dueDate: due, links: {} },
        ref,
        { ...sam, roles: ['admin'] },
        raised,
      ),
    );
    expect(res.ok).to.equal(true);
    const weekday = DateTime.now().setZone('Europe/London').plus({ days: 1 }).set({ hour: 8, minute: 5 });
    const at = weekday.weekday > 5 ? weekday.plus({ days: 8 - weekday.weekday }) : weekday;
    const lines = await runtime.reminders.tick(at.toJSDate());
    expect(lines.find((l) => l.personId === SECRETARY.aadObjectId)?.outcome).to.equal('sent');
    const reminder = await pg.nextReply({ conversationId: pg.personalChatId, timeoutMs: 15_000 });
    expect(texts(reminder.card!).join('\n')).to.contain('Good morning, Sam').and.contain('SC-A-0001');
  });
});

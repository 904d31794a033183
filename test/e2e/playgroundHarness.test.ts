// The Agents Playground fixture itself, against the real bot: what a developer sees when a port is
// taken or the bot is down, and that stopping it leaves nothing behind.
import { expect } from 'chai';
import { groupAlive, portFree, PortInUseError, startPlayground } from '../support/playground.js';
import { startStack, type Stack } from './stack.js';

describe('The Agents Playground test fixture', function () {
  this.timeout(30_000);
  let stack: Stack;

  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('refuses a port already in use at once, with one line naming the port', async () => {
    const taken = stack.playground.port;
    const started = Date.now();
    const err = await startPlayground({ endpoint: `${stack.host.url}/api/messages`, port: taken }).then(
      (pg) => pg.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PortInUseError);
    expect((err as Error).message).to.equal(`Agents Playground: port ${taken} is already in use (is \`npm start\` running?)`);
    expect(Date.now() - started).to.be.below(1000);
  });

  it('names the bot endpoint when the bot is not running', async () => {
    const endpoint = 'http://127.0.0.1:9/api/messages';
    const err = await startPlayground({ endpoint, readyTimeoutMs: 6000 }).then(
      (pg) => pg.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect((err as Error | undefined)?.message).to.match(
      /^Agents Playground could not reach the bot at http:\/\/127\.0\.0\.1:9\/api\/messages within 6s/,
    );
  });

  it('after stop() none of its processes is left and its port is free', async () => {
    const pg = await startPlayground({ endpoint: `${stack.host.url}/api/messages` });
    await pg.send('help');
    expect((await pg.nextReply()).card, 'it was working').to.exist;
    expect(groupAlive(pg.pid)).to.equal(true);
    await pg.stop();
    expect(groupAlive(pg.pid), `process group ${pg.pid}`).to.equal(false);
    expect(await portFree(pg.port), `port ${pg.port}`).to.equal(true);
    await pg.stop();
  });
});

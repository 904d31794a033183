// `npm run digest -- --at <instant>` (functions/digestCli.ts) and the forums' meeting cycle: at five
// working days before a forum's next meeting it offers the board pack once, one line a person,
// and run again at the same instant it offers nothing. The CLI's own runtime, on the same
// in-memory Table Storage as the bot it sends through.
import { expect } from 'chai';
import { runDigestCli } from '../../../functions/digestCli.js';
import { createForum } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };

describe('npm run digest -- --at: the forums’ meeting cycle', function () {
  this.timeout(30_000);
  let bot: FlowHarness;
  const run = async (at: string) => {
    const lines: string[] = [];
    const env = { STORAGE_CONNECTION_STRING: bot.storage.connectionString, MicrosoftAppId: '' };
    expect(await runDigestCli(['--at', at, '--wait', '0'], env, (l) => lines.push(l), { httpClient: bot.storage.httpClient })).to.equal(0);
    return lines;
  };
  const packOffers = () => bot.replies.filter((r) => JSON.stringify(r.activity).includes('card.file.consent')).length;

  before(async () => {
    bot = await startFlows({ members: [SAM, HELEN] });
    await bot.runtime.places.put({ place: 'LAN', displayName: 'Lancashire', chairs: [HELEN], admins: [SAM] });
    const created = await bot.runtime.records.create('forum', 'LAN', (ref) =>
      createForum(
        {
          place: 'LAN',
          name: 'Central Lancashire Partnership Board',
          locality: 'Central',
          chairs: [{ ...HELEN, title: 'Central Lancashire Partnership Independent Chair' }],
          secretary: SAM,
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '09:30',
          reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
        },
        ref,
        ADMIN,
        new Date('2026-11-02T10:00:00Z'),
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    await bot.say('help', { from: SAM });
  });
  after(async () => bot?.stop());

  it('six working days before, nothing is offered', async () => {
    const lines = await run('2026-12-02T09:05:00Z');
    expect(lines.filter((l) => l.includes('board pack'))).to.deep.equal([]);
  });

  it('five working days before: the pack offered to the secretary, and the chair who never talked to the bot named as such', async () => {
    const lines = await run('2026-12-03T09:05:00Z');
    const pack = lines.filter((l) => l.includes('· board pack'));
    expect(pack).to.have.length(2);
    expect(pack[0]).to.match(
      /^Lancashire · Central Lancashire Partnership Board \(Thu 10 Dec 2026\) · board pack for Sam Patel: offered \(activity .+\)$/,
    );
    expect(pack[1]).to.equal(
      'Lancashire · Central Lancashire Partnership Board (Thu 10 Dec 2026) · board pack for Helen Price: not offered: Helen Price has never talked to the bot 1:1 (it goes once they do)',
    );
    expect(lines.filter((l) => /· agenda not prepared for Sam Patel: sent \(activity .+\)$/.test(l))).to.have.length(1);
    expect(packOffers()).to.equal(6);
  });

  it('run again at the same instant: nothing more is offered', async () => {
    const lines = await run('2026-12-03T09:05:00Z');
    expect(lines.filter((l) => l.includes('· board pack for Sam Patel'))[0]).to.match(/: already offered \(activity .+\)$/);
    expect(lines.filter((l) => / offered \(activity/.test(l) && !l.includes('already'))).to.deep.equal([]);
    expect(packOffers()).to.equal(6);
  });

  it('on a Saturday it says that notices go on working days', async () => {
    const lines = await run('2026-12-05T10:00:00Z');
    expect(lines).to.include('At 2026-12-05T10:00:00.000Z no forum notices go out: they go on working days from 08:00 UK time.');
  });
});

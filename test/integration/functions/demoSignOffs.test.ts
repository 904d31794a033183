// The demo data a local run starts with includes sign-offs in every place, in the states people
// meet first: one awaiting Sam Patel (the Playground's own user), one decided with conditions,
// one chair's action awaiting ratification.
import { expect } from 'chai';
import { DEMO_PEOPLE, loadDemoData } from '../../../functions/demoData.js';
import { InvocationContext, type Timer } from '@azure/functions';
import { sweepExpiredSignOffs } from '../../../functions/signOffSweep.js';
import { weeklyDigestHandler } from '../../../functions/weeklyDigest.js';
import { PLACE_CODES } from '../../../records/places.js';
import { CLOCK_ACTOR } from '../../../records/signoffCommands.js';
import { BotHarness } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

/** The bot on a fresh Azurite with the demo data loaded, for one suite; `bot` is set once its tests run. */
function demoBot(): { now: Date; bot: BotHarness } {
  const demo = { now: new Date('2026-11-23T10:00:00Z') } as { now: Date; bot: BotHarness };
  before(async () => {
    demo.bot = await BotHarness.start({ clock: () => demo.now });
    expect(await loadDemoData(demo.bot.runtime, demo.now)).to.equal(true);
  });
  after(async () => demo.bot?.stop());
  return demo;
}

describe('Demo sign-offs (local run)', function () {
  this.timeout(60_000);
  const demo = demoBot();

  it('each place has one awaiting Sam Patel, one approved with conditions and one awaiting ratification (besides its last meeting’s key messages, approved by its chair)', async () => {
    for (const place of PLACE_CODES) {
      const every = await demo.bot.runtime.records.listByPlace('signoff', place);
      expect(
        every.filter((s) => s.record.itemType === 'key-messages').map((s) => s.record.status),
        place,
      ).to.deep.equal(['APPROVED']);
      const all = every.filter((s) => s.record.itemType !== 'key-messages');
      expect(all.map((s) => s.record.status).sort(), place).to.deep.equal(['APPROVED_WITH_CONDITIONS', 'AWAITING_RATIFICATION', 'PENDING']);
      const pending = all.find((s) => s.record.status === 'PENDING')!.record;
      expect(pending.approvers.map((a) => a.id)).to.deep.equal([DEMO_PEOPLE.sam.id]);
      expect(all.find((s) => s.record.status === 'APPROVED_WITH_CONDITIONS')!.record.decision?.conditions).to.be.a('string');
    }
  });

  it('Sam’s “sign-offs” shows the four awaiting their decision and, as admin, the four awaiting ratification', async () => {
    const sam = { ...DEMO_PEOPLE.sam, teamsId: 'user-id-0' };
    const [list] = await demo.bot.say('sign-offs', { from: sam });
    const text = cardText(list);
    const section = (from: string, to: string) => text.slice(text.indexOf(from), to ? text.indexOf(to) : undefined);
    expect(section('Awaiting my decision', 'Requested by me').match(/-S-\d{4}/g)).to.have.length(4);
    expect(section('Awaiting ratification', '').match(/-S-\d{4}/g)).to.have.length(4);
    expect(text).to.contain('Phases of development for the Blackpool place integration deal');
  });
});

describe('The sign-off expiry sweep (for a scheduled function)', function () {
  this.timeout(60_000);
  const demo = demoBot();
  const now = demo.now;

  it('expires only the pending ones past their due date, once, each with its audit event by the bot', async () => {
    expect(await sweepExpiredSignOffs(demo.bot.runtime.records, now)).to.deep.equal({ expired: [], skipped: [], notes: [] });
    const later = new Date(now.getTime() + 10 * 86_400_000); // the pending demo ones are due in 9 days
    const first = await sweepExpiredSignOffs(demo.bot.runtime.records, later);
    expect(first.expired).to.have.length(4);
    expect(await sweepExpiredSignOffs(demo.bot.runtime.records, later)).to.deep.equal({ expired: [], skipped: [], notes: [] });
    const [ref] = first.expired;
    const history = await demo.bot.runtime.records.history('signoff', ref!);
    expect(history.at(-1)).to.deep.include({ command: 'expire' });
    expect(history.at(-1)!.actor.id).to.equal(CLOCK_ACTOR.id);
    const statuses = (await demo.bot.runtime.records.listByPlace('signoff', 'ALL')).map((s) => s.record.status);
    expect(statuses.filter((s) => s === 'AWAITING_RATIFICATION')).to.have.length(4); // nothing else touched
  });
});

describe('The 15-minute timer (Azure Functions) expires sign-offs past their date', function () {
  this.timeout(60_000);
  const demo = demoBot();
  const now = demo.now;

  it('runs the sweep before the digest and logs each sign-off it expired', async () => {
    const later = new Date(now.getTime() + 10 * 86_400_000); // the pending demo ones are due in 9 days
    const logged: string[] = [];
    const context = new InvocationContext({ functionName: 'weeklyDigest', logHandler: (_level, ...args) => logged.push(args.join(' ')) });
    const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };
    await weeklyDigestHandler(
      async () => demo.bot.runtime,
      () => later,
    )(timer, context);
    const expired = logged.filter((l) => /^sign-off [A-Z]+-S-\d{4}: expired$/.test(l));
    expect(expired).to.have.length(4);
    const statuses = (await demo.bot.runtime.records.listByPlace('signoff', 'ALL')).map((s) => s.record.status);
    expect(statuses.filter((s) => s === 'EXPIRED')).to.have.length(4);
    expect(statuses).to.not.include('PENDING');
  });
});

// Child process of bench/floor.ts: Azurite (in memory), the app (local host → bot → store) and
// the bare floor bot on the same Azurite, with the records the load needs. Prints one JSON line
// with the URLs and refs, then serves until its stdin closes. Kept apart from the load
// generator so the two do not share an event loop.
import { createAction } from '../records/action.js';
import { addDays, londonToday } from '../records/dates.js';
import { ALEX, BotHarness } from '../test/support/botHarness.js';
import { RECORDS_TABLE } from '../records/store/index.js';
import { startFloorBot } from './floorBot.js';
import { FLOOR_PEOPLE, POOL_SIZE } from './floorLoad.js';

async function main() {
  const bot = await BotHarness.start();
  const floor = await startFloorBot(bot.storage.connectionString, RECORDS_TABLE, Number(process.env.BENCH_FLOOR_ENTITIES ?? 2));
  const { records, places } = bot.runtime;
  await places.put({ place: 'BPL', displayName: 'Blackpool', admins: [{ id: ALEX.id, name: ALEX.name }] });
  const due = addDays(londonToday(new Date()), 20);
  const actor = { ...FLOOR_PEOPLE.updater, roles: [] };
  const build = (owner: { id: string; name: string }, place: 'LAN' | 'SC' | 'BWD', i: number) => (ref: string) =>
    createAction(
      { place, description: `Bench pool action ${i}: confirm the section 75 schedule`, owner, dueDate: due, links: {} },
      ref,
      actor,
      new Date(),
    );
  // A pool of actions to open and update (one per request, round robin), and five for "my actions".
  const pool: Array<{ ref: string; etag: string }> = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const r = await records.create('action', 'LAN', build(FLOOR_PEOPLE.updater, 'LAN', i));
    if (!r.ok) throw new Error(r.refusal.message);
    pool.push({ ref: r.stored.record.ref, etag: r.stored.etag });
  }
  for (let i = 0; i < 5; i++) await records.create('action', i % 2 ? 'SC' : 'BWD', build(FLOOR_PEOPLE.lister, i % 2 ? 'SC' : 'BWD', i));
  console.log(JSON.stringify({ appUrl: `${bot.host.url}/api/messages`, floorUrl: floor.url, serviceUrl: bot.serviceUrl, pool }));
  process.stdin.resume();
  process.stdin.on('end', () => {
    void Promise.all([floor.stop(), bot.stop()]).then(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

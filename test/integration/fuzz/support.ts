// Shared by the fuzz suites (activities.fuzz.test.ts, floodsAndForgedRefs.fuzz.test.ts): the people,
// the clock every reading of which is a new instant, the field names cards carry, what the fuzz
// knows of the live store (refs, ETags, fields), and the seeding of the bot on Azurite: Blackpool
// set up, four real actions and two real sign-offs, so fuzzed clicks land on real refs.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { addDays, londonToday } from '../../../records/dates.js';
import { PLACE_CODES } from '../../../records/places.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { signOffDraft } from '../../support/signOffFixtures.js';
import { ALEX, type BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

export const GENERIC = /something went wrong/i;

export const CHAIR: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' };
export const STRANGER: Sender = { id: 'aad-zed', name: 'Zed Unknown', teamsId: '29:zed' };
/** Everyone the fuzz speaks as: the members of its conversations. */
export const MEMBERS = [ALEX, CHAIR, STRANGER];

/** The field names cards carry, read from the cards the app draws (plus the ones every card carries). */
export const CARRIED = [
  'ref',
  'etag',
  'from',
  'formId',
  'people',
  'verb',
  '__proto__',
  'constructor',
  // Sign-off answers, delegates, conflicts, ratification, setup and register pages (issue 19).
  'place',
  'page',
  'delegate',
  'delegateFor',
  'onBehalfOf',
  'conflictNature',
  'conflictHowManaged',
  'meeting',
  'channelId',
  'channelName',
  'admins',
  'approvers',
];

export interface Live {
  refs: string[];
  etags: Map<string, string>;
  fields: string[];
}

export const sender = fc.constantFrom<Sender>(ALEX, CHAIR, STRANGER);

/**
 * The fuzz's clock, from 2026-11-23 09:00Z. Every reading of the clock is a new instant, so audit
 * events have a strict order to replay; `time.step` is how far each reading moves it (1 s; the
 * change flood moves it 10 ms a reading, so all of it falls in one 10-minute window).
 */
export function fuzzClock(): { time: { tick: number; step: number }; clock: () => Date } {
  const time = { tick: Date.parse('2026-11-23T09:00:00Z'), step: 1000 };
  return { time, clock: () => new Date((time.tick += time.step)) };
}

/** Seeds the fuzz's bot: Blackpool with Helen as chair, four actions, two sign-offs; their refs and the fields their cards carry go to `live`. */
export async function seed(bot: BotHarness, clock: () => Date, live: Live): Promise<void> {
  await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [{ id: CHAIR.id, name: CHAIR.name }] });
  // A few real actions, so fuzzed clicks can land on real refs with real (and stale) ETags.
  const [form] = await bot.say('log action');
  const fields = new Set<string>([...CARRIED, ...checkCard(form).inputIds]);
  for (let i = 0; i < 4; i++) {
    const card = await bot.click('action.create', {
      place: PLACE_CODES[i % PLACE_CODES.length],
      description: `Seeded action ${i} for the fuzz run`,
      owner: i % 2 ? CHAIR.id : ALEX.id,
      dueDate: addDays(londonToday(clock()), 10 + i),
      people: [ALEX, CHAIR].map(({ id, name }) => ({ id, name })),
      formId: randomUUID(),
    });
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`seed action not logged: ${cardText(card)}`);
    live.refs.push(ref);
    checkCard(card).inputIds.forEach((id) => fields.add(id));
  }
  // Two real sign-offs, so answers, delegates, conflicts and ratification land on real refs and
  // meet the rules between people: one awaiting Helen's decision, one chair's action she decided.
  const requester: Actor = { id: ALEX.id, name: ALEX.name, roles: [] };
  const helen: Actor = { id: CHAIR.id, name: CHAIR.name, roles: ['chair', 'approver'] };
  for (const route of ['between-meetings', 'chairs-action'] as const) {
    const draft = {
      ...signOffDraft({ approvers: [{ id: CHAIR.id, name: CHAIR.name }], route }),
      dueBy: addDays(londonToday(clock()), 14),
      expiresOn: undefined,
    };
    const created = await bot.runtime.records.create('signoff', 'BPL', (ref) => createSignOff(draft, ref, requester, clock()));
    if (!created.ok) throw new Error(created.refusal.message);
    if (route === 'chairs-action')
      await bot.runtime.records.update(
        'signoff',
        created.stored,
        applySignOffCommand(created.stored.record, helen, { type: 'approve' }, clock()),
      );
    live.refs.push(created.stored.record.ref);
  }
  const [mine] = await bot.say('my actions');
  checkCard(mine).inputIds.forEach((id) => fields.add(id));
  live.fields = [...fields];
}

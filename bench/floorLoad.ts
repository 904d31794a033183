// The load both bots get in bench/floor.ts: the same activities, as Teams sends them.
import { randomUUID } from 'node:crypto';
import { addDays, londonToday } from '../records/dates.js';
import { actionData, invokeActivity, messageActivity, type Sender } from '../test/support/botHarness.js';

/**
 * Actions opened and updated round robin. Fewer than the store keeps in memory (RECENT_MAX), as
 * when people click on cards this instance drew lately; each update sends its card's ETag.
 */
export const POOL_SIZE = 400;

/** The pool's refs and the ETag of the latest card drawn for each. */
export interface LoadState {
  pool: string[];
  etags: Map<string, string>;
}

export const FLOOR_PEOPLE = {
  submitter: { id: 'aad-sub', name: 'Sam Submitter', teamsId: '29:sub' },
  updater: { id: 'aad-upd', name: 'Uma Updater', teamsId: '29:upd' },
  lister: { id: 'aad-lis', name: 'Lee Lister', teamsId: '29:lis' },
} satisfies Record<string, Sender>;

/** The i-th create's submitter: 25 creates each, within the rate one person may create at (records/createRate.ts). */
export function submitterOf(i: number): Sender {
  const n = Math.floor(i / 25);
  return { id: `${FLOOR_PEOPLE.submitter.id}-${n}`, name: FLOOR_PEOPLE.submitter.name, teamsId: `${FLOOR_PEOPLE.submitter.teamsId}-${n}` };
}

export interface Operation {
  name: string;
  /** The i-th request's activity. */
  activity(serviceUrl: string, state: LoadState, i: number): object;
  /** Reads what a card carries for the next request (e.g. the new ETag). */
  onAnswer?(body: string, state: LoadState): void;
  /** What the app's answer must contain for the run to count (a card, not an error). */
  expect: RegExp;
}

export const OPERATIONS: Operation[] = [
  {
    name: 'log action submit',
    activity: (serviceUrl, _state, i) =>
      invokeActivity(
        serviceUrl,
        'action.create',
        {
          place: 'BPL',
          description: `Bench: agree the BCF section 75 schedule, item ${i}`,
          owner: FLOOR_PEOPLE.submitter.id,
          dueDate: addDays(londonToday(new Date()), 30),
          people: [{ id: FLOOR_PEOPLE.submitter.id, name: FLOOR_PEOPLE.submitter.name }],
          formId: randomUUID(),
        },
        // Each submitter stays under the rate of creates per person (records/createRate.ts): 25 each.
        { from: submitterOf(i) },
      ),
    expect: /logged/,
  },
  {
    name: 'add update',
    activity: (serviceUrl, { pool, etags }, i) => {
      const ref = pool[i % pool.length]!;
      return invokeActivity(
        serviceUrl,
        'action.addUpdate',
        { ref, etag: etags.get(ref), updateText: `Bench update ${i}` },
        { from: FLOOR_PEOPLE.updater },
      );
    },
    onAnswer: keepEtag,
    expect: /Update saved/,
  },
  {
    name: 'open an action',
    activity: (serviceUrl, { pool }, i) =>
      invokeActivity(serviceUrl, 'action.view', { ref: pool[i % pool.length] }, { from: FLOOR_PEOPLE.updater }),
    onAnswer: keepEtag,
    expect: /Bench pool action/,
  },
  {
    name: 'my actions',
    activity: (serviceUrl) => messageActivity(serviceUrl, 'my actions', { from: FLOOR_PEOPLE.lister }),
    expect: /^$/, // a message is answered through the connector; the HTTP reply is empty
  },
];

/** The ref and ETag an action card's Update button carries. */
function keepEtag(body: string, state: LoadState): void {
  try {
    const data = actionData(JSON.parse(body), 'action.addUpdate') as { ref?: string; etag?: string };
    if (data.ref && data.etag) state.etags.set(data.ref, data.etag);
  } catch {
    // not an action card (e.g. the floor's): nothing to keep
  }
}

// One measurement for bench/packFiles.ts, in its own process so each starts from the same heap:
// make one board-pack file from N generated actions and N risks (made as they are read, never
// held), into a sink that counts bytes and keeps nothing. Prints one JSON line.
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { createAction, type Action } from '../records/action.js';
import { packFile, type PackFileKind } from '../records/pack/packFiles.js';
import { meetingPackOf } from '../records/pack/meetingPack.js';
import { MAX_AGENDA_ITEMS } from '../records/meeting.js';
import type { Actor } from '../records/people.js';
import { createRisk, type Risk } from '../records/risk.js';
import { createSignOff, type SignOff } from '../records/signoff.js';
import { applySignOffCommand } from '../records/signoffCommands.js';

const kind = process.argv[2] as PackFileKind;
const size = Number(process.argv[3]);
/** `meeting`: the pack for a meeting (cover, an 80-item agenda with cover sheets, the last key messages) before the registers. */
const forMeeting = process.argv[4] === 'meeting';
const NOW = new Date('2026-11-23T10:00:00Z');
const SAM: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-chair', name: 'Helen Price', roles: ['chair'] };

const ok = <T>(t: { ok: true; record: T } | { ok: false; refusal: { message: string } }): T => {
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
};

const actionTemplate = ok(
  createAction(
    {
      place: 'BPL',
      description:
        'Draft terms of reference for the Place Integration Deal delivery group and bring them to the December board for approval',
      owner: { id: 'aad-ruth', name: 'Ruth Ellison' },
      dueDate: '2026-12-18',
      source: { meeting: 'Blackpool Place Partnership Board', date: '2026-11-20' },
      links: { priority: 'BCF' },
    },
    'BPL-A-0001',
    SAM,
    new Date('2026-11-20T10:00:00Z'),
  ),
);
const riskTemplate = ok(
  createRisk(
    {
      place: 'BPL',
      title: 'Workforce gaps in integrated neighbourhood teams',
      cause: 'Vacancies in community nursing and competing system asks',
      event: 'Neighbourhood teams cannot staff the agreed model',
      effect: 'Delayed discharges and poorer experience for residents',
      category: 'workforce',
      owner: { id: 'aad-ruth', name: 'Ruth Ellison' },
      initial: { likelihood: 4, consequence: 4 },
      target: { likelihood: 2, consequence: 3 },
      controls: ['Place workforce group meets monthly'],
      gapsInControl: ['No shared vacancy data across partners'],
      assurances: ['Quarterly report to the place partnership board'],
      response: 'treat',
    },
    'BPL-R-0001',
    SAM,
    NOW,
  ),
);
const signOffTemplate = ok(
  applySignOffCommand(
    ok(
      createSignOff(
        {
          place: 'BPL',
          board: 'Blackpool Place Partnership Board',
          title: 'Terms of reference',
          summary: 'For approval.',
          itemType: 'terms-of-reference',
          route: 'between-meetings',
          approvers: [{ id: CHAIR.id, name: CHAIR.name }],
          dueBy: '2026-12-07',
        },
        'BPL-S-0001',
        SAM,
        NOW,
      ),
    ),
    CHAIR,
    { type: 'approve' },
    NOW,
  ),
);

const gc =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    throw new Error('run with --expose-gc');
  });
let peak = 0;
let sampling = false;
/** What the maker holds now: the heap after a full collection (plus buffers), so garbage not yet collected does not count. */
const sample = () => {
  gc();
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers);
};

async function* made<T>(n: number, make: (i: number) => T): AsyncGenerator<T> {
  for (let i = 0; i < n; i++) {
    if (sampling && i % 250 === 0) sample();
    yield make(i);
  }
}

const pad = (i: number) => String(i + 1).padStart(5, '0');
const action = (i: number): Action => ({
  ...actionTemplate,
  ref: `BPL-A-${pad(i)}`,
  description: `${actionTemplate.description} (${i})`,
  dueDate: `2026-1${1 + (i % 2)}-${String(1 + (i % 28)).padStart(2, '0')}`,
});
const risk = (i: number): Risk => ({
  ...riskTemplate,
  ref: `BPL-R-${pad(i)}`,
  current: { likelihood: (1 + (i % 5)) as 1, consequence: (1 + ((i >> 2) % 5)) as 1 },
});
const signOff = (i: number): SignOff => ({ ...signOffTemplate, ref: `BPL-S-${pad(i)}` });

/** A meeting with a full agenda (80 items, every fourth a paper with a cover sheet and link) and published key messages before it. */
const meeting = meetingPackOf({
  meeting: {
    ref: 'BPL-M-0002',
    board: 'Blackpool Place Partnership Board',
    date: '2026-12-10',
    agenda: Array.from({ length: MAX_AGENDA_ITEMS }, (_, i) => ({
      section: i % 4 === 0 ? ('papers' as const) : ('overdue' as const),
      ref: i % 4 === 0 ? `BPL-S-${pad(i)}` : `BPL-A-${pad(i)}`,
      title: `${actionTemplate.description.slice(0, 120)} (${i})`,
      detail: 'Due Mon 16 Nov 2026, owner Ruth Ellison',
    })),
  },
  forum: {
    name: 'Blackpool Place Partnership Board',
    chairs: [{ id: CHAIR.id, name: CHAIR.name, title: 'Independent Chair' }],
    secretary: { id: SAM.id, name: SAM.name },
    startTime: '14:00',
  },
  where: 'Microsoft Teams, the Blackpool Partnership channel',
  papers: Array.from({ length: MAX_AGENDA_ITEMS / 4 }, (_, k) => ({
    ref: `BPL-S-${pad(k * 4)}`,
    paperUrl: `https://example.org/papers/${k}.pdf`,
    cover: {
      purpose: 'decision' as const,
      recommendations: 'Approve the plan and note the funding gap. '.repeat(20),
      author: 'Jo Marsden',
      finance: 'Within the Better Care Fund allocation. '.repeat(10),
    },
  })),
  previous: {
    ref: 'BPL-M-0001',
    board: 'Blackpool Place Partnership Board',
    date: '2026-11-12',
    keyMessages: {
      text: `Key Decisions and Actions\n${'The Board agreed to close BPL-A-0001, the discharge audit, because it is complete.\n'.repeat(30)}`,
      draftedBy: SAM,
      draftedAt: '2026-11-13T10:00:00.000Z',
      published: { signedOffBy: CHAIR, role: 'Independent Chair', at: '2026-11-16T09:00:00.000Z', posted: '2026-11-16' },
    },
  },
});

function source(n: number) {
  return {
    ...(forMeeting
      ? { meeting, lastMeeting: { ref: 'BPL-M-0001', board: meeting.forum, date: '2026-11-12', decisions: [], matters: [] } }
      : {}),
    place: 'BPL' as const,
    board: 'Blackpool Place Partnership Board',
    madeAt: NOW.toISOString(),
    madeBy: SAM,
    actions: () => made(n, action),
    risks: () => made(n, risk),
    signOffsDecidedSince: () => made(20, signOff),
    awaitingRatification: () => made(5, signOff),
  };
}

const sink = (count: (n: number) => void) =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      count(chunk.length);
      done();
    },
  });

async function main() {
  // Warm up (modules, JIT) with a small file of the same kind.
  await packFile(kind, source(20)).writeTo(sink(() => undefined));
  // Timed, with nothing else running.
  let bytes = 0;
  const t = performance.now();
  await packFile(kind, source(size)).writeTo(sink((n) => (bytes += n)));
  const ms = performance.now() - t;
  // Memory: the same file again, the heap collected and read every 250 records of each list
  // (and at the end), against the level just before it started.
  gc();
  const m0 = process.memoryUsage();
  const baseline = m0.heapUsed + m0.external + m0.arrayBuffers;
  peak = baseline;
  sampling = true;
  await packFile(kind, source(size)).writeTo(sink(() => undefined));
  sample();
  console.log(
    JSON.stringify({
      kind,
      size,
      meeting: forMeeting,
      ms,
      bytes,
      startMB: baseline / 2 ** 20,
      peakMB: peak / 2 ** 20,
      rssMB: process.memoryUsage().rss / 2 ** 20,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The abuse run, kept: thousands of generated activities through the real local host to the real
// bot on Azurite, with a fixed seed. Every card verb the app registers is fuzzed (the list comes
// from the app itself, so a new flow's verbs are fuzzed the day they land), with missing,
// wrong-typed, huge, unicode, markdown/HTML, OData-looking and prototype-polluting data; random
// messages; malformed envelopes. Whatever comes in: no 5xx, no generic error, every card under
// 40 KB, every answer inside 5 s, the app still healthy, and the store's invariants hold after.
// The floods and the forged second refs are fuzzed in floodsAndForgedRefs.fuzz.test.ts; the people,
// clock and seeding both use are in support.ts.
import { expect } from 'chai';
import fc from 'fast-check';
import { odata, TableClient } from '@azure/data-tables';
import { registeredVerbs } from '../../../bot/teams/routes.js';
import { PLACE_CODES } from '../../../records/places.js';
import { MAX_ACTIVITY_BYTES } from '../../../functions/messages.js';
import { parseRef } from '../../../records/refs.js';
import type { BaseRecord } from '../../../records/store/codecs.js';
import { wordRows } from '../../../records/store/wordIndex.js';
import { BotHarness, cardsOf, invokeActivity, messageActivity } from '../../support/botHarness.js';
import { checkCard } from '../../support/cardCheck.js';
import { CARRIED, fuzzClock, GENERIC, MEMBERS, seed, sender, type Live } from './support.js';

/** Two fixed seeds, each for half the runs: 2,100 activities in all, as with one. */
const SEEDS = [20261123, 19_2026];
const RUNS = Number(process.env.FUZZ_RUNS ?? 210);
const PER_RUN = 10; // activities sent at once in each run: 2,100 in all
const CARD_LIMIT = 40 * 1024;
const TEAMS_LIMIT_MS = 5000;

/** Built once: big strings are costly to generate per run. */
const KB100 = 'x'.repeat(100 * 1024);
const MB1 = 'y'.repeat(1000 * 1000);

const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      '**bold** _it_ [link](https://evil.example) <at>Helen</at>',
      "' or PartitionKey ne '",
      "BPL' or RowKey gt '",
      "$filter=PartitionKey eq 'BPL'",
      '__proto__',
      'constructor',
      '${ref}',
      '{{$root}}',
      'BPL-A-0001',
      'SC-A-0000',
      `BPL-A-${'9'.repeat(309)}`,
      '2026-13-45',
      '2026-02-29',
      '',
      '   ',
      '\u202Eevil\u202C',
      '🙂'.repeat(50),
      'ＢＰＬ-Ａ-０００１',
      'rec|BPL-A-0001',
      '%00%2e%2e/',
    ),
  },
  { weight: 1, arbitrary: fc.constant(KB100) },
  { weight: 1, arbitrary: fc.constant(MB1.slice(0, 300_000)) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')) },
  // Ids that look right: a form id, a person of the conversation as delegate, a channel, a page.
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('aad-helen', 'aad-alex', 'aad-zed', '19:other@thread.tacv2', '1', '-1', '9999') },
);

type Planned = { kind: 'verb' | 'submit' | 'message' | 'unknownVerb' | 'malformed'; build: (serviceUrl: string, live: Live) => object };

const conversation = fc.constantFrom(
  { conversationType: 'personal' as const },
  { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' },
  { conversationType: 'channel' as const, conversationId: '19:channel@thread.tacv2' },
);

function cardData(verbs: readonly string[]) {
  return fc.record({
    verb: fc.constantFrom(...verbs),
    useLiveRef: fc.nat({ max: 9 }),
    useLiveEtag: fc.boolean(),
    fields: fc.array(fc.tuple(fc.nat(), hostileValue), { maxLength: 6 }),
    from: sender,
    where: conversation,
  });
}

function planFor(verbs: readonly string[]): fc.Arbitrary<Planned> {
  const dataOf = (d: { useLiveRef: number; useLiveEtag: boolean; fields: [number, unknown][] }, live: Live) => {
    const data: Record<string, unknown> = {};
    const ref = live.refs[d.useLiveRef % Math.max(1, live.refs.length)];
    if (ref && d.useLiveRef < 7) {
      data.ref = ref;
      if (d.useLiveEtag) data.etag = live.etags.get(ref);
    }
    for (const [i, v] of d.fields) data[live.fields[i % live.fields.length]!] = v;
    return data;
  };
  // Answers, delegates, conflicts, ratification and setup on the live sign-offs with their current
  // ETags, from anyone: the rules between people (issue 19) meet every sender.
  const onSignOffs = verbs.filter((v) => v.startsWith('signoff.') || v.startsWith('setup.'));
  const signOffRef = (live: Live, n: number) => {
    const refs = live.refs.filter((r) => parseRef(r)?.kind === 'signoff');
    return refs[n % Math.max(1, refs.length)];
  };
  return fc.oneof(
    {
      weight: 3,
      arbitrary: cardData(onSignOffs.length ? onSignOffs : verbs).map((d): Planned => ({
        kind: 'verb',
        build: (url, live) => {
          const ref = signOffRef(live, d.useLiveRef);
          const data = { ...dataOf({ ...d, useLiveRef: 9 }, live), ...(ref ? { ref, etag: live.etags.get(ref) } : {}) };
          return invokeActivity(url, d.verb, data, { from: d.from, ...d.where });
        },
      })),
    },
    {
      weight: 12,
      arbitrary: cardData(verbs).map((d): Planned => ({
        kind: 'verb',
        build: (url, live) => invokeActivity(url, d.verb, dataOf(d, live), { from: d.from, ...d.where }),
      })),
    },
    {
      weight: 2,
      arbitrary: cardData(verbs).map((d): Planned => ({
        kind: 'submit',
        build: (url, live) => ({
          ...messageActivity(url, '', { from: d.from, ...d.where }),
          text: undefined,
          value: { verb: d.verb, ...dataOf(d, live) },
        }),
      })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.oneof(hostileText, fc.constantFrom('my actions', 'log action', 'help', 'hi', 'show BPL-A-0001', 'bpl-a-0002')),
          sender,
          conversation,
        )
        .map(([text, from, where]): Planned => ({ kind: 'message', build: (url) => messageActivity(url, text, { from, ...where }) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(hostileText, hostileValue, sender).map(([verb, data, from]): Planned => ({
        kind: 'unknownVerb',
        build: (url) => invokeActivity(url, `zz.${verb.slice(0, 50)}`, { x: data }, { from }),
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'type',
            'from',
            'recipient',
            'conversation',
            'channelId',
            'serviceUrl',
            'locale',
            'name',
            'value',
            'text',
            'entities',
            'from.name',
            'from.id',
            'conversation.id',
          ),
          fc.oneof(
            fc.constant(undefined),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.constant([]),
            fc.constant({ nested: { deep: 1 } }),
          ),
          fc.boolean(),
        )
        .filter(([field, value]) => !(['value'].includes(field) && value === undefined))
        .map(([field, value, asInvoke]): Planned => ({
          kind: 'malformed',
          build: (url) => {
            const a: Record<string, unknown> = asInvoke ? invokeActivity(url, 'help') : messageActivity(url, 'help');
            if (field === 'value' && !asInvoke) return { ...a, type: 'invoke', name: 'adaptiveCard/action', value };
            const [head, sub] = field.split('.') as [string, string | undefined];
            if (sub) return { ...a, [head]: { ...(a[head] as object), [sub]: value ?? 42 } };
            if (field === 'text' || field === 'locale') return { ...a, [field]: value ?? 42 };
            return { ...a, [head]: value };
          },
        })),
    },
  );
}

/** Malformed values that a schema still accepts (e.g. an undefined optional field) are not malformed. */
function expectedMalformed(activity: Record<string, unknown>): boolean {
  const t = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
  const account = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id !== '';
  const nameOk = (v: unknown) => (v as { name?: unknown }).name === undefined || typeof (v as { name?: unknown }).name === 'string';
  if (typeof t.type !== 'string' || !t.type) return true;
  if (!account(t.from) || !nameOk(t.from) || !account(t.recipient) || !account(t.conversation)) return true;
  if (typeof t.channelId !== 'string' || typeof t.serviceUrl !== 'string') return true;
  if (t.locale !== undefined && typeof t.locale !== 'string') return true;
  if (t.text !== undefined && typeof t.text !== 'string') return true;
  if (t.entities !== undefined && !Array.isArray(t.entities)) return true;
  if (t.type === 'invoke') {
    if (typeof t.name !== 'string' || !t.name) return true;
    const v = t.value as { action?: { type?: unknown } } | null | undefined;
    if (t.name === 'adaptiveCard/action' && (typeof v !== 'object' || v === null || typeof v.action?.type !== 'string')) return true;
  }
  return false;
}

describe('Fuzz: generated activities through the local host to the bot on Azurite', function () {
  this.timeout(600_000);
  let bot: BotHarness;
  const { clock } = fuzzClock();
  const counts: Record<Planned['kind'], number> & { cards: number; maxCardBytes: number; maxMs: number } = {
    verb: 0,
    submit: 0,
    message: 0,
    unknownVerb: 0,
    malformed: 0,
    cards: 0,
    maxCardBytes: 0,
    maxMs: 0,
  };
  const live: Live = { refs: [], etags: new Map(), fields: [...CARRIED] };
  /** Every Action.Execute verb on every card the bot answered with. */
  const drawnVerbs = new Set<string>();

  before(async () => {
    bot = await BotHarness.start({ clock, members: MEMBERS });
    await seed(bot, clock, live);
  });
  after(async () => {
    console.log(`      fuzz counts: ${JSON.stringify(counts)}`);
    await bot?.stop();
  });

  it('the verb list comes from the app: every registered verb, action verbs included', () => {
    const verbs = registeredVerbs(bot.runtime.bot.app);
    expect(verbs).to.include.members(['action.create', 'action.addUpdate', 'action.reviseDueDate', 'action.proposeClosure', 'help']);
  });

  for (const seed of SEEDS) {
    const runs = Math.ceil(RUNS / SEEDS.length);
    it(`seed ${seed}: ${runs * PER_RUN} activities: no 5xx, no generic error, cards < 40 KB, answers < 5 s`, async () => {
      const verbs = registeredVerbs(bot.runtime.bot.app);
      await fc.assert(
        fc.asyncProperty(fc.array(planFor(verbs), { minLength: PER_RUN, maxLength: PER_RUN }), async (plans) => {
          for (const ref of live.refs) {
            const kind = parseRef(ref)?.kind;
            const stored = kind ? await bot.runtime.records.get(kind, ref) : undefined;
            if (stored) live.etags.set(ref, stored.etag);
          }
          await Promise.all(
            plans.map(async (plan) => {
              counts[plan.kind]++;
              const activity = plan.build(bot.serviceUrl, live) as Record<string, unknown>;
              const before = bot.replies.length;
              const started = Date.now();
              const res = await bot.post(activity);
              const ms = Date.now() - started;
              counts.maxMs = Math.max(counts.maxMs, ms);
              const what = `${plan.kind} ${JSON.stringify(activity).slice(0, 300)}`;
              expect(ms, `answered in ${ms} ms: ${what}`).to.be.below(TEAMS_LIMIT_MS);
              expect(res.status, what).to.be.below(500);
              if (Buffer.byteLength(JSON.stringify(activity)) > MAX_ACTIVITY_BYTES) {
                expect(res.status, what).to.equal(413);
                return;
              }
              if (plan.kind === 'malformed' && expectedMalformed(activity)) {
                expect(res.status, what).to.equal(400);
                expect(res.body, what).to.equal(undefined);
                return;
              }
              expect(res.status, `${what} → ${JSON.stringify(res.body)?.slice(0, 300)}`).to.be.oneOf([200, 400]);
              const cards: unknown[] = [];
              const body = res.body as { type?: string; value?: unknown } | undefined;
              if (body?.type === 'application/vnd.microsoft.card.adaptive') cards.push(body.value);
              // Replies of concurrent turns interleave: check everything new, whoever it was for.
              for (const r of bot.replies.slice(before)) {
                cards.push(...cardsOf(r.activity));
                expect(String(r.activity.text ?? ''), what).to.not.match(GENERIC);
              }
              for (const card of cards) {
                const report = checkCard(card);
                report.executeActions.forEach((a) => drawnVerbs.add(String(a.verb)));
                counts.cards++;
                counts.maxCardBytes = Math.max(counts.maxCardBytes, report.bytes);
                expect(report.bytes, what).to.be.below(CARD_LIMIT);
                expect(JSON.stringify(card), what).to.not.match(GENERIC);
              }
            }),
          );
        }),
        { seed, numRuns: runs, endOnFailure: true },
      );
    });
  }

  it('both seeds together sent every kind of activity, in the numbers the run is sized for', () => {
    const sent = counts.verb + counts.submit + counts.message + counts.unknownVerb + counts.malformed;
    expect(sent).to.be.at.least(2000);
    expect(counts.verb).to.be.at.least(1000);
    expect(counts.malformed).to.be.at.least(100);
  });

  it('the fuzz reached the rules between people: refused answers on the seeded sign-offs are kept in their audit trails', async () => {
    const signOffs = live.refs.filter((r) => parseRef(r)?.kind === 'signoff');
    const refused = (await Promise.all(signOffs.map((r) => bot.runtime.records.history('signoff', r))))
      .flat()
      .filter((e) => e.command.startsWith('refused:'));
    expect(refused.length).to.be.greaterThan(0);
  });

  it('every button on every card the bot drew is a registered verb (so the fuzz reached it)', () => {
    const verbs = registeredVerbs(bot.runtime.bot.app);
    expect(drawnVerbs.size).to.be.greaterThan(3);
    expect([...drawnVerbs].filter((v) => !verbs.includes(v))).to.deep.equal([]);
  });

  it('afterwards the app is healthy', async () => {
    const res = await fetch(`${bot.host.url}/api/health`);
    expect(res.status).to.equal(200);
  });

  it("afterwards the store's invariants hold: create events, replayable audit trails, refs 1..n, counters, the word index", async () => {
    const raw = TableClient.fromConnectionString(bot.storage.connectionString, 'records', { allowInsecureConnection: true });
    for (const place of PLACE_CODES) {
      const rows: Record<string, unknown>[] = [];
      for await (const e of raw.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${place}` } })) rows.push(e);
      const records = rows.filter((r) => String(r.rowKey).startsWith('rec|'));
      const events = rows.filter((r) => String(r.rowKey).startsWith('aud|') && (r.part ?? 1) === 1);
      const byRef = new Map<string, Record<string, unknown>[]>();
      for (const e of events) {
        const event = JSON.parse(joinChunks(rows, e)) as { ref: string; command: string; before: unknown; after: Record<string, unknown> };
        // A refused attempt is kept in the trail but changed nothing: not part of the replay.
        if (event.command.startsWith('refused:')) continue;
        byRef.set(event.ref, [...(byRef.get(event.ref) ?? []), event as unknown as Record<string, unknown>]);
      }
      for (const letter of ['A', 'R', 'S']) {
        const ofKind = records.filter((r) => parseRef(String(r.ref))?.kind === { A: 'action', R: 'risk', S: 'signoff' }[letter]);
        const ns = ofKind.map((r) => parseRef(String(r.ref))!.n).sort((a, b) => a - b);
        expect(ns, `${place}-${letter} refs`).to.deep.equal(ns.map((_, i) => i + 1));
        const counter = rows.find((r) => r.rowKey === `ctr|${letter}`);
        expect(Number(counter?.last ?? 0), `${place}-${letter} counter`).to.equal(ns.length);
      }
      for (const r of records) {
        const ref = String(r.ref);
        const trail = byRef.get(ref) ?? [];
        expect(trail[0]?.before, `${ref} has its create event first`).to.equal(null);
        expect(
          trail.filter((e) => e.before === null),
          `${ref} was created once`,
        ).to.have.length(1);
        const replayed: Record<string, unknown> = {};
        for (const e of trail) {
          for (const [k, v] of Object.entries(e.after as Record<string, unknown>)) {
            if (v === null) delete replayed[k];
            else replayed[k] = v;
          }
        }
        const stored = JSON.parse(joinChunks(rows, r)) as Record<string, unknown>;
        expect(replayed, `${ref} replayed from its audit trail`).to.deep.equal(JSON.parse(JSON.stringify(stored)));
      }
      for (const f of rows.filter((r) => String(r.rowKey).startsWith('frm|'))) {
        expect(
          records.map((r) => r.ref),
          `form ${String(f.rowKey)} names a record`,
        ).to.include(f.ref);
      }
      // The word index holds exactly each record's current words (records/store/wordIndex.ts).
      const indexed = rows
        .filter((r) => String(r.rowKey).startsWith('wrd|'))
        .map((r) => String(r.rowKey))
        .sort();
      const current = records
        .flatMap((r) => wordRows(JSON.parse(joinChunks(rows, r)) as BaseRecord))
        .map((w) => w.rowKey)
        .sort();
      expect(indexed, `${place} word index`).to.deep.equal(current);
    }
  });
});

/** The JSON an entity carries in data0..dataN (records; an audit event's parts joined in order). */
function joinChunks(rows: Record<string, unknown>[], first: Record<string, unknown>): string {
  const parts = typeof first.parts === 'number' ? first.parts : 1;
  const entities = [
    first,
    ...Array.from({ length: parts - 1 }, (_, i) => rows.find((r) => r.rowKey === `${String(first.rowKey)}|${i + 2}`)!),
  ];
  return entities.map((e) => Array.from({ length: Number(e.chunks ?? 0) }, (_, i) => String(e[`data${i}`] ?? '')).join('')).join('');
}

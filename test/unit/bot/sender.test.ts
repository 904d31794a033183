import { expect } from 'chai';
import { messagePeople, ProactiveSender, retryAfterMs, retryDelayMs, type PostFn } from '../../../bot/teams/sender.js';

/**
 * A simulated clock: nothing really waits. Sleepers are woken in time order; once every pending
 * promise has settled (setImmediate), the clock jumps to the earliest wake-up.
 */
function simulated() {
  let now = 0;
  const timers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const advance = () => {
    scheduled = false;
    if (!timers.length) return;
    timers.sort((a, b) => a.at - b.at);
    const at = timers[0]!.at;
    now = Math.max(now, at);
    while (timers.length && timers[0]!.at <= now) timers.shift()!.wake();
    if (timers.length) schedule();
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(advance);
    }
  };
  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      timers.push({ at: now + ms, wake });
      schedule();
    });
  return {
    clock: () => now,
    sleep,
    get now() {
      return now;
    },
  };
}

const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), {
    statusCode: status,
    response: { status, headers: { get: (n: string) => headers[n.toLowerCase()] } },
  });

const ref = (id: string) => ({ conversation: { id, tenantId: 't1' } }) as never;
const message = { type: 'message', text: 'hi' };

describe('proactive sender', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(retryAfterMs(httpError(429, { 'retry-after': '3' }), 0)).to.equal(3000);
    const now = Date.parse('2026-11-23T09:00:00Z');
    expect(retryAfterMs(httpError(429, { 'retry-after': 'Mon, 23 Nov 2026 09:00:05 GMT' }), now)).to.equal(5000);
    expect(retryAfterMs(httpError(429), 0)).to.equal(undefined);
  });

  it('waits at least what Retry-After asks (plus at most 10% jitter), else backs off exponentially with jitter', () => {
    expect(retryDelayMs(httpError(429, { 'retry-after': '2' }), 1, 0, () => 0)).to.equal(2000);
    expect(retryDelayMs(httpError(429, { 'retry-after': '2' }), 1, 0, () => 0.999)).to.equal(2200);
    expect(retryDelayMs(httpError(502), 1, 0, () => 0)).to.equal(250);
    expect(retryDelayMs(httpError(502), 4, 0, () => 1)).to.equal(4000);
    expect(retryDelayMs(httpError(504), 20, 0, () => 1)).to.equal(16000);
  });

  it('a 429 with Retry-After is retried after that long, and the post then succeeds once', async () => {
    const t = simulated();
    let calls = 0;
    const post: PostFn = async () => {
      calls++;
      if (calls === 1) throw httpError(429, { 'retry-after': '4' });
      return 'activity-1';
    };
    const sender = new ProactiveSender(post, { clock: t.clock, sleep: t.sleep, random: () => 0 });
    const result = await sender.send(ref('c1'), message);
    expect(result).to.deep.equal({ ok: true, activityId: 'activity-1', attempts: 2 });
    expect(t.now).to.be.at.least(4000);
    expect(sender.stats).to.include({ posts: 1, retries: 1, throttled: 1 });
  });

  it('412, 502 and 504 are retried; 400 is not', async () => {
    for (const status of [412, 502, 504]) {
      const t = simulated();
      let calls = 0;
      const sender = new ProactiveSender(async () => (++calls < 3 ? Promise.reject(httpError(status)) : 'ok'), {
        clock: t.clock,
        sleep: t.sleep,
      });
      expect((await sender.send(ref('c'), message)).ok, String(status)).to.equal(true);
    }
    const t = simulated();
    const sender = new ProactiveSender(async () => Promise.reject(httpError(400)), { clock: t.clock, sleep: t.sleep });
    expect(await sender.send(ref('c'), message)).to.deep.include({ ok: false, gone: false, status: 400, attempts: 1 });
  });

  it('403 and 404 mean the conversation is gone: no retry', async () => {
    const t = simulated();
    const sender = new ProactiveSender(async () => Promise.reject(httpError(403)), { clock: t.clock, sleep: t.sleep });
    expect(await sender.send(ref('c'), message)).to.deep.include({ ok: false, gone: true, status: 403, attempts: 1 });
  });

  it('gives up when the time budget would be exceeded, however many retries botbuilder already made', async () => {
    const t = simulated();
    const sender = new ProactiveSender(async () => Promise.reject(httpError(429, { 'retry-after': '20' })), {
      clock: t.clock,
      sleep: t.sleep,
      random: () => 0,
      budgetMs: 60_000,
    });
    const result = await sender.send(ref('c'), message);
    expect(result).to.deep.include({ ok: false, gone: false, status: 429 });
    expect(result.attempts).to.equal(4); // 0, 20, 40, 60 s: a fifth would start after the budget
    expect(t.now).to.be.at.most(60_000);
  });

  it('updates a posted message in place with the same retries: 502 retried, then done; 404 (message deleted) is gone at once', async () => {
    const t = simulated();
    const calls: string[] = [];
    let failFirst = true;
    const sender = new ProactiveSender(async () => 'posted', {
      clock: t.clock,
      sleep: t.sleep,
      update: async (_reference, activityId) => {
        calls.push(activityId);
        if (activityId === 'deleted') throw httpError(404);
        if (failFirst) {
          failFirst = false;
          throw httpError(502);
        }
      },
    });
    expect(await sender.update(ref('c'), 'card-1', message)).to.deep.equal({ ok: true, activityId: 'card-1', attempts: 2 });
    expect(await sender.update(ref('c'), 'deleted', message)).to.deep.include({ ok: false, gone: true, status: 404, attempts: 1 });
    expect(calls).to.deep.equal(['card-1', 'card-1', 'deleted']);
  });

  it('updates count against the same per-conversation limit as posts', async () => {
    const t = simulated();
    const times: number[] = [];
    const sender = new ProactiveSender(async () => (times.push(t.now), 'ok'), {
      clock: t.clock,
      sleep: t.sleep,
      update: async () => void times.push(t.now),
    });
    for (let i = 0; i < 10; i++) await (i % 2 ? sender.send(ref('one'), message) : sender.update(ref('one'), `m${i}`, message));
    expect(times.filter((x) => x < 1000)).to.have.length(7);
  });

  it('a sender made without an update function says so rather than posting a new message', async () => {
    let posts = 0;
    const sender = new ProactiveSender(async () => (posts++, 'ok'));
    expect(await sender.update(ref('c'), 'card-1', message)).to.deep.include({ ok: false, gone: false, attempts: 0 });
    expect(posts).to.equal(0);
  });

  it('keeps to 7 posts a second and 60 per 30 seconds in one conversation', async () => {
    const t = simulated();
    const times: number[] = [];
    const sender = new ProactiveSender(async () => (times.push(t.now), 'ok'), { clock: t.clock, sleep: t.sleep });
    for (let i = 0; i < 120; i++) await sender.send(ref('one'), message);
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((x) => x >= times[i]! && x < times[i]! + 1000).length).to.be.at.most(7);
      expect(times.filter((x) => x >= times[i]! && x < times[i]! + 30_000).length).to.be.at.most(60);
    }
    expect(times.at(-1)).to.be.at.least(30_000); // 120 posts need at least one more 30-second window
  });

  it('keeps to 30 posts a second across a tenant, however many conversations', async () => {
    const t = simulated();
    const times: number[] = [];
    const sender = new ProactiveSender(async () => (times.push(t.now), 'ok'), { clock: t.clock, sleep: t.sleep });
    await Promise.all(Array.from({ length: 200 }, (_, i) => sender.send(ref(`c${i}`), message)));
    for (let i = 0; i < times.length; i++) expect(times.filter((x) => x >= times[i]! && x < times[i]! + 1000).length).to.be.at.most(30);
    expect(times).to.have.length(200);
  });
});

describe('Messaging people 1:1 (messagePeople), e.g. approvers asked from elsewhere', () => {
  const people = ['known', 'never-met', 'blocked', 'slow', 'storage-down'].map((id) => ({ id, name: id }));
  const references: Record<string, Record<string, unknown>> = {
    known: { conversation: { id: 'a:known' } },
    blocked: { conversation: { id: 'a:blocked' } },
    slow: { conversation: { id: 'a:slow' } },
  };
  const messenger = {
    referenceOf: async (id: string) => {
      if (id === 'storage-down') throw new Error('The record store is not answering');
      return references[id];
    },
    send: (reference: Record<string, unknown>) => {
      const id = (reference.conversation as { id: string }).id;
      if (id === 'a:slow') return new Promise<never>(() => undefined); // still on its way when the budget ends
      if (id === 'a:blocked')
        return Promise.resolve({ ok: false as const, gone: true, status: 403, reason: 'HTTP 403: blocked', attempts: 1 });
      return Promise.resolve({ ok: true as const, activityId: 'm1', attempts: 1 });
    },
  };

  it('tells who was sent it, who has no personal chat, whose send failed and whose is still on its way; it never throws', async () => {
    const results = await messagePeople(
      messenger,
      people.map((person) => ({ person, activity: () => ({ type: 'message' }) })),
      20,
    );
    expect(results.map((r) => `${r.person.id}: ${r.outcome}`)).to.deep.equal([
      'known: sent',
      'never-met: unknown',
      'blocked: failed',
      'slow: pending',
      'storage-down: failed',
    ]);
    expect(results.find((r) => r.person.id === 'blocked')?.reason).to.equal('HTTP 403: blocked');
  });
});

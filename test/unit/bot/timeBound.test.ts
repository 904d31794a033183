import { expect } from 'chai';
import { waitAtMost, within } from '../../../bot/change/timeBound.js';

const never = <T>() => new Promise<T>(() => undefined);
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('Bounding a step in time (bot/change/timeBound.ts)', () => {
  it('gives the work’s result when it comes in time', async () => {
    expect(await within(Promise.resolve('members'), 50, () => 'fallback')).to.equal('members');
  });

  it('gives the fallback when the work is too slow, and the work’s own failure when it fails in time', async () => {
    expect(await within(never<string>(), 5, () => 'fallback')).to.equal('fallback');
    let failed: unknown;
    await within(Promise.reject(new Error('403')), 50, () => 'fallback').catch((err: unknown) => (failed = err));
    expect((failed as Error).message).to.equal('403');
  });

  it('a failure after the deadline is dropped, never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const late = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('late')), 15));
      expect(await within(late, 1, () => 'fallback')).to.equal('fallback');
      await after(30, undefined);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waitAtMost returns when the work settles, however it settles, or when time is up', async () => {
    await waitAtMost(Promise.reject(new Error('send failed')), 50);
    const started = Date.now();
    await waitAtMost(never(), 5);
    expect(Date.now() - started).to.be.below(1000);
  });
});

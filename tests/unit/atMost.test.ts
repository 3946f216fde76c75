import { describe, expect, it } from 'vitest';
import { atMost } from '../../src/util/atMost';

describe('atMost', () => {
  it('waits for a promise that settles in time, and no longer than the limit for one that does not', async () => {
    let done = false;
    await atMost(new Promise((r) => setTimeout(() => r((done = true)), 10)), 1000);
    expect(done).toBe(true);
    const t0 = performance.now();
    await atMost(new Promise(() => undefined), 30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });

  it('does not reject when the promise does', async () => {
    await expect(atMost(Promise.reject(new Error('x')), 1000)).resolves.toBeUndefined();
  });
});

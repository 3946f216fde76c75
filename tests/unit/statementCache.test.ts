import { describe, expect, it } from 'vitest';
import { StatementCache, type Prepared } from '../../src/db/statementCache';

/** A statement that records what happens to it; `gate` holds its queries until released. */
function recorder() {
  const log: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const prepare = async (sql: string): Promise<Prepared<string>> => {
    log.push(`prepare ${sql}`);
    if (sql === 'bad') throw new Error('syntax error');
    return {
      async query(...params: unknown[]) {
        if (gate) await gate;
        log.push(`query ${sql} ${params.join(',')}`);
        return `${sql}(${params.join(',')})`;
      },
      async close() {
        log.push(`close ${sql}`);
      },
    };
  };
  const hold = () => {
    gate = new Promise<void>((r) => (release = () => ((gate = null), r())));
  };
  return { log, prepare, hold, release: () => release() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('StatementCache', () => {
  it('prepares a statement once and runs it with each set of values', async () => {
    const r = recorder();
    const cache = new StatementCache(r.prepare);
    expect(await cache.run('a', [1])).toBe('a(1)');
    expect(await cache.run('a', [2])).toBe('a(2)');
    expect(r.log.filter((l) => l.startsWith('prepare'))).toEqual(['prepare a']);
  });

  it('closes the least recently used statement past its size', async () => {
    const r = recorder();
    const cache = new StatementCache(r.prepare, 2);
    await cache.run('a', []);
    await cache.run('b', []);
    await cache.run('a', []);
    await cache.run('c', []);
    await tick();
    expect(r.log).toContain('close b');
    expect(r.log).not.toContain('close a');
    expect(cache.size).toBe(2);
  });

  it('does not close a statement a query is still using when invalidated, and prepares afresh after', async () => {
    const r = recorder();
    const cache = new StatementCache(r.prepare);
    await cache.run('a', [0]);
    r.hold();
    const running = cache.run('a', [1]);
    await tick();
    cache.invalidate();
    await tick();
    expect(r.log).not.toContain('close a');
    r.release();
    expect(await running).toBe('a(1)');
    await tick();
    expect(r.log.at(-1)).toBe('close a');
    await cache.run('a', [2]);
    expect(r.log.filter((l) => l === 'prepare a')).toHaveLength(2);
  });

  it('reports a statement that fails to prepare and does not keep it', async () => {
    const r = recorder();
    const cache = new StatementCache(r.prepare);
    await expect(cache.run('bad', [])).rejects.toThrow('syntax error');
    await tick();
    expect(cache.size).toBe(0);
    await expect(cache.run('bad', [])).rejects.toThrow('syntax error');
    expect(r.log.filter((l) => l === 'prepare bad')).toHaveLength(2);
  });
});

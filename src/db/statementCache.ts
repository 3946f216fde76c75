/**
 * Prepared statements kept by their SQL text. The views ask the same few dozen queries over and
 * over with other bound values (a scope change is the same SQL for another county), and DuckDB's
 * planning of a query with dozens of filtered aggregates costs more than running it over the
 * pre-aggregated tables. A statement is planned once and run many times.
 *
 * The tables those plans read are replaced after every import (src/db/stats.ts): `invalidate()`
 * drops every statement, closing each once no query still uses it.
 */
export interface Prepared<R> {
  query(...params: unknown[]): Promise<R>;
  close(): Promise<void>;
}

interface Entry<R> {
  stmt: Promise<Prepared<R>>;
  uses: number;
  stale: boolean;
}

export class StatementCache<R> {
  private readonly entries = new Map<string, Entry<R>>();

  constructor(
    private readonly prepare: (sql: string) => Promise<Prepared<R>>,
    private readonly max = 64,
  ) {}

  async run(sql: string, params: readonly unknown[]): Promise<R> {
    let e = this.entries.get(sql);
    if (e) this.entries.delete(sql);
    else {
      const made: Entry<R> = { stmt: this.prepare(sql), uses: 0, stale: false };
      // A statement that fails to prepare is not kept: the next call reports its own error.
      made.stmt.catch(() => {
        if (this.entries.get(sql) === made) this.entries.delete(sql);
      });
      e = made;
    }
    // Most recently used last: the first is the one to evict.
    this.entries.set(sql, e);
    this.evict();
    e.uses++;
    try {
      return await (await e.stmt).query(...params);
    } finally {
      e.uses--;
      if (e.stale && e.uses === 0) void this.close(e);
    }
  }

  /** Forgets every statement (the tables they read may be gone or changed). */
  invalidate(): void {
    for (const e of this.entries.values()) this.retire(e);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private evict() {
    while (this.entries.size > this.max) {
      const [sql, e] = this.entries.entries().next().value as [string, Entry<R>];
      this.entries.delete(sql);
      this.retire(e);
    }
  }

  private retire(e: Entry<R>) {
    e.stale = true;
    if (e.uses === 0) void this.close(e);
  }

  private async close(e: Entry<R>) {
    try {
      await (await e.stmt).close();
    } catch {
      // Never prepared, or its connection is gone: nothing to free.
    }
  }
}

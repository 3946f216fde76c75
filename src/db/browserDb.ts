/**
 * DuckDB-WASM in a Web Worker, with its wasm and worker files served by the app itself
 * (Vite `?url` assets), so nothing is fetched from a CDN and it works offline.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Db, Row, SqlParam } from './types';
import { arrowToRows } from './rows';
import { FORK_SQL, LOCKDOWN_SQL } from './lockdown';
import { traceSince } from '../util/trace';
import { handOver } from './handOver';
import { noteActivity } from './activity';

/** A statement's measure name: its first words. */
const traceName = (sql: string) => `db ${sql.replace(/\s+/g, ' ').trim().slice(0, 120)}`;

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/**
 * The engine's worker answers queries in the order it gets them, and a view asks a dozen at once:
 * children's effects first, so the charts' queries would go before the KPI cards' above them.
 * Queries asked in one turn of the page are let through at the end of it, highest priority first.
 * The turn ends with a microtask: React runs a render's effects in one go, so they have all asked
 * by then. A task (a message to itself, as before) ran only after the browser had laid out and
 * painted the new render, and a county change's queries left 40–70 ms after the click instead of
 * 25 (a timer would be worse still: a tab in the background, where an import may run, gets one a
 * second or less).
 */
class TurnQueue {
  private waiting: { priority: number; go: () => void }[] = [];

  wait(priority: number): Promise<void> {
    return new Promise((go) => {
      if (this.waiting.length === 0) queueMicrotask(() => this.release());
      this.waiting.push({ priority, go });
    });
  }

  private release() {
    const now = this.waiting;
    this.waiting = [];
    // A stable sort: equal priorities keep the order they were asked in.
    for (const w of now.sort((a, b) => b.priority - a.priority)) w.go();
  }
}

/**
 * @param onCrash called once if the worker dies (out of memory, a wasm trap): every later query
 * would fail, so the app must say so and offer a reload; the saved data is not affected.
 */
export async function openBrowserDb(onCrash?: (message: string) => void): Promise<Db> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (!bundle.mainWorker) throw new Error('DuckDB bundle has no worker');
  const worker = new Worker(bundle.mainWorker);
  let crashed = false;
  const crash = (message: string) => {
    if (crashed) return;
    crashed = true;
    onCrash?.(message);
  };
  worker.addEventListener('error', (e) => crash(e.message || 'worker error'));
  worker.addEventListener('messageerror', () => crash('worker message error'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const t0 = performance.now();
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  traceSince('engine instantiate', t0);
  const t1 = performance.now();
  const conn = await db.connect();
  traceSince('engine connect', t1);
  const t2 = performance.now();
  for (const s of LOCKDOWN_SQL) await conn.query(s);
  traceSince('engine lockdown', t2);
  return connectionDb(db, conn, worker);
}

/** One connection of the engine as a Db; `fork` opens another on the same engine. */
function connectionDb(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection, worker: Worker | null): Db {
  const turn = new TurnQueue();
  return {
    async query<T extends Row>(sql: string, params?: readonly SqlParam[], opts?: { priority?: number }) {
      await turn.wait(opts?.priority ?? 0);
      const t0 = performance.now();
      try {
        if (params && params.length > 0) {
          const stmt = await conn.prepare(sql);
          try {
            return arrowToRows<T>(await stmt.query(...params));
          } finally {
            await stmt.close();
          }
        }
        return arrowToRows<T>(await conn.query(sql));
      } finally {
        noteActivity();
        traceSince(() => traceName(sql), t0, { sql, params });
      }
    },
    async exec(sql: string) {
      const t0 = performance.now();
      await conn.query(sql);
      traceSince(() => traceName(sql), t0);
    },
    async registerText(p: string, text: string) {
      await db.registerFileText(p, text);
    },
    async registerBuffer(p: string, bytes: Uint8Array) {
      await db.registerFileBuffer(p, handOver(bytes, p));
    },
    async registerEmpty(p: string) {
      await db.registerEmptyFileBuffer(p);
    },
    async readBuffer(p: string) {
      return db.copyFileToBuffer(p);
    },
    async dropFile(p: string) {
      await db.dropFile(p);
    },
    async insertArrow(table: string, ipc: Uint8Array, opts?: { create?: boolean }) {
      const t0 = performance.now();
      await conn.insertArrowFromIPCStream(handOver(ipc, `Arrow stream for ${table}`), { name: table, create: opts?.create ?? false });
      traceSince(`db insert Arrow into ${table} (${ipc.length} bytes)`, t0);
    },
    async queryArrow(sql: string) {
      const t0 = performance.now();
      try {
        // biome-ignore lint/correctness/useHookAtTopLevel: DuckDB-WASM's connection method, not a React hook
        return await conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
      } finally {
        // Traced as the other statements are: a save's dumps are most of its engine time.
        traceSince(() => traceName(sql), t0);
      }
    },
    async close() {
      await conn.close();
      if (!worker) return;
      await db.terminate();
      worker.terminate();
    },
    async fork() {
      const next = await db.connect();
      for (const s of FORK_SQL) await next.query(s);
      return connectionDb(db, next, null);
    },
  };
}

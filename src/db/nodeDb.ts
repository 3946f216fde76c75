/**
 * DuckDB-WASM's Node (blocking) build behind the Db interface: the real engine for tests,
 * scripts and benchmarks. Not imported by the browser bundle.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db, Row, SqlParam } from './types';
import { arrowToRows } from './rows';
import { FORK_SQL, LOCKDOWN_SQL } from './lockdown';

const require = createRequire(import.meta.url);

export async function openNodeDb(): Promise<Db> {
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const s of LOCKDOWN_SQL) conn.query(s);
  return connectionDb(db, conn, true);
}

type Blocking = Awaited<ReturnType<typeof import('@duckdb/duckdb-wasm/blocking').createDuckDB>>;

function connectionDb(db: Blocking, conn: ReturnType<Blocking['connect']>, owner: boolean): Db {
  return {
    async query<T extends Row>(sql: string, params?: readonly SqlParam[]) {
      if (params && params.length > 0) {
        const stmt = conn.prepare(sql);
        try {
          return arrowToRows<T>(stmt.query(...params));
        } finally {
          stmt.close();
        }
      }
      return arrowToRows<T>(conn.query(sql));
    },
    async exec(sql: string) {
      conn.query(sql);
    },
    async registerText(p: string, text: string) {
      db.registerFileText(p, text);
    },
    async registerBuffer(p: string, bytes: Uint8Array) {
      db.registerFileBuffer(p, bytes);
    },
    async registerEmpty(p: string) {
      db.registerFileBuffer(p, new Uint8Array());
    },
    async readBuffer(p: string) {
      return db.copyFileToBuffer(p);
    },
    async dropFile(p: string) {
      db.dropFile(p);
    },
    async insertArrow(table: string, ipc: Uint8Array, opts?: { create?: boolean }) {
      conn.insertArrowFromIPCStream(ipc, { name: table, create: opts?.create ?? false });
    },
    async queryArrow(sql: string) {
      // biome-ignore lint/correctness/useHookAtTopLevel: DuckDB-WASM's connection method, not a React hook
      return conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
    },
    async close() {
      conn.close();
      if (owner) db.reset();
    },
    async fork() {
      const next = db.connect();
      for (const s of FORK_SQL) next.query(s);
      return connectionDb(db, next, false);
    },
  };
}

/**
 * The benchmark's reference: the same file loaded by DuckDB-WASM alone (same eh bundle as the
 * app) with `CREATE TABLE AS SELECT * FROM read_csv(..., all_varchar=true)` — DuckDB's parser
 * and nothing else, what any import in this engine costs at least. (With type detection DuckDB
 * refuses the generated roster outright: a vote count typed in full-width digits.)
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

declare global {
  interface Window {
    __bare?: { ms: number; rows: number } | { error: string };
    __ready?: boolean;
  }
}

const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(ehWorker));
await db.instantiate(ehWasm);
const conn = await db.connect();
window.__ready = true;

document.getElementById('file')!.addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  try {
    const t0 = performance.now();
    await db.registerFileHandle('bare.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query("CREATE TABLE t AS SELECT * FROM read_csv('bare.csv', all_varchar=true)");
    const ms = performance.now() - t0;
    const rows = Number((await conn.query('SELECT count(*) AS n FROM t')).toArray()[0]!.n);
    window.__bare = { ms, rows };
  } catch (err) {
    window.__bare = { error: err instanceof Error ? err.message : String(err) };
  }
  document.getElementById('out')!.textContent = JSON.stringify(window.__bare);
});

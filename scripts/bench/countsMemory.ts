/**
 * How much memory the count tables' build needs (STATS_SQL, src/db/stats.ts), against a git
 * revision's (HEAD unless `--base <rev>`): the benchmark's files imported into DuckDB's Node build
 * as the app imports them, then each build run under a memory limit, bisected to the least limit
 * (to 10 MB) it runs through, and the statement that fails just below it named: where the build
 * peaks. The wasm heap (counts.ts) only shows growth past what the import already took, which
 * varies from one process to the next. A limit compares builds in one process; what ran before in
 * it still moves the figure by some tens of MB (docs/performance.md, "Running the benchmark").
 *
 *   npx tsx scripts/bench/countsMemory.ts 1000000 [--base HEAD~1] [--upto link_years] [--from 500] [--to 1500]
 *
 * `--upto <table>` runs the statements before the one that makes that table only; `--from` and
 * `--to` bound the bisection (MB; each step is a build, some 20 s at a million roster rows). The
 * limit is the engine's (every table and hash table it manages, the data included), not the tab's.
 */
import { COUNT_TABLES } from '../../src/db/countTables';
import { LOCKDOWN_SQL } from '../../src/db/lockdown';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema, rebuildViews } from '../../src/db/schema';
import { STATS_SQL } from '../../src/db/stats';
import type { Db } from '../../src/db/types';
import { baseStatements } from './baseRevision';
import { benchFiles } from './generate';
import { importFiles } from './nodeImport';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rows = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 1_000_000);
const base = option('--base') ?? 'HEAD';
const upto = option('--upto');
const from = Number(option('--from') ?? 100);
const to = Number(option('--to') ?? 4000);

const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
const until = (sqls: readonly string[]) => {
  if (!upto) return sqls;
  const at = sqls.findIndex((s) => new RegExp(`TABLE ${upto}\\b`).test(s));
  if (at < 0) throw new Error(`no statement makes ${upto}`);
  return sqls.slice(0, at);
};

const old = await baseStatements(base);
// The limit must change between runs: the app's lockdown ends by locking the configuration.
const locked = LOCKDOWN_SQL as string[];
locked.splice(locked.indexOf('SET lock_configuration=true'), 1);
const db = await openNodeDb();
await ensureSchema(db);
const files = benchFiles(rows);
console.log(`loaded ${(await importFiles(db, [files.roster, ...files.results], true)).join(' + ')} rows (in the engine)`);

/** Runs the statements under `mb`; the one that failed, or null. Whatever they made is dropped either way. */
async function runUnder(db: Db, sqls: readonly string[], mb: number): Promise<string | null> {
  await db.exec(`SET memory_limit = '${mb}MB'`);
  let at: string | null = null;
  try {
    for (const sql of sqls) {
      at = sql;
      await db.exec(sql);
    }
    at = null;
  } catch {
    // `at` is the statement that ran out.
  } finally {
    await db.exec(`SET memory_limit = '16GB'`);
    for (const { t } of await db.query<{ t: string }>('SELECT table_name AS t FROM duckdb_tables() WHERE temporary'))
      await db.exec(`DROP TABLE temp."${t}"`);
    for (const t of COUNT_TABLES) await db.exec(`DROP TABLE IF EXISTS data.${t}`);
  }
  return at;
}

for (const [name, sqls, views] of [
  [`old (${base})`, until(old.sqls), old.views],
  ['new (working tree)', until(STATS_SQL), rebuildViews],
] as const) {
  await views(db);
  let [lo, hi] = [from, to];
  let failed = await runUnder(db, sqls, lo);
  if (failed === null || (await runUnder(db, sqls, hi)) !== null) {
    console.log(`${name}: ${failed === null ? 'runs even under' : 'fails even under'} ${failed === null ? lo : hi} MB`);
    continue;
  }
  while (hi - lo > 10) {
    const mid = Math.round((lo + hi) / 2);
    const at = await runUnder(db, sqls, mid);
    if (at === null) hi = mid;
    else [lo, failed] = [mid, at];
  }
  console.log(`${name}: runs under ${hi} MB, not under ${lo} MB (there: ${label(failed ?? '')})`);
}
await db.close();

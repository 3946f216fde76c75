/**
 * The count tables' build (STATS_SQL, src/db/stats.ts) at scale, against the statements of a git
 * revision (HEAD unless `--base <rev>`), each with its own views over the data (members_counted …):
 * the benchmark's files are imported once into DuckDB's Node build as the app imports them, then
 * the two statement lists run by turns, each statement timed and the wasm heap's growth shown, and
 * every count table (COUNT_TABLES) of the one compared with the other's for exact equality.
 *
 *   npx tsx scripts/bench/counts.ts 1000000 [rounds=4] [--first new] [--base HEAD~1] [--engine] [--no-compare]
 *
 * `--engine` stages the files inside the engine as the app now stages a CSV file (engineStage),
 * rather than by the JavaScript path: the wasm heap the count build starts from is then the app's.
 * Which list runs first alternates by round. The first build of a process runs cold (wasm code not
 * yet optimised, the heap still growing), so the first round is the first import's refresh and the
 * others a later one's. The wasm heap never shrinks: its size after round 1's first build is that
 * list's peak (`--first new` makes it the new list's).
 */
import { COUNT_TABLES } from '../../src/db/countTables';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema, rebuildViews } from '../../src/db/schema';
import { STATS_SQL } from '../../src/db/stats';
import type { Db } from '../../src/db/types';
import { baseStatements } from './baseRevision';
import { benchFiles } from './generate';
import { heapMb } from './heap';
import { importFiles } from './nodeImport';

// Every count table, person_links too: the rule checks, a village's roster and a person's history read it.
const STAT_TABLES = COUNT_TABLES;

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const counts = args.filter((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')).map(Number);
const rows = counts[0] ?? 1_000_000;
const rounds = counts[1] ?? 4;
const newFirst = option('--first') === 'new';
const base = option('--base') ?? 'HEAD';
const inEngine = args.includes('--engine');
const compareTables = !args.includes('--no-compare');

// The base's views over the data too (members_counted …): the statements read them.
const { sqls: OLD_STATS_SQL, views: oldViews } = await baseStatements(base);

async function engineMb(db: Db): Promise<number> {
  const [r] = await db.query<{ b: number | bigint }>('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()');
  return Number(r!.b) / 2 ** 20;
}

interface Build {
  ms: number[];
  /** The wasm heap after each statement: where it grows is where the build peaks. */
  heap: number[];
  total: number;
  /** duckdb_memory() before the first statement, the highest after each, and after the last. */
  startMb: number;
  peakMb: number;
  endMb: number;
  heapMb: number;
  heap0: number;
}

async function build(db: Db, sqls: readonly string[]): Promise<Build> {
  const ms: number[] = [];
  const heap: number[] = [];
  const heap0 = heapMb();
  const startMb = await engineMb(db);
  let peakMb = startMb;
  for (const sql of sqls) {
    const t = performance.now();
    await db.exec(sql);
    ms.push(performance.now() - t);
    heap.push(heapMb());
    peakMb = Math.max(peakMb, await engineMb(db));
  }
  return { ms, heap, heap0, total: ms.reduce((a, b) => a + b, 0), startMb, peakMb, endMb: await engineMb(db), heapMb: heapMb() };
}

const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);

function report(name: string, sqls: readonly string[], b: Build) {
  console.log(
    `\n${name}: ${Math.round(b.total)} ms; engine memory ${b.startMb.toFixed(0)} MB before, peak ${b.peakMb.toFixed(0)} MB (between statements), ${b.endMb.toFixed(0)} MB after; wasm heap ${b.heapMb.toFixed(0)} MB`,
  );
  sqls.forEach((s, i) => {
    const grew = b.heap[i]! - (i === 0 ? b.heap0 : b.heap[i - 1]!);
    console.log(
      `  ${String(Math.round(b.ms[i]!)).padStart(6)} ms  ${grew > 0 ? `heap +${grew.toFixed(0)} MB` : ''.padEnd(13)}  ${label(s)}`,
    );
  });
}

/**
 * Each count table of the new list against the old list's copy, row for row (EXCEPT ALL both ways)
 * on the columns both have: a column one list adds or drops is named, and the rest compared.
 */
async function compare(db: Db): Promise<boolean> {
  let same = true;
  for (const t of STAT_TABLES) {
    const cols = async (x: string) =>
      (await db.query<{ n: string; t: string }>(`SELECT column_name AS n, column_type AS t FROM (DESCRIBE ${x})`)).map(
        (c) => `"${c.n}" ${c.t}`,
      );
    const [a, b] = [await cols(`old_${t}`), await cols(t)];
    // A column is its quoted name, a space and its type: the name is up to the closing quote.
    const common = a.filter((c) => b.includes(c)).map((c) => c.slice(0, c.indexOf('" ') + 1));
    const only = (x: string[], y: string[]) => x.filter((c) => !y.includes(c));
    const list = common.join(', ');
    const [{ na, nb, xa, xb }] = (await db.query<{ na: number; nb: number; xa: number; xb: number }>(
      `SELECT (SELECT count(*) FROM old_${t})::INTEGER AS na, (SELECT count(*) FROM ${t})::INTEGER AS nb,
              (SELECT count(*) FROM (SELECT ${list} FROM old_${t} EXCEPT ALL SELECT ${list} FROM ${t}))::INTEGER AS xa,
              (SELECT count(*) FROM (SELECT ${list} FROM ${t} EXCEPT ALL SELECT ${list} FROM old_${t}))::INTEGER AS xb`,
    )) as [{ na: number; nb: number; xa: number; xb: number }];
    const ok = na === nb && xa === 0 && xb === 0;
    const differ = [
      only(a, b).length ? `old only: ${only(a, b).join(', ')}` : '',
      only(b, a).length ? `new only: ${only(b, a).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    console.log(
      `  ${t}: ${ok ? 'identical' : 'DIFFERENT'}${differ ? ` on the ${common.length} columns both have (${differ})` : ''} (${na} vs ${nb} rows; ${xa} old-only, ${xb} new-only)`,
    );
    same &&= ok;
  }
  return same;
}

const files = benchFiles(rows);
const db = await openNodeDb();
await ensureSchema(db);
const t = performance.now();
const loaded = await importFiles(db, [files.roster, ...files.results], inEngine);
console.log(
  `loaded${inEngine ? ' (in the engine)' : ''} ${loaded.join(' + ')} rows in ${Math.round(performance.now() - t)} ms; engine ${(await engineMb(db)).toFixed(0)} MB, wasm heap ${heapMb().toFixed(0)} MB`,
);

// Alternating which list goes first: the first build of a process runs cold (the wasm code not yet
// optimised, the heap still growing) and later ones drift with the machine.
const runs: Record<'old' | 'new', Build[]> = { old: [], new: [] };
let allSame = true;
for (let round = 1; round <= rounds; round++) {
  const order: ('old' | 'new')[] = (round % 2 === 1) !== newFirst ? ['old', 'new'] : ['new', 'old'];
  for (const which of order) {
    const sqls = which === 'old' ? OLD_STATS_SQL : STATS_SQL;
    await (which === 'old' ? oldViews : rebuildViews)(db);
    // Each list's tables its own: a temporary table left by the other list (person_links was one
    // before it moved into the data database) would shadow the one this list makes.
    for (const x of STAT_TABLES) await db.exec(`DROP TABLE IF EXISTS temp.${x}; DROP TABLE IF EXISTS data.${x}`);
    const b = await build(db, sqls);
    runs[which].push(b);
    report(`round ${round} ${which === 'old' ? `old (${base})` : 'new (working tree)'}`, sqls, b);
    // The first list's tables are kept to compare the second's with (compressed, in the data
    // database: a plain copy of stat_people took ≈0.9 GB).
    if (compareTables && which === order[0]) for (const x of STAT_TABLES) await db.exec(`CREATE OR REPLACE TABLE old_${x} AS FROM ${x}`);
  }
  if (!compareTables) continue;
  console.log(`round ${round}: tables of ${order[1]} vs ${order[0]}:`);
  allSame = (await compare(db)) && allSame;
  for (const x of STAT_TABLES) await db.exec(`DROP TABLE old_${x}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
for (const which of ['old', 'new'] as const) {
  const sqls = which === 'old' ? OLD_STATS_SQL : STATS_SQL;
  console.log(`\n${which}, per statement (ms, each round):`);
  sqls.forEach((s, i) => {
    console.log(`  ${runs[which].map((b) => String(Math.round(b.ms[i]!)).padStart(6)).join('')}  ${label(s)}`);
  });
  console.log(`  ${runs[which].map((b) => String(Math.round(b.total)).padStart(6)).join('')}  total`);
}
const med = (w: 'old' | 'new') => median(runs[w].map((b) => b.total));
console.log(
  `\ntotals old: ${runs.old.map((b) => Math.round(b.total)).join(', ')} ms (median ${Math.round(med('old'))}); new: ${runs.new.map((b) => Math.round(b.total)).join(', ')} ms (median ${Math.round(med('new'))}); ×${(med('old') / med('new')).toFixed(2)}`,
);
console.log(
  `engine memory peak between statements, MB: old ${runs.old.map((b) => b.peakMb.toFixed(0)).join(', ')}; new ${runs.new.map((b) => b.peakMb.toFixed(0)).join(', ')}`,
);
console.log(compareTables ? `every table identical: ${allSame}` : 'tables not compared (--no-compare)');
await db.close();

/**
 * The completeness statements the overview and the completeness view ask on a change of place or
 * cycle (src/metrics/completeness.ts), at scale, against those of a git revision (main unless
 * `--base <rev>`): the benchmark's files are imported once into DuckDB's Node build as the app
 * imports them, then each scope's statements run by turns, old and new alternating, each timed,
 * and the answers of the two compared for equality.
 *
 *   npx tsx scripts/bench/completeness.ts 1000000 [rounds=5] [--base main] [--explain] [--change]
 *
 * `--explain` prints EXPLAIN ANALYZE of the progress line's statement for a township, both builds.
 * `--change` lists, with their times, the statements of a few scope changes: what the overview asks
 * (src/queries/overviewFetches.ts, each change with the engine's answers to the last one cached as
 * react-query has them) and its progress line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema, refreshCounts } from '../../src/db/schema';
import type { Db, Row } from '../../src/db/types';
import { QueryClient } from '@tanstack/react-query';
import * as current from '../../src/metrics/completeness';
import type { Scope } from '../../src/metrics/scope';
import { overviewFetches, prefetchTogether } from '../../src/queries/overviewFetches';
import { BENCH_TMP, benchFiles } from './generate';
import { importFiles } from './nodeImport';

type Completeness = typeof current;

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const counts = args.filter((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')).map(Number);
const rows = counts[0] ?? 1_000_000;
const rounds = counts[1] ?? 5;
const base = option('--base') ?? 'main';
const explain = args.includes('--explain');

/** The base revision's completeness.ts, written beside the benchmark's data with its imports pointed at src/. */
async function baseModule(rev: string): Promise<Completeness> {
  const root = path.resolve(import.meta.dirname, '../..');
  const text = execFileSync('git', ['show', `${rev}:src/metrics/completeness.ts`], { cwd: root, encoding: 'utf8' });
  const dir = path.join(BENCH_TMP, 'completeness');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `completeness-${rev.replace(/[^\w.-]/g, '_')}.ts`);
  const rel = (to: string) => path.relative(dir, path.join(root, to)).split(path.sep).join('/');
  writeFileSync(file, text.replaceAll("from '../", `from '${rel('src')}/`).replaceAll("from './", `from '${rel('src/metrics')}/`));
  return (await import(pathToFileURL(file).href)) as Completeness;
}
const old = await baseModule(base);

// Every statement's SQL as it is asked, to EXPLAIN it.
let lastSql: string[] = [];
const engine = await openNodeDb();
/** Each statement and its time, while listing a change's statements. */
let statements: { sql: string; ms: number }[] | null = null;
const db: Db = {
  ...engine,
  query: <T extends Row>(sql: string, params?: Parameters<Db['query']>[1]) => {
    lastSql.push(sql);
    // The Node build answers within the call: timed around it, not its promise, whose continuation
    // waits behind the statements asked in the same turn.
    const t = performance.now();
    const rows = engine.query<T>(sql, params);
    statements?.push({ sql, ms: performance.now() - t });
    return rows;
  },
};
await ensureSchema(engine);
const files = benchFiles(rows);
const t0 = performance.now();
const names = [files.roster, ...files.results, files.township];
const loaded = await importFiles(engine, names, false);
await refreshCounts(engine);
console.log(`loaded ${loaded.join(' + ')} rows and counted in ${Math.round(performance.now() - t0)} ms`);

const cycles = (await engine.query<{ c: number }>('SELECT DISTINCT cycle_year AS c FROM stat_villages ORDER BY 1')).map((r) => Number(r.c));
const places = await engine.query<{ county: string; township: string }>(
  'SELECT county, min(township) AS township FROM stat_places GROUP BY county ORDER BY county LIMIT 3',
);
const last = cycles.at(-1)!;
/** What a scope change asks: the whole data, a county, a township, each in the latest cycle and the one before. */
const scopes: current.CompletenessFilter[] = [
  ...[last, cycles.at(-2)!].flatMap((cycle) => [
    { cycle },
    { cycle, county: places[0]!.county },
    { cycle, county: places[0]!.county, township: places[0]!.township },
    { cycle, county: places[1]!.county, township: places[1]!.township },
  ]),
  { cycle: cycles[0]! },
];

const ask = (m: Completeness, f: current.CompletenessFilter) => m.completionProgress(db, f);
const view = async (m: Completeness, f: current.CompletenessFilter) => ({
  ...(await m.expectationSource(db, f.cycle)),
  t: await m.completenessByTownship(db, f),
  v: await m.completenessVillages(db, f),
});

interface PlanNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: PlanNode[];
  latency?: number;
}
/** The profile as an indented list: each operator's own time and rows, with what it works on. */
function printPlan(node: PlanNode, depth = 0): void {
  if (depth === 0) console.log(`total ${((node.latency ?? 0) * 1000).toFixed(1)} ms`);
  if (node.operator_name) {
    const info = Object.entries(node.extra_info ?? {})
      .map(([k, v]) => `${k}=${String(v).replace(/\s+/g, ' ').slice(0, 90)}`)
      .join('; ');
    console.log(
      `${'  '.repeat(depth)}${node.operator_name.trim()} ${((node.operator_timing ?? 0) * 1000).toFixed(1)} ms, ${node.operator_cardinality} rows  ${info.slice(0, 160)}`,
    );
  }
  for (const c of node.children ?? []) printPlan(c, node.operator_name ? depth + 1 : depth);
}

if (explain) {
  for (const [which, m] of [
    ['old', old],
    ['new', current],
  ] as const) {
    lastSql = [];
    await ask(m, scopes[2]!);
    const [plan] = await engine.query<{ explain_value: string }>(`EXPLAIN (ANALYZE, FORMAT json) ${lastSql[0]}`);
    console.log(`\n===== ${which}: EXPLAIN ANALYZE of the progress line, ${JSON.stringify(scopes[2])}`);
    printPlan(JSON.parse(plan!.explain_value));
  }
}

if (args.includes('--change')) {
  // From a county to one of its townships, to the first cycle, back to the last, to another county.
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } } });
  const at = (county: string, township: string | null, cycle: number): Scope => ({
    county,
    township,
    village: null,
    cycle,
    body: 'all',
    role: 'all',
  });
  const changes: [string, Scope][] = [
    ['county', at(places[0]!.county, null, last)],
    ['township', at(places[0]!.county, places[0]!.township, last)],
    ['cycle', at(places[0]!.county, places[0]!.township, cycles[0]!)],
    ['cycle', at(places[0]!.county, places[0]!.township, last)],
    ['county', at(places[1]!.county, null, last)],
  ];
  for (const [what, scope] of changes) {
    statements = [];
    const t = performance.now();
    const previous = cycles.filter((c) => c < scope.cycle!).at(-1) ?? null;
    const fetches = overviewFetches(db, qc, scope, previous, new URLSearchParams());
    prefetchTogether(db, qc, fetches);
    await Promise.all(fetches.map((f) => qc.fetchQuery(f)));
    await current.completionProgress(db, { cycle: scope.cycle!, county: scope.county, township: scope.township });
    console.log(`\n${what} → ${JSON.stringify(scope)}: ${statements.length} statements, ${Math.round(performance.now() - t)} ms`);
    for (const x of statements) console.log(`  ${x.ms.toFixed(1).padStart(7)} ms  ${x.sql.replace(/\s+/g, ' ').trim().slice(0, 110)}`);
  }
  statements = null;
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};
const ms: Record<'old' | 'new', Record<'line' | 'view', number[]>> = { old: { line: [], view: [] }, new: { line: [], view: [] } };
/** The progress line's times per scope, old and new. */
const perScope = scopes.map(() => ({ old: [] as number[], new: [] as number[] }));
let same = true;
for (let round = 1; round <= rounds; round++) {
  for (const f of scopes) {
    const order = (round + scopes.indexOf(f)) % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const);
    const got: Record<string, unknown> = {};
    for (const which of order) {
      const m = which === 'old' ? old : current;
      const [line, a] = await time(() => ask(m, f));
      const [v, b] = await time(() => view(m, f));
      ms[which].line.push(a);
      perScope[scopes.indexOf(f)]![which].push(a);
      ms[which].view.push(b);
      got[which] = { line, v };
    }
    if (JSON.stringify(got.old) !== JSON.stringify(got.new)) {
      same = false;
      console.log(`DIFFERENT for ${JSON.stringify(f)}`);
    }
  }
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
for (const [i, f] of scopes.entries())
  console.log(
    `progress line ${JSON.stringify(f)}: old ${q(perScope[i]!.old, 0.5).toFixed(1)} ms, new ${q(perScope[i]!.new, 0.5).toFixed(1)} ms (medians)`,
  );
for (const which of ['old', 'new'] as const)
  for (const what of ['line', 'view'] as const) {
    const xs = ms[which][what];
    console.log(
      `${which.padEnd(3)} ${what === 'line' ? 'progress line (1 statement)' : 'completeness view (3)'}: median ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)}, max ${Math.max(...xs).toFixed(1)} (${xs.length} asks)`,
    );
  }
console.log(`every answer identical: ${same}`);
await engine.close();

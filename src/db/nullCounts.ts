/**
 * Which count columns hold a NULL, per slice of each count table — read once after the count
 * tables are rebuilt, so that a scope query tests `(col) IS NOT NULL` only where it can be false.
 *
 * Every metric's sums carry a FILTER on its numerator and denominator being known
 * (src/metrics/sql.ts). Over a slice with no NULL in those columns the filter keeps every row:
 * leaving it out gives the same sums and counts, and DuckDB plans and runs the statement faster
 * (the benchmark's 36 scope changes at a million roster rows: 2,717 → 2,219 ms in the Node build).
 * A statistical table's villages bring NULLs, so this is kept per county and scope, not per table:
 * a county with none of them still gets the short statements.
 */
import { isBandColumn } from './ageBands';
import { COUNT_TABLE, KEY_COLUMNS, type CountSource } from './countTables';
import { forgetNullable, setNullable, type SliceScope } from './nullMemo';
import { quoteIdent } from './sqlLiteral';
import type { Db } from './types';

/** The scope columns a slice is keyed by, per count table: what every scope query filters on. */
const SLICE: Record<CountSource, readonly ('county' | 'body' | 'role')[]> = {
  people: ['county', 'body', 'role'],
  results: ['county', 'body'],
  villages: ['county'],
};

/** Per count table: each slice's scope values (in SLICE's order) and the columns with a NULL there. */
export type NullColumns = Record<CountSource, readonly { values: readonly unknown[]; cols: ReadonlySet<string> }[]>;

/**
 * The columns that may be NULL in a scope of one count table: those with a NULL in any slice the
 * scope takes in (every county's when no county is chosen, both bodies' for 'all' on results).
 */
export function nullableIn(n: NullColumns, source: CountSource, scope: SliceScope): ReadonlySet<string> {
  const want: Record<'county' | 'body' | 'role', unknown> = {
    county: scope.county || undefined,
    body: source === 'results' && scope.body === 'all' ? undefined : scope.body,
    role: scope.role,
  };
  const keys = SLICE[source];
  const out = new Set<string>();
  for (const { values, cols } of n[source]) {
    if (keys.every((k, i) => want[k] === undefined || values[i] === want[k])) for (const c of cols) out.add(c);
  }
  return out;
}

/**
 * Which count columns hold a NULL, per slice of each count table: one grouped statement per
 * table, over its count columns (the age pyramid's bands are tested by no figure: left out).
 */
export async function readNullColumns(db: Db): Promise<NullColumns> {
  const out = {} as NullColumns;
  for (const source of Object.keys(COUNT_TABLE) as CountSource[]) {
    const all = await db.query<{ name: string }>(
      'SELECT column_name AS name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index',
      [COUNT_TABLE[source]],
    );
    const cols = all.map((c) => c.name).filter((c) => !KEY_COLUMNS.has(c) && !isBandColumn(c));
    const keys = SLICE[source];
    // Each column becomes a numbered flag.
    const rows = await db.query(
      `SELECT ${[...keys, ...cols.map((c, i) => `count(*) > count(${quoteIdent(c)}) AS f${i}`)].join(', ')} FROM ${COUNT_TABLE[source]} GROUP BY ${keys.join(', ')}`,
    );
    out[source] = rows.map((r) => ({ values: keys.map((k) => r[k] ?? null), cols: new Set(cols.filter((_, i) => r[`f${i}`] === true)) }));
  }
  return out;
}

/** Around a rebuild of the count tables (src/db/stats.ts): forgotten first (a scope query then tests every column), read after. */
export async function refreshingNullColumns(db: Db, rebuild: () => Promise<void>): Promise<void> {
  forgetNullable(db);
  await rebuild();
  const n = await readNullColumns(db);
  setNullable(db, (source, scope) => nullableIn(n, source, scope));
}

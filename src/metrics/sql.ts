/**
 * SQL for the metric catalogue: each metric's numerator and denominator summed over the
 * per-village count tables of src/db/stats.ts, for a scope and a grouping.
 */
import { metricDef, type MetricDef, type MetricId, type MetricSource } from './catalogue';
import type { BodyScope, GroupBy, RoleScope } from './scope';
import { COUNT_TABLE } from '../db/countTables';
import { sqlNumber, sqlString } from '../db/sqlLiteral';

export type { GroupBy } from './scope';

export interface MetricQuery {
  metrics: readonly MetricId[];
  county?: string | null;
  township?: string | null;
  village?: string | null;
  /** Cycles to include; empty means all. */
  cycles: readonly number[];
  body: BodyScope;
  role: RoleScope;
  groupBy: readonly GroupBy[];
}

/** Columns a grouping selects: a township is only unique within its county, a village by its key. */
const GROUP_COLUMNS: Record<GroupBy, readonly string[]> = {
  county: ['county'],
  township: ['county', 'township'],
  village: ['county', 'township', 'village_key', 'village'],
  cycle: ['cycle_year'],
};

export function groupColumns(groupBy: readonly GroupBy[]): string[] {
  return [...new Set(groupBy.flatMap((g) => GROUP_COLUMNS[g]))];
}

export interface BuiltSql {
  sql: string;
  metrics: readonly MetricDef[];
  /** Whether rows carry their own body (results metrics are reported per body). */
  perBody: boolean;
  /**
   * With several grouping sets: the place and cycle columns of the statement, in its ORDER BY, and
   * each set's number in its `g` column (DuckDB's GROUPING() of those columns: a bit per column
   * the set leaves out), in the order of the sets asked.
   */
  sets?: { columns: readonly string[]; ids: readonly number[] };
}

/** The place and cycle columns in the order every grouping of the app writes them (level, then cycle). */
const CANONICAL_COLUMNS = ['county', 'township', 'village_key', 'village', 'cycle_year'];

/**
 * Whether groupings can share one statement with GROUPING SETS: each one's columns in the
 * canonical order, so that ordering by all of them orders each set's rows as its own statement
 * would (the columns a set leaves out are NULL on its rows).
 */
export function canShareSets(groupBy: readonly GroupBy[]): boolean {
  const at = groupColumns(groupBy).map((c) => CANONICAL_COLUMNS.indexOf(c));
  return at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!));
}

type ScopeFilter = Pick<MetricQuery, 'county' | 'township' | 'village' | 'cycles' | 'body' | 'role'>;

/**
 * The WHERE clause of a scope on one of the count tables, its values written in as quoted
 * literals: DuckDB-WASM runs these scope queries about three times faster than the same prepared
 * statement with bound values (src/db/sqlLiteral.ts quotes them).
 */
export function scopeWhere(source: MetricSource, q: ScopeFilter): string {
  const conds: string[] = [];
  for (const [col, v] of [
    ['county', q.county],
    ['township', q.township],
    ['village_key', q.village],
  ] as const) {
    if (v) conds.push(`${col} = ${sqlString(v)}`);
  }
  if (q.cycles.length > 0) conds.push(`cycle_year IN (${q.cycles.map(sqlNumber).join(', ')})`);
  if (source === 'people') conds.push(`body = ${sqlString(q.body)}`, `role = ${sqlString(q.role)}`);
  else if (source === 'results' && q.body !== 'all') conds.push(`body = ${sqlString(q.body)}`);
  return conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
}

/** A numerator or denominator that names one count column (only such are known NULL or not per slice). */
export const isCountColumn = (sql: string): boolean => /^\w+$/.test(sql);

/** The count columns a numerator or denominator adds up ("age_le35 + age_36_45"), or null for any other expression. */
function countColumns(sql: string): string[] | null {
  const cols = sql.split('+').map((c) => c.trim());
  return cols.every(isCountColumn) ? cols : null;
}

/**
 * Whether a row of the count table supports a metric: every count it reads is known there. Given
 * the columns that may be NULL in the scope (src/db/nullCounts.ts), only those are tested; null
 * when nothing needs testing (every row supports it).
 */
export function supportedSql(m: MetricDef, nullable?: ReadonlySet<string>): string | null {
  const tests = [m.numerator, m.denominator]
    .filter((c): c is string => c !== null)
    .flatMap((c) => {
      const cols = countColumns(c);
      if (!cols) return [c];
      return nullable ? cols.filter((x) => nullable.has(x)) : cols;
    })
    .map((c) => `(${c}) IS NOT NULL`);
  return tests.length ? [...new Set(tests)].join(' AND ') : null;
}

/**
 * Coverage is counted in villages × cycles. Within one query group every count table has one row
 * per village × cycle (stat_people per body and role scope, both filtered; stat_results per body,
 * grouped; stat_villages as it is), so counting rows counts them — a DISTINCT per metric would
 * cost a hash table each on every scope change.
 */
const UNITS = 'count(*)';

/**
 * Whether a query follows the village lineage (src/db/lineage.ts): a village's figures across
 * cycles — one village or villages grouped, and more than one cycle grouped. A merged village's
 * earlier cycles are then the sums of its predecessors' counts, and a renamed village's continue
 * under its new name. A figure of one cycle, or of a township or county, reads the villages as
 * they were (docs/domain.md, "Villages across cycles").
 */
export function usesLineage(q: Pick<MetricQuery, 'village' | 'groupBy' | 'cycles'>): boolean {
  return (Boolean(q.village) || q.groupBy.includes('village')) && q.groupBy.includes('cycle') && q.cycles.length !== 1;
}

/**
 * A count table with each row placed under its village's successor: key and names replaced, its
 * own key kept apart (a count of villages still counts the villages that were).
 */
function lineageSource(table: string): string {
  return `(SELECT s.* REPLACE (coalesce(l.lineage_key, s.village_key) AS village_key, coalesce(l.county, s.county) AS county,
                  coalesce(l.township, s.township) AS township, coalesce(l.village, s.village) AS village),
          s.village_key AS own_village_key
   FROM ${table} s LEFT JOIN stat_lineage l ON l.village_key = s.village_key AND l.cycle_year = s.cycle_year) lineage`;
}

/**
 * Numerator and denominator summed over the rows that support the metric, and how many of the
 * scope's villages those are (c) of how many there are (u): a figure over part of the villages is
 * labelled as such, and one no village supports is "not available", never a partial or zero value.
 */
export function metricSql(
  source: MetricSource,
  q: MetricQuery,
  nullable?: ReadonlySet<string>,
  /** Whether any village has a successor (src/db/lineage.ts lineageActive): without one the lineage changes nothing. */
  anyLineage = false,
  /**
   * Groupings answered together in one scan, each as if asked alone (canShareSets must hold for
   * each); q.groupBy alone by default. Rows say their set in `g` (BuiltSql.sets).
   */
  groupings: readonly (readonly GroupBy[])[] = [q.groupBy],
  /** Whether the statement reads the lineage, decided by the asks it answers (usesLineage of q alone by default). */
  lineage = anyLineage && usesLineage(q),
): BuiltSql | null {
  const metrics = q.metrics.map(metricDef).filter((m) => m.source === source);
  if (metrics.length === 0) return null;
  // The columns known never NULL are those of the scope's county: a predecessor may lie in another.
  const known = lineage ? undefined : nullable;
  const where = scopeWhere(source, q);
  const perBody = source === 'results';
  const several = groupings.length > 1;
  const setColumns = groupings.map((g) => groupColumns(g));
  const columns = several ? CANONICAL_COLUMNS.filter((c) => setColumns.some((s) => s.includes(c))) : groupColumns(q.groupBy);
  const groups = [...columns];
  if (perBody) groups.push('body');
  const select = [
    ...groups,
    ...(several ? [`GROUPING(${columns.join(', ')})::INTEGER AS g`] : []),
    ...metrics.flatMap((m, i) => {
      const ok = supportedSql(m, known);
      const only = ok === null ? '' : ` FILTER (WHERE ${ok})`;
      const counted = lineage && m.numerator === 'village_key' ? 'own_village_key' : m.numerator;
      const num = m.aggregate === 'count_distinct' ? `count(DISTINCT ${counted})${only}` : `sum(${m.numerator})${only}`;
      return [
        `(${num})::DOUBLE AS n${i}`,
        m.denominator ? `(sum(${m.denominator})${only})::DOUBLE AS d${i}` : `NULL::DOUBLE AS d${i}`,
        `(${UNITS}${only})::INTEGER AS c${i}`,
      ];
    }),
    `${UNITS}::INTEGER AS u`,
  ];
  const from = lineage ? lineageSource(COUNT_TABLE[source]) : COUNT_TABLE[source];
  const groupBy = several
    ? ` GROUP BY GROUPING SETS (${setColumns.map((s) => `(${[...s, ...(perBody ? ['body'] : [])].join(', ')})`).join(', ')})`
    : ` GROUP BY ${groups.join(', ')}`;
  const sql = `SELECT ${select.join(', ')} FROM ${from}${where}${groups.length ? `${groupBy} ORDER BY ${groups.join(', ')}` : ''}`;
  if (!several) return { sql, metrics, perBody };
  // GROUPING(a, b, c): a bit per column, the first the highest, set where the row's set leaves it out.
  const ids = setColumns.map((s) => columns.reduce((id, c, i) => (s.includes(c) ? id : id | (1 << (columns.length - 1 - i))), 0));
  return { sql, metrics, perBody, sets: { columns, ids } };
}

/**
 * A group's value: none when it has rows in scope but none that gives the metric ("not
 * available", not a figure of nothing), else the metric's value from its sums.
 */
export function rowValue(
  m: MetricDef,
  numerator: number | null,
  denominator: number | null,
  coverage: { covered: number; of: number },
): number | null {
  return coverage.covered > 0 || coverage.of === 0 ? metricValue(m, numerator, denominator) : null;
}

/** A metric's value from its summed counts: rates in percent, averages as they are, counts as counts. */
export function metricValue(m: MetricDef, numerator: number | null, denominator: number | null): number | null {
  // No rows in scope is "no data", not zero.
  if (numerator === null || numerator === undefined) return null;
  if (m.denominator === null) return numerator;
  if (!denominator) return null;
  return m.unit === 'percent' ? (numerator / denominator) * 100 : numerator / denominator;
}

/**
 * A place's rows beside its parent's, from one query: the parent's scope grouped by the place's
 * level holds the place's own rows (its group) and the parent's (the sum of every group). Every
 * figure of the catalogue is a sum or a count over count-table rows, and places of one level
 * share no village, so the groups add up to the parent exactly — also the distinct counts.
 *
 * Why: the KPI cards and the trend line show a place beside its parent. Asked apart, that is two
 * statements per count table on every scope change; asked this way it is one, and the answer is
 * cached for every sibling, so moving between townships of one county asks nothing again.
 */
import { metricDef } from './catalogue';
import { withShown, withWholes } from './figure';
import { parentScope, scopeLevel } from './scope';
import { SOURCE_ORDER } from '../db/countTables';
import { groupColumns, rowValue, type GroupBy, type MetricQuery } from './sql';
import type { MetricRow } from './query';

type PlaceLevel = Exclude<GroupBy, 'cycle'>;

function placeLevel(q: MetricQuery): PlaceLevel | null {
  const level = scopeLevel({ county: q.county ?? null, township: q.township ?? null, village: q.village ?? null });
  return level === 'all' ? null : level;
}

/**
 * The parent's scope grouped by the query's own level (and the query's groupings), or null at
 * the top, which has no parent. Place groupings come first, as the overview writes them, so the
 * same description is one cache entry whoever asks (the county's heat map is its townships' trend).
 */
export function siblingsQuery(q: MetricQuery): MetricQuery | null {
  const level = placeLevel(q);
  if (level === null) return null;
  const up = parentScope({
    county: q.county ?? null,
    township: q.township ?? null,
    village: q.village ?? null,
    cycle: null,
    body: q.body,
    role: q.role,
  })!;
  return { ...q, county: up.county, township: up.township, village: up.village, groupBy: [...new Set<GroupBy>([level, ...q.groupBy])] };
}

const KEY_OF: Record<PlaceLevel, (r: MetricRow) => unknown[]> = {
  county: (r) => [r.county],
  township: (r) => [r.county, r.township],
  village: (r) => [r.village_key],
};

/** A row with only the place and cycle columns the query groups by, as the query itself answers. */
function grouped(r: MetricRow, kept: ReadonlySet<string>): MetricRow {
  const pick = <K extends keyof MetricRow>(k: K) => (kept.has(k) ? r[k] : undefined);
  return {
    ...r,
    county: pick('county'),
    township: pick('township'),
    village_key: pick('village_key'),
    village: pick('village'),
    cycle_year: pick('cycle_year'),
  };
}

/** The query's own rows among its siblings' (siblingsQuery's answer). */
export function ownRows(siblings: readonly MetricRow[], q: MetricQuery): MetricRow[] {
  const level = placeLevel(q);
  if (level === null) return [...siblings];
  const want = JSON.stringify(level === 'village' ? [q.village] : level === 'township' ? [q.county, q.township] : [q.county]);
  const kept = new Set(groupColumns(q.groupBy));
  return siblings.filter((r) => JSON.stringify(KEY_OF[level](r)) === want).map((r) => grouped(r, kept));
}

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/**
 * The parent's rows, grouped as the query is, from its children's: numerators, denominators and
 * coverage summed over the groups of the query's own level, per body and metric, the value worked
 * out again from the sums.
 */
export function parentRows(siblings: readonly MetricRow[], q: MetricQuery): MetricRow[] {
  const level = placeLevel(q);
  if (level === null) return [];
  const kept = new Set(groupColumns(q.groupBy));
  const groups = new Map<string, MetricRow>();
  for (const r of siblings) {
    const row = grouped(r, kept);
    const key = JSON.stringify([row.county, row.township, row.village_key, row.cycle_year, row.body, row.metric]);
    const sum = groups.get(key);
    if (!sum) groups.set(key, row);
    else
      groups.set(key, {
        ...sum,
        numerator: sumOrNull(sum.numerator, r.numerator),
        denominator: sumOrNull(sum.denominator, r.denominator),
        coverage: { covered: sum.coverage.covered + r.coverage.covered, of: sum.coverage.of + r.coverage.of },
      });
  }
  const rows = withShown(
    [...groups.values()].map((r) => ({ ...r, value: rowValue(metricDef(r.metric), r.numerator, r.denominator, r.coverage) })),
  );
  // As queryMetrics answers: one count table after another, each in its ORDER BY, then the
  // metrics of a row in the order asked.
  const columns = [...kept, 'body'] as (keyof MetricRow)[];
  const order = withWholes(q.metrics);
  const key = (r: MetricRow) => [SOURCE_ORDER.indexOf(metricDef(r.metric).source), ...columns.map((c) => r[c]), order.indexOf(r.metric)];
  return rows.sort((a, b) => compareKeys(key(a), key(b)));
}

/** The order of the statement's ORDER BY: by each grouping in turn, NULL last (DuckDB's default). */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x as number | string) < (y as number | string) ? -1 : 1;
  }
  return 0;
}

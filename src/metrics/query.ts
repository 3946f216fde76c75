/**
 * The figures of a scope: every requested metric of the catalogue summed over the per-village
 * count tables (src/db/stats.ts) by the SQL of src/metrics/sql.ts, each row with its shown value
 * (src/metrics/figure.ts); and the age pyramid's persons by band and gender.
 */
import { AGE_BANDS, bandColumn, PYRAMID_GENDERS, type PyramidGender } from '../db/ageBands';
import { countsAnswer } from '../db/answers';
import { lineageActive } from '../db/lineage';
import { nullableOf } from '../db/nullMemo';
import type { Db } from '../db/types';
import { metricDef, type MetricId } from './catalogue';
import type { Coverage } from './coverage';
import { withShown, withWholes } from './figure';
import type { BodyScope } from './scope';
import { SOURCE_ORDER, type CountSource } from '../db/countTables';
import {
  canShareSets,
  groupColumns,
  metricSql,
  rowValue,
  scopeWhere,
  usesLineage,
  type BuiltSql,
  type GroupBy,
  type MetricQuery,
} from './sql';

export interface MetricRow {
  county?: string | null;
  township?: string | null;
  village_key?: string | null;
  village?: string | null;
  cycle_year?: number | null;
  body: BodyScope;
  metric: MetricId;
  /** Unrounded: changes and sorting use it. */
  value: number | null;
  /** The value as every surface shows and exports it (src/metrics/figure.ts). */
  shown: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Villages (× cycle) whose data supports the metric, of those in the group (src/metrics/coverage.ts). */
  coverage: Coverage;
}

/**
 * Every requested metric for a scope, grouped as asked; results metrics come per body. A part of a
 * whole (an age band) brings the whole's other parts: its shown value is rounded with them.
 * Asked inside `askTogether`, it shares statements with the other asks made there.
 */
export function queryMetrics(db: Db, asked: MetricQuery, opts?: { priority?: number }): Promise<MetricRow[]> {
  return new Promise((resolve, reject) => {
    const ask = { asked, priority: opts?.priority ?? 0, resolve, reject };
    const batch = collecting.get(db);
    if (batch) batch.push(ask);
    else flush(db, [ask]);
  });
}

/**
 * Runs `ask`, and the metric queries it asks of `db` meanwhile share statements (see `flush`): a
 * scope change asks a dozen at once, and the engine answers them one after another. Their
 * statements go to the engine when `ask` returns, as each would have alone: a batch ended by a
 * microtask instead went after what the page's render asked meanwhile (the progress line's
 * 150–350 ms statement before the turnout chart's).
 */
export function askTogether<T>(db: Db, ask: () => T): T {
  if (collecting.has(db)) return ask();
  const batch: Ask[] = [];
  collecting.set(db, batch);
  try {
    return ask();
  } finally {
    collecting.delete(db);
    flush(db, batch);
  }
}

interface Ask {
  asked: MetricQuery;
  priority: number;
  resolve: (rows: MetricRow[]) => void;
  reject: (e: unknown) => void;
}

const collecting = new WeakMap<Db, Ask[]>();

/** One ask's metrics of one count table, and the statement that answers them. */
interface Part {
  ask: Ask;
  q: MetricQuery;
  source: CountSource;
  metrics: readonly MetricId[];
  statement: Statement;
  /** Its grouping set in the statement: its own grouping, by cycle too when it asks one cycle of several read. */
  grouping: readonly GroupBy[];
  /** The one cycle it asks, when the statement reads more. */
  cycle?: number;
}

interface Statement {
  source: CountSource;
  q: MetricQuery;
  lineage: boolean;
  metrics: MetricId[];
  parts: Part[];
  groupings: (readonly GroupBy[])[];
  priority: number;
  answer?: Promise<{ built: BuiltSql; rows: Record<string, unknown>[] }>;
}

/**
 * Runs asks made together. Those reading the same count table over the same place, role and
 * lineage share one statement: their metrics side by side, their groupings as GROUPING SETS of one
 * scan; on stat_results any bodies (its rows come per body), and one cycle beside every cycle (the
 * one cycle's rows are its set by cycle, that cycle's groups). Each ask then takes its own rows (its
 * set, body and cycle) and its own metrics' columns, exactly what its own statement would have
 * answered: every column is an aggregate of its group's rows alone.
 */
function flush(db: Db, asks: readonly Ask[]): void {
  const nullable = nullableOf(db);
  const anyLineage = lineageActive(db);
  const statements = new Map<string, Statement>();
  const parts: Part[] = [];
  for (const ask of asks) {
    const q = { ...ask.asked, metrics: withWholes(ask.asked.metrics) };
    const lineage = anyLineage && usesLineage(q);
    for (const source of SOURCE_ORDER) {
      const metrics = q.metrics.filter((m) => metricDef(m).source === source);
      if (metrics.length === 0) continue;
      const shared = canShareSets(q.groupBy) && (q.groupBy.includes('cycle') || canShareSets([...q.groupBy, 'cycle']));
      const key = JSON.stringify([
        source,
        q.county ?? null,
        q.township ?? null,
        q.village ?? null,
        // Several cycles summed apart from the rest cannot be told from rows by cycle.
        q.cycles.length <= 1 ? null : q.cycles,
        // stat_villages is per village × cycle whatever the body; stat_results per body (below).
        source === 'people' ? q.role : null,
        source === 'people' ? q.body : null,
        lineage,
        shared ? null : parts.length,
      ]);
      let st = statements.get(key);
      if (!st) {
        // stat_results is read for both bodies whichever is asked (its rows come per body, and each
        // ask takes its own): the statement is then one for either body, and a change of body finds
        // its answer kept (src/db/answers.ts). Both bodies' groups cost the scan no more.
        const read = source === 'results' ? { ...q, body: 'all' as const } : q;
        st = { source, q: read, lineage, metrics: [], parts: [], groupings: [], priority: ask.priority };
        statements.set(key, st);
      }
      for (const m of metrics) if (!st.metrics.includes(m)) st.metrics.push(m);
      // Bodies asked apart are read together, unfiltered, and split by the rows' own body.
      if (st.q.body !== q.body) st.q = { ...st.q, body: 'all' };
      st.priority = Math.max(st.priority, ask.priority);
      const part: Part = { ask, q, source, metrics, statement: st, grouping: q.groupBy };
      st.parts.push(part);
      parts.push(part);
    }
  }
  for (const st of statements.values()) {
    const asked = st.parts.map((p) => JSON.stringify(p.q.cycles));
    const cycles = asked.every((c) => c === asked[0])
      ? st.q.cycles
      : st.parts.some((p) => p.q.cycles.length === 0)
        ? []
        : [...new Set(st.parts.map((p) => p.q.cycles[0]!))].sort((a, b) => a - b);
    for (const p of st.parts) {
      if (JSON.stringify(p.q.cycles) !== JSON.stringify(cycles)) {
        p.cycle = p.q.cycles[0]!;
        if (!p.q.groupBy.includes('cycle')) p.grouping = [...p.q.groupBy, 'cycle'];
      }
      if (!st.groupings.some((g) => sameGrouping(g, p.grouping))) st.groupings.push(p.grouping);
    }
    const q: MetricQuery = { ...st.q, cycles, metrics: st.metrics, groupBy: st.groupings[0]! };
    const built = metricSql(st.source, q, nullable?.(st.source, q), anyLineage, st.groupings, st.lineage)!;
    st.answer = countsAnswer(db, built.sql, { priority: st.priority }).then((rows) => ({ built, rows }));
  }
  for (const ask of asks) {
    const mine = parts.filter((p) => p.ask === ask);
    Promise.all(mine.map((p) => p.statement.answer!))
      .then((answers) => {
        // The count tables were rebuilt meanwhile: the tests left out may be needed now.
        if (nullable && nullableOf(db) !== nullable) return queryMetrics(db, ask.asked, { priority: ask.priority });
        return withShown(mine.flatMap((p, k) => partRows(p, answers[k]!.built, answers[k]!.rows)));
      })
      .then(ask.resolve, ask.reject);
  }
}

// Groupings that select the same columns (['county', 'village'] and ['village']) are one set.
const sameGrouping = (a: readonly GroupBy[], b: readonly GroupBy[]) => JSON.stringify(groupColumns(a)) === JSON.stringify(groupColumns(b));

/** A part's rows out of its statement's: its grouping set, its body, its metrics in its order. */
function partRows(p: Part, built: BuiltSql, rows: readonly Record<string, unknown>[]): Omit<MetricRow, 'shown'>[] {
  const { q } = p;
  const kept = new Set(groupColumns(q.groupBy));
  const set = built.sets ? built.sets.ids[p.statement.groupings.findIndex((g) => sameGrouping(g, p.grouping))] : undefined;
  const at = p.metrics.map((m) => built.metrics.findIndex((d) => d.id === m));
  const out: Omit<MetricRow, 'shown'>[] = [];
  for (const r of rows) {
    if (set !== undefined && r.g !== set) continue;
    if (built.perBody && q.body !== 'all' && r.body !== q.body) continue;
    if (p.cycle !== undefined && r.cycle_year !== p.cycle) continue;
    // Only the columns its own statement would have selected: the others are the other sets'.
    const col = (c: string) => (kept.has(c) ? r[c] : undefined);
    for (const i of at) {
      const m = built.metrics[i]!;
      const numerator = (r[`n${i}`] as number | null) ?? null;
      const denominator = (r[`d${i}`] as number | null) ?? null;
      const coverage = { covered: (r[`c${i}`] as number | null) ?? 0, of: (r.u as number | null) ?? 0 };
      out.push({
        county: col('county') as string | undefined,
        township: col('township') as string | undefined,
        village_key: col('village_key') as string | undefined,
        village: col('village') as string | undefined,
        cycle_year: col('cycle_year') as number | undefined,
        body: built.perBody ? (r.body as BodyScope) : q.body,
        metric: m.id,
        value: rowValue(m, numerator, denominator, coverage),
        numerator,
        denominator,
        coverage,
      });
    }
  }
  return out;
}

export interface AgeBandCount {
  band: number;
  gender: PyramidGender;
  persons: number;
}

export interface AgeDistribution {
  /** Bands × genders with anyone in them, youngest band first. */
  bands: AgeBandCount[];
  /** The villages whose data gives persons by age and gender (rosters do; a statistical table does not). */
  coverage: Coverage;
}

const BAND_CELLS = AGE_BANDS.flatMap((band) => PYRAMID_GENDERS.map((gender) => ({ band, gender, col: bandColumn(gender, band) })));

/** Persons by five-year age band and gender (people whose age and gender are known), in one statement with its coverage. */
export async function ageDistribution(
  db: Db,
  q: Pick<MetricQuery, 'county' | 'township' | 'village' | 'cycles' | 'body' | 'role'>,
  opts?: { priority?: number },
): Promise<AgeDistribution> {
  const [row] = (await countsAnswer(
    db,
    // One row per village × cycle once the body and role scopes are filtered (see metricSql.ts).
    `SELECT (count(*) FILTER (WHERE age_gender_known IS NOT NULL))::INTEGER AS covered, count(*)::INTEGER AS of,
            ${BAND_CELLS.map((c) => `sum(${c.col})::DOUBLE AS ${c.col}`).join(', ')}
     FROM stat_people${scopeWhere('people', q)}`,
    opts,
  )) as Record<string, number | null>[];
  const bands = BAND_CELLS.map(({ band, gender, col }) => ({ band, gender, persons: Number(row?.[col] ?? 0) })).filter(
    (b) => b.persons > 0,
  );
  return { bands, coverage: { covered: Number(row?.covered ?? 0), of: Number(row?.of ?? 0) } };
}

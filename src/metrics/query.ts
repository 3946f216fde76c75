/**
 * The figures of a scope: every requested metric of the catalogue summed over the per-village
 * count tables (src/db/stats.ts) by the SQL of src/metrics/sql.ts, each row with its shown value
 * (src/metrics/figure.ts); and the age pyramid's persons by band and gender.
 */
import { AGE_BANDS, bandColumn, PYRAMID_GENDERS, type PyramidGender } from '../db/ageBands';
import { lineageActive } from '../db/lineage';
import { nullableOf } from '../db/nullMemo';
import type { Db } from '../db/types';
import type { MetricId } from './catalogue';
import type { Coverage } from './coverage';
import { withShown, withWholes } from './figure';
import type { BodyScope } from './scope';
import { SOURCE_ORDER } from '../db/countTables';
import { metricSql, rowValue, scopeWhere, type MetricQuery } from './sql';

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
 */
export async function queryMetrics(db: Db, asked: MetricQuery, opts?: { priority?: number }): Promise<MetricRow[]> {
  const q = { ...asked, metrics: withWholes(asked.metrics) };
  // One query per count table, sent together: the engine's worker takes them in turn without
  // waiting for this side to ask for the next.
  const nullable = nullableOf(db);
  const lineage = lineageActive(db);
  const built = SOURCE_ORDER.map((source) => metricSql(source, q, nullable?.(source, q), lineage)).filter((b) => b !== null);
  const answers = await Promise.all(built.map((b) => db.query(b.sql, [], opts)));
  // The count tables were rebuilt meanwhile: the tests left out may be needed now.
  if (nullable && nullableOf(db) !== nullable) return queryMetrics(db, asked, opts);
  const out: Omit<MetricRow, 'shown'>[] = [];
  built.forEach((b, k) => {
    for (const r of answers[k]!) {
      b.metrics.forEach((m, i) => {
        const numerator = (r[`n${i}`] as number | null) ?? null;
        const denominator = (r[`d${i}`] as number | null) ?? null;
        const coverage = { covered: (r[`c${i}`] as number | null) ?? 0, of: (r.u as number | null) ?? 0 };
        out.push({
          county: r.county as string | undefined,
          township: r.township as string | undefined,
          village_key: r.village_key as string | undefined,
          village: r.village as string | undefined,
          cycle_year: r.cycle_year as number | undefined,
          body: b.perBody ? (r.body as BodyScope) : q.body,
          metric: m.id,
          value: rowValue(m, numerator, denominator, coverage),
          numerator,
          denominator,
          coverage,
        });
      });
    }
  });
  return withShown(out);
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
): Promise<AgeDistribution> {
  const [row] = await db.query<Record<string, number | null>>(
    // One row per village × cycle once the body and role scopes are filtered (see metricSql.ts).
    `SELECT (count(*) FILTER (WHERE age_gender_known IS NOT NULL))::INTEGER AS covered, count(*)::INTEGER AS of,
            ${BAND_CELLS.map((c) => `sum(${c.col})::DOUBLE AS ${c.col}`).join(', ')}
     FROM stat_people${scopeWhere('people', q)}`,
  );
  const bands = BAND_CELLS.map(({ band, gender, col }) => ({ band, gender, persons: Number(row?.[col] ?? 0) })).filter(
    (b) => b.persons > 0,
  );
  return { bands, coverage: { covered: Number(row?.covered ?? 0), of: Number(row?.of ?? 0) } };
}

/** Every SQL query the views run, in one place. */
import type { FileKind } from '../import/fields';
import type { MetricId } from '../metrics/catalogue';
import type { Coverage } from '../metrics/coverage';
import { withShown, withWholes } from '../metrics/figure';
import type { BodyScope } from '../metrics/scope';
import { AGE_BANDS, bandColumn, PYRAMID_GENDERS, type PyramidGender } from './ageBands';
import { metricSql, rowValue, scopeWhere, SOURCE_ORDER, type MetricQuery } from './metricSql';
import { nullableOf } from './nullMemo';
import { dropImports, keepVillagesOf } from './importRows';
import { dataChanged, DATA_TABLES, TABLE_OF } from './schema';
import { quoteIdent } from './sqlLiteral';
import type { Db, ImportRecordSaved } from './types';

export interface ImportRecord extends Omit<ImportRecordSaved, 'kind'> {
  kind: FileKind;
  is_sample: boolean;
  cycles: string | null;
  villages: number;
}

export async function listImports(db: Db): Promise<ImportRecord[]> {
  return db.query<ImportRecord & Record<string, unknown>>(`
    WITH d AS (${DATA_TABLES.map((t) => `SELECT import_id, cycle_year, village_key FROM ${t}`).join(' UNION ALL ')})
    SELECT i.*, (SELECT string_agg(DISTINCT cycle_year::VARCHAR, ', ' ORDER BY cycle_year::VARCHAR) FROM d WHERE d.import_id = i.import_id) AS cycles,
           (SELECT count(DISTINCT village_key) FROM d WHERE d.import_id = i.import_id) AS villages
    FROM imports i ORDER BY i.import_id`);
}

export async function tableCount(db: Db, kind: FileKind): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${TABLE_OF[kind]}`);
  return rows[0]?.n ?? 0;
}

export async function previewRows(db: Db, kind: FileKind, limit: number): Promise<Record<string, unknown>[]> {
  return db.query(
    `SELECT * EXCLUDE (village_key, issues, extra${kind === 'members' ? ', person_key' : ''}) FROM ${TABLE_OF[kind]}
     ORDER BY cycle_year, county, township, village, body LIMIT ?`,
    [limit],
  );
}

export async function hasUserData(db: Db): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM imports WHERE NOT is_sample');
  return (rows[0]?.n ?? 0) > 0;
}

export async function hasSampleData(db: Db): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM imports WHERE is_sample');
  return (rows[0]?.n ?? 0) > 0;
}

export async function countImports(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM imports');
  return rows[0]?.n ?? 0;
}

/** Removes imports and every row they brought, in one transaction. */
export async function deleteImports(db: Db, where: 'sample' | { ids: readonly number[] }): Promise<void> {
  const ids =
    where === 'sample'
      ? (await db.query<{ import_id: number }>('SELECT import_id FROM imports WHERE is_sample')).map((r) => Number(r.import_id))
      : [...where.ids];
  // Only the villages whose rows go need their counts rebuilt.
  const villages = await keepVillagesOf(db, ids, 'deleted_villages');
  await db.exec('BEGIN TRANSACTION');
  try {
    await dropImports(db, ids);
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  } finally {
    await dataChanged(db, villages ?? undefined);
    await db.exec('DROP TABLE IF EXISTS deleted_villages');
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics (src/metrics/catalogue.ts) over the per-village count tables (src/db/stats.ts)

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
  const built = SOURCE_ORDER.map((source) => metricSql(source, q, nullable?.(source, q))).filter((b) => b !== null);
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

export async function listCycles(db: Db): Promise<number[]> {
  const rows = await db.query<{ c: number }>('SELECT DISTINCT cycle_year AS c FROM stat_villages ORDER BY 1');
  return rows.map((r) => r.c);
}

export interface Place {
  county: string | null;
  township: string | null;
  village_key: string;
  village: string | null;
  village_code: string | null;
}

export async function listPlaces(db: Db): Promise<Place[]> {
  return db.query<Place & Record<string, unknown>>(
    'SELECT county, township, village_key, village, village_code FROM stat_places ORDER BY county, township, village',
  );
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

export interface RejectedRow {
  source_row: number;
  /** JSON: the row's cells as in the file. */
  cells: string;
  /** JSON: the row's issues. */
  reasons: string;
}

/** Rejected rows of a file: still staged (before the commit) or of an import (after it). */
export async function rejectedRows(db: Db, from: { stagedTable: string } | { importId: number }): Promise<RejectedRow[]> {
  if ('stagedTable' in from)
    return db.query<RejectedRow & Record<string, unknown>>(
      `SELECT source_row, cells, reasons FROM ${quoteIdent(from.stagedTable)} ORDER BY source_row`,
    );
  return db.query<RejectedRow & Record<string, unknown>>(
    'SELECT source_row, cells, reasons FROM rejected_rows WHERE import_id = ? ORDER BY source_row',
    [from.importId],
  );
}

/**
 * Rosters and statistical tables of the same village × cycle × body: which one counts. The
 * choice is stored on the statistical table's rows (member_counts.source_choice), so it is saved,
 * restored and archived with them; without a choice the roster counts (it supports every
 * indicator). The views source_overlaps, members_counted and counts_counted (schema.ts) apply it.
 */
import type { FileKind } from '../import/fields';
import { refreshCounts, TABLE_OF } from './schema';
import { changeRows } from './importRows';
import { valuesQuery } from './sqlLiteral';
import type { Db, SqlParam } from './types';

export type SourceChoice = 'roster' | 'table';

/** A village × cycle × body that has both a roster and a statistical table row. */
export interface Overlap {
  village_key: string;
  village: string | null;
  township: string | null;
  cycle_year: number;
  body: string;
}

/** The other source of the same figures: a roster's is the statistical table, and back. */
export const OTHER_SOURCE: Partial<Record<FileKind, FileKind>> = { members: 'stats', stats: 'members' };

const SAMPLE = 'import_id IN (SELECT import_id FROM imports WHERE is_sample)';

/**
 * The keys of a staged table (`stage`) that the other source has already, in the database or in
 * files staged before it in the same batch (`earlier`: their staged tables of the other kind).
 * The bundled sample goes as own data comes in, so it is never asked about.
 */
export async function findOverlaps(db: Db, kind: FileKind, stage: string, earlier: readonly string[]): Promise<Overlap[]> {
  const other = OTHER_SOURCE[kind];
  if (!other) return [];
  const keys = [
    `SELECT village_key, cycle_year, body FROM ${TABLE_OF[other]} WHERE NOT (${SAMPLE})`,
    ...earlier.map((t) => `SELECT village_key, cycle_year, body FROM ${t}`),
  ];
  return db.query<Overlap & Record<string, unknown>>(
    `SELECT s.village_key, any_value(s.village) AS village, any_value(s.township) AS township, s.cycle_year, s.body
     FROM ${stage} s
     WHERE (s.village_key, s.cycle_year, s.body) IN (${keys.join(' UNION ')})
     GROUP BY s.village_key, s.cycle_year, s.body
     ORDER BY s.cycle_year, village`,
  );
}

type Key = Pick<Overlap, 'village_key' | 'cycle_year' | 'body'>;

/**
 * Records which source counts for some village × cycle × body, on the statistical table rows of
 * those keys. Returns the imports whose rows changed: their saved copies must be rewritten.
 */
export async function markSource(db: Db, keys: readonly Key[], choice: SourceChoice): Promise<number[]> {
  if (keys.length === 0) return [];
  const values = keys.map(() => '(?::VARCHAR, ?::INTEGER, ?::VARCHAR)').join(', ');
  const params: SqlParam[] = keys.flatMap((k) => [k.village_key, k.cycle_year, k.body]);
  const where = `(village_key, cycle_year, body) IN (SELECT * FROM (VALUES ${values}))`;
  return changeRows(db, 'stats', where, params, (table) => ({
    sql: `UPDATE ${table} SET source_choice = ? WHERE ${where}`,
    params: [choice, ...params],
  }));
}

export interface OverlapState extends Overlap {
  county: string | null;
  /** Which source counts now. */
  counted: SourceChoice;
}

/** Every village × cycle × body with both sources, and which one counts: shown in the data manager. */
export async function listOverlaps(db: Db): Promise<OverlapState[]> {
  const rows = await db.query<Overlap & { county: string | null; table_counts: boolean } & Record<string, unknown>>(
    `SELECT p.county, p.township, p.village, o.village_key, o.cycle_year, o.body, o.table_counts
     FROM source_overlaps o JOIN stat_places p USING (village_key)
     ORDER BY o.cycle_year, p.county, p.township, p.village, o.body`,
  );
  return rows.map(({ table_counts, ...r }) => ({ ...r, counted: table_counts ? 'table' : 'roster' }));
}

/** Changes which source counts for some overlaps (the data manager's choice); returns the imports touched. */
export async function setSourceChoice(db: Db, keys: readonly Key[], choice: SourceChoice): Promise<number[]> {
  const touched = await markSource(db, keys, choice);
  await refreshCounts(
    db,
    keys.length > 0
      ? valuesQuery(
          'village_key',
          keys.map((k) => k.village_key),
        )
      : undefined,
  );
  return touched;
}

/** Every SQL query the views run, in one place. */
import type { FileKind } from '../import/fields';
import { TABLE_OF } from './schema';
import type { Db } from './types';

export interface ImportRecord {
  import_id: number;
  file_name: string;
  sheet_name: string | null;
  kind: FileKind;
  encoding: string | null;
  imported_at: string;
  rows_imported: number;
  rows_warned: number;
  rows_rejected: number;
  rows_skipped: number;
  is_sample: boolean;
  cycles: string | null;
  villages: number;
}

export async function listImports(db: Db): Promise<ImportRecord[]> {
  return db.query<ImportRecord & Record<string, unknown>>(`
    WITH d AS (
      SELECT import_id, cycle_year, village_key FROM results
      UNION ALL SELECT import_id, cycle_year, village_key FROM members
    )
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
  const cond =
    where === 'sample'
      ? 'import_id IN (SELECT import_id FROM imports WHERE is_sample)'
      : `import_id IN (${where.ids.map(() => '?').join(', ') || 'NULL'})`;
  const params = where === 'sample' ? [] : [...where.ids];
  await db.exec('BEGIN TRANSACTION');
  try {
    for (const t of ['results', 'members', 'rejected_rows', 'imports']) await db.query(`DELETE FROM ${t} WHERE ${cond}`, params);
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
}

export interface RejectedRow {
  source_row: number;
  cells: string;
  reasons: string;
}

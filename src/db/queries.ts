/** The data manager's queries: imports, places, cycles, preview rows, rejected rows, deleting imports. */
import type { FileKind } from '../import/fields';
import { dropImports, keepVillagesOf } from './importRows';
import { dataChanged, DATA_TABLES, TABLE_OF } from './schema';
import { quoteIdent } from './sqlLiteral';
import type { Db, ImportRecordSaved } from './types';

export interface ImportRecord extends Omit<ImportRecordSaved, 'kind'> {
  kind: FileKind;
  is_sample: boolean;
  cycles: string | null;
  villages: number;
  /**
   * The submission package it came in (src/db/packageTables.ts): the merge it came with (the first
   * import of it: the same package merged twice is two), the sending office, when it was exported.
   */
  package_group: number | null;
  package_office: string | null;
  package_exported_at: string | null;
}

export async function listImports(db: Db): Promise<ImportRecord[]> {
  return db.query<ImportRecord & Record<string, unknown>>(`
    WITH d AS (${[...DATA_TABLES, 'package_villages'].map((t) => `SELECT import_id, cycle_year, village_key FROM ${t}`).join(' UNION ALL ')})
    SELECT i.*, (SELECT string_agg(DISTINCT cycle_year::VARCHAR, ', ' ORDER BY cycle_year::VARCHAR) FROM d WHERE d.import_id = i.import_id) AS cycles,
           (SELECT count(DISTINCT village_key) FROM d WHERE d.import_id = i.import_id) AS villages,
           p.first_import_id AS package_group, p.office AS package_office, p.exported_at AS package_exported_at
    FROM imports i LEFT JOIN package_imports p USING (import_id) ORDER BY i.import_id`);
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

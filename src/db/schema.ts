import { FIELDS, type FieldDef, type FileKind } from '../import/fields';
import { refreshStats } from './stats';
import type { Db } from './types';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export interface ColumnDef {
  name: string;
  sql: SqlType;
}

/** The stored columns a field becomes: some keep the raw text beside the canonical value. */
export function columnsForField(f: FieldDef): ColumnDef[] {
  switch (f.type) {
    case 'birth':
      return [{ name: 'birth_year', sql: 'INTEGER' }, { name: 'birth_month', sql: 'INTEGER' }];
    case 'education':
      return [{ name: 'education', sql: 'VARCHAR' }, { name: 'education_tier', sql: 'VARCHAR' }];
    case 'ethnicity':
      return [{ name: 'ethnicity', sql: 'VARCHAR' }, { name: 'is_minority', sql: 'BOOLEAN' }];
    case 'role':
      return [{ name: 'role', sql: 'VARCHAR' }, { name: 'role_raw', sql: 'VARCHAR' }];
    case 'int':
    case 'year':
      return [{ name: f.id, sql: 'INTEGER' }];
    case 'percent':
      // A statistical table's reported share is checked on import, not stored (it follows from the counts).
      return f.shareOf ? [] : [{ name: f.id, sql: 'DOUBLE' }];
    case 'decimal':
      return [{ name: f.id, sql: 'DOUBLE' }];
    case 'bool':
    case 'party':
    case 'reelected':
      return [{ name: f.id, sql: 'BOOLEAN' }];
    default:
      return [{ name: f.id, sql: 'VARCHAR' }];
  }
}

/** Bookkeeping columns every data table carries, ahead of the field columns. */
const META: readonly ColumnDef[] = [
  { name: 'import_id', sql: 'INTEGER' },
  { name: 'source_row', sql: 'INTEGER' },
  { name: 'village_key', sql: 'VARCHAR' },
  { name: 'status', sql: 'VARCHAR' },
  { name: 'issues', sql: 'VARCHAR' },
  { name: 'extra', sql: 'VARCHAR' },
];

const PERSON: readonly ColumnDef[] = [{ name: 'person_key', sql: 'VARCHAR' }];

/** Which of a village's rosters and statistical tables counts, where both exist (see source_overlaps). */
const SOURCE_CHOICE: readonly ColumnDef[] = [{ name: 'source_choice', sql: 'VARCHAR' }];

/** Each kind's own table. */
export const TABLE_OF: Record<FileKind, string> = { results: 'results', members: 'members', stats: 'member_counts' };

/** Fields of a statistical table that a results file has too: its voter figures, stored in `results`. */
const inResults = (f: FieldDef) => f.kinds.includes('results') && !f.kinds.includes('members');

export const TABLE_COLUMNS: Record<FileKind, readonly ColumnDef[]> = {
  results: [...META, ...FIELDS.filter((f) => f.kinds.includes('results')).flatMap(columnsForField)],
  members: [...META, ...PERSON, ...FIELDS.filter((f) => f.kinds.includes('members')).flatMap(columnsForField)],
  stats: [...META, ...FIELDS.filter((f) => f.kinds.includes('stats') && !inResults(f)).flatMap(columnsForField), ...SOURCE_CHOICE],
};

/**
 * The tables a kind's rows are written to, its own first. A statistical table's voter figures
 * become rows of `results`, read by the same metrics, rules and conflict checks as a results
 * file's — only when the file has such columns.
 */
export const KIND_TABLES: Record<FileKind, readonly FileKind[]> = { results: ['results'], members: ['members'], stats: ['stats', 'results'] };

/** The columns of a table that its kind alone has (not the place and cycle every kind has). */
export function ownColumns(kind: FileKind): string[] {
  return FIELDS.filter((f) => f.kinds.includes(kind) && !f.kinds.includes('members')).flatMap(columnsForField).map((c) => c.name);
}

/** Every table holding imported data rows (each row carries its import_id). */
export const DATA_TABLES: readonly string[] = [TABLE_OF.results, TABLE_OF.members, TABLE_OF.stats];

/** Rejected rows keep the original cells and reasons (JSON text) for download. */
export const REJECTED_COLUMNS: readonly ColumnDef[] = [
  { name: 'import_id', sql: 'INTEGER' },
  { name: 'source_row', sql: 'INTEGER' },
  { name: 'cells', sql: 'VARCHAR' },
  { name: 'reasons', sql: 'VARCHAR' },
];

/** The tables whose rows belong to an import (by import_id): what is saved and restored per import. */
export const IMPORT_TABLES: readonly { table: string; columns: readonly ColumnDef[] }[] = [
  { table: TABLE_OF.results, columns: TABLE_COLUMNS.results },
  { table: TABLE_OF.members, columns: TABLE_COLUMNS.members },
  { table: TABLE_OF.stats, columns: TABLE_COLUMNS.stats },
  { table: 'rejected_rows', columns: REJECTED_COLUMNS },
];

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export const SCHEMA_SQL: readonly string[] = [
  ...(['results', 'members', 'stats'] as const).map(
    (k) => `CREATE TABLE IF NOT EXISTS ${TABLE_OF[k]} (${TABLE_COLUMNS[k].map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`,
  ),
  `CREATE TABLE IF NOT EXISTS imports (
    import_id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sheet_name VARCHAR,
    kind VARCHAR NOT NULL,
    encoding VARCHAR,
    imported_at VARCHAR NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_warned INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    is_sample BOOLEAN NOT NULL DEFAULT false
  )`,
  `CREATE TABLE IF NOT EXISTS rejected_rows (${REJECTED_COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.sql} NOT NULL`).join(', ')})`,
  // Every import id ever given, also of deleted imports kept for undo, so an id is never reused.
  'CREATE TABLE IF NOT EXISTS import_ids_used (import_id INTEGER PRIMARY KEY)',
  // A village × cycle × body with both a roster and a statistical table row: the roster counts
  // unless the user chose the table (source_choice on the table's rows, saved with them).
  `CREATE OR REPLACE VIEW source_overlaps AS
   SELECT c.village_key, c.cycle_year, c.body, coalesce(bool_or(c.source_choice = 'table'), false) AS table_counts
   FROM member_counts c
   WHERE EXISTS (SELECT 1 FROM members m WHERE m.village_key = c.village_key AND m.cycle_year = c.cycle_year AND m.body = c.body)
   GROUP BY c.village_key, c.cycle_year, c.body`,
  `CREATE OR REPLACE VIEW members_counted AS
   SELECT m.* FROM members m
   WHERE NOT EXISTS (SELECT 1 FROM source_overlaps o
                     WHERE o.table_counts AND o.village_key = m.village_key AND o.cycle_year = m.cycle_year AND o.body = m.body)`,
  `CREATE OR REPLACE VIEW counts_counted AS
   SELECT c.* FROM member_counts c
   WHERE NOT EXISTS (SELECT 1 FROM source_overlaps o
                     WHERE NOT o.table_counts AND o.village_key = c.village_key AND o.cycle_year = c.cycle_year AND o.body = c.body)`,
];

export async function ensureSchema(db: Db): Promise<void> {
  for (const s of SCHEMA_SQL) await db.exec(s);
  await refreshStats(db);
}

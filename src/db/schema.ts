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

/**
 * What every query reads: one view per kind of file over the tables that hold each import's rows
 * (`results_i7`, `members_i8`…). An import is committed by renaming its staged table and dropped
 * by dropping it: a million rows are never copied to be kept or to be deleted.
 */
export const TABLE_OF: Record<FileKind, string> = { results: 'results', members: 'members' };

export const KINDS = Object.keys(TABLE_OF) as FileKind[];

/** The table holding one import's rows (the id is a checked integer, never user text). */
export function importTable(kind: FileKind, id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`bad import id ${id}`);
  return `${TABLE_OF[kind]}_i${id}`;
}

/** An empty table of the kind's columns: the view's first branch, so it exists without imports. */
const emptyTable = (kind: FileKind) => `${TABLE_OF[kind]}_none`;

/** Rebuilds each kind's view over its committed imports (listed in `imports`). */
export async function rebuildViews(db: Db): Promise<void> {
  const imports = await db.query<{ import_id: number; kind: string } & Record<string, unknown>>('SELECT import_id, kind FROM imports ORDER BY import_id');
  for (const kind of KINDS) {
    // The import id comes from the view, not the rows: a table renamed from staging keeps none.
    const branches = imports
      .filter((i) => i.kind === kind)
      .map((i) => `SELECT * REPLACE (${Number(i.import_id)} AS import_id) FROM ${importTable(kind, Number(i.import_id))}`);
    await db.exec(`CREATE OR REPLACE VIEW ${TABLE_OF[kind]} AS ${[`SELECT * FROM ${emptyTable(kind)}`, ...branches].join(' UNION ALL ')}`);
  }
}

/** CREATE TABLE with a kind's columns, for staging and restoring. */
export function createTableSql(kind: FileKind, name: string): string {
  return `CREATE TABLE ${name} (${TABLE_COLUMNS[kind].map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`;
}

export const TABLE_COLUMNS: Record<FileKind, readonly ColumnDef[]> = {
  results: [...META, ...FIELDS.filter((f) => f.kinds.includes('results')).flatMap(columnsForField)],
  members: [...META, ...PERSON, ...FIELDS.filter((f) => f.kinds.includes('members')).flatMap(columnsForField)],
};

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
  { table: 'rejected_rows', columns: REJECTED_COLUMNS },
];

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export const SCHEMA_SQL: readonly string[] = [
  ...KINDS.map((k) => createTableSql(k, emptyTable(k)).replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS')),
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
];

export async function ensureSchema(db: Db): Promise<void> {
  for (const s of SCHEMA_SQL) await db.exec(s);
  await dataChanged(db);
}

/** What every change of the data ends with: the views over the import tables, then the counts. */
export async function dataChanged(db: Db): Promise<void> {
  await rebuildViews(db);
  await refreshStats(db);
}

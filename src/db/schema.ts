import { columnsForField, KIND_TABLES, TABLE_COLUMNS, type ColumnDef } from '../import/columns';
import { FIELDS, type FileKind } from '../import/fields';
import { LINEAGE_VIEW_SQL } from './lineage';
import { SAVED_TABLES_SQL } from './savedTables';
import { PACKAGE_SCHEMA_SQL, PACKAGE_TABLES } from './packageTables';
import { quoteIdent } from './sqlLiteral';
import type { Db } from './types';
import { traceSince } from '../util/trace';

// The row model's columns are the import's (src/import/columns.ts); the tables and views are made here.
export { batchColumns, columnsForField, KIND_TABLES, TABLE_COLUMNS, type ColumnDef, type SqlType } from '../import/columns';

/**
 * What every query reads: one view per kind of data over the tables that hold each import's rows
 * (`results_i7`, `members_i8`, `member_counts_i9`…). An import is committed by renaming its
 * staged tables and dropped by dropping them: a million rows are never copied to be kept or to be
 * deleted.
 */
export const TABLE_OF: Record<FileKind, string> = { results: 'results', members: 'members', stats: 'member_counts' };

export const KINDS = Object.keys(TABLE_OF) as FileKind[];

/** The columns of a kind's table that only it has (not the place and cycle every kind has). */
export function ownColumns(kind: FileKind): string[] {
  return FIELDS.filter((f) => f.kinds.includes(kind) && !f.kinds.includes('members'))
    .flatMap(columnsForField)
    .map((c) => c.name);
}

/** Every view of imported data rows. */
export const DATA_TABLES: readonly string[] = KINDS.map((k) => TABLE_OF[k]);

/** The table holding one import's rows of a kind of table (the id is a checked integer, never user text). */
export function importTable(kind: FileKind, id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`bad import id ${id}`);
  return `${TABLE_OF[kind]}_i${id}`;
}

/** An empty table of the kind's columns: the view's first branch, so it exists without imports. */
const emptyTable = (kind: FileKind) => `${TABLE_OF[kind]}_none`;

/** Rebuilds each kind's view over its committed imports (listed in `imports`). */
export async function rebuildViews(db: Db): Promise<void> {
  const imports = await db.query<{ import_id: number; kind: string } & Record<string, unknown>>(
    'SELECT import_id, kind FROM imports ORDER BY import_id',
  );
  for (const kind of KINDS) {
    // The import id comes from the view, not the rows: a table renamed from staging keeps none.
    const branches = imports
      .filter((i) => KIND_TABLES[i.kind as FileKind]?.includes(kind))
      .map((i) => `SELECT * REPLACE (${Number(i.import_id)} AS import_id) FROM ${importTable(kind, Number(i.import_id))}`);
    await db.exec(`CREATE OR REPLACE VIEW ${TABLE_OF[kind]} AS ${[`SELECT * FROM ${emptyTable(kind)}`, ...branches].join(' UNION ALL ')}`);
  }
  for (const sql of SOURCE_VIEWS) await db.exec(sql);
  await db.exec(LINEAGE_VIEW_SQL);
}

/** CREATE TABLE with a kind's columns, for staging and restoring. */
export function createTableSql(kind: FileKind, name: string): string {
  return `CREATE TABLE ${name} (${TABLE_COLUMNS[kind].map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`;
}

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
  ...PACKAGE_TABLES,
];

/** The tables of IMPORT_TABLES shared by every import (their rows keyed by import_id), not an import's own. */
export const SHARED_IMPORT_TABLES: readonly string[] = IMPORT_TABLES.map((t) => t.table).filter((t) => !DATA_TABLES.includes(t));

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
  ...SAVED_TABLES_SQL,
  ...PACKAGE_SCHEMA_SQL,
];

/**
 * A village × cycle × body with both a roster and a statistical table row: the roster counts
 * unless the user chose the table (source_choice on the table's rows, saved with them). Views over
 * the data views, so they are made after them (rebuildViews).
 */
const SOURCE_VIEWS: readonly string[] = [
  `CREATE OR REPLACE VIEW source_overlaps AS
   SELECT c.village_key, c.cycle_year, c.body, coalesce(bool_or(c.source_choice = 'table'), false) AS table_counts
   FROM member_counts c
   WHERE EXISTS (SELECT 1 FROM members m WHERE m.village_key = c.village_key AND m.cycle_year = c.cycle_year AND m.body = c.body)
   GROUP BY c.village_key, c.cycle_year, c.body`,
  // Anti joins, not NOT EXISTS: DuckDB runs a correlated NOT EXISTS as a delim join, which first
  // copies every row read (at a million roster rows, the million seats' columns, once per read of
  // the view in a statement), and the count tables' statements read members_counted several times.
  `CREATE OR REPLACE VIEW members_counted AS
   SELECT m.* FROM members m
   ANTI JOIN (SELECT village_key, cycle_year, body FROM source_overlaps WHERE table_counts) o
     ON o.village_key = m.village_key AND o.cycle_year = m.cycle_year AND o.body = m.body`,
  `CREATE OR REPLACE VIEW counts_counted AS
   SELECT c.* FROM member_counts c
   ANTI JOIN (SELECT village_key, cycle_year, body FROM source_overlaps WHERE NOT table_counts) o
     ON o.village_key = c.village_key AND o.cycle_year = c.cycle_year AND o.body = c.body`,
];

/**
 * Creates the tables, then the views and count tables over them — unless `counts: false`: the
 * app's start loads saved data or the sample right after, which makes them anyway (a refresh
 * over nothing still costs a second and a half of the first dashboard).
 */
export async function ensureSchema(db: Db, opts: { counts?: boolean } = {}): Promise<void> {
  for (const s of SCHEMA_SQL) await db.exec(s);
  if (opts.counts !== false) await dataChanged(db);
}

/**
 * What every change of the data ends with: the views over the import tables, then the counts (of
 * the villages `villages` lists, a query of village_key, when only theirs changed).
 */
export async function dataChanged(db: Db, villages?: string): Promise<void> {
  const t0 = performance.now();
  await rebuildViews(db);
  const how = await refreshCounts(db, villages);
  traceSince(`counts refreshed (${how})`, t0);
}

/**
 * Rebuilds the count tables (src/db/stats.ts): all of them, or those of the villages `villages`
 * (a query of village_key) lists, when only theirs changed. Their SQL (7 KB) is loaded on the
 * first change of the data, not with the page: the sample's first dashboard is drawn from its
 * snapshot before any.
 */
export async function refreshCounts(db: Db, villages?: string): Promise<'part' | 'whole'> {
  const { refreshStats } = await import('./stats');
  return refreshStats(db, villages);
}

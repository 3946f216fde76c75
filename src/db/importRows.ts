/**
 * The rows of committed imports, table by table: each import keeps its rows in tables of its own
 * (schema.ts), so a change to "all rows of a village" visits every import's table that may hold it.
 * Also what the stored copy and the start-up read without the importer: the CSV reader of our own
 * files and the next import id.
 */
import type { FileKind } from '../import/fields';
import { importTable, KIND_TABLES, SHARED_IMPORT_TABLES, type ColumnDef } from './schema';
import type { Db, SqlParam } from './types';

/** Committed imports, filtered, with their kinds. */
export async function importsOf(db: Db, where = 'true', params: SqlParam[] = []): Promise<{ id: number; kind: FileKind }[]> {
  const rows = await db.query<{ import_id: number; kind: FileKind } & Record<string, unknown>>(
    `SELECT import_id, kind FROM imports WHERE ${where} ORDER BY import_id`,
    params,
  );
  return rows.map((r) => ({ id: Number(r.import_id), kind: r.kind }));
}

/** Every committed import's table of a kind of table (every table for null). */
async function tablesOf(db: Db, tableKind: FileKind | null): Promise<{ id: number; table: string }[]> {
  return (await importsOf(db)).flatMap((i) =>
    KIND_TABLES[i.kind].filter((t) => tableKind === null || t === tableKind).map((t) => ({ id: i.id, table: importTable(t, i.id) })),
  );
}

/**
 * Changes (DELETE or UPDATE, `change(table)`) the matching rows of every committed import's table
 * of a kind; returns the imports whose rows changed (their saved copies must be rewritten).
 */
export async function changeRows(
  db: Db,
  tableKind: FileKind | null,
  where: string,
  params: SqlParam[],
  change: (table: string) => { sql: string; params: SqlParam[] },
): Promise<number[]> {
  const touched = new Set<number>();
  for (const { id, table } of await tablesOf(db, tableKind)) {
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${where}`, params)) as [
      { n: number },
    ];
    if (n === 0) continue;
    const c = change(table);
    await db.query(c.sql, c.params);
    touched.add(id);
  }
  return [...touched];
}

/** Deletes matching rows from every committed import's table of a kind; returns the imports that lost rows. */
export function deleteRows(db: Db, tableKind: FileKind | null, where: string, params: SqlParam[] = []): Promise<number[]> {
  return changeRows(db, tableKind, where, params, (table) => ({ sql: `DELETE FROM ${table} WHERE ${where}`, params }));
}

const DEFAULT_MAX_LINE = 2_000_000;

/**
 * read_csv of a file we wrote ourselves: every column typed by the schema (no guessing), a quoted
 * empty string stays an empty string and only an unquoted empty field is NULL. `maxLineBytes`
 * raises the line limit only when needed: DuckDB sizes its read buffers from it.
 */
export function readCsvSql(
  path: string,
  cols: readonly ColumnDef[],
  opts: { header?: boolean; gzip?: boolean; maxLineBytes?: number } = {},
): string {
  const spec = cols.map((c) => `'${c.name}': '${c.sql}'`).join(', ');
  let extra = opts.gzip ? ", compression='gzip'" : '';
  const max = Math.ceil(opts.maxLineBytes ?? 0);
  if (max > DEFAULT_MAX_LINE) extra += `, max_line_size=${max}`;
  return `read_csv('${path}', header=${opts.header ? 'true' : 'false'}, auto_detect=false, delim=',', quote='"', escape='"', allow_quoted_nulls=false${extra}, columns={${spec}})`;
}

export const NEXT_IMPORT_ID_SQL =
  'SELECT greatest(coalesce((SELECT max(import_id) FROM imports), 0), coalesce((SELECT max(import_id) FROM import_ids_used), 0)) + 1 AS id';

/** A query of the village keys in some tables (repeated as often as they occur). */
export function villageKeysIn(tables: readonly string[]): string {
  return tables.map((t) => `SELECT village_key FROM ${t}`).join(' UNION ALL ');
}

/**
 * The villages of some imports' rows, kept in a temporary table `name` (they are wanted after the
 * imports are gone); returns a query of their village_key, or null when none of their tables is there.
 */
export async function keepVillagesOf(db: Db, ids: readonly number[], name: string): Promise<string | null> {
  if (ids.length === 0) return null;
  const existing = new Set((await db.query<{ t: string }>('SELECT table_name AS t FROM duckdb_tables()')).map((r) => r.t));
  const marks = ids.map(() => '?').join(', ');
  const tables = (await importsOf(db, `import_id IN (${marks})`, [...ids]))
    .flatMap((i) => KIND_TABLES[i.kind].map((t) => importTable(t, i.id)))
    .filter((t) => existing.has(t));
  // A counts-only package's villages have count rows and no data rows.
  const counted = `SELECT village_key FROM package_villages WHERE import_id IN (${ids.map((id) => Number(id)).join(', ')})`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT DISTINCT village_key FROM (${[...tables.map((t) => `SELECT village_key FROM ${t}`), counted].join(' UNION ALL ')})`,
  );
  return `SELECT village_key FROM ${name}`;
}

/** Removes imports and every row they brought (the caller holds the transaction and refreshes). */
export async function dropImports(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const marks = ids.map(() => '?').join(', ');
  for (const i of await importsOf(db, `import_id IN (${marks})`, [...ids]))
    for (const t of KIND_TABLES[i.kind]) await db.exec(`DROP TABLE IF EXISTS ${importTable(t, i.id)}`);
  for (const t of [...SHARED_IMPORT_TABLES, 'imports']) await db.query(`DELETE FROM ${t} WHERE import_id IN (${marks})`, [...ids]);
}

/**
 * The rows of committed imports, table by table: each import keeps its rows in tables of its own
 * (schema.ts), so a change to "all rows of a village" visits every import's table that may hold it.
 */
import type { FileKind } from '../import/fields';
import { importTable, KIND_TABLES } from './schema';
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
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${where}`, params)) as [{ n: number }];
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


/**
 * Tables that belong to the office rather than to one import — settings, and the registers and
 * marks an office keeps beside its data (village register, 重点村 marks, village changes…). Each
 * is saved whole with the data (src/store/persistence.ts `saveTables`), restored before the
 * imports, and carried in backups. A table is added with one entry here.
 */
import type { ColumnDef } from '../import/columns';
import { quoteIdent } from './sqlLiteral';
import type { Db } from './types';

export interface SavedTableDef {
  name: string;
  columns: readonly ColumnDef[];
  /** Columns of the primary key, if any. */
  key?: readonly string[];
}

export const SAVED_TABLES: readonly SavedTableDef[] = [
  {
    name: 'app_settings',
    columns: [
      { name: 'key', sql: 'VARCHAR' },
      { name: 'value', sql: 'VARCHAR' },
    ],
    key: ['key'],
  },
  {
    // Villages merged, split or renamed between cycles (src/db/lineage.ts).
    name: 'village_changes',
    columns: [
      { name: 'change_id', sql: 'INTEGER' },
      { name: 'kind', sql: 'VARCHAR' },
      { name: 'old_key', sql: 'VARCHAR' },
      { name: 'old_name', sql: 'VARCHAR' },
      { name: 'new_key', sql: 'VARCHAR' },
      { name: 'new_name', sql: 'VARCHAR' },
      { name: 'effective_cycle', sql: 'INTEGER' },
      { name: 'note', sql: 'VARCHAR' },
      { name: 'source', sql: 'VARCHAR' },
    ],
    key: ['change_id'],
  },
  // The villages a cycle is expected to report from (src/metrics/completeness.ts), per cycle.
  {
    name: 'village_register',
    columns: [
      { name: 'village_key', sql: 'VARCHAR' },
      { name: 'cycle_year', sql: 'INTEGER' },
      { name: 'county', sql: 'VARCHAR' },
      { name: 'township', sql: 'VARCHAR' },
      { name: 'village_code', sql: 'VARCHAR' },
      { name: 'village', sql: 'VARCHAR' },
    ],
    key: ['cycle_year', 'village_key'],
  },
  // 重点村 / 难点村 (mark 'key' | 'difficult'), ticked in the UI or read from results (source 'ui' | 'import').
  {
    name: 'village_marks',
    columns: [
      { name: 'village_key', sql: 'VARCHAR' },
      { name: 'mark', sql: 'VARCHAR' },
      { name: 'source', sql: 'VARCHAR' },
    ],
    key: ['village_key', 'mark'],
  },
];

export function savedTableDef(name: string): SavedTableDef {
  const def = SAVED_TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`not a saved table: ${name}`);
  return def;
}

/** CREATE TABLE of a saved table's columns, under its name or another (a working copy). */
export function createSavedTableSql(def: SavedTableDef, name = def.name): string {
  const cols = def.columns.map((c) => `${quoteIdent(c.name)} ${c.sql}`);
  if (def.key?.length) cols.push(`PRIMARY KEY (${def.key.map(quoteIdent).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (${cols.join(', ')})`;
}

export const SAVED_TABLES_SQL: readonly string[] = SAVED_TABLES.map((t) => createSavedTableSql(t));

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [key]);
  return row?.value ?? null;
}

/** Sets a setting in the engine; the caller saves (`Persistence.saveTables(['app_settings'])`). */
export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.query('INSERT OR REPLACE INTO app_settings VALUES (?, ?)', [key, value]);
}

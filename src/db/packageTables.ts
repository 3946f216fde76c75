/**
 * What an import that came in a submission package (报送包, src/store/package/) keeps beside its
 * rows, in tables shared by every import and keyed by import_id like rejected_rows, so that the
 * saved state, the backup archive, a delete and its undo carry them with the import:
 *
 * - package_imports: which package an import came from — the sending office, who exported it and
 *   when, the package file — one row per import of a package;
 * - package_people, package_villages: the per-village count rows of a counts-only package (rosters
 *   left out), for the village × cycles whose rosters stayed with the sender. The count tables are
 *   rebuilt from the imports' rows, which those villages lack: the rebuild puts these rows in
 *   place of what it counted there (src/db/stats.ts), so they survive every rebuild and go with
 *   their import.
 */
import type { ColumnDef } from '../import/columns';
import { PERSON_COUNT_COLUMNS } from './personCounts';
import { quoteIdent } from './sqlLiteral';

export const PACKAGE_IMPORTS_COLUMNS: readonly ColumnDef[] = [
  { name: 'import_id', sql: 'INTEGER' },
  { name: 'package_id', sql: 'VARCHAR' },
  // The first import of the same merge: one package merged twice (kept both) is two groups.
  { name: 'first_import_id', sql: 'INTEGER' },
  { name: 'package_file', sql: 'VARCHAR' },
  { name: 'office', sql: 'VARCHAR' },
  { name: 'exported_by', sql: 'VARCHAR' },
  { name: 'exported_at', sql: 'VARCHAR' },
  { name: 'scope', sql: 'VARCHAR' },
];

const PLACE: readonly ColumnDef[] = [
  { name: 'import_id', sql: 'INTEGER' },
  { name: 'county', sql: 'VARCHAR' },
  { name: 'township', sql: 'VARCHAR' },
  { name: 'village', sql: 'VARCHAR' },
  { name: 'village_key', sql: 'VARCHAR' },
  { name: 'cycle_year', sql: 'INTEGER' },
];

/** stat_people's columns (src/db/stats.ts), with the import they came with. */
export const PACKAGE_PEOPLE_COLUMNS: readonly ColumnDef[] = [
  ...PLACE,
  { name: 'body', sql: 'VARCHAR' },
  { name: 'role', sql: 'VARCHAR' },
  ...PERSON_COUNT_COLUMNS.map((name): ColumnDef => ({ name, sql: 'INTEGER' })),
];

/** stat_villages' columns (src/db/stats.ts), with the import they came with. */
export const PACKAGE_VILLAGES_COLUMNS: readonly ColumnDef[] = [
  ...PLACE,
  { name: 'both_bodies', sql: 'INTEGER' },
  { name: 'one_shoulder', sql: 'INTEGER' },
];

export const PACKAGE_TABLES: readonly { table: string; columns: readonly ColumnDef[] }[] = [
  { table: 'package_imports', columns: PACKAGE_IMPORTS_COLUMNS },
  { table: 'package_people', columns: PACKAGE_PEOPLE_COLUMNS },
  { table: 'package_villages', columns: PACKAGE_VILLAGES_COLUMNS },
];

export const PACKAGE_SCHEMA_SQL: readonly string[] = PACKAGE_TABLES.map(
  ({ table, columns }) => `CREATE TABLE IF NOT EXISTS ${table} (${columns.map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`,
);

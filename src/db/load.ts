/**
 * Writes prepared rows into DuckDB in two steps, so that the user can be asked about villages
 * already there: stage (the rows become a temporary table, conflicts are found with SQL), then
 * commit (replace or keep both) or discard.
 */
import type { FileKind } from '../import/fields';
import type { CellValue, NormalizedRow } from '../import/normalizeRow';
import type { PreparedImport } from '../import/pipeline';
import { quoteIdent, TABLE_COLUMNS, TABLE_OF, type ColumnDef } from './schema';
import { refreshStats } from './stats';
import { STAGE_DIR, type Db } from './types';

function csvField(v: CellValue | undefined, col: ColumnDef): string {
  if (v === null || v === undefined || v === '') return '';
  if (col.sql === 'VARCHAR') return `"${String(v).replaceAll('"', '""')}"`;
  if (col.sql === 'BOOLEAN') return v ? 'true' : 'false';
  return String(v);
}

/** Our own CSV of canonical values: every text quoted, so DuckDB never has to guess. */
export function rowsToCsv(kind: FileKind, rows: readonly NormalizedRow[]): string {
  const cols = TABLE_COLUMNS[kind];
  const lines: string[] = [];
  for (const r of rows) {
    const meta: Record<string, CellValue> = {
      import_id: 0,
      source_row: r.rowNumber,
      status: r.status,
      issues: r.issues.length ? JSON.stringify(r.issues.map(({ code, params, column }) => ({ code, params, column }))) : null,
      extra: Object.keys(r.extra).length ? JSON.stringify(r.extra) : null,
    };
    lines.push(cols.map((c) => csvField(c.name in meta ? meta[c.name] : r.values[c.name], c)).join(','));
  }
  return lines.join('\n') + '\n';
}

function readCsvSql(path: string, cols: readonly ColumnDef[]): string {
  const spec = cols.map((c) => `'${c.name}': '${c.sql}'`).join(', ');
  return `read_csv('${path}', header=false, auto_detect=false, delim=',', quote='"', escape='"', allow_quoted_nulls=false, columns={${spec}})`;
}

export interface Conflict {
  village: string;
  township: string | null;
  cycle_year: number;
  body: string;
  existing_rows: number;
}

export interface StagedImport {
  kind: FileKind;
  table: string;
  rows: number;
  conflicts: Conflict[];
}

let stageCounter = 0;

export async function stageImport(db: Db, prepared: PreparedImport): Promise<StagedImport> {
  const kind = prepared.kind;
  const cols = TABLE_COLUMNS[kind];
  const accepted = prepared.rows.filter((r) => r.status !== 'rejected');
  const id = `${Date.now().toString(36)}_${++stageCounter}`;
  const path = `${STAGE_DIR}import_${id}.csv`;
  const table = `stage_${id}`;
  await db.registerText(path, rowsToCsv(kind, accepted));
  try {
    await db.exec(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${readCsvSql(path, cols)}`);
  } finally {
    await db.dropFile(path);
  }
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)) as [{ n: number }];
  if (n !== accepted.length) {
    await db.exec(`DROP TABLE ${table}`);
    throw new Error(`staging loaded ${n} of ${accepted.length} rows`);
  }
  const target = TABLE_OF[kind];
  const conflicts = await db.query<Conflict & Record<string, unknown>>(
    `SELECT any_value(t.village) AS village, any_value(t.township) AS township, t.cycle_year, t.body, count(*) AS existing_rows
     FROM ${target} t
     WHERE (t.village_key, t.cycle_year, t.body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${table})
     GROUP BY t.village_key, t.cycle_year, t.body
     ORDER BY t.cycle_year, village`,
  );
  return { kind, table, rows: n, conflicts };
}

export async function discardStaged(db: Db, staged: StagedImport): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${staged.table}`);
}

export interface ImportMeta {
  fileName: string;
  sheetName: string | null;
  encoding: string | null;
  isSample?: boolean;
}

export type ConflictChoice = 'replace' | 'keep';

export async function commitImport(
  db: Db,
  staged: StagedImport,
  prepared: PreparedImport,
  meta: ImportMeta,
  choice: ConflictChoice,
): Promise<number> {
  const target = TABLE_OF[staged.kind];
  const cols = TABLE_COLUMNS[staged.kind].map((c) => quoteIdent(c.name)).join(', ');
  await db.exec('BEGIN TRANSACTION');
  try {
    const [{ id }] = (await db.query<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports')) as [{ id: number }];
    if (choice === 'replace' && staged.conflicts.length > 0) {
      await db.exec(
        `DELETE FROM ${target} WHERE (village_key, cycle_year, body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${staged.table})`,
      );
    }
    await db.exec(`INSERT INTO ${target} (${cols}) SELECT * REPLACE (${id} AS import_id) FROM ${staged.table}`);
    const c = prepared.counts;
    await db.query(
      `INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, meta.fileName, meta.sheetName, staged.kind, meta.encoding, new Date().toISOString(), c.imported, c.warned, c.rejected, c.skipped, meta.isSample ?? false],
    );
    const rejected = prepared.rows.filter((r) => r.status === 'rejected');
    if (rejected.length > 0) {
      const path = `${STAGE_DIR}rejected_${staged.table}.csv`;
      const text = rejected
        .map((r) => [id, r.rowNumber, JSON.stringify(r.cells), JSON.stringify(r.issues)].map((v) => `"${String(v).replaceAll('"', '""')}"`).join(','))
        .join('\n');
      await db.registerText(path, text + '\n');
      try {
        await db.exec(
          `INSERT INTO rejected_rows SELECT * FROM read_csv('${path}', header=false, auto_detect=false, delim=',', quote='"', escape='"', columns={'import_id': 'INTEGER', 'source_row': 'INTEGER', 'cells': 'VARCHAR', 'reasons': 'VARCHAR'})`,
        );
      } finally {
        await db.dropFile(path);
      }
    }
    await db.exec('COMMIT');
    await db.exec(`DROP TABLE IF EXISTS ${staged.table}`);
    await refreshStats(db);
    return id;
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
}

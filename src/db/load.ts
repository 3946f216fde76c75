/**
 * Writes prepared rows into DuckDB in two steps, so that the user can be asked about villages
 * already there: stage (the rows become a temporary table, conflicts are found with SQL), then
 * commit (replace or keep both) or discard.
 */
import type { FileKind } from '../import/fields';
import type { CellValue, NormalizedRow } from '../import/normalizeRow';
import type { PreparedImport } from '../import/pipeline';
import { DATA_TABLES, KIND_TABLES, ownColumns, quoteIdent, REJECTED_COLUMNS, TABLE_COLUMNS, TABLE_OF, type ColumnDef } from './schema';
import { findOverlaps, markSource, OTHER_SOURCE, type Overlap, type SourceChoice } from './sources';
import { refreshStats } from './stats';
import { STAGE_DIR, type Db } from './types';

function csvField(v: CellValue | undefined, col: ColumnDef): string {
  if (v === null || v === undefined || v === '') return '';
  if (col.sql === 'VARCHAR') return `"${String(v).replaceAll('"', '""')}"`;
  if (col.sql === 'BOOLEAN') return v ? 'true' : 'false';
  return String(v);
}

/** CSV text we wrote, with a bound on its longest line for read_csv's max_line_size. */
export interface CsvText {
  text: string;
  maxLineBytes: number;
}

/** Lines joined as a file; a UTF-16 code unit is at most 3 bytes of UTF-8, hence the bound. */
export function csvText(lines: readonly string[]): CsvText {
  let longest = 0;
  for (const l of lines) if (l.length > longest) longest = l.length;
  return { text: lines.join('\n') + '\n', maxLineBytes: longest * 3 + 1 };
}

/** Our own CSV of canonical values for a kind's table: every text quoted, so DuckDB never has to guess. */
export function rowsToCsv(kind: FileKind, rows: readonly NormalizedRow[]): CsvText {
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
  return csvText(lines);
}

/** read_csv's default max_line_size; a longer line (a cell of a million characters) needs more. */
const DEFAULT_MAX_LINE = 2_000_000;

/**
 * read_csv of a file we wrote ourselves: every column typed by the schema (no guessing), a quoted
 * empty string stays an empty string and only an unquoted empty field is NULL. `maxLineBytes`
 * raises the line limit only when needed: DuckDB sizes its read buffers from it.
 */
export function readCsvSql(path: string, cols: readonly ColumnDef[], opts: { header?: boolean; gzip?: boolean; maxLineBytes?: number } = {}): string {
  const spec = cols.map((c) => `'${c.name}': '${c.sql}'`).join(', ');
  let extra = opts.gzip ? ", compression='gzip'" : '';
  const max = Math.ceil(opts.maxLineBytes ?? 0);
  if (max > DEFAULT_MAX_LINE) extra += `, max_line_size=${max}`;
  return `read_csv('${path}', header=${opts.header ? 'true' : 'false'}, auto_detect=false, delim=',', quote='"', escape='"', allow_quoted_nulls=false${extra}, columns={${spec}})`;
}

export interface Conflict {
  village: string;
  township: string | null;
  cycle_year: number;
  body: string;
  existing_rows: number;
}

/** One staged temporary table and the kind of table it goes to. */
export interface StagedTable {
  kind: FileKind;
  table: string;
}

export interface StagedImport {
  kind: FileKind;
  /** The kind's own table first (a statistical table's voter figures follow, for `results`). */
  tables: StagedTable[];
  rows: number;
  conflicts: Conflict[];
  /** Village × cycle × body the other source (roster ↔ statistical table) has too: which one counts? */
  overlaps: Overlap[];
}

let stageCounter = 0;

/** Rows of a prepared import that go to a table: all of them to the kind's own, to another only if the file has its columns. */
function rowsFor(kind: FileKind, target: FileKind, accepted: readonly NormalizedRow[]): readonly NormalizedRow[] {
  if (target === kind) return accepted;
  const own = ownColumns(target);
  return accepted.some((r) => own.some((c) => r.values[c] !== undefined)) ? accepted : [];
}

async function stageTable(db: Db, kind: FileKind, rows: readonly NormalizedRow[]): Promise<StagedTable> {
  const id = `${Date.now().toString(36)}_${++stageCounter}`;
  const path = `${STAGE_DIR}import_${id}.csv`;
  const table = `stage_${id}`;
  const csv = rowsToCsv(kind, rows);
  await db.registerText(path, csv.text);
  try {
    await db.exec(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${readCsvSql(path, TABLE_COLUMNS[kind], { maxLineBytes: csv.maxLineBytes })}`);
  } finally {
    await db.dropFile(path);
  }
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)) as [{ n: number }];
  if (n !== rows.length) {
    await db.exec(`DROP TABLE ${table}`);
    throw new Error(`staging loaded ${n} of ${rows.length} rows`);
  }
  return { kind, table };
}

async function findConflicts(db: Db, staged: StagedTable): Promise<(Conflict & { village_key: string })[]> {
  return db.query<Conflict & { village_key: string } & Record<string, unknown>>(
    `SELECT t.village_key, any_value(t.village) AS village, any_value(t.township) AS township, t.cycle_year, t.body, count(*) AS existing_rows
     FROM ${TABLE_OF[staged.kind]} t
     WHERE (t.village_key, t.cycle_year, t.body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${staged.table})
       -- The bundled sample goes as the user's own data comes in: nothing to ask about.
       AND t.import_id NOT IN (SELECT import_id FROM imports WHERE is_sample)
     GROUP BY t.village_key, t.cycle_year, t.body
     ORDER BY t.cycle_year, village`,
  );
}

/**
 * Stages a prepared import and finds what the user must be asked about: villages already imported
 * (conflicts) and villages the other source has (overlaps), also in files staged before it in
 * the same batch (`earlier`).
 */
export async function stageImport(db: Db, prepared: PreparedImport, earlier: readonly StagedImport[] = []): Promise<StagedImport> {
  const kind = prepared.kind;
  const accepted = prepared.rows.filter((r) => r.status !== 'rejected');
  const tables: StagedTable[] = [];
  try {
    for (const target of KIND_TABLES[kind]) {
      const rows = rowsFor(kind, target, accepted);
      if (target === kind || rows.length > 0) tables.push(await stageTable(db, target, rows));
    }
  } catch (e) {
    for (const t of tables) await db.exec(`DROP TABLE IF EXISTS ${t.table}`);
    throw e;
  }
  // One question per village × cycle × body, even when a statistical table conflicts in both of its tables.
  const byKey = new Map<string, Conflict>();
  for (const t of tables)
    for (const { village_key, ...c } of await findConflicts(db, t)) {
      const key = `${village_key}|${c.cycle_year}|${c.body}`;
      byKey.set(key, { ...c, existing_rows: Math.max(c.existing_rows, byKey.get(key)?.existing_rows ?? 0) });
    }
  const other = OTHER_SOURCE[kind];
  const earlierOther = earlier.filter((s) => s.kind === other).map((s) => s.tables[0]!.table);
  const overlaps = await findOverlaps(db, kind, tables[0]!.table, earlierOther);
  return { kind, tables, rows: accepted.length, conflicts: [...byKey.values()], overlaps };
}

export async function discardStaged(db: Db, staged: StagedImport): Promise<void> {
  for (const t of staged.tables) await db.exec(`DROP TABLE IF EXISTS ${t.table}`);
}

export interface ImportMeta {
  fileName: string;
  sheetName: string | null;
  encoding: string | null;
  isSample?: boolean;
}

export type ConflictChoice = 'replace' | 'keep';

export interface CommitItem {
  staged: StagedImport;
  prepared: PreparedImport;
  meta: ImportMeta;
  choice: ConflictChoice;
  /** For the overlaps with the other source: which one counts (default: the roster). */
  source?: SourceChoice;
}

export interface CommitOutcome {
  /** The new import ids, in the order of the items. */
  ids: number[];
  /** Earlier imports that lost rows to "replace" (their saved copies must be rewritten). */
  touched: number[];
  /** Whether the bundled sample was removed in the same transaction. */
  sampleCleared: boolean;
}

/** A fresh import id: never one used before, not even by a deleted import kept for undo. */
export const NEXT_IMPORT_ID_SQL =
  'SELECT greatest(coalesce((SELECT max(import_id) FROM imports), 0), coalesce((SELECT max(import_id) FROM import_ids_used), 0)) + 1 AS id';

async function nextImportId(db: Db): Promise<number> {
  const [{ id }] = (await db.query<{ id: number }>(NEXT_IMPORT_ID_SQL)) as [{ id: number }];
  await db.query('INSERT INTO import_ids_used VALUES (?)', [id]);
  return id;
}

async function insertRejected(db: Db, id: number, staged: StagedImport, prepared: PreparedImport): Promise<void> {
  const rejected = prepared.rows.filter((r) => r.status === 'rejected');
  if (rejected.length === 0) return;
  const path = `${STAGE_DIR}rejected_${staged.tables[0]!.table}.csv`;
  const csv = csvText(
    rejected.map((r) => [id, r.rowNumber, JSON.stringify(r.cells), JSON.stringify(r.issues)].map((v) => `"${String(v).replaceAll('"', '""')}"`).join(',')),
  );
  await db.registerText(path, csv.text);
  try {
    await db.exec(`INSERT INTO rejected_rows SELECT * FROM ${readCsvSql(path, REJECTED_COLUMNS, { maxLineBytes: csv.maxLineBytes })}`);
  } finally {
    await db.dropFile(path);
  }
}

async function insertOne(db: Db, item: CommitItem): Promise<{ id: number; touched: number[] }> {
  const { staged, prepared, meta, choice } = item;
  const id = await nextImportId(db);
  const touched: number[] = [];
  for (const t of staged.tables) {
    const target = TABLE_OF[t.kind];
    const cols = TABLE_COLUMNS[t.kind].map((c) => quoteIdent(c.name)).join(', ');
    if (choice === 'replace' && staged.conflicts.length > 0) {
      const same = `(village_key, cycle_year, body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${t.table})`;
      touched.push(...(await db.query<{ import_id: number }>(`SELECT DISTINCT import_id FROM ${target} WHERE ${same}`)).map((r) => r.import_id));
      await db.exec(`DELETE FROM ${target} WHERE ${same}`);
    }
    await db.exec(`INSERT INTO ${target} (${cols}) SELECT * REPLACE (${id} AS import_id) FROM ${t.table}`);
  }
  touched.push(...(await markSource(db, staged.overlaps, item.source ?? 'roster')));
  const c = prepared.counts;
  await db.query(`INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    id,
    meta.fileName,
    meta.sheetName,
    staged.kind,
    meta.encoding,
    new Date().toISOString(),
    c.imported,
    c.warned,
    c.rejected,
    c.skipped,
    meta.isSample ?? false,
  ]);
  await insertRejected(db, id, staged, prepared);
  return { id, touched };
}

/**
 * Commits staged files in one transaction: all of them or none, so a failure or a cancel never
 * leaves half a batch. The user's own first import removes the bundled sample in the same step.
 */
export async function commitBatch(
  db: Db,
  items: readonly CommitItem[],
  opts: { clearSample: boolean; /** Remove every row of this cycle first ("replace a cycle"). */ replaceCycle?: number | null },
): Promise<CommitOutcome> {
  await db.exec('BEGIN TRANSACTION');
  try {
    let sampleCleared = false;
    const replaced = new Set<number>();
    if (opts.replaceCycle !== undefined && opts.replaceCycle !== null) {
      for (const t of DATA_TABLES) {
        for (const r of await db.query<{ import_id: number }>(`SELECT DISTINCT import_id FROM ${t} WHERE cycle_year = ?`, [opts.replaceCycle]))
          replaced.add(r.import_id);
        await db.query(`DELETE FROM ${t} WHERE cycle_year = ?`, [opts.replaceCycle]);
      }
    }
    if (opts.clearSample) {
      const sample = 'import_id IN (SELECT import_id FROM imports WHERE is_sample)';
      for (const t of [...DATA_TABLES, 'rejected_rows']) await db.exec(`DELETE FROM ${t} WHERE ${sample}`);
      await db.exec('DELETE FROM imports WHERE is_sample');
      sampleCleared = true;
    }
    const ids: number[] = [];
    const touched = new Set<number>(replaced);
    for (const item of items) {
      const r = await insertOne(db, item);
      ids.push(r.id);
      for (const t of r.touched) touched.add(t);
    }
    await db.exec('COMMIT');
    for (const id of ids) touched.delete(id);
    return { ids, touched: [...touched], sampleCleared };
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  } finally {
    for (const item of items) await discardStaged(db, item.staged);
    await refreshStats(db);
  }
}

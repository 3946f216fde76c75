/**
 * Writes prepared rows into DuckDB in two steps, so that the user can be asked about villages
 * already there: stage (the rows become a temporary table, conflicts are found with SQL), then
 * commit (replace or keep both) or discard.
 */
import type { FileKind } from '../import/fields';
import { tableToIPC } from 'apache-arrow';
import type { ImportReport, PreparedImport } from '../import/prepare';
import { batchToArrow } from './arrowBatch';
import { REJECTED_BATCH_COLUMNS, rejectedToBatch, rowsToBatch, type ColumnBatch } from './columnBatch';
import { quoteIdent, TABLE_COLUMNS, TABLE_OF, type ColumnDef } from './schema';
import { refreshStats } from './stats';
import type { Db } from './types';

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

export interface StagedImport extends Stage {
  rows: number;
  report: ImportReport;
}

let stageCounter = 0;

/**
 * A staging area for one file: its accepted rows and its rejected rows, in two temporary tables,
 * filled batch by batch as the import worker delivers them. Nothing in it is part of the data
 * until commitBatch moves it.
 */
export interface Stage {
  kind: FileKind;
  table: string;
  rejectedTable: string;
}

export async function createStage(db: Db, kind: FileKind): Promise<Stage> {
  const id = `${Date.now().toString(36)}_${++stageCounter}`;
  const stage = { kind, table: `stage_${id}`, rejectedTable: `stage_${id}_rejected` };
  const cols = TABLE_COLUMNS[kind].map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ');
  await db.exec(`CREATE TEMP TABLE ${stage.table} (${cols})`);
  await db.exec(`CREATE TEMP TABLE ${stage.rejectedTable} (source_row INTEGER, cells VARCHAR, reasons VARCHAR)`);
  return stage;
}

async function insertBatch(db: Db, table: string, batch: ColumnBatch, names: readonly string[]): Promise<void> {
  if (batch.length === 0) return;
  await db.insertArrow(table, tableToIPC(batchToArrow(batch, names), 'stream'));
}

/** Adds one batch of accepted rows and one of rejected rows (see columnBatch.ts). */
export async function appendToStage(db: Db, stage: Stage, accepted: ColumnBatch, rejected: ColumnBatch): Promise<void> {
  await insertBatch(db, stage.table, accepted, TABLE_COLUMNS[stage.kind].map((c) => c.name));
  await insertBatch(db, stage.rejectedTable, rejected, REJECTED_BATCH_COLUMNS);
}

/**
 * Checks the staged counts against the report's: a row lost between the worker and DuckDB is an
 * error, never a smaller import.
 */
export async function finishStage(db: Db, stage: Stage, report: ImportReport): Promise<StagedImport> {
  const [{ n, r }] = (await db.query<{ n: number; r: number }>(
    `SELECT (SELECT count(*) FROM ${stage.table})::INTEGER AS n, (SELECT count(*) FROM ${stage.rejectedTable})::INTEGER AS r`,
  )) as [{ n: number; r: number }];
  const accepted = report.counts.imported + report.counts.warned;
  if (n !== accepted || r !== report.counts.rejected) {
    await discardStaged(db, stage);
    throw new Error(`staging loaded ${n} of ${accepted} rows and ${r} of ${report.counts.rejected} rejected rows`);
  }
  return { ...stage, rows: n, report };
}

/**
 * The villages × cycles × bodies of a staged file already in the data: asked about right before
 * the commit (a check done earlier may predate another import).
 */
export async function findConflicts(db: Db, stage: Stage): Promise<Conflict[]> {
  const target = TABLE_OF[stage.kind];
  const conflicts = await db.query<Conflict & Record<string, unknown>>(
    `SELECT any_value(t.village) AS village, any_value(t.township) AS township, t.cycle_year, t.body, count(*) AS existing_rows
     FROM ${target} t
     WHERE (t.village_key, t.cycle_year, t.body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${stage.table})
       -- The bundled sample goes as the user's own data comes in: nothing to ask about.
       AND t.import_id NOT IN (SELECT import_id FROM imports WHERE is_sample)
     GROUP BY t.village_key, t.cycle_year, t.body
     ORDER BY t.cycle_year, village`,
  );
  return conflicts;
}

/** A whole prepared file staged at once (small files, the sample, tests). */
export async function stageImport(db: Db, prepared: PreparedImport): Promise<StagedImport> {
  const stage = await createStage(db, prepared.kind);
  try {
    await appendToStage(
      db,
      stage,
      rowsToBatch(prepared.kind, prepared.rows.filter((r) => r.status !== 'rejected')),
      rejectedToBatch(prepared.rows.filter((r) => r.status === 'rejected')),
    );
  } catch (e) {
    await discardStaged(db, stage);
    throw e;
  }
  const { rows: _rows, ...report } = prepared;
  return finishStage(db, stage, report);
}

export async function discardStaged(db: Db, staged: Stage): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${staged.table}`);
  await db.exec(`DROP TABLE IF EXISTS ${staged.rejectedTable}`);
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
  conflicts: readonly Conflict[];
  meta: ImportMeta;
  choice: ConflictChoice;
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

async function insertOne(db: Db, item: CommitItem): Promise<{ id: number; touched: number[] }> {
  const { staged, meta, choice, conflicts } = item;
  const target = TABLE_OF[staged.kind];
  const cols = TABLE_COLUMNS[staged.kind].map((c) => quoteIdent(c.name)).join(', ');
  const id = await nextImportId(db);
  let touched: number[] = [];
  if (choice === 'replace' && conflicts.length > 0) {
    const same = `(village_key, cycle_year, body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${staged.table})`;
    touched = (await db.query<{ import_id: number }>(`SELECT DISTINCT import_id FROM ${target} WHERE ${same}`)).map((r) => r.import_id);
    await db.exec(`DELETE FROM ${target} WHERE ${same}`);
  }
  await db.exec(`INSERT INTO ${target} (${cols}) SELECT * REPLACE (${id} AS import_id) FROM ${staged.table}`);
  const c = staged.report.counts;
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
  await db.exec(`INSERT INTO rejected_rows SELECT ${id}, source_row, cells, reasons FROM ${staged.rejectedTable} ORDER BY source_row`);
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
      for (const t of ['results', 'members']) {
        for (const r of await db.query<{ import_id: number }>(`SELECT DISTINCT import_id FROM ${t} WHERE cycle_year = ?`, [opts.replaceCycle]))
          replaced.add(r.import_id);
        await db.query(`DELETE FROM ${t} WHERE cycle_year = ?`, [opts.replaceCycle]);
      }
    }
    if (opts.clearSample) {
      const sample = 'import_id IN (SELECT import_id FROM imports WHERE is_sample)';
      for (const t of ['results', 'members', 'rejected_rows']) await db.exec(`DELETE FROM ${t} WHERE ${sample}`);
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

/**
 * Writes prepared rows into DuckDB in two steps, so that the user can be asked about villages
 * already there: stage (the rows become a temporary table, conflicts are found with SQL), then
 * commit (replace or keep both) or discard.
 */
import type { FieldId, FileKind } from '../import/fields';
import { tableToIPC } from 'apache-arrow';
import type { ImportReport, PreparedImport } from '../import/prepare';
import { batchToArrow } from './arrowBatch';
import { REJECTED_BATCH_COLUMNS, rejectedToBatch, rowsToBatch, type ColumnBatch } from '../import/columnBatch';
import {
  batchColumns,
  createTableSql,
  dataChanged,
  importTable,
  rebuildViews,
  KIND_TABLES,
  ownColumns,
  TABLE_COLUMNS,
  TABLE_OF,
} from './schema';
import { deleteRows, dropImports, importsOf, NEXT_IMPORT_ID_SQL, villageKeysIn } from './importRows';
import { findOverlaps, markSource, OTHER_SOURCE, type Overlap, type SourceChoice } from './sources';
import type { Db } from './types';

/** read_csv's default max_line_size; a longer line (a cell of a million characters) needs more. */
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

/** One staged table and the kind of table it becomes. */
export interface StagedTable {
  kind: FileKind;
  table: string;
  /** Whether the file's rows go here (a statistical table's voter figures only when it has such columns). */
  filled: boolean;
  /** A plain temporary table that batches land in before they are moved to `table` in bulk. */
  buffer: string;
}

/**
 * Rows gathered in a stage's plain buffer before they move to the compressed table in one
 * statement. Batches appended to a compressed table one by one took 13 s for a million roster
 * rows in DuckDB's Node build; into a plain buffer moved every 250,000 rows, 9 s — and the
 * buffer's memory stays that of 250,000 plain rows (≈90 MB) where a plain stage of the whole
 * file took 360 MB.
 */
export const STAGE_FLUSH_ROWS = 250_000;

let stageCounter = 0;

/**
 * A staging area for one file: its accepted rows and its rejected rows, in two temporary tables,
 * filled batch by batch as the import worker delivers them. Nothing in it is part of the data
 * until commitBatch moves it.
 */
export interface Stage {
  kind: FileKind;
  /** One per table of the kind (KIND_TABLES), the own first. */
  tables: StagedTable[];
  rejectedTable: string;
  /** Accepted rows in the buffers, not yet moved to the staged tables. */
  buffered: number;
  /** Buffered rows that trigger a move (STAGE_FLUSH_ROWS; smaller in tests). */
  flushRows: number;
  /**
   * The last batch's write. The import worker keeps two batches in flight, and a move drops and
   * recreates the buffers: a batch written while another is being moved would find no buffer.
   */
  writing: Promise<void>;
}

/** The staged table of the kind's own rows. */
export const ownStaged = (stage: Stage): string => stage.tables[0]!.table;

/**
 * Which of a kind's tables a file fills, from the fields it has: its own always, another when it
 * maps a column only that table has (a statistical table with 参加投票人数 fills `results` too).
 */
export function filledTables(kind: FileKind, fields: readonly (FieldId | null)[]): FileKind[] {
  return KIND_TABLES[kind].filter((t) => t === kind || ownColumns(t).some((c) => fields.includes(c as FieldId)));
}

export async function createStage(
  db: Db,
  kind: FileKind,
  fields: readonly (FieldId | null)[],
  opts: { flushRows?: number } = {},
): Promise<Stage> {
  const id = `${Date.now().toString(36)}_${++stageCounter}`;
  const filled = filledTables(kind, fields);
  const tables = KIND_TABLES[kind].map((t, k) => {
    const table = k === 0 ? `stage_${id}` : `stage_${id}_${t}`;
    return { kind: t, table, filled: filled.includes(t), buffer: `${table}_buffer` };
  });
  const stage: Stage = {
    kind,
    tables,
    rejectedTable: `stage_${id}_rejected`,
    buffered: 0,
    flushRows: opts.flushRows ?? STAGE_FLUSH_ROWS,
    writing: Promise.resolve(),
  };
  // Not temporary tables: committing renames them into the import's own tables.
  for (const t of tables) {
    await db.exec(createTableSql(t.kind, t.table));
    if (t.filled) await db.exec(emptyBufferSql(t));
  }
  await db.exec(`CREATE TEMP TABLE ${stage.rejectedTable} (source_row INTEGER, cells VARCHAR, reasons VARCHAR)`);
  return stage;
}

const emptyBufferSql = (t: StagedTable) => `CREATE TEMP TABLE ${t.buffer} AS FROM ${t.table} LIMIT 0`;

/**
 * Moves the buffered rows to the staged tables and drops the buffers; `refill` makes fresh ones for
 * the rows still to come (a fresh buffer gives its memory back to DuckDB, emptying one in place did not).
 */
async function flushStage(db: Db, stage: Stage, refill: boolean): Promise<void> {
  for (const t of stage.tables) {
    if (!t.filled) continue;
    if (stage.buffered > 0) await db.exec(`INSERT INTO ${t.table} FROM ${t.buffer}`);
    await db.exec(`DROP TABLE ${t.buffer}`);
    if (refill) await db.exec(emptyBufferSql(t));
  }
  stage.buffered = 0;
}

async function insertBatch(db: Db, table: string, batch: ColumnBatch, names: readonly string[]): Promise<void> {
  if (batch.length === 0) return;
  await db.insertArrow(table, tableToIPC(batchToArrow(batch, names), 'stream'));
}

/**
 * Adds one batch of accepted rows (to each table they fill) and one of rejected rows (see
 * columnBatch.ts), after the batches given before it, however many are given at once.
 */
export function appendToStage(db: Db, stage: Stage, accepted: ColumnBatch, rejected: ColumnBatch): Promise<void> {
  const write = stage.writing.then(() => writeBatch(db, stage, accepted, rejected));
  // A failed batch fails its own caller; the import stops there, and the next write still waits its turn.
  stage.writing = write.catch(() => undefined);
  return write;
}

async function writeBatch(db: Db, stage: Stage, accepted: ColumnBatch, rejected: ColumnBatch): Promise<void> {
  const names = batchColumns(stage.kind).map((c) => c.name);
  for (const t of stage.tables) {
    if (!t.filled) continue;
    const cols = TABLE_COLUMNS[t.kind].map((c) => c.name);
    const columns = cols.map((c) => accepted.columns[names.indexOf(c)]!);
    await insertBatch(db, t.buffer, { length: accepted.length, columns }, cols);
  }
  await insertBatch(db, stage.rejectedTable, rejected, REJECTED_BATCH_COLUMNS);
  stage.buffered += accepted.length;
  if (stage.buffered >= stage.flushRows) await flushStage(db, stage, true);
}

/**
 * Checks the staged counts against the report's: a row lost between the worker and DuckDB is an
 * error, never a smaller import.
 */
export async function finishStage(db: Db, stage: Stage, report: ImportReport): Promise<StagedImport> {
  await stage.writing;
  await flushStage(db, stage, false);
  const accepted = report.counts.imported + report.counts.warned;
  const [{ r }] = (await db.query<{ r: number }>(`SELECT count(*)::INTEGER AS r FROM ${stage.rejectedTable}`)) as [{ r: number }];
  for (const t of stage.tables) {
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t.table}`)) as [{ n: number }];
    const expected = t.filled ? accepted : 0;
    if (n !== expected || r !== report.counts.rejected) {
      await discardStaged(db, stage);
      throw new Error(`staging loaded ${n} of ${expected} rows (${TABLE_OF[t.kind]}) and ${r} of ${report.counts.rejected} rejected rows`);
    }
  }
  return { ...stage, rows: accepted, report };
}

/**
 * The villages × cycles × bodies of a staged file already in the data: asked about right before
 * the commit (a check done earlier may predate another import).
 */
export async function findConflicts(db: Db, stage: Stage): Promise<Conflict[]> {
  // One question per village × cycle × body, even when a statistical table conflicts in both of its tables.
  const byKey = new Map<string, Conflict>();
  for (const t of stage.tables.filter((x) => x.filled)) {
    const found = await db.query<Conflict & { village_key: string } & Record<string, unknown>>(
      `SELECT t.village_key, any_value(t.village) AS village, any_value(t.township) AS township, t.cycle_year, t.body, count(*) AS existing_rows
       FROM ${TABLE_OF[t.kind]} t
       WHERE (t.village_key, t.cycle_year, t.body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${t.table})
         -- The bundled sample goes as the user's own data comes in: nothing to ask about.
         AND t.import_id NOT IN (SELECT import_id FROM imports WHERE is_sample)
       GROUP BY t.village_key, t.cycle_year, t.body
       ORDER BY t.cycle_year, village`,
    );
    for (const { village_key, ...c } of found) {
      const key = `${village_key}|${c.cycle_year}|${c.body}`;
      byKey.set(key, { ...c, existing_rows: Math.max(c.existing_rows, byKey.get(key)?.existing_rows ?? 0) });
    }
  }
  return [...byKey.values()];
}

/**
 * The villages × cycles × bodies of a staged file that the other source (roster ↔ statistical
 * table) has too, in the data or in files staged before it in the same batch (`earlier`).
 */
export async function findStagedOverlaps(db: Db, stage: Stage, earlier: readonly Stage[]): Promise<Overlap[]> {
  const other = OTHER_SOURCE[stage.kind];
  if (!other) return [];
  return findOverlaps(db, stage.kind, ownStaged(stage), earlier.filter((s) => s.kind === other).map(ownStaged));
}

/** A whole prepared file staged at once (small files, the sample, tests). */
export async function stageImport(db: Db, prepared: PreparedImport): Promise<StagedImport> {
  const accepted = prepared.rows.filter((r) => r.status !== 'rejected');
  // The fields the rows give (a statistical table fills `results` only when it has voter figures).
  const given = KIND_TABLES[prepared.kind]
    .flatMap(ownColumns)
    .filter((c) => accepted.some((r) => r.values[c] !== null && r.values[c] !== undefined));
  const stage = await createStage(db, prepared.kind, given as FieldId[]);
  try {
    await appendToStage(
      db,
      stage,
      rowsToBatch(prepared.kind, accepted),
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
  // One round trip: after a commit most are gone already (renamed into import tables), and a
  // province's merge discards hundreds.
  const names = [...staged.tables.flatMap((t) => [t.table, t.buffer]), staged.rejectedTable];
  await db.exec(names.map((n) => `DROP TABLE IF EXISTS ${n}`).join(';\n'));
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
  /** Villages × cycles × bodies the other source (roster ↔ statistical table) has too. */
  overlaps?: readonly Overlap[];
  /** Which of the two counts there (the roster when not asked). */
  source?: SourceChoice;
  /**
   * Writes what comes with the import besides its rows (a submission package's source and count
   * rows), inside the commit's transaction, once its id is known; returns imports whose rows it changed.
   */
  afterInsert?: (db: Db, id: number) => Promise<number[]>;
}

export interface CommitOutcome {
  /** The new import ids, in the order of the items. */
  ids: number[];
  /** Earlier imports that lost rows to "replace" (their saved copies must be rewritten). */
  touched: number[];
  /** Whether the bundled sample was removed in the same transaction. */
  sampleCleared: boolean;
  /**
   * A query of the village keys whose rows changed, for the count tables to be refreshed for those
   * only: the new imports' villages (a "replace" and a source choice concern those too). Null when
   * any village may have changed (a cycle replaced, the sample removed).
   */
  villages: string | null;
}

/** A fresh import id: never one used before, not even by a deleted import kept for undo. */
async function nextImportId(db: Db): Promise<number> {
  const [{ id }] = (await db.query<{ id: number }>(NEXT_IMPORT_ID_SQL)) as [{ id: number }];
  await db.query('INSERT INTO import_ids_used VALUES (?)', [id]);
  return id;
}

async function insertOne(db: Db, item: CommitItem): Promise<{ id: number; touched: number[] }> {
  const { staged, meta, choice, conflicts } = item;
  const id = await nextImportId(db);
  const touched: number[] = [];
  for (const t of staged.tables) {
    if (choice === 'replace' && conflicts.length > 0 && t.filled)
      touched.push(
        ...(await deleteRows(
          db,
          t.kind,
          `(village_key, cycle_year, body) IN (SELECT DISTINCT village_key, cycle_year, body FROM ${t.table})`,
        )),
      );
    // The staged rows become the import's table as they are: no copy.
    await db.exec(`ALTER TABLE ${t.table} RENAME TO ${importTable(t.kind, id)}`);
  }
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
  // Where roster and statistical table meet, the answer is kept on the table's rows (this import's or earlier ones').
  if (item.overlaps?.length) touched.push(...(await markSource(db, item.overlaps, item.source ?? 'roster')));
  if (item.afterInsert) touched.push(...(await item.afterInsert(db, id)));
  return { id, touched };
}

/**
 * Commits staged files in one transaction: all of them or none, so a failure or a cancel never
 * leaves half a batch. The user's own first import removes the bundled sample in the same step.
 * The views over the import tables are rebuilt; the count tables are the caller's to refresh
 * (refreshCounts): importBatch does so beside the save, whose writing overlaps their build.
 */
export async function commitBatch(
  db: Db,
  items: readonly CommitItem[],
  opts: {
    clearSample: boolean;
    /** Remove every row of this cycle first ("replace a cycle"). */
    replaceCycle?: number | null;
    /** Writes what comes with the batch as a whole, after its last import, inside the transaction. */
    beforeCommit?: (db: Db) => Promise<void>;
  },
): Promise<CommitOutcome> {
  await db.exec('BEGIN TRANSACTION');
  try {
    let sampleCleared = false;
    const replaced = new Set<number>();
    if (opts.replaceCycle !== undefined && opts.replaceCycle !== null) {
      for (const id of await deleteRows(db, null, 'cycle_year = ?', [opts.replaceCycle])) replaced.add(id);
    }
    if (opts.clearSample) {
      await dropImports(
        db,
        (await importsOf(db, 'is_sample')).map((i) => i.id),
      );
      sampleCleared = true;
    }
    const ids: number[] = [];
    const touched = new Set<number>(replaced);
    for (const item of items) {
      const r = await insertOne(db, item);
      ids.push(r.id);
      for (const t of r.touched) touched.add(t);
    }
    await opts.beforeCommit?.(db);
    await db.exec('COMMIT');
    for (const id of ids) touched.delete(id);
    for (const item of items) await discardStaged(db, item.staged);
    await rebuildViews(db);
    const tables = items.flatMap((item, k) => item.staged.tables.filter((t) => t.filled).map((t) => importTable(t.kind, ids[k]!)));
    const villages = replaced.size > 0 || sampleCleared ? null : villageKeysIn(tables);
    return { ids, touched: [...touched], sampleCleared, villages };
  } catch (e) {
    await db.exec('ROLLBACK');
    for (const item of items) await discardStaged(db, item.staged);
    await dataChanged(db);
    throw e;
  }
}

import type { Db } from '../db/types';
import {
  appendToStage,
  commitBatch,
  createStage,
  discardStaged,
  findConflicts,
  findStagedOverlaps,
  finishStage,
  stageImport,
  type CommitItem,
  type Conflict,
  type ConflictChoice,
  type ImportMeta,
  type StagedImport,
} from '../db/load';
import { officeIdKey, officeIdKeyHex, takeIdKeyUnsaved } from '../db/idKey';
import { setIdHashKey } from '../import/idHash';
import { hasSampleData } from '../db/queries';
import { EngineReadError, enginePlan, engineStage } from '../db/engineImport';
import { refreshCounts } from '../db/schema';
import { quietFor } from '../db/activity';

/** The pause in the engine's work after which an import's count tables are saved. */
const COUNTS_SAVE_QUIET_MS = 3000;

/**
 * Keeps the count tables with the saved copy for the next reload (src/store/savedCounts.ts), once
 * they are refreshed for a change already saved, and once the engine has been quiet for a moment:
 * not while the user looks through the new data. One failing costs only speed.
 */
export function saveCountsWhenQuiet(persistence: Persistence): void {
  void persistence.saveCounts({ after: () => quietFor(COUNTS_SAVE_QUIET_MS) }).catch(() => undefined);
}
import type { Overlap, SourceChoice } from '../db/sources';
import type { PreparedImport } from '../import/pipeline';
import type { ImportPlan, Progress } from '../import/stream';
import { QuotaError } from '../store/fileStore';
import type { Persistence } from '../store/persistence';
import { takeImportedMarks } from '../metrics/villageLists';
import { ImportCancelled, importWorker } from './importWorkerClient';
import { traceSince } from '../util/trace';

export type ConflictAnswer = ConflictChoice | 'cancel';
export type SourceAnswer = SourceChoice | 'cancel';

export interface BatchItem {
  /** Stages the file's rows (or hands over rows already staged by the check). */
  stage: (db: Db) => Promise<StagedImport>;
  meta: ImportMeta;
}

/**
 * Reads a file opened in the import worker with a plan and stages every row in DuckDB: the check
 * the import screen runs, and the first half of an import. A CSV file is read by DuckDB itself
 * (src/db/engineImport; the worker only hands over its text as UTF-8); a workbook, a Parquet file
 * and any file the engine path refuses go through the worker's JavaScript path, batch by batch.
 */
export async function stageFile(
  db: Db,
  handle: number,
  plan: ImportPlan,
  onProgress?: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<StagedImport> {
  return (await stageInEngine(db, handle, plan, onProgress, signal)) ?? stageInWorker(db, handle, plan, onProgress, signal);
}

/** The engine path, or null where it does not apply or refuses the file (then nothing is left staged). */
async function stageInEngine(
  db: Db,
  handle: number,
  plan: ImportPlan,
  onProgress?: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<StagedImport | null> {
  const t0 = performance.now();
  const text = await importWorker.text(handle, onProgress, signal);
  if (!text) return null;
  let ePlan: ReturnType<typeof enginePlan>;
  try {
    ePlan = enginePlan(text.analysis, plan);
  } catch (e) {
    if (e instanceof EngineReadError) return null;
    throw e;
  }
  const size = text.bytes.length;
  // The engine path converts each distinct ID number on this thread: under the office's key, as
  // the worker does, so that this roster links to earlier ones.
  if (plan.kind === 'members') setIdHashKey(await officeIdKey(db));
  const stage = await createStage(
    db,
    plan.kind,
    plan.columns.map((c) => c.field),
  );
  try {
    const out = await engineStage(db, text.bytes, ePlan, stage, {
      signal,
      onRows: (rows) => onProgress?.({ bytes: size, totalBytes: size, rows }),
    });
    const staged = await finishStage(db, stage, out.report);
    traceSince(`import engine (${out.picked} of ${out.rows} rows in JavaScript)`, t0);
    return staged;
  } catch (e) {
    await discardStaged(db, stage);
    if (signal?.aborted) throw new ImportCancelled();
    if (e instanceof EngineReadError) {
      traceSince(`import engine refused: ${e.code}`, t0);
      return null;
    }
    throw e;
  }
}

/** The JavaScript path: the worker reads, normalises and checks the rows and sends them in batches. */
async function stageInWorker(
  db: Db,
  handle: number,
  plan: ImportPlan,
  onProgress?: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<StagedImport> {
  const stage = await createStage(
    db,
    plan.kind,
    plan.columns.map((c) => c.field),
  );
  try {
    const report = await importWorker.prepare(
      handle,
      // ID numbers are hashed under the office's key, so that this roster links to earlier ones.
      plan.kind === 'members' ? { ...plan, idKey: await officeIdKeyHex(db) } : plan,
      (accepted, rejected) => appendToStage(db, stage, accepted, rejected),
      onProgress,
      signal,
    );
    return await finishStage(db, stage, report);
  } catch (e) {
    await discardStaged(db, stage);
    throw e;
  }
}

export type ImportPhase = 'staging' | 'asking' | 'committing' | 'saving' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Files staged so far, of total. */
  done: number;
  total: number;
  /** Data rows staged so far. */
  rows: number;
  fileName: string | null;
}

export interface ItemOutcome {
  importId: number | null;
  /** The user answered "cancel" to this file's conflicts. */
  skipped: boolean;
  conflicts: Conflict[];
  /** Village × cycle × body with both a roster and a statistical table, and the answer given. */
  overlaps: Overlap[];
  source: SourceChoice | null;
}

export interface BatchOutcome {
  /** The whole batch was cancelled before anything was written. */
  cancelled: boolean;
  items: ItemOutcome[];
  sampleCleared: boolean;
  /** Imported but not saved (the data is in this page only); null when saved or nothing to save. */
  saveError: { quota: boolean; message: string } | null;
}

export interface BatchOptions {
  ask: (fileName: string, conflicts: Conflict[]) => Promise<ConflictAnswer>;
  /** Which source counts where a roster and a statistical table cover the same villages; the roster if not asked. */
  askSource?: (fileName: string, overlaps: Overlap[]) => Promise<SourceAnswer>;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  persistence?: Persistence | null;
  /** Replace every row of this cycle (from any import) with the batch's. */
  replaceCycle?: number | null;
}

/** Lets the page paint progress and take a click on "cancel" between steps. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Imports files as one unit: every file is staged (cancellable), the user is asked about villages
 * already there, then everything is committed in one transaction and saved. A cancel or an error
 * before the commit leaves the database and the saved data exactly as they were.
 */
export async function importBatch(db: Db, batch: readonly BatchItem[], opts: BatchOptions): Promise<BatchOutcome> {
  const staged: (StagedImport | null)[] = [];
  const progress = (p: Omit<ImportProgress, 'total'>) => opts.onProgress?.({ ...p, total: batch.length });
  const items: ItemOutcome[] = batch.map(() => ({ importId: null, skipped: false, conflicts: [], overlaps: [], source: null }));
  let rows = 0;
  const cancelled = (): BatchOutcome => ({ cancelled: true, items, sampleCleared: false, saveError: null });
  try {
    for (const [k, item] of batch.entries()) {
      progress({ phase: 'staging', done: k, rows, fileName: item.meta.fileName });
      await breathe();
      if (opts.signal?.aborted) return cancelled();
      const s = await item.stage(db);
      items[k]!.overlaps = await findStagedOverlaps(
        db,
        s,
        staged.filter((x): x is StagedImport => x !== null),
      );
      staged.push(s);
      rows += s.rows;
      items[k]!.conflicts = await findConflicts(db, s);
    }
    const commit: CommitItem[] = [];
    for (const [k, item] of batch.entries()) {
      const s = staged[k]!;
      let choice: ConflictAnswer = 'keep';
      const conflicts = items[k]!.conflicts;
      if (conflicts.length > 0) {
        progress({ phase: 'asking', done: batch.length, rows, fileName: item.meta.fileName });
        choice = await opts.ask(item.meta.fileName, conflicts);
      }
      if (opts.signal?.aborted) return cancelled();
      const overlaps = items[k]!.overlaps;
      let source: SourceAnswer = 'roster';
      if (choice !== 'cancel' && overlaps.length > 0 && opts.askSource) {
        progress({ phase: 'asking', done: batch.length, rows, fileName: item.meta.fileName });
        source = await opts.askSource(item.meta.fileName, overlaps);
        if (opts.signal?.aborted) return cancelled();
      }
      if (choice === 'cancel' || source === 'cancel') {
        items[k]!.skipped = true;
        continue;
      }
      if (overlaps.length > 0) items[k]!.source = source;
      commit.push({ staged: s, conflicts, meta: item.meta, choice, overlaps, source });
    }
    if (commit.length === 0) return { cancelled: false, items, sampleCleared: false, saveError: null };
    progress({ phase: 'committing', done: batch.length, rows, fileName: null });
    const isSample = batch.every((b) => b.meta.isSample);
    const tCommit = performance.now();
    const result = await commitBatch(db, commit, {
      clearSample: !isSample && (await hasSampleData(db)),
      replaceCycle: opts.replaceCycle ?? null,
    });
    traceSince('import commit', tCommit);
    // A results file's 村类别 / 是否重点村 / 是否难点村 update the office's 重点村 / 难点村 lists (saved with the imports).
    const marksChanged = !isSample && (await takeImportedMarks(db, result.ids));
    let n = 0;
    for (const [k] of batch.entries()) if (!items[k]!.skipped) items[k]!.importId = result.ids[n++] ?? null;
    let saveError: BatchOutcome['saveError'] = null;
    const persistence = isSample ? null : opts.persistence;
    if (persistence) progress({ phase: 'saving', done: batch.length, rows, fileName: null });
    // The engine dumps the saved copy, each chunk written as the next is dumped, then builds the
    // count tables while the save's last steps finish.
    const tSave = performance.now();
    let dumped = (): void => undefined;
    const engineFree = new Promise<void>((resolve) => (dumped = resolve));
    const saving = persistence
      ? (async () => {
          try {
            await persistence.save([...result.ids, ...result.touched], {
              sampleDismissed: result.sampleCleared,
              onDumped: dumped,
              counts: false,
            });
            // The ID key made for this import is saved with it: without it, later imports would not link.
            const tables = [...(takeIdKeyUnsaved(db) ? ['app_settings'] : []), ...(marksChanged ? ['village_marks'] : [])];
            if (tables.length > 0) await persistence.saveTables(tables);
            traceSince('import save', tSave);
          } catch (e) {
            saveError = { quota: e instanceof QuotaError, message: e instanceof Error ? e.message : String(e) };
          }
        })()
      : Promise.resolve();
    const counting = Promise.race([engineFree, saving]).then(async () => {
      const tCounts = performance.now();
      const how = await refreshCounts(db, result.villages ?? undefined);
      traceSince(`import counts (${how})`, tCounts);
    });
    await Promise.all([counting, saving]);
    // The count tables are kept with the saved copy for the next reload (src/store/savedCounts.ts):
    // after the import is done, so that it costs the import nothing; one failing costs only speed.
    // Once the engine has been quiet for a moment: not while the user looks through the new data.
    if (persistence && !saveError) saveCountsWhenQuiet(persistence);
    progress({ phase: 'done', done: batch.length, rows, fileName: null });
    return { cancelled: false, items, sampleCleared: result.sampleCleared, saveError };
  } finally {
    // Staged tables of a cancelled or failed batch (commitBatch drops the ones it used).
    for (const s of staged) if (s) await discardStaged(db, s);
  }
}

export interface ImportOutcome {
  importId: number | null;
  cancelled: boolean;
  conflicts: Conflict[];
  sampleCleared: boolean;
  /** Village × cycle × body that also had the other source (roster ↔ statistical table), and which counts. */
  overlaps?: Overlap[];
  source?: SourceChoice | null;
}

/** One file, for the sample loader, scripts and tests. */
export async function importPrepared(
  db: Db,
  prepared: PreparedImport,
  meta: ImportMeta,
  ask: (conflicts: Conflict[]) => Promise<ConflictAnswer>,
  persistence?: Persistence | null,
  askSource?: (overlaps: Overlap[]) => Promise<SourceAnswer>,
): Promise<ImportOutcome> {
  const out = await importBatch(db, [{ stage: (target) => stageImport(target, prepared), meta }], {
    ask: (_, c) => ask(c),
    askSource: askSource && ((_, o) => askSource(o)),
    persistence,
  });
  const item = out.items[0]!;
  if (out.saveError) throw new Error(out.saveError.message);
  return {
    importId: item.importId,
    cancelled: item.skipped,
    conflicts: item.conflicts,
    sampleCleared: out.sampleCleared,
    overlaps: item.overlaps,
    source: item.source,
  };
}

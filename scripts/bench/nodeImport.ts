/**
 * A benchmark file staged in DuckDB's Node build the way the app's import worker stages it: read
 * and normalised chunk by chunk with the detected plan, handed over in columnar batches
 * (stageFile); or as the app stages a CSV file now, inside the engine (stageFileInEngine).
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { EngineReadError, enginePlan, engineStage } from '../../src/db/engineImport';
import { appendToStage, commitBatch, createStage, discardStaged, finishStage, type StagedImport } from '../../src/db/load';
import type { Db } from '../../src/db/types';
import { BatchBuilder, rejectedToBatch } from '../../src/import/columnBatch';
import type { NormalizedRow } from '../../src/import/normalizeRow';
import { csvBytes, openFile, prepareFile, type ImportPlan } from '../../src/import/stream';

const BATCH_ROWS = 16_384;

/** The file opened and its layout detected, as the import screen does, and an empty stage for its rows. */
async function planned(db: Db, file: string) {
  const blob = await openAsBlob(file);
  const info = await openFile(blob, path.basename(file));
  const sheetIndex = info.analysis.sheetIndex;
  const sp = info.analysis.sheets[sheetIndex]!;
  if (!sp.kind) throw new Error(`${file}: no kind recognised`);
  const plan: ImportPlan = { sheetIndex, kind: sp.kind, columns: sp.columns, context: sp.inferred };
  const stage = await createStage(
    db,
    plan.kind,
    plan.columns.map((c) => c.field),
  );
  return { blob, info, plan, stage };
}

export async function stageFile(db: Db, file: string): Promise<StagedImport> {
  const { blob, info, plan, stage } = await planned(db, file);
  const accepted = new BatchBuilder(plan.kind, BATCH_ROWS);
  let rejected: NormalizedRow[] = [];
  const onRow = (row: NormalizedRow) => (row.status === 'rejected' ? rejected.push(row) : accepted.add(row));
  const send = async () => {
    const a = accepted.flush();
    const r = rejectedToBatch(rejected);
    rejected = [];
    await appendToStage(db, stage, a, r);
  };
  const gen = prepareFile(blob, info, plan, onRow, () => undefined);
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      if (accepted.length + rejected.length > 0) await send();
      return finishStage(db, stage, next.value);
    }
    if (accepted.length >= BATCH_ROWS || rejected.length >= BATCH_ROWS) await send();
  }
}

/**
 * The engine path (src/app/importer.ts stageInEngine), the JavaScript one where it refuses the file.
 * The engine is handed the file as UTF-8, as the import worker hands it (csvBytes): a GB18030 file
 * as it is on disk had every row rejected (the bench's party-branch results file).
 */
export async function stageFileInEngine(db: Db, file: string): Promise<StagedImport> {
  const { blob, info, plan, stage } = await planned(db, file);
  try {
    const bytes = await csvBytes(blob, info, () => undefined);
    if (!bytes) throw new EngineReadError('unsupported', 'not a CSV file');
    const out = await engineStage(db, bytes, enginePlan(info.analysis, plan), stage);
    return await finishStage(db, stage, out.report);
  } catch (e) {
    if (!(e instanceof EngineReadError)) throw e;
    console.log(`${path.basename(file)}: the engine refused it (${e.code}), staged by the JavaScript path`);
  }
  await discardStaged(db, stage);
  return stageFile(db, file);
}

/** Stages the files (in the engine, or by the JavaScript path) and commits them as one import, as the app does; returns their rows. */
export async function importFiles(db: Db, files: readonly string[], inEngine: boolean): Promise<number[]> {
  const staged: StagedImport[] = [];
  for (const f of files) {
    const s = await (inEngine ? stageFileInEngine : stageFile)(db, f);
    // Every bench file is valid throughout: a file of no rows is the bench's own fault, not a figure.
    if (s.rows === 0) throw new Error(`${path.basename(f)}: no row staged (${JSON.stringify(s.report.counts)})`);
    staged.push(s);
  }
  await commitBatch(
    db,
    staged.map((s, i) => ({
      staged: s,
      conflicts: [],
      meta: { fileName: path.basename(files[i]!), sheetName: null, encoding: null },
      choice: 'keep' as const,
    })),
    { clearSample: false },
  );
  return staged.map((s) => s.rows);
}

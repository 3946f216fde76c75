/**
 * A benchmark file staged in DuckDB's Node build the way the app's import worker stages it: read
 * and normalised chunk by chunk with the detected plan, handed over in columnar batches.
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { appendToStage, createStage, finishStage, type StagedImport } from '../../src/db/load';
import type { Db } from '../../src/db/types';
import { BatchBuilder, rejectedToBatch } from '../../src/import/columnBatch';
import type { NormalizedRow } from '../../src/import/normalizeRow';
import { openFile, prepareFile, type ImportPlan } from '../../src/import/stream';

const BATCH_ROWS = 16_384;

export async function stageFile(db: Db, file: string): Promise<StagedImport> {
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

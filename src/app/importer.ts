import type { Db } from '../db/types';
import { commitImport, discardStaged, stageImport, type Conflict, type ConflictChoice, type ImportMeta } from '../db/load';
import { deleteImports, hasSampleData } from '../db/queries';
import type { PreparedImport } from '../import/pipeline';

export type ConflictAnswer = ConflictChoice | 'cancel';

export interface ImportOutcome {
  importId: number | null;
  cancelled: boolean;
  conflicts: Conflict[];
  sampleCleared: boolean;
}

/**
 * Stages the rows, asks about villages already imported, and commits. The user's own first
 * import replaces the bundled sample, so sample and real figures never mix.
 */
export async function importPrepared(
  db: Db,
  prepared: PreparedImport,
  meta: ImportMeta,
  ask: (conflicts: Conflict[]) => Promise<ConflictAnswer>,
): Promise<ImportOutcome> {
  let sampleCleared = false;
  if (!meta.isSample && (await hasSampleData(db))) {
    await deleteImports(db, 'sample');
    sampleCleared = true;
  }
  const staged = await stageImport(db, prepared);
  const answer: ConflictAnswer = staged.conflicts.length > 0 ? await ask(staged.conflicts) : 'keep';
  if (answer === 'cancel') {
    await discardStaged(db, staged);
    return { importId: null, cancelled: true, conflicts: staged.conflicts, sampleCleared };
  }
  const importId = await commitImport(db, staged, prepared, meta, answer);
  return { importId, cancelled: false, conflicts: staged.conflicts, sampleCleared };
}

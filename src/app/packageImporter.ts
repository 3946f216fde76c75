/**
 * Merges checked submission packages into the office's data, beside what is there (a backup
 * restore replaces everything; a package never does): every package staged, the user asked about
 * each one that covers villages × cycles × bodies already here, then all of them committed in one
 * transaction, saved, and the count tables refreshed — as an import of files (importer.ts).
 */
import { commitBatch, type CommitItem, type Conflict } from '../db/load';
import { hasSampleData } from '../db/queries';
import { refreshCounts } from '../db/schema';
import type { Db } from '../db/types';
import type { OpenedPackage } from '../store/package/format';
import { discardPackage, packageCommitItems, stagePackage, type StagedPackage } from '../store/package/stage';
import { QuotaError } from '../store/fileStore';
import type { Persistence } from '../store/persistence';
import { saveCountsWhenQuiet, type ConflictAnswer } from './importer';

export interface PackageOutcome {
  fileName: string;
  importIds: number[];
  skipped: boolean;
  conflicts: Conflict[];
}

export interface PackageBatchOutcome {
  cancelled: boolean;
  packages: PackageOutcome[];
  saveError: { quota: boolean; message: string } | null;
}

export async function importPackages(
  db: Db,
  packages: readonly OpenedPackage[],
  opts: {
    ask: (fileName: string, conflicts: Conflict[]) => Promise<ConflictAnswer>;
    persistence?: Persistence | null;
    signal?: AbortSignal;
  },
): Promise<PackageBatchOutcome> {
  const staged: StagedPackage[] = [];
  const out: PackageOutcome[] = packages.map((p) => ({ fileName: p.fileName, importIds: [], skipped: false, conflicts: [] }));
  try {
    for (const p of packages) {
      if (opts.signal?.aborted) return { cancelled: true, packages: out, saveError: null };
      staged.push(await stagePackage(db, p));
    }
    const items: CommitItem[] = [];
    const owners: number[] = [];
    for (const [k, s] of staged.entries()) {
      out[k]!.conflicts = s.conflicts;
      const answer = s.conflicts.length > 0 ? await opts.ask(s.opened.fileName, s.conflicts) : 'keep';
      if (opts.signal?.aborted) return { cancelled: true, packages: out, saveError: null };
      if (answer === 'cancel') {
        out[k]!.skipped = true;
        continue;
      }
      for (const item of packageCommitItems(s, answer)) {
        items.push(item);
        owners.push(k);
      }
    }
    if (items.length === 0) return { cancelled: false, packages: out, saveError: null };
    const result = await commitBatch(db, items, { clearSample: await hasSampleData(db) });
    for (const [n, id] of result.ids.entries()) out[owners[n]!]!.importIds.push(id);
    // Villages with count rows only are not in the imports' tables.
    const counted = `SELECT village_key FROM package_villages WHERE import_id IN (${result.ids.map(Number).join(', ')})`;
    const villages = result.villages === null ? undefined : `${result.villages} UNION ALL ${counted}`;
    let saveError: PackageBatchOutcome['saveError'] = null;
    const persistence = opts.persistence;
    const saving = persistence
      ? // The count tables are not yet those of the merged data: saved after their refresh, below.
        persistence
          .save([...result.ids, ...result.touched], { sampleDismissed: result.sampleCleared, counts: false })
          .catch((e: unknown) => {
            saveError = { quota: e instanceof QuotaError, message: e instanceof Error ? e.message : String(e) };
          })
      : Promise.resolve();
    await saving;
    await refreshCounts(db, villages);
    if (persistence && !saveError) saveCountsWhenQuiet(persistence);
    return { cancelled: false, packages: out, saveError };
  } finally {
    // What is left staged: skipped, cancelled or failed packages, and the committed ones' count rows
    // (their imports' stages are import tables now, under other names).
    for (const s of staged) await discardPackage(db, s);
  }
}

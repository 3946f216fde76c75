/**
 * Merges checked submission packages into the office's data, beside what is there (a backup
 * restore replaces everything; a package never does): the batch staged at once, the user asked
 * about each package that covers villages × cycles × bodies already here, then all of them
 * committed in one transaction, saved, and the count tables brought up to date — as an import of
 * files (importer.ts). A counts-only package's count rows go into the count tables as sent when
 * they are what a rebuild would make (stage.ts, countedAsSent): a province merging a hundred
 * counties' packages does not count them again.
 */
import { commitBatch, type Conflict } from '../db/load';
import { hasSampleData } from '../db/queries';
import { importTable, refreshCounts } from '../db/schema';
import type { Db } from '../db/types';
import type { OpenedPackage } from '../store/package/format';
import { batchCommitItems, countedAsSent, discardBatch, stagePackages, type PackageChoice, type StagedBatch } from '../store/package/stage';
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
  /** How the count tables were brought up to date: the packages' rows taken as sent, counted, or both. */
  counts?: { sent: number; counted: 'part' | 'whole' | null };
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
  const out: PackageOutcome[] = packages.map((p) => ({ fileName: p.fileName, importIds: [], skipped: false, conflicts: [] }));
  if (opts.signal?.aborted) return { cancelled: true, packages: out, saveError: null };
  const staged = await stagePackages(db, packages);
  try {
    const choices: PackageChoice[] = [];
    for (const [k, s] of staged.packages.entries()) {
      out[k]!.conflicts = s.conflicts;
      const answer = s.conflicts.length > 0 ? await opts.ask(s.opened.fileName, s.conflicts) : 'keep';
      if (opts.signal?.aborted) return { cancelled: true, packages: out, saveError: null };
      out[k]!.skipped = answer === 'cancel';
      choices.push(answer === 'cancel' ? null : answer);
    }
    const { items, owners, afterAll } = batchCommitItems(staged, choices);
    if (items.length === 0) return { cancelled: false, packages: out, saveError: null };
    const result = await commitBatch(db, items, { clearSample: await hasSampleData(db), beforeCommit: afterAll });
    const ids = new Map<number, number[]>();
    for (const [n, id] of result.ids.entries()) {
      out[owners[n]!]!.importIds.push(id);
      ids.set(owners[n]!, [...(ids.get(owners[n]!) ?? []), id]);
    }
    let saveError: PackageBatchOutcome['saveError'] = null;
    const persistence = opts.persistence;
    // The engine dumps the saved copy, then brings the count tables up to date while the page
    // writes it (importer.ts does the same).
    let dumped = (): void => undefined;
    const engineFree = new Promise<void>((resolve) => (dumped = resolve));
    const saving = persistence
      ? // The count tables are not yet those of the merged data: saved after they are, below.
        persistence
          .save([...result.ids, ...result.touched], { sampleDismissed: result.sampleCleared, counts: false, onDumped: dumped })
          .catch((e: unknown) => {
            saveError = { quota: e instanceof QuotaError, message: e instanceof Error ? e.message : String(e) };
          })
      : Promise.resolve();
    const counting = Promise.race([engineFree, saving]).then(() => updateCounts(db, staged, ids, result));
    const [counts] = await Promise.all([counting, saving]);
    if (persistence && !saveError) saveCountsWhenQuiet(persistence);
    return { cancelled: false, packages: out, saveError, counts };
  } finally {
    // What is left staged: skipped or failed packages, and the batch's count tables (the committed
    // imports' stages are import tables now, under other names).
    await discardBatch(db, staged);
  }
}

const SENT_VILLAGES = 'stat_sent_villages';

/** The count tables after the commit: the packages' own rows where they can be taken as sent, a recount for the rest. */
async function updateCounts(
  db: Db,
  b: StagedBatch,
  ids: ReadonlyMap<number, number[]>,
  result: { ids: number[]; villages: string | null; sampleCleared: boolean },
): Promise<{ sent: number; counted: 'part' | 'whole' | null }> {
  const { STATS_VERSION, addSentCounts } = await import('../db/stats');
  try {
    const sent = await countedAsSent(db, b, ids, STATS_VERSION, SENT_VILLAGES);
    const rest = [...ids.keys()].filter((k) => !sent.includes(k));
    // The bundled sample was removed: what is here is the batch alone (the sample goes with the user's first data).
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM imports WHERE import_id NOT IN (${result.ids.join(', ')})`,
    )) as [{ n: number }];
    const fresh = result.sampleCleared && n === 0;
    if (sent.length > 0 && (result.villages !== null || (fresh && rest.length === 0))) {
      const { stat_results, stat_people, stat_villages } = b.counts;
      if (await addSentCounts(db, { stat_results, stat_people, stat_villages }, SENT_VILLAGES, { fresh })) {
        if (rest.length === 0) return { sent: sent.length, counted: null };
        // The other packages' villages: their rows, and those of their count rows only.
        const restIds = rest.flatMap((k) => ids.get(k)!);
        const tables = rest.flatMap((k) =>
          b.packages[k]!.items.flatMap(({ staged }, n) =>
            staged.tables.filter((t) => t.filled).map((t) => `SELECT village_key FROM ${importTable(t.kind, ids.get(k)![n]!)}`),
          ),
        );
        tables.push(`SELECT village_key FROM package_villages WHERE import_id IN (${restIds.join(', ')})`);
        return { sent: sent.length, counted: await refreshCounts(db, tables.join(' UNION ALL ')) };
      }
    }
    // Villages with count rows only are not in the imports' tables.
    const counted = `SELECT village_key FROM package_villages WHERE import_id IN (${result.ids.map(Number).join(', ')})`;
    return { sent: 0, counted: await refreshCounts(db, result.villages === null ? undefined : `${result.villages} UNION ALL ${counted}`) };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${SENT_VILLAGES}`);
  }
}

/**
 * Village lineage for the views: the recorded changes, the villages they may name, the candidates
 * the data suggests, the marks beside figures that include predecessors, and the actions that
 * change them (each checked whole before it is written; the view then saves the tables).
 */
import { useQuery } from '@tanstack/react-query';
import { useDb, useEngineUp } from '../app/dbContext';
import { lineageMarks, listChanges, replaceChanges, type NewChange, type VillageChange } from '../db/lineage';
import { candidateChanges, changeCandidates, dismissCandidate, type ChangeCandidate } from '../db/lineageCandidates';
import { checkChanges, knownVillages, resolveSheetRows, type ChangeProblem } from '../db/lineageCheck';
import { refreshCounts } from '../db/schema';
import { valuesQuery } from '../db/sqlLiteral';
import type { Db } from '../db/types';
import { parseChangeSheet, type ChangeSheetProblem } from '../import/villageChanges';

export type { ChangeCandidate } from '../db/lineageCandidates';
export type { ChangeProblem, KnownVillage } from '../db/lineageCheck';
export type { ChangeKind, LineageMark, LineageMarks, NewChange, SplitMark, VillageChange } from '../db/lineage';
export { CHANGE_KINDS } from '../db/lineage';

/** The saved tables a lineage action changes (what the view saves after it). */
export const LINEAGE_TABLES = ['village_changes'] as const;
export const CANDIDATE_TABLES = ['village_changes', 'app_settings'] as const;

export function useVillageChanges() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'village-changes'], queryFn: () => listChanges(db) });
}

export function useKnownVillages() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'known-villages'], queryFn: () => knownVillages(db) });
}

export function useChangeCandidates() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'lineage-candidates'], queryFn: () => changeCandidates(db) });
}

export const lineageMarksQuery = (db: Db) => ({ queryKey: ['data', 'lineage-marks'], queryFn: () => lineageMarks(db) });

/**
 * Asked once the engine is up: the sample's first dashboard is drawn from its snapshot and asks
 * nothing before (src/app/dashboardSnapshot.ts); a village change can only be recorded after.
 */
export function useLineageMarks() {
  const db = useDb();
  const engineUp = useEngineUp();
  return useQuery({ ...lineageMarksQuery(db), enabled: engineUp });
}

/** A set of changes refused, with every problem found (a sheet's own, then the data's). */
export class ChangeProblemsError extends Error {
  constructor(readonly problems: readonly (ChangeProblem | ChangeSheetProblem)[]) {
    super(`${problems.length} problem(s) in the village changes`);
    this.name = 'ChangeProblemsError';
  }
}

/**
 * Writes the whole set of changes, then recounts the villages they name before and after: persons
 * are linked across a merge or a rename (src/db/personLinks.ts), so their links change with it.
 */
async function writeChanges(db: Db, rows: readonly (NewChange & { change_id?: number })[]): Promise<void> {
  const named = new Set<string>();
  for (const c of [...(await listChanges(db)), ...rows]) named.add(c.old_key).add(c.new_key);
  await replaceChanges(db, rows);
  if (named.size > 0) await refreshCounts(db, valuesQuery('village_key', [...named]));
}

/** Checks the whole set and writes it, or throws ChangeProblemsError and writes nothing. */
export async function saveVillageChanges(db: Db, rows: readonly (NewChange & { change_id?: number })[]): Promise<void> {
  const problems = checkChanges(rows, await knownVillages(db));
  if (problems.length > 0) throw new ChangeProblemsError(problems);
  await writeChanges(db, rows);
}

/**
 * Adds a CSV or Excel sheet of changes to those recorded: the file is taken whole or not at all,
 * and a change already recorded is not added twice. Returns how many were added.
 */
export async function importVillageChanges(db: Db, bytes: Uint8Array, fileName: string): Promise<number> {
  // The readers (with the workbook library) load when a file of changes is first read.
  const { readSource } = await import('../import/read');
  const source = readSource(bytes, fileName);
  const sheet = source.sheets[0];
  if (source.error || !sheet) throw new ChangeProblemsError([{ code: 'no_header', missing: ['kind', 'effective_cycle'] }]);
  const parsed = parseChangeSheet(sheet.rows, sheet.rowNumbers);
  const villages = await knownVillages(db);
  const resolved = resolveSheetRows(parsed.rows, villages);
  const existing = await listChanges(db);
  const same = (a: NewChange, b: NewChange) => a.kind === b.kind && a.old_key === b.old_key && a.new_key === b.new_key;
  const fresh = resolved.changes.map((c, i) => ({ c, line: resolved.lines[i]! })).filter(({ c }) => !existing.some((e) => same(e, c)));
  const all = [...existing, ...fresh.map(({ c }) => c)];
  // The file's own rows are numbered by their lines; a problem of an existing change by its place in the editor.
  const rowOf = (i: number) => (i < existing.length ? -(i + 1) : fresh[i - existing.length]!.line);
  const problems = [...parsed.problems, ...resolved.problems, ...checkChanges(all, villages, rowOf).filter((p) => p.row > 0)];
  if (problems.length > 0) throw new ChangeProblemsError(problems);
  await writeChanges(db, all);
  return fresh.length;
}

export async function acceptCandidate(db: Db, c: ChangeCandidate): Promise<void> {
  await saveVillageChanges(db, [...(await listChanges(db)), ...candidateChanges(c)]);
}

export async function dismissChangeCandidate(db: Db, c: ChangeCandidate): Promise<void> {
  await dismissCandidate(db, c.id);
}

/** The changes as the editor holds them: without ids for new rows. */
export type EditedChange = NewChange & { change_id?: number };
export const asEdited = (c: VillageChange): EditedChange => ({ ...c });

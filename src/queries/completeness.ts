/**
 * The completeness view's and the overview's questions about a cycle's reporting (SQL in
 * src/metrics/completeness.ts), and the changes the view makes to the office's village lists —
 * each saved at once (Persistence.saveTables) so that it survives a reload and travels in backups.
 */
import { useQuery } from '@tanstack/react-query';
import { useDb } from '../app/dbContext';
import type { Db } from '../db/types';
import type { RegisterRow } from '../import/register';
import {
  completenessByTownship,
  completenessVillages,
  completionProgress,
  expectationSource,
  type CompletenessFilter,
} from '../metrics/completeness';
import { clearRegister, replaceRegister, setVillageMark, type VillageMarkKind } from '../metrics/villageLists';
import type { Persistence } from '../store/persistence';

export type {
  CompletenessTownship,
  CompletenessVillage,
  CompletionProgress,
  CompletionDay,
  ExpectationSource,
  VillageShare,
} from '../metrics/completeness';
export type { VillageMarkKind } from '../metrics/villageLists';
export { VILLAGE_MARKS } from '../metrics/villageLists';

export const completenessKey = (f: CompletenessFilter) => ['data', 'completeness', f.cycle, f.county ?? null, f.township ?? null];

/** Per township and per village, with where the expectation comes from. */
export function useCompleteness(f: CompletenessFilter | null) {
  const db = useDb();
  return useQuery({
    queryKey: f ? completenessKey(f) : ['data', 'completeness', null],
    enabled: f !== null,
    queryFn: async () => ({
      ...(await expectationSource(db, f!.cycle)),
      townships: await completenessByTownship(db, f!),
      villages: await completenessVillages(db, f!),
    }),
  });
}

/** The cumulative completion of the cycle in a county or township (the overview's line and chart, the report's sentence). */
export function useCompletionProgress(f: CompletenessFilter | null) {
  const db = useDb();
  return useQuery({
    queryKey: f ? ['data', 'completion', f.cycle, f.county ?? null, f.township ?? null] : ['data', 'completion', null],
    enabled: f !== null,
    queryFn: () => completionProgress(db, f!),
  });
}

export { completionProgress };

/** Ticks or unticks a village's 重点村 / 难点村 mark, and saves the list. */
export async function markVillage(db: Db, persistence: Persistence, villageKey: string, mark: VillageMarkKind, on: boolean) {
  await setVillageMark(db, villageKey, mark, on);
  await persistence.saveTables(['village_marks']);
}

/** Makes a read register the cycle's expectation (replacing its earlier one), and saves it. */
export async function saveRegister(db: Db, persistence: Persistence, cycle: number, rows: readonly RegisterRow[]) {
  const n = await replaceRegister(db, cycle, rows);
  await persistence.saveTables(['village_register']);
  return n;
}

/** Drops the cycle's register: the expectation falls back to the previous cycle's villages. */
export async function dropRegister(db: Db, persistence: Persistence, cycle: number) {
  await clearRegister(db, cycle);
  await persistence.saveTables(['village_register']);
}

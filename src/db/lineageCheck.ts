/**
 * Whether a set of village changes makes sense against the data, before it is saved: every
 * village known, each change after its old village's last cycle and at or before its new
 * village's, no chain going back in time or round in a loop, one successor per village (else it
 * is a split). A set with any problem is not saved: the editor and the CSV import show each
 * problem with its row (src/i18n, `lineage.problem.*`).
 */
import type { ChangeSheetRow } from '../import/villageChanges';
import type { NewChange } from './lineage';
import type { Db } from './types';
import { groupBy } from '../util/group';

export interface KnownVillage {
  key: string;
  county: string | null;
  township: string | null;
  village: string | null;
  /** The cycles with data, ascending. */
  cycles: number[];
}

export async function knownVillages(db: Db): Promise<Map<string, KnownVillage>> {
  const rows = await db.query<{ key: string; county: string | null; township: string | null; village: string | null; cycles: number[] }>(
    `SELECT p.village_key AS key, p.county, p.township, p.village, list(DISTINCT v.cycle_year ORDER BY v.cycle_year) AS cycles
     FROM stat_places p JOIN stat_villages v USING (village_key)
     GROUP BY ALL ORDER BY p.county, p.township, p.village`,
  );
  return new Map(rows.map((r) => [r.key, { ...r, cycles: [...r.cycles].map(Number) }]));
}

export type ProblemCode =
  | 'bad_kind'
  | 'bad_cycle'
  | 'no_village'
  | 'unknown_village'
  | 'ambiguous_village'
  | 'same_village'
  | 'old_not_before'
  | 'new_not_after'
  | 'out_of_order'
  | 'loop'
  | 'two_successors'
  | 'rename_many'
  | 'duplicate';

export interface ChangeProblem {
  /** The row as the user numbers it: its line in the file, or its row in the editor. */
  row: number;
  code: ProblemCode;
  /** The village or value the problem is about. */
  name?: string;
  cycle?: number;
}

const placeName = (v: KnownVillage | undefined, key: string) => v?.village ?? key;

/**
 * A sheet's rows as changes: a code names its village; a name must name exactly one village of
 * the data (in the row's county and township when given), else it is unknown or ambiguous.
 */
export function resolveSheetRows(
  rows: readonly ChangeSheetRow[],
  villages: ReadonlyMap<string, KnownVillage>,
): { changes: NewChange[]; problems: ChangeProblem[]; lines: number[] } {
  const all = [...villages.values()];
  const problems: ChangeProblem[] = [];
  const changes: NewChange[] = [];
  const lines: number[] = [];
  const find = (r: ChangeSheetRow, code: string | null, name: string | null): string | null => {
    if (code) {
      if (villages.has(`code:${code}`)) return `code:${code}`;
      problems.push({ row: r.line, code: 'unknown_village', name: name ?? code });
      return null;
    }
    const hits = all.filter(
      (v) => v.village === name && (!r.county || v.county === r.county) && (!r.township || v.township === r.township),
    );
    if (hits.length === 1) return hits[0]!.key;
    problems.push({ row: r.line, code: hits.length === 0 ? 'unknown_village' : 'ambiguous_village', name: name ?? '' });
    return null;
  };
  for (const r of rows) {
    const oldKey = find(r, r.oldCode, r.oldName);
    const newKey = find(r, r.newCode, r.newName);
    if (oldKey === null || newKey === null) continue;
    changes.push({
      kind: r.kind,
      old_key: oldKey,
      old_name: placeName(villages.get(oldKey), oldKey),
      new_key: newKey,
      new_name: placeName(villages.get(newKey), newKey),
      effective_cycle: r.effectiveCycle,
      note: r.note,
      source: 'csv',
    });
    lines.push(r.line);
  }
  return { changes, problems, lines };
}

/** Every problem of a set of changes; `rowOf(i)` numbers the i-th change for messages. */
export function checkChanges(
  changes: readonly NewChange[],
  villages: ReadonlyMap<string, KnownVillage>,
  rowOf: (i: number) => number = (i) => i + 1,
): ChangeProblem[] {
  const problems: ChangeProblem[] = [];
  const seen = new Set<string>();
  changes.forEach((c, i) => {
    const row = rowOf(i);
    const add = (code: ProblemCode, name?: string, cycle?: number) => problems.push({ row, code, name, cycle });
    if (!['merge', 'split', 'rename'].includes(c.kind)) add('bad_kind', String(c.kind));
    if (!Number.isInteger(c.effective_cycle) || c.effective_cycle < 1950 || c.effective_cycle > 2100) {
      add('bad_cycle', String(c.effective_cycle));
      return;
    }
    if (!c.old_key || !c.new_key) {
      add('no_village');
      return;
    }
    const old = villages.get(c.old_key);
    const neu = villages.get(c.new_key);
    if (!old) add('unknown_village', c.old_name ?? c.old_key);
    if (!neu) add('unknown_village', c.new_name ?? c.new_key);
    if (c.old_key === c.new_key) add('same_village', placeName(old, c.old_key));
    const id = JSON.stringify([c.kind, c.old_key, c.new_key]);
    if (seen.has(id)) add('duplicate', placeName(old, c.old_key));
    seen.add(id);
    if (!old || !neu) return;
    // The old village must have a cycle before the change, the new one a cycle from it on.
    if (!old.cycles.some((y) => y < c.effective_cycle)) add('old_not_before', placeName(old, c.old_key), c.effective_cycle);
    if (!neu.cycles.some((y) => y >= c.effective_cycle)) add('new_not_after', placeName(neu, c.new_key), c.effective_cycle);
  });

  const followed = changes.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'merge' || c.kind === 'rename');
  // One successor each: a village that went two ways was split.
  const byOld = groupBy(followed, ({ c }) => c.old_key);
  for (const [, list] of byOld) {
    if (new Set(list.map(({ c }) => c.new_key)).size > 1)
      for (const { c, i } of list.slice(1)) problems.push({ row: rowOf(i), code: 'two_successors', name: c.old_name ?? c.old_key });
  }
  // A rename names one village anew: several villages into one is a merge.
  const renames = groupBy(
    followed.filter(({ c }) => c.kind === 'rename'),
    ({ c }) => c.new_key,
  );
  for (const [, list] of renames)
    if (list.length > 1)
      for (const { c, i } of list.slice(1)) problems.push({ row: rowOf(i), code: 'rename_many', name: c.new_name ?? c.new_key });

  // A chain runs forward in time: a change out of a village comes after the change that made it.
  for (const { c, i } of followed)
    for (const { c: before } of followed)
      if (before.new_key === c.old_key && before.effective_cycle >= c.effective_cycle)
        problems.push({ row: rowOf(i), code: 'out_of_order', name: c.old_name ?? c.old_key, cycle: c.effective_cycle });

  // No village may be its own successor, however long the way round.
  const next = new Map(followed.map(({ c }) => [c.old_key, c.new_key]));
  for (const { c, i } of followed) {
    let k: string | undefined = c.new_key;
    for (let step = 0; k !== undefined && step <= followed.length; step++) {
      if (k === c.old_key) {
        problems.push({ row: rowOf(i), code: 'loop', name: c.old_name ?? c.old_key });
        break;
      }
      k = next.get(k);
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}

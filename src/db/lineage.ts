/**
 * Village lineage: the villages an office records as merged, split or renamed between cycles
 * (the saved table `village_changes`, src/db/savedTables.ts), and what each village of each cycle
 * is called today.
 *
 * - `village_lineage(village_key, cycle_year, lineage_key)` (a view over the data views): every
 *   village of every cycle with the key of its latest successor, following renames and merges in
 *   the order of their effective cycles. A split is not followed: the old village keeps its own
 *   key, because its figures cannot be shared out between the new ones (docs/domain.md, "Villages
 *   across cycles").
 * - `stat_lineage` (a small temporary table, rebuilt with the count tables and after every edit
 *   of the changes): only the village-cycles whose successor is another village, with the
 *   successor's names and the kinds of change passed. The metric SQL (src/metrics/sql.ts) reads it
 *   for village-level figures across cycles, so that a merged village's earlier cycles sum its
 *   predecessors' counts; the villages a cycle expects are the previous cycle's under their
 *   successors (stat_expected_next, src/db/reported.ts).
 */
import { underlying } from './deferredDb';
import { epochCounter } from './epoch';
import { EXPECTED_NEXT_SQL } from './reported';
import type { Db } from './types';

export type ChangeKind = 'merge' | 'split' | 'rename';
export type ChangeSource = 'ui' | 'csv' | 'proposed-accepted';

export const CHANGE_KINDS: readonly ChangeKind[] = ['merge', 'rename', 'split'];

export interface VillageChange {
  change_id: number;
  kind: ChangeKind;
  old_key: string;
  old_name: string | null;
  new_key: string;
  new_name: string | null;
  /** The first cycle year in which the new village exists. */
  effective_cycle: number;
  note: string | null;
  source: ChangeSource;
}

export type NewChange = Omit<VillageChange, 'change_id'>;

/**
 * Each village-cycle of `villageCycles` (a query of village_key, cycle_year) walked along the
 * renames and merges effective after it: a step is taken only to a change effective later than
 * the last, so the walk ends (a loop of changes cannot take it round for ever). The last step is
 * the successor; `kinds` lists the kinds of change passed.
 */
function walkSql(villageCycles: string): string {
  return `WITH RECURSIVE vc AS (${villageCycles}),
    edge AS (SELECT old_key, new_key, effective_cycle, kind FROM village_changes WHERE kind IN ('merge', 'rename')),
    walk(village_key, cycle_year, key, since, depth, kinds) AS (
      SELECT village_key, cycle_year, village_key, cycle_year, 0, []::VARCHAR[] FROM vc
      UNION ALL
      SELECT w.village_key, w.cycle_year, e.new_key, e.effective_cycle, w.depth + 1, list_append(w.kinds, e.kind)
      FROM walk w JOIN edge e ON e.old_key = w.key AND e.effective_cycle > w.since
      WHERE w.depth < 32)
    SELECT village_key, cycle_year, arg_max(key, depth) AS lineage_key, arg_max(kinds, depth) AS kinds
    FROM walk GROUP BY village_key, cycle_year`;
}

const DATA_VILLAGE_CYCLES = ['results', 'members', 'member_counts']
  .map((t) => `SELECT village_key, cycle_year FROM ${t} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL`)
  .join(' UNION ');

/**
 * The village-cycles of `villageCycles` (a query of village_key, cycle_year) that have another
 * village as successor, with its key. Only villages named as an old village of a change are
 * walked, so without changes recorded this costs nothing.
 */
export function successorsSql(villageCycles: string): string {
  return `SELECT village_key, cycle_year, lineage_key FROM (${walkSql(
    `SELECT village_key, cycle_year FROM (${villageCycles}) WHERE village_key IN (SELECT old_key FROM village_changes)`,
  )}) WHERE lineage_key <> village_key`;
}

/** The view the other parts of the app match villages across cycles with (made by rebuildViews). */
export const LINEAGE_VIEW_SQL = `CREATE OR REPLACE VIEW village_lineage AS
  SELECT village_key, cycle_year, lineage_key FROM (${walkSql(DATA_VILLAGE_CYCLES)})`;

/** Per engine: whether any village-cycle has another village as successor (stat_lineage has rows). */
const active = new WeakMap<Db, boolean>();

/**
 * Whether the metric SQL must place rows under their successors. Without a change recorded (most
 * offices, most of the time) it need not: a village's trend then costs no join.
 */
export function lineageActive(db: Db): boolean {
  return active.get(underlying(db)) ?? false;
}

/** Per engine, bumped as every refresh of stat_lineage starts and ends: an answer read from it is of one state only if it did not move (src/db/answers.ts). */
const epoch = epochCounter();
export const lineageEpoch = epoch.of;

/**
 * Rebuilds stat_lineage from the count tables' village-cycles (stat_villages has every one):
 * only villages named as an old village of a change can have a successor, so only theirs are walked.
 * Then what is made from it, the villages each cycle hands on as expected (src/db/reported.ts).
 */
export async function refreshLineage(db: Db): Promise<void> {
  epoch.bump(db);
  try {
    await makeLineage(db);
  } finally {
    epoch.bump(db);
  }
}

async function makeLineage(db: Db): Promise<void> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE stat_lineage AS
    SELECT w.village_key, w.cycle_year, w.lineage_key, w.kinds,
           coalesce(p.county, o.county) AS county, coalesce(p.township, o.township) AS township,
           coalesce(p.village, n.new_name, w.lineage_key) AS village
    FROM (${walkSql(`SELECT village_key, cycle_year FROM stat_villages WHERE village_key IN (SELECT old_key FROM village_changes)`)}) w
    LEFT JOIN stat_places p ON p.village_key = w.lineage_key
    LEFT JOIN stat_places o ON o.village_key = w.village_key
    LEFT JOIN (SELECT new_key, any_value(new_name) AS new_name FROM village_changes GROUP BY new_key) n ON n.new_key = w.lineage_key
    WHERE w.lineage_key <> w.village_key`);
  await db.exec(EXPECTED_NEXT_SQL);
  const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stat_lineage');
  active.set(underlying(db), (n?.n ?? 0) > 0);
}

/** The recorded changes, in the order of their effective cycles. */
export async function listChanges(db: Db): Promise<VillageChange[]> {
  const rows = await db.query<VillageChange & Record<string, unknown>>(
    `SELECT change_id, kind, old_key, old_name, new_key, new_name, effective_cycle, note, source
     FROM village_changes ORDER BY effective_cycle, new_key, old_key, change_id`,
  );
  return rows.map((r) => ({ ...r, change_id: Number(r.change_id), effective_cycle: Number(r.effective_cycle) }));
}

const CHANGE_COLUMNS = ['kind', 'old_key', 'old_name', 'new_key', 'new_name', 'effective_cycle', 'note', 'source'] as const;

const params = (c: NewChange) => CHANGE_COLUMNS.map((k) => c[k] ?? null);

/**
 * Writes the whole set of changes at once (the editor's table, checked by src/db/lineageCheck.ts),
 * then refreshes the lineage the figures read. Rows keep their id when they have one.
 */
export async function replaceChanges(db: Db, rows: readonly (NewChange & { change_id?: number })[]): Promise<void> {
  await db.exec('BEGIN TRANSACTION');
  try {
    await db.exec('DELETE FROM village_changes');
    let next = Math.max(0, ...rows.map((r) => r.change_id ?? 0)) + 1;
    for (const r of rows)
      await db.query(`INSERT INTO village_changes (change_id, ${CHANGE_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.change_id ?? next++,
        ...params(r),
      ]);
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
  await refreshLineage(db);
}

/** A village-cycle whose figures are summed into another village's (a merged or renamed village's earlier cycle). */
export interface LineageMark {
  lineage_key: string;
  cycle_year: number;
  kind: 'merge' | 'rename';
  /** The earlier villages' names, as the data spells them. */
  predecessors: string[];
}

/** A village made by a split: its trend starts at the split, the old village's figures are not shared out. */
export interface SplitMark {
  new_key: string;
  old_name: string;
  effective_cycle: number;
}

export interface LineageMarks {
  merged: LineageMark[];
  splits: SplitMark[];
}

/** What the dashboard notes beside a village's figures across cycles (the villages given, or all). */
export async function lineageMarks(db: Db): Promise<LineageMarks> {
  const merged = await db.query<LineageMark & Record<string, unknown>>(
    `SELECT l.lineage_key, l.cycle_year,
            CASE WHEN bool_or(list_contains(l.kinds, 'merge')) THEN 'merge' ELSE 'rename' END AS kind,
            list(DISTINCT coalesce(p.village, c.old_name, l.village_key) ORDER BY coalesce(p.village, c.old_name, l.village_key)) AS predecessors
     FROM stat_lineage l
     LEFT JOIN stat_places p ON p.village_key = l.village_key
     LEFT JOIN (SELECT old_key, any_value(old_name) AS old_name FROM village_changes GROUP BY old_key) c ON c.old_key = l.village_key
     GROUP BY l.lineage_key, l.cycle_year ORDER BY l.lineage_key, l.cycle_year`,
  );
  const splits = await db.query<SplitMark & Record<string, unknown>>(
    `SELECT c.new_key, coalesce(p.village, c.old_name, c.old_key) AS old_name, c.effective_cycle
     FROM village_changes c LEFT JOIN stat_places p ON p.village_key = c.old_key
     WHERE c.kind = 'split' ORDER BY c.new_key, c.effective_cycle`,
  );
  return {
    merged: merged.map((m) => ({ ...m, cycle_year: Number(m.cycle_year), predecessors: [...(m.predecessors as string[])] })),
    splits: splits.map((s) => ({ ...s, effective_cycle: Number(s.effective_cycle) })),
  };
}

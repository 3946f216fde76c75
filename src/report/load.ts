/** Reads a report's figures from the database: the same catalogue queries as every view. */
import { completionProgress } from '../metrics/completeness';
import { queryMetrics } from '../metrics/query';
import { summarizeRules } from '../metrics/ruleChecks';
import { lineageMarks } from '../db/lineage';
import { whenRowsLoaded } from '../db/rowsLoaded';
import type { Db } from '../db/types';
import type { Scope } from '../metrics/scope';
import { FIGURE_GROUPS, REPORT_METRICS, type FigureGroup, type ReportData } from './data';

const GROUP_SCOPE: Record<FigureGroup, Pick<Scope, 'body' | 'role'>> = {
  all: { body: 'all', role: 'all' },
  village_committee: { body: 'village_committee', role: 'all' },
  party_branch: { body: 'party_branch', role: 'all' },
  secretaries: { body: 'party_branch', role: 'head' },
};

export async function loadReportData(
  db: Db,
  scope: Pick<Scope, 'county' | 'township' | 'village'>,
  place: readonly string[],
  cycle: number,
  previousCycle: number | null,
  opts: { completion?: boolean } = {},
): Promise<ReportData> {
  const cycles = previousCycle === null ? [cycle] : [previousCycle, cycle];
  const rows = {} as Record<FigureGroup, ReportData['rows'][FigureGroup]>;
  for (const g of FIGURE_GROUPS) {
    rows[g] = await queryMetrics(db, {
      metrics: REPORT_METRICS,
      county: scope.county,
      township: scope.township,
      village: scope.village,
      cycles,
      ...GROUP_SCOPE[g],
      groupBy: ['cycle'],
    });
  }
  // The rule checks read the imported rows, which a reload restores after the count tables: asked
  // before, the report failed on a view not made yet («Table with name results does not exist»).
  await whenRowsLoaded(db);
  const rules = await summarizeRules(db, {
    county: scope.county,
    township: scope.township,
    village: scope.village,
    cycles: [cycle],
    body: 'all',
  });
  // A village's completion is whether it has reported: the sentence is a county's or a township's.
  const completion =
    opts.completion && !scope.village ? await completionProgress(db, { cycle, county: scope.county, township: scope.township }) : null;
  return { place, cycle, previousCycle, rows, rules, lineage: await villageLineage(db, scope.village, previousCycle), completion };
}

/** What the previous cycle's figures of a village stand for, when a change recorded makes them another village's. */
async function villageLineage(db: Db, village: string | null, previousCycle: number | null): Promise<ReportData['lineage']> {
  if (!village || previousCycle === null) return null;
  const marks = await lineageMarks(db);
  const m = marks.merged.find((x) => x.lineage_key === village && x.cycle_year === previousCycle);
  if (m) return { kind: m.kind, names: m.predecessors };
  const s = marks.splits.find((x) => x.new_key === village && x.effective_cycle > previousCycle);
  return s ? { kind: 'split', names: [s.old_name], cycle: s.effective_cycle } : null;
}

import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MetricRow } from '../metrics/query';
import type { Db } from '../db/types';
import type { MetricId } from '../metrics/catalogue';
import { changeOf, type Change } from '../metrics/figure';
import { scopeKey, type BodyScope, type Scope } from '../metrics/scope';
import { ownRows, parentRows, siblingsQuery } from '../metrics/siblings';
import { useDb } from '../app/dbContext';
import { metricRowsQuery } from './options';
import { scopeQuery } from './scope';

export interface Figure {
  metric: MetricId;
  body: BodyScope;
  current: MetricRow | null;
  previous: MetricRow | null;
  parent: MetricRow | null;
  /** From the previous cycle, rounded once or not comparable (src/metrics/figure.ts). */
  change: Change;
}

/**
 * Each metric of a scope beside its previous cycle and its parent level's value: the figures
 * the KPI cards, the indicator table and the report all show.
 */
export const figuresQuery = (db: Db, qc: QueryClient, scope: Scope, previousCycle: number | null, metrics: readonly MetricId[]) => ({
  queryKey: ['data', 'figures', scopeKey(scope), previousCycle, metrics.join(',')],
  queryFn: async (): Promise<Figure[]> => {
    const cycle = scope.cycle!;
    // One query for the scope and its parent: the parent's scope by the scope's level
    // (src/metrics/siblings.ts). Cached, it answers every sibling too: moving between the townships
    // of a county asks nothing again. The figures head the page: asked before the charts.
    // Every cycle, not the two shown: the statement scans the same rows either way, and a cycle
    // changed later finds its figures cached.
    const own = scopeQuery(scope, metrics, { cycles: [], groupBy: ['cycle'] });
    const siblings = siblingsQuery(own);
    const rows = await qc.fetchQuery(metricRowsQuery(db, siblings ?? own, { priority: 1 }));
    const [mine, up] = siblings ? [ownRows(rows, own), parentRows(rows, own)] : [rows, []];
    return combineFigures(metrics, mine, up, cycle, previousCycle, scope.body);
  },
});

export function useFigures(
  scope: Scope,
  previousCycle: number | null,
  metrics: readonly MetricId[],
  opts: { keepPrevious?: boolean } = {},
) {
  const db = useDb();
  const qc = useQueryClient();
  return useQuery({
    ...figuresQuery(db, qc, scope, previousCycle, metrics),
    // The KPI cards keep the last scope's figures (marked busy) rather than collapse while loading.
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    enabled: scope.cycle !== null,
  });
}

/** Lines up current, previous and parent rows per metric and body (results metrics come per body). */
export function combineFigures(
  metrics: readonly MetricId[],
  own: readonly MetricRow[],
  parent: readonly MetricRow[],
  cycle: number,
  previousCycle: number | null,
  scopeBody: BodyScope,
): Figure[] {
  const figures: Figure[] = [];
  for (const metric of metrics) {
    const found = [
      ...new Set(
        own
          .concat(parent)
          .filter((r) => r.metric === metric)
          .map((r) => r.body),
      ),
    ].sort();
    // A metric with no rows at all is still listed, as "no data".
    const bodies = found.length > 0 ? found : [scopeBody];
    for (const body of bodies) {
      const find = (rows: readonly MetricRow[], c: number | null) =>
        c === null ? null : (rows.find((r) => r.metric === metric && r.body === body && r.cycle_year === c) ?? null);
      const current = find(own, cycle);
      const previous = find(own, previousCycle);
      figures.push({ metric, body, current, previous, parent: find(parent, cycle), change: changeOf(metric, current, previous) });
    }
  }
  return figures;
}

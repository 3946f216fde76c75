/**
 * Every query the overview asks for a scope, as the query options its hooks use: the KPI figures
 * first, then the charts in sight, then those below and the ranking. The build fetches them for
 * the sample's first dashboard (src/app/dashboardSnapshot.ts); the overview starts them the
 * moment a scope is chosen (src/app/scopeAhead.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import { figuresQuery } from './figures';
import { agesQuery, metricRowsQuery } from './options';
import type { Db } from '../db/types';
import { childLevel } from '../metrics/levels';
import type { Scope } from '../metrics/scope';
import { chartChoices, metricParam } from './chartChoices';
import { KPI_METRICS, overviewQueries, rankingQuery } from './overview';

export interface Fetch {
  queryKey: readonly unknown[];
  queryFn: () => Promise<unknown>;
}

export function overviewFetches(db: Db, qc: QueryClient, scope: Scope, previousCycle: number | null, params: URLSearchParams): Fetch[] {
  const q = overviewQueries(scope, chartChoices(params));
  const ranking = rankingQuery(scope, metricParam(params, 'rank', 'turnout'), childLevel(scope));
  return [
    ...(scope.cycle === null ? [] : [figuresQuery(db, qc, scope, previousCycle, KPI_METRICS)]),
    ...[q.turnout, q.trendRows, q.heat].map((m) => metricRowsQuery(db, m)),
    agesQuery(db, q.ages),
    ...[q.bands, q.edu, q.rates, ranking].map((m) => metricRowsQuery(db, m)),
  ];
}

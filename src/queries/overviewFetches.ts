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
import { parentScope, type Scope } from '../metrics/scope';
import { chartChoices, metricParam } from './chartChoices';
import { KPI_METRICS, overviewQueries, rankingQuery } from './overview';
import { siblingsQuery } from '../metrics/siblings';
import { askTogether } from '../metrics/query';
import type { Place } from '../db/queries';
import { scopeQuery } from './scope';

export interface Fetch {
  queryKey: readonly unknown[];
  queryFn: () => Promise<unknown>;
}

/** A place one level down from the scope (the first listed), or null at a village. */
export function firstChild(scope: Scope, places: readonly Place[]): Pick<Scope, 'county' | 'township' | 'village'> | null {
  if (scope.village) return null;
  const p = places.find((x) => (!scope.county || x.county === scope.county) && (!scope.township || x.township === scope.township));
  if (!p) return null;
  if (!scope.county) return { county: p.county, township: null, village: null };
  if (!scope.township) return { county: scope.county, township: p.township, village: null };
  return { county: scope.county, township: scope.township, village: p.village_key };
}

/**
 * What every place one level down asks alike, whichever it is: its KPI figures' statement and its
 * trend chart's rows are both this scope's figures grouped by that level (src/metrics/siblings.ts).
 * Asked when the page is idle after a scope is drawn, so that the first move down does not wait
 * for the heaviest statements of the change (the figures of every sibling at once).
 */
export function childSharedFetches(
  db: Db,
  scope: Scope,
  child: Pick<Scope, 'county' | 'township' | 'village'>,
  params: URLSearchParams,
): Fetch[] {
  return sharedFetches(db, { ...scope, ...child }, params);
}

/**
 * The same for the level up (a township's county, a county's whole data), in this scope's cycle,
 * body and role: a move back up after a change of cycle or body found the parent's figures of
 * every sibling cold (88 of a 169 ms change at a million roster rows).
 */
export function parentSharedFetches(db: Db, scope: Scope, params: URLSearchParams): Fetch[] {
  const parent = parentScope(scope);
  return parent ? sharedFetches(db, parent, params) : [];
}

function sharedFetches(db: Db, c: Scope, params: URLSearchParams): Fetch[] {
  // As figuresQuery asks them: with the siblings, or alone at the top.
  const own = scopeQuery(c, KPI_METRICS, { cycles: [], groupBy: ['cycle'] });
  const { trendRows } = overviewQueries(c, chartChoices(params));
  return [siblingsQuery(own) ?? own, trendRows].filter((q) => q !== null).map((q) => metricRowsQuery(db, q, { priority: -1 }));
}

export function overviewFetches(db: Db, qc: QueryClient, scope: Scope, previousCycle: number | null, params: URLSearchParams): Fetch[] {
  const q = overviewQueries(scope, chartChoices(params));
  const ranking = rankingQuery(scope, metricParam(params, 'rank', 'turnout'), childLevel(scope));
  // The charts below the fold (at 1920 × 1080) go to the engine after those in sight; asked in one
  // go (prefetchTogether), metric queries of the same count table and place still share a
  // statement, which goes as early as the most urgent of them (src/metrics/query.ts).
  const later = { priority: -1 };
  return [
    ...(scope.cycle === null ? [] : [figuresQuery(db, qc, scope, previousCycle, KPI_METRICS)]),
    ...[q.turnout, q.trendRows, q.heat].map((m) => metricRowsQuery(db, m)),
    agesQuery(db, q.ages, later),
    ...[q.bands, q.edu, q.rates, ranking].map((m) => metricRowsQuery(db, m, later)),
  ];
}

/** Starts the fetches at once, their metric queries sharing statements (src/metrics/query.ts askTogether). */
export function prefetchTogether(db: Db, qc: QueryClient, fetches: readonly Fetch[]): void {
  askTogether(db, () => {
    for (const f of fetches) void qc.prefetchQuery(f);
  });
}

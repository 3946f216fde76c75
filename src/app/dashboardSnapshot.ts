/**
 * The first dashboard's figures, computed ahead: every query the overview asks when the app is
 * opened at a given address (no view, no scope: the latest cycle, the whole area), answered by
 * the same query functions under the same keys (src/queries/options.ts) and dehydrated.
 *
 * The build makes one for the bundled sample (scripts/lib/sampleDataset.ts). A first visit then
 * draws the sample's dashboard from it at once, while DuckDB — seconds of wasm to load on an
 * office laptop — starts beside it (src/app/DbProvider.tsx); queries the snapshot does not hold
 * wait for the engine.
 */
import { dehydrate, QueryClient } from '@tanstack/react-query';
import type { Db } from '../db/types';
import { scopeFromParams } from '../metrics/scope';
import { overviewFetches } from '../queries/overviewFetches';
import { cyclesQuery, importsQuery, placesQuery, sampleStateQuery } from '../queries/options';
import { parseRoute } from './route';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type DashboardSnapshot } from './snapshotFile';
import { resolveCycle } from './useScope';

export async function dashboardSnapshot(db: Db, search = ''): Promise<DashboardSnapshot> {
  const route = parseRoute(search);
  if (route.view !== null && route.view !== 'overview')
    throw new Error(`dashboard snapshot of view ${route.view}: only the overview has one`);
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const cycles = await qc.fetchQuery(cyclesQuery(db));
  const raw = scopeFromParams(route.params);
  const { cycle, previousCycle } = resolveCycle(raw, cycles);
  const scope = { ...raw, cycle };
  // fetchQuery, not prefetchQuery: a query that fails must fail the build, not leave a gap.
  await Promise.all<unknown>([
    qc.fetchQuery(placesQuery(db)),
    qc.fetchQuery(importsQuery(db)),
    qc.fetchQuery(sampleStateQuery(db)),
    ...overviewFetches(db, qc, scope, previousCycle, route.params).map((f) => qc.fetchQuery(f)),
  ]);
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, search, state: dehydrate(qc) };
}

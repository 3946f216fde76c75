/**
 * The keys and query functions of the data every dashboard reads, in one place: the hooks
 * (src/queries/hooks.ts, src/queries/figures.ts) use them in the page, and the build uses the same ones in
 * Node to compute the sample's first dashboard ahead of time (src/app/dashboardSnapshot.ts), so a
 * figure shown from that snapshot is the one the page would have asked for, under the same key.
 *
 * Every key starts with 'data': one invalidation after an import refreshes every view.
 */
import { hasSampleData, hasUserData, listCycles, listImports, listPlaces } from '../db/queries';
import { ageDistribution, queryMetrics } from '../metrics/query';
import type { MetricQuery } from '../metrics/sql';
import type { Db } from '../db/types';
import { whenRowsLoaded } from '../db/rowsLoaded';

export type AgeQuery = Pick<MetricQuery, 'county' | 'township' | 'village' | 'cycles' | 'body' | 'role'>;

// These read imported rows: after a reload they wait until the rows are in (src/db/rowsLoaded.ts).
export const importsQuery = (db: Db) => ({
  queryKey: ['data', 'imports'],
  queryFn: async () => (await whenRowsLoaded(db), listImports(db)),
});

export const sampleStateQuery = (db: Db) => ({
  queryKey: ['data', 'sample-state'],
  queryFn: async () => {
    await whenRowsLoaded(db);
    return { sample: await hasSampleData(db), user: await hasUserData(db) };
  },
});

export const cyclesQuery = (db: Db) => ({ queryKey: ['data', 'cycles'], queryFn: () => listCycles(db) });

export const placesQuery = (db: Db) => ({ queryKey: ['data', 'places'], queryFn: () => listPlaces(db) });

/** The cache key of a metric query's rows: one entry per description, whoever asks. */
export const metricRowsKey = (q: MetricQuery | null) => ['data', 'metrics', JSON.stringify(q)];

export const metricRowsQuery = (db: Db, q: MetricQuery, opts?: { priority?: number }) => ({
  queryKey: metricRowsKey(q),
  queryFn: () => queryMetrics(db, q, opts),
});

export const agesKey = (q: AgeQuery | null) => ['data', 'ages', JSON.stringify(q)];

export const agesQuery = (db: Db, q: AgeQuery, opts?: { priority?: number }) => ({
  queryKey: agesKey(q),
  queryFn: () => ageDistribution(db, q, opts),
});

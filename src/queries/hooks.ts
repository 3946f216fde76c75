import { keepPreviousData, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { onRowsLoaded, rowsLoaded, whenRowsLoaded } from '../db/rowsLoaded';
import { previewRows, tableCount } from '../db/queries';
import type { MetricQuery } from '../metrics/sql';
import type { RuleScope } from '../metrics/ruleChecks';
import { listOverlaps } from '../db/sources';
import type { FileKind } from '../import/fields';
import { useDb } from '../app/dbContext';
import {
  agesKey,
  agesQuery,
  cyclesQuery,
  importsQuery,
  metricRowsKey,
  metricRowsQuery,
  placesQuery,
  sampleStateQuery,
  type AgeQuery,
} from './options';

/** Every query key starts with 'data', so one invalidation after an import refreshes every view. */
export function useInvalidateData(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['data'] }), [qc]);
}

/**
 * Whether the imported rows are in: after a reload the dashboard shows from the saved count
 * tables first, and what needs the rows (listing, checking, changing data) waits for this.
 */
export function useRowsLoaded(): boolean {
  const db = useDb();
  return useSyncExternalStore(
    useCallback((fn: () => void) => onRowsLoaded(db, fn), [db]),
    () => rowsLoaded(db),
  );
}

// Asked only once the rows are in: a query waiting for them would keep the page "fetching"
// (data-fetching) while the dashboard itself is settled.
export function useImports() {
  const db = useDb();
  return useQuery({ ...importsQuery(db), enabled: useRowsLoaded() });
}

export function useSampleState() {
  const db = useDb();
  return useQuery({ ...sampleStateQuery(db), enabled: useRowsLoaded() });
}

export function useTablePreview(kind: FileKind, limit: number) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'preview', kind, limit],
    queryFn: async () => {
      await whenRowsLoaded(db);
      return { total: await tableCount(db, kind), rows: await previewRows(db, kind, limit) };
    },
  });
}

export function useCycles() {
  const db = useDb();
  return useQuery(cyclesQuery(db));
}

export function usePlaces() {
  const db = useDb();
  return useQuery(placesQuery(db));
}

/**
 * Any metric query, cached by its full description so returning to a scope is instant. While a
 * new scope's rows load, the last ones stay: a chart is redrawn once with the new rows instead of
 * being taken down and built again (src/views/overview/useOverviewOptions.ts marks it pending).
 */
export function useMetricRows(q: MetricQuery | null, opts: { keep?: 'any' | 'same-grouping' } = {}) {
  const db = useDb();
  const grouping = JSON.stringify(q?.groupBy ?? null);
  return useQuery({
    queryKey: metricRowsKey(q),
    queryFn: q ? metricRowsQuery(db, q).queryFn : skipToken,
    // A table lists the rows it is given: rows grouped by another level (townships while the
    // villages load) would be drawn as rows of this one, so such a table keeps only rows of its grouping.
    placeholderData:
      opts.keep === 'same-grouping'
        ? (previous, query) => (query && groupingOfKey(query.queryKey) === grouping ? previous : undefined)
        : keepPreviousData,
  });
}

function groupingOfKey(key: readonly unknown[]): string {
  const q = JSON.parse(String(key[2])) as MetricQuery | null;
  return JSON.stringify(q?.groupBy ?? null);
}

export function useAgeDistribution(q: AgeQuery | null) {
  const db = useDb();
  return useQuery({
    queryKey: agesKey(q),
    queryFn: q ? agesQuery(db, q).queryFn : skipToken,
    placeholderData: keepPreviousData,
  });
}

/** Village × cycle × body with both a roster and a statistical table, and which one counts. */
export function useOverlaps() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'overlaps'], queryFn: async () => (await whenRowsLoaded(db), listOverlaps(db)) });
}

/** Rule breaches in a scope and the per-rule summary (records checked, breaches), run together. */
export function useRuleBreaches(q: RuleScope | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'rules', JSON.stringify(q)],
    enabled: q !== null,
    queryFn: async () => {
      // The rules' SQL comes with the views that show them.
      const { findRuleBreaches, summarizeRules } = await import('../metrics/ruleChecks');
      await whenRowsLoaded(db);
      return { breaches: await findRuleBreaches(db, q!), summary: await summarizeRules(db, q!) };
    },
  });
}

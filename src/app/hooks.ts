import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ageDistribution, ageDistributionCoverage, hasSampleData, hasUserData, listCycles, listImports, listPlaces, previewRows, queryMetrics, tableCount } from '../db/queries';
import type { MetricQuery } from '../db/metricSql';
import type { RuleScope } from '../db/rules';
import { listOverlaps } from '../db/sources';
import type { FileKind } from '../import/fields';
import { useDb } from './DbProvider';

/** Every query key starts with 'data', so one invalidation after an import refreshes every view. */
export function useInvalidateData(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['data'] }), [qc]);
}

export function useImports() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'imports'], queryFn: () => listImports(db) });
}

export function useSampleState() {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'sample-state'],
    queryFn: async () => ({ sample: await hasSampleData(db), user: await hasUserData(db) }),
  });
}

export function useTablePreview(kind: FileKind, limit: number) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'preview', kind, limit],
    queryFn: async () => ({ total: await tableCount(db, kind), rows: await previewRows(db, kind, limit) }),
  });
}

export function useCycles() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'cycles'], queryFn: () => listCycles(db) });
}

export function usePlaces() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'places'], queryFn: () => listPlaces(db) });
}

/** The cache key of a metric query's rows: one entry per description, whoever asks. */
export const metricRowsKey = (q: MetricQuery | null) => ['data', 'metrics', JSON.stringify(q)];

/**
 * Any metric query, cached by its full description so returning to a scope is instant. While a
 * new scope's rows load, the last ones stay: a chart is redrawn once with the new rows instead of
 * being taken down and built again (src/views/overview/useOverviewOptions.ts marks it pending).
 */
export function useMetricRows(q: MetricQuery | null) {
  const db = useDb();
  return useQuery({
    queryKey: metricRowsKey(q),
    enabled: q !== null,
    queryFn: () => queryMetrics(db, q!),
    placeholderData: keepPreviousData,
  });
}

export function useAgeDistribution(q: Pick<MetricQuery, 'county' | 'township' | 'village' | 'cycles' | 'body' | 'role'> | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'ages', JSON.stringify(q)],
    enabled: q !== null,
    queryFn: async () => {
      const [bands, coverage] = await Promise.all([ageDistribution(db, q!), ageDistributionCoverage(db, q!)]);
      return { bands, coverage };
    },
    placeholderData: keepPreviousData,
  });
}

/** Village × cycle × body with both a roster and a statistical table, and which one counts. */
export function useOverlaps() {
  const db = useDb();
  return useQuery({ queryKey: ['data', 'overlaps'], queryFn: () => listOverlaps(db) });
}

/** Rule breaches in a scope and the per-rule summary (records checked, breaches), run together. */
export function useRuleBreaches(q: RuleScope | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'rules', JSON.stringify(q)],
    enabled: q !== null,
    queryFn: async () => {
      // The rules' SQL comes with the views that show them.
      const { findRuleBreaches, summarizeRules } = await import('../db/rules');
      return { breaches: await findRuleBreaches(db, q!), summary: await summarizeRules(db, q!) };
    },
  });
}

/**
 * The compare view's rows: for each place compared, every chosen metric over every cycle, and its
 * parent's. Results metrics compare one body (the villagers' committee when both are in scope).
 */
import { useQuery } from '@tanstack/react-query';
import { useDb } from '../app/dbContext';
import { queryMetrics, type MetricRow } from '../metrics/query';
import type { Db } from '../db/types';
import type { MetricId } from '../metrics/catalogue';
import { parentScope, scopeKey, type Scope } from '../metrics/scope';
import { bodyFor, scopeQuery } from './scope';

export interface PlaceRows {
  own: MetricRow[];
  parent: MetricRow[];
}

async function rowsOf(db: Db, s: Scope, metrics: readonly MetricId[]): Promise<MetricRow[]> {
  const out: MetricRow[] = [];
  for (const body of new Set(metrics.map((m) => bodyFor(s, m)))) {
    const ms = metrics.filter((m) => bodyFor(s, m) === body);
    out.push(...(await queryMetrics(db, scopeQuery(s, ms, { cycles: [], body, groupBy: ['cycle'] }))));
  }
  return out;
}

/** Each place's rows and its parent's, in the order given. */
export function useCompareRows(places: readonly Scope[], metrics: readonly MetricId[], enabled: boolean) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'compare', places.map(scopeKey).join(','), metrics.join(',')],
    enabled: enabled && places.length > 0,
    queryFn: (): Promise<PlaceRows[]> =>
      Promise.all(
        places.map(async (s) => {
          const p = parentScope(s);
          return { own: await rowsOf(db, s, metrics), parent: p ? await rowsOf(db, p, metrics) : [] };
        }),
      ),
  });
}

/** The report's figures for a place and cycle: the same catalogue queries as every view (src/report/load.ts). */
import { useQuery } from '@tanstack/react-query';
import { useDb } from '../app/dbContext';
import { scopeKey, type Scope } from '../metrics/scope';
import { loadReportData } from '../report/load';

/** The report covers both bodies and every member, whatever the other views were set to. */
export function useReportData(scope: Scope, place: readonly string[], previousCycle: number | null, enabled: boolean, completion = false) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'report', scopeKey(scope), previousCycle, place.join('|'), completion],
    enabled: enabled && scope.cycle !== null,
    queryFn: () => loadReportData(db, scope, place, scope.cycle!, previousCycle, { completion }),
  });
}

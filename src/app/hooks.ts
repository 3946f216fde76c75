import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { hasSampleData, hasUserData, listImports, previewRows, tableCount } from '../db/queries';
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

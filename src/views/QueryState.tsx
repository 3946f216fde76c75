import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRowsLoaded } from '../queries/hooks';

/** A failed query shows its error and a pending one says so: never a blank that looks like "no data". */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const rowsLoaded = useRowsLoaded();
  if (query.isError)
    return (
      <p className="error" role="alert">
        {query.error instanceof Error ? query.error.message : String(query.error)}
      </p>
    );
  if (query.data === undefined)
    return (
      <p className="muted" aria-busy="true" data-state={rowsLoaded ? undefined : 'rows-loading'}>
        {t(rowsLoaded ? 'app.loadingEngine' : 'store.rowsLoading')}
      </p>
    );
  return <>{children(query.data)}</>;
}

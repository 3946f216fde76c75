import { useCallback, useMemo, useSyncExternalStore } from 'react';

/** The view and scope live in the URL query, so a copied link opens the same screen. */
export type View = 'overview' | 'table' | 'compare' | 'rules' | 'person' | 'report' | 'completeness' | 'import' | 'data';
export const VIEWS: readonly View[] = ['overview', 'table', 'compare', 'rules', 'person', 'report', 'completeness', 'import', 'data'];

export interface Route {
  view: View | null;
  params: URLSearchParams;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  return () => window.removeEventListener('popstate', cb);
}

const snapshot = () => window.location.search;

export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const v = params.get('view');
  return { view: (VIEWS as readonly string[]).includes(v ?? '') ? (v as View) : null, params };
}

/** A query parameter's new value: a list is written as the parameter repeated; null removes it. */
export type ParamChange = string | readonly string[] | null;

export function useRoute(): [Route, (changes: Record<string, ParamChange>) => void] {
  const search = useSyncExternalStore(subscribe, snapshot);
  const navigate = useCallback((changes: Record<string, ParamChange>) => {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      params.delete(k);
      if (typeof v === 'string') params.set(k, v);
      else if (v) for (const x of v) params.append(k, x);
    }
    const next = `${window.location.pathname}?${params.toString()}`;
    window.history.pushState(null, '', next);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  const route = useMemo(() => parseRoute(search), [search]);
  return [route, navigate];
}

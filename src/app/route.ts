import { useCallback, useSyncExternalStore } from 'react';

/** The view and scope live in the URL query, so a copied link opens the same screen. */
export type View = 'import' | 'data';
export const VIEWS: readonly View[] = ['import', 'data'];

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

export function useRoute(): [Route, (changes: Record<string, string | null>) => void] {
  const search = useSyncExternalStore(subscribe, snapshot);
  const navigate = useCallback((changes: Record<string, string | null>) => {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const next = `${window.location.pathname}?${params.toString()}`;
    window.history.pushState(null, '', next);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [parseRoute(search), navigate];
}

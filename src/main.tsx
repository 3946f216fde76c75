import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18nReady } from './i18n';
import './styles.css';
import { App } from './app/App';
import { DbProvider } from './app/DbProvider';
import { registerServiceWorker } from './app/serviceWorker';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Data only changes through our own imports, which invalidate explicitly.
      staleTime: Infinity,
      gcTime: 30 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      // Every query runs in the local DuckDB: offline must not pause it (react-query's default does).
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});

await i18nReady;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The service worker's precache (the 34 MB engine among it) waits until the data is in: on a
          first visit it would compete with the engine's own download and start. */}
      <DbProvider onReady={registerServiceWorker}>
        <App />
      </DbProvider>
    </QueryClientProvider>
  </StrictMode>,
);

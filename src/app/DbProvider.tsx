import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { openBrowserDb } from '../db/browserDb';
import { ensureSchema } from '../db/schema';
import { countImports } from '../db/queries';
import type { Db } from '../db/types';
import { loadSample } from './sample';

const DbContext = createContext<Db | null>(null);

type Phase = { phase: 'starting' } | { phase: 'sample' } | { phase: 'ready'; db: Db } | { phase: 'error'; message: string };

/** Opens DuckDB once and, when nothing was ever imported, loads the bundled sample before the views show. */
export function DbProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Phase>({ phase: 'starting' });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const db = await openBrowserDb();
      await ensureSchema(db);
      if ((await countImports(db)) === 0) {
        if (!cancelled) setState({ phase: 'sample' });
        await loadSample(db);
      }
      if (!cancelled) setState({ phase: 'ready', db });
    })().catch((e: unknown) => {
      if (!cancelled) setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (state.phase === 'error') return <p className="fatal" role="alert">{t('app.engineFailed', { message: state.message })}</p>;
  if (state.phase !== 'ready')
    return <p className="loading" aria-busy="true">{state.phase === 'sample' ? t('sample.loading') : t('app.loadingEngine')}</p>;
  return <DbContext.Provider value={state.db}>{children}</DbContext.Provider>;
}

export function useDb(): Db {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { openBrowserDb } from '../db/browserDb';
import { dataChanged, ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { openFileStore } from '../store/fileStore';
import { Persistence, type PersistenceStatus } from '../store/persistence';
import { acquireWriterLock } from '../store/tabLock';
import { loadSample } from './sample';

interface DataContext {
  db: Db;
  persistence: Persistence;
}

const Ctx = createContext<DataContext | null>(null);

type Phase =
  | { phase: 'starting' }
  | { phase: 'restoring' }
  | { phase: 'sample' }
  | { phase: 'ready'; ctx: DataContext }
  | { phase: 'restoreFailed'; message: string; persistence: Persistence | null }
  | { phase: 'crashed'; message: string }
  | { phase: 'error'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Opens DuckDB, restores the saved data before any view shows (a failed restore says so and
 * never passes for "no data"), and loads the bundled sample only when nothing was ever saved.
 */
export function DbProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Phase>({ phase: 'starting' });
  useEffect(() => {
    let cancelled = false;
    const set = (p: Phase) => {
      if (!cancelled) setState(p);
    };
    let persistence: Persistence | null = null;
    (async () => {
      const db = await openBrowserDb((m) => set({ phase: 'crashed', message: m }));
      await ensureSchema(db, { counts: false });
      const writer = await acquireWriterLock();
      const files = await openFileStore();
      try {
        set({ phase: 'restoring' });
        persistence = await Persistence.open(db, files, { readOnly: !writer });
        await persistence.restore();
      } catch (e) {
        set({ phase: 'restoreFailed', message: message(e), persistence });
        return;
      }
      // Restoring saved imports or loading the sample ends with the views and counts made.
      if (persistence.savedImports === 0 && !persistence.sampleDismissed) {
        set({ phase: 'sample' });
        await loadSample(db);
      } else if (persistence.savedImports === 0) await dataChanged(db);
      set({ phase: 'ready', ctx: { db, persistence } });
    })().catch((e: unknown) => set({ phase: 'error', message: message(e) }));
    return () => {
      cancelled = true;
    };
  }, []);

  switch (state.phase) {
    case 'ready':
      return <Ctx.Provider value={state.ctx}>{children}</Ctx.Provider>;
    case 'error':
      return (
        <p className="fatal" role="alert">
          {t('app.engineFailed', { message: state.message })}
        </p>
      );
    case 'crashed':
      return (
        <div className="fatal" role="alert" data-state="crashed">
          <p>{t('store.crashed', { message: state.message })}</p>
          <button type="button" onClick={() => location.reload()}>
            {t('store.reload')}
          </button>
        </div>
      );
    case 'restoreFailed':
      return <RestoreFailed message={state.message} />;
    default:
      return (
        <p className="loading" aria-busy="true">
          {state.phase === 'sample' ? t('sample.loading') : state.phase === 'restoring' ? t('store.restoring') : t('app.loadingEngine')}
        </p>
      );
  }
}

function RestoreFailed({ message: text }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="fatal" role="alert" data-state="restore-failed">
      <p>{t('store.restoreFailed', { message: text })}</p>
      <p>{t('store.restoreHelp')}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('store.retry')}
      </button>{' '}
      <button
        type="button"
        data-action="reset-store"
        onClick={async () => {
          if (!confirm(t('store.resetConfirm'))) return;
          const files = await openFileStore();
          for (const name of await files.list()) await files.remove(name);
          location.assign('?view=import');
        }}
      >
        {t('store.reset')}
      </button>
    </div>
  );
}

export function useDb(): Db {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useDb outside DbProvider');
  return ctx.db;
}

export function usePersistence(): Persistence {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('usePersistence outside DbProvider');
  return ctx.persistence;
}

/** The saved state's status, re-rendering on every save, delete or undo. */
export function usePersistenceStatus(): PersistenceStatus {
  const p = usePersistence();
  return useSyncExternalStore(p.subscribe, p.status);
}

/**
 * The database and the saved state as the views see them. Kept apart from DbProvider (which opens
 * the browser engine) so that the query hooks and their options also load in Node, where the
 * build computes the sample's first dashboard (src/app/dashboardSnapshot.ts).
 *
 * Two contexts: the database is one object for the page's whole life (queries asked before the
 * engine is up wait for it), while the saved state arrives with the engine — its change must
 * not re-render every view that queries.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Db } from '../db/types';
import type { Persistence, PersistenceStatus } from '../store/persistence';

export const DbContext = createContext<Db | null>(null);
export const PersistenceContext = createContext<Persistence | null>(null);

export function useDb(): Db {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}

/** The saved state, or null while the engine is still starting (the sample's first dashboard shows from its figures then). */
export function usePersistenceIfReady(): Persistence | null {
  return useContext(PersistenceContext);
}

/** Whether the engine is up and the saved state restored: what asks the engine waits for it. */
export function useEngineUp(): boolean {
  return useContext(PersistenceContext) !== null;
}

export function usePersistence(): Persistence {
  const p = useContext(PersistenceContext);
  if (!p) throw new Error('usePersistence before the data is restored');
  return p;
}

/** Whether a write to the saved state is under way (false before the engine is up). */
export function useSaving(): boolean {
  const p = useContext(PersistenceContext);
  return useSyncExternalStore(
    useCallback((fn: () => void) => p?.subscribe(fn) ?? (() => undefined), [p]),
    () => p?.status().writing ?? false,
  );
}

/** The saved state's status, re-rendering on every save, delete or undo. */
export function usePersistenceStatus(): PersistenceStatus {
  const p = usePersistence();
  return useSyncExternalStore(p.subscribe, p.status);
}

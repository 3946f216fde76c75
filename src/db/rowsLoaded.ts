/**
 * Whether the imported rows are in the engine yet. A reload restores the saved count tables first
 * and draws the dashboard from them; the import tables follow in the background
 * (src/app/DbProvider.tsx). What reads imported rows — rule checks, the data manager's lists, an
 * import's conflict check — waits for them, and the views that change data say they are loading.
 * Without a gate (Node, a first start, the sample) the rows are always in.
 */
import { underlying } from './deferredDb';
import type { Db } from './types';

interface Gate {
  loaded: boolean;
  promise: Promise<void>;
  listeners: Set<() => void>;
}

const gates = new WeakMap<Db, Gate>();

const gateOf = (db: Db): Gate | undefined => gates.get(db) ?? gates.get(underlying(db));

/** Marks the rows of `db` as loading; the returned function says they are in. */
export function rowsLoading(db: Db): () => void {
  let done!: () => void;
  const gate: Gate = { loaded: false, promise: new Promise<void>((r) => (done = r)), listeners: new Set() };
  gates.set(db, gate);
  return () => {
    if (gate.loaded) return;
    gate.loaded = true;
    done();
    for (const fn of gate.listeners) fn();
  };
}

export function rowsLoaded(db: Db): boolean {
  return gateOf(db)?.loaded ?? true;
}

/** Resolves once the imported rows are in the engine. */
export function whenRowsLoaded(db: Db): Promise<void> {
  return gateOf(db)?.promise ?? Promise.resolve();
}

export function onRowsLoaded(db: Db, fn: () => void): () => void {
  const gate = gateOf(db);
  if (!gate) return () => undefined;
  gate.listeners.add(fn);
  return () => gate.listeners.delete(fn);
}

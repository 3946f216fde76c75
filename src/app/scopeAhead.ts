/**
 * A scope chosen, announced before the page renders it: a view that knows what it will ask for a
 * scope starts asking at once. Rendering a scope change takes the page some 30 ms at a million
 * rows; the engine, which answers the statements one after another, would otherwise wait them out.
 */
import { useEffect, useRef } from 'react';
import type { Scope } from '../metrics/scope';

export type ScopeListener = (scope: Scope, previousCycle: number | null) => void;

const listeners = new Set<ScopeListener>();

export function announceScope(scope: Scope, previousCycle: number | null): void {
  for (const l of listeners) l(scope, previousCycle);
}

/** Calls `listener` with each scope chosen while the component is mounted, before it renders. */
export function useScopeAhead(listener: ScopeListener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const l: ScopeListener = (s, p) => latest.current(s, p);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
}

import { useCallback, useMemo } from 'react';
import { scopeFromParams, scopeToParams, type Scope } from '../metrics/scope';
import { useCycles } from '../queries/hooks';
import { useRoute } from './route';
import { announceScope } from './scopeAhead';

export interface ScopeState {
  /** The scope with its cycle resolved (the latest in the data when the URL names none). */
  scope: Scope;
  cycle: number | null;
  /** The cycle before the scope's, if the data has one. */
  previousCycle: number | null;
  cycles: number[];
  setScope: (changes: Partial<Scope>) => void;
}

/** The URL's scope with its cycle resolved against the data's cycles, and the cycle before it. */
export function resolveCycle(raw: Scope, cycles: readonly number[]): { cycle: number | null; previousCycle: number | null } {
  const cycle = raw.cycle !== null && cycles.includes(raw.cycle) ? raw.cycle : (cycles[cycles.length - 1] ?? null);
  const idx = cycle === null ? -1 : cycles.indexOf(cycle);
  return { cycle, previousCycle: idx > 0 ? (cycles[idx - 1] ?? null) : null };
}

/** The scope shared by every view, read from and written to the URL query. */
export function useScope(): ScopeState {
  const [route, navigate] = useRoute();
  const cyclesQuery = useCycles();
  const cycles = useMemo(() => cyclesQuery.data ?? [], [cyclesQuery.data]);
  const raw = useMemo(() => scopeFromParams(route.params), [route.params]);
  const { cycle, previousCycle } = resolveCycle(raw, cycles);
  const scope = useMemo(() => ({ ...raw, cycle }), [raw, cycle]);
  const setScope = useCallback(
    (changes: Partial<Scope>) => {
      const next = { ...scopeFromParams(new URLSearchParams(window.location.search)), ...changes };
      const resolved = resolveCycle(next, cycles);
      announceScope({ ...next, cycle: resolved.cycle }, resolved.previousCycle);
      navigate(scopeToParams(next));
    },
    [navigate, cycles],
  );
  return { scope, cycle, previousCycle, cycles, setScope };
}

/**
 * After a reload, the dashboard in sight is drawn from the saved snapshot (src/store/savedSnapshot.ts)
 * and its statements never reach the engine. So the first scope change after a reload ran every
 * one of its statement shapes for the first time in this engine: DuckDB's code compiled to quick
 * code as each function first ran and optimised in the background while the change waited (a
 * median 252 ms at 100,000 roster rows, 204 with the rerun below; docs/performance.md). Once the
 * saved count tables are in, the snapshot's queries in sight are asked of the engine once, before
 * the imported rows load: the engine is warm when the user first moves, and the figures shown are
 * the engine's own (identical answers change nothing on screen).
 */
import type { DehydratedState, QueryClient } from '@tanstack/react-query';
import { atMost } from '../util/atMost';

/** How long the rows' loading waits at most for the rerun: a query that needs the rows waits for them. */
const RERUN_WAIT_MS = 5000;

export async function rerunSnapshotQueries(qc: QueryClient, state: DehydratedState): Promise<void> {
  const hydrated = new Set(state.queries.map((q) => q.queryHash));
  // Invalidated, not only refetched: a query in sight asks others from inside its own (the KPI
  // figures ask the metric rows they are made of), which would otherwise answer from the snapshot still.
  await atMost(
    qc.invalidateQueries({ predicate: (q) => hydrated.has(q.queryHash), refetchType: 'active' }, { cancelRefetch: false }),
    RERUN_WAIT_MS,
  );
}

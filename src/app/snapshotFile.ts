/** The file a dashboard snapshot (src/app/dashboardSnapshot.ts) is shipped in, and reading it back. */
import type { DehydratedState } from '@tanstack/react-query';

export const SNAPSHOT_FILE = 'dashboard.json';
export const SNAPSHOT_FORMAT = 'cunxuan-dashboard';
/** 2: metric rows carry their shown value and figures their change (src/metrics/figure.ts). */
export const SNAPSHOT_VERSION = 2;

export interface DashboardSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The address (query string) the snapshot is the first dashboard of. */
  search: string;
  /** Other addresses whose first dashboard it holds too (the user's own: the scope last shown). */
  also?: string[];
  state: DehydratedState;
}

/** A snapshot read back, or an error naming what is wrong with it. */
export function parseSnapshot(json: unknown): DashboardSnapshot {
  const s = json as Partial<DashboardSnapshot> | null;
  if (!s || s.format !== SNAPSHOT_FORMAT) throw new Error('not a dashboard snapshot');
  if (s.version !== SNAPSHOT_VERSION) throw new Error(`dashboard snapshot version ${String(s.version)}, expected ${SNAPSHOT_VERSION}`);
  if (!s.state || !Array.isArray(s.state.queries)) throw new Error('dashboard snapshot without queries');
  return s as DashboardSnapshot;
}

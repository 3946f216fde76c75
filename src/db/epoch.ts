import { underlying } from './deferredDb';
import type { Db } from './types';

/**
 * A counter per engine, bumped as a change of some derived tables starts and as it ends: what was
 * read of them is of one state only if the counter did not move meanwhile (the count tables'
 * saved copy, the metric statements' kept answers).
 */
export function epochCounter(): { of: (db: Db) => number; bump: (db: Db) => void } {
  const epochs = new WeakMap<Db, number>();
  const of = (db: Db) => epochs.get(underlying(db)) ?? 0;
  return { of, bump: (db) => epochs.set(underlying(db), of(db) + 1) };
}

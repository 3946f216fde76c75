/**
 * The columns that may be NULL in a scope of a count table, as last read after the count tables
 * were made (src/db/nullCounts.ts): kept apart from the reading, which loads with the count
 * tables' SQL, so the first dashboard's JavaScript does not grow by it.
 */
import type { CountSource } from './countTables';
import { underlying } from './deferredDb';
import { epochCounter } from './epoch';
import type { Db } from './types';

export interface SliceScope {
  county?: string | null;
  body: string;
  role: string;
}

export type Nullable = (source: CountSource, scope: SliceScope) => ReadonlySet<string>;

/** Per engine; none while the count tables are being rebuilt (a scope query then tests every column). */
const current = new WeakMap<Db, Nullable>();

export function nullableOf(db: Db): Nullable | null {
  return current.get(underlying(db)) ?? null;
}

/** Per engine, bumped as every rebuild of the count tables starts and ends: a copy of them is of one state only if it did not move. */
const epoch = epochCounter();
export const countsEpoch = epoch.of;

export function setNullable(db: Db, n: Nullable): void {
  current.set(underlying(db), n);
  epoch.bump(db);
}

export function forgetNullable(db: Db): void {
  current.delete(underlying(db));
  epoch.bump(db);
}

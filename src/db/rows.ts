import type { Row } from './types';

/** Minimal structural type for the Arrow tables DuckDB-WASM returns (avoids a second arrow import). */
interface ArrowLike {
  toArray(): { toJSON(): Record<string, unknown> }[];
}

/**
 * Turns an Arrow result into plain rows. BIGINT/HUGEINT arrive as bigint (COUNT(*), SUM of
 * integers); they are converted to number because every figure we show fits in 2^53.
 */
export function arrowToRows<T extends Row>(table: ArrowLike): T[] {
  return table.toArray().map((r) => {
    const o = r.toJSON();
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'bigint') o[k] = Number(v);
    }
    return o as T;
  });
}

import type { Row } from './types';

/** The parts of DuckDB-WASM's Arrow result we read (avoids importing a second copy of apache-arrow). */
interface ArrowLike {
  schema: { fields: { name: string; type: { scale?: number; toString(): string } }[] };
  numRows: number;
  getChildAt(index: number): Iterable<unknown> | null;
}

/**
 * Turns an Arrow result into plain rows of JS numbers. COUNT(*) arrives as bigint, and SUM of an
 * INTEGER column as HUGEINT, i.e. an Arrow Decimal whose value prints unscaled: both are
 * converted here, once, so no query has to remember a cast. Every figure we show fits in 2^53.
 *
 * Read a column at a time: through Arrow's row proxies (`toArray()`, each row's `toJSON()`) a
 * county's 1,680 village rows took 15 ms of the page's thread, four times as long, while the scope
 * change waited. Each value is the one the row proxy gives (a list stays an Arrow vector, a date
 * its milliseconds).
 */
export function arrowToRows<T extends Row>(table: ArrowLike): T[] {
  const n = table.numRows;
  const rows: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = {};
  table.schema.fields.forEach((field, j) => {
    const column = table.getChildAt(j);
    if (!column) return;
    const { name } = field;
    const div = field.type.toString().startsWith('Decimal') ? 10 ** (field.type.scale ?? 0) : null;
    let i = 0;
    for (const v of column) {
      rows[i++]![name] = v === null || v === undefined ? v : div !== null ? Number(String(v)) / div : typeof v === 'bigint' ? Number(v) : v;
    }
  });
  return rows as T[];
}

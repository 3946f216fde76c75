import type { Row } from './types';

/** The parts of DuckDB-WASM's Arrow result we read (avoids importing a second copy of apache-arrow). */
interface ArrowLike {
  schema: { fields: { name: string; type: { scale?: number; toString(): string } }[] };
  toArray(): { toJSON(): Record<string, unknown> }[];
}

/**
 * Turns an Arrow result into plain rows of JS numbers. COUNT(*) arrives as bigint, and SUM of an
 * INTEGER column as HUGEINT, i.e. an Arrow Decimal whose value prints unscaled: both are
 * converted here, once, so no query has to remember a cast. Every figure we show fits in 2^53.
 */
export function arrowToRows<T extends Row>(table: ArrowLike): T[] {
  const decimals = table.schema.fields
    .filter((f) => f.type.toString().startsWith('Decimal'))
    .map((f) => [f.name, 10 ** (f.type.scale ?? 0)] as const);
  return table.toArray().map((r) => {
    const o = r.toJSON();
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
    for (const [name, div] of decimals) {
      const v = o[name];
      if (v !== null && v !== undefined) o[name] = Number(String(v)) / div;
    }
    return o as T;
  });
}

/**
 * The wasm heap's size in DuckDB-WASM's Node build: the engine's bindings object, caught as
 * openNodeDb connects. The heap never shrinks, so its size after a step is the highest the engine
 * needed up to there (as a browser tab's DuckDB worker keeps it). Import before opening the engine.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking') as { DuckDBBindingsBase: { prototype: { connect: (...a: unknown[]) => unknown } } };
let bindings: { mod: { HEAPU8: Uint8Array } } | null = null;
const connect = duckdb.DuckDBBindingsBase.prototype.connect;
duckdb.DuckDBBindingsBase.prototype.connect = function (this: typeof bindings, ...a: unknown[]) {
  bindings = this;
  return connect.apply(this, a);
};

/** The wasm heap in MB (NaN before the engine connects). */
export const heapMb = (): number => (bindings ? bindings.mod.HEAPU8.length / 2 ** 20 : Number.NaN);

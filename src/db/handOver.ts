/**
 * DuckDB-WASM's browser client posts bytes to its worker with their whole `ArrayBuffer` in the
 * transfer list, and skips a zero-length one without a word. A view into part of a larger buffer
 * (one chunk of a saved file) would take the rest of that buffer with it: every later view into it
 * is then empty and its rows never arrive. So a partial view is copied first, and empty bytes
 * are an error here rather than nothing at all.
 */
export function handOver(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.byteLength === 0) throw new Error(`${what}: no bytes (already handed to the engine?)`);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

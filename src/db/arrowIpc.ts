/**
 * Arrow IPC in its two framings. DuckDB-WASM answers a query as an IPC *file* (magic, messages,
 * footer) and takes an insert as an IPC *stream* (messages, end marker): the messages are the
 * same bytes, so a file becomes a stream by cutting its frame off, without decoding a value.
 */
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const END_OF_STREAM = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

export function isIpcFile(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  return MAGIC.every((b, i) => bytes[i] === b && bytes[bytes.length - 6 + i] === b);
}

export function ipcFileToStream(file: Uint8Array): Uint8Array {
  if (!isIpcFile(file)) throw new Error('not an Arrow IPC file');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const footer = view.getInt32(file.length - 10, true);
  // After the magic (6 bytes) and its padding to 8 come the messages, then the footer.
  const end = file.length - 10 - footer;
  if (footer <= 0 || end < 8) throw new Error('damaged Arrow IPC file');
  const out = new Uint8Array(end - 8 + END_OF_STREAM.length);
  out.set(file.subarray(8, end));
  out.set(END_OF_STREAM, end - 8);
  return out;
}

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

/** Where an IPC file's messages end (its footer begins); they begin at 8, after the magic and its padding. */
function messagesEnd(file: Uint8Array): number {
  if (!isIpcFile(file)) throw new Error('not an Arrow IPC file');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const footer = view.getInt32(file.length - 10, true);
  const end = file.length - 10 - footer;
  if (footer <= 0 || end < 8) throw new Error('damaged Arrow IPC file');
  return end;
}

/** The file's messages as a stream, in bytes of their own (the file stays as it was). */
export function ipcFileToStream(file: Uint8Array): Uint8Array {
  const end = messagesEnd(file);
  const out = new Uint8Array(end - 8 + END_OF_STREAM.length);
  out.set(file.subarray(8, end));
  out.set(END_OF_STREAM, end - 8);
  return out;
}

/**
 * The same stream in the file's own buffer, its footer's first bytes overwritten by the end
 * marker (the footer and the 10 bytes after it are always longer): for an answer of the engine's
 * (`Db.queryArrow`, a buffer of its own) that nothing else reads. A saved copy of a million rows
 * is then not held twice on the page until its garbage is collected.
 */
export function answerToStream(answer: Uint8Array): Uint8Array {
  const end = messagesEnd(answer);
  answer.set(END_OF_STREAM, end);
  return answer.subarray(8, end + END_OF_STREAM.length);
}

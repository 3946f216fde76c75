/**
 * Text encoding detection for spreadsheet exports. Excel on Chinese Windows writes GBK/GB18030
 * without a BOM; others write UTF-8 (often with a BOM) or UTF-16 ("Unicode text").
 * Neither PapaParse nor DuckDB-WASM can guess this, so we decode in JavaScript.
 */

export type TextEncodingId = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export const TEXT_ENCODINGS: readonly { id: TextEncodingId; label: string }[] = [
  { id: 'utf-8', label: 'UTF-8' },
  { id: 'gb18030', label: 'GB18030 / GBK' },
  { id: 'utf-16le', label: 'UTF-16 LE' },
  { id: 'utf-16be', label: 'UTF-16 BE' },
  { id: 'big5', label: 'Big5' },
];

export interface EncodingGuess {
  encoding: TextEncodingId;
  bom: boolean;
  /** Why we chose it, for the UI ("BOM", "valid UTF-8", …). */
  reason: 'bom' | 'utf8-valid' | 'utf16-zeros' | 'fallback-gb18030' | 'ascii';
}

/**
 * @param complete false when `bytes` is only the head of a larger file (read in chunks): a
 * character cut at its end is then not evidence against UTF-8.
 */
export function detectEncoding(bytes: Uint8Array, complete = true): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true, reason: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true, reason: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true, reason: 'bom' };

  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  const utf16 = guessUtf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: false, reason: 'utf16-zeros' };

  let ascii = true;
  for (const b of sample) {
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii && sample.length === bytes.length && complete) return { encoding: 'utf-8', bom: false, reason: 'ascii' };
  if (isValidUtf8(bytes, complete)) return { encoding: 'utf-8', bom: false, reason: 'utf8-valid' };
  // GB18030 is a superset of GBK and GB2312, and every byte sequence the Chinese Excel writes decodes in it.
  return { encoding: 'gb18030', bom: false, reason: 'fallback-gb18030' };
}

/** UTF-16 text of mostly ASCII/CJK has a zero byte in every other position for ASCII characters. */
function guessUtf16WithoutBom(sample: Uint8Array): TextEncodingId | null {
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  const pairs = Math.floor(sample.length / 2);
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

export interface DecodedText {
  text: string;
  /** Characters that could not be decoded (U+FFFD) — a sign the encoding is wrong. */
  replacementChars: number;
}

/** Decodes the whole file at once: chunked decoding can split a CJK character (PapaParse #751). */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingId): DecodedText {
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  return { text, replacementChars: countReplacements(text) };
}

export function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** Bytes read at a time from a file too large to hold decoded. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A file decoded piece by piece. The decoder carries a character split between two pieces over
 * to the next (stream: true), so nothing becomes U+FFFD that would not in one piece.
 */
export async function* decodeChunks(blob: Blob, encoding: TextEncodingId, onBytes?: (read: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  for (let at = 0; at < blob.size; at += CHUNK_BYTES) {
    const bytes = new Uint8Array(await blob.slice(at, at + CHUNK_BYTES).arrayBuffer());
    const last = at + CHUNK_BYTES >= blob.size;
    onBytes?.(Math.min(blob.size, at + CHUNK_BYTES));
    yield decoder.decode(bytes, { stream: !last });
  }
}

/**
 * Files that are not text tables at all. Spreadsheet containers are recognised so that an .xlsx
 * renamed to .csv still opens; anything else binary is refused with a clear message.
 */
export type BinarySniff = 'zip' | 'ole' | 'png' | 'jpeg' | 'gif' | 'pdf' | 'binary' | null;

export function sniffBinary(bytes: Uint8Array, encoding?: TextEncodingId): BinarySniff {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;
  // By share, NUL included: a stray NUL or bell in an exported cell must not refuse the whole
  // file (normalisers strip control characters); binary data is far above 5% (random bytes ≈ 10%).
  const sample = b.subarray(0, Math.min(b.length, 8192));
  let controls = 0;
  for (const x of sample) if (x < 0x09 || (x > 0x0d && x < 0x20)) controls++;
  return sample.length > 0 && controls / sample.length > 0.05 ? 'binary' : null;
}

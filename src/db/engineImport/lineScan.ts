/**
 * Our own pass over the text, independent of DuckDB's reader: where each record starts, how wide
 * the widest is, and whether anything in the text is beyond what step 1 reads in the engine.
 * DuckDB's count is checked against `lines.length`, so a record merged or dropped by the engine
 * is an error, never a silent loss.
 */
export interface LineScan {
  /** 1-based physical line on which each record DuckDB reads starts (zero-length lines are not records to it). */
  lines: Int32Array;
  /** Cells of each record (read_csv pads a short record to `width`; the importer keeps its own cells). */
  fields: Int32Array;
  /** Cells of the widest record: read_csv needs a column for each, or (strict) refuses the row. */
  width: number;
  /**
   * Records holding anything but delimiters, white space and invisible characters: the file's
   * rows counted without any parser, as the JavaScript reader's scanRecords counts them.
   */
  visible: number;
  /** Zero-length lines (no record to DuckDB, a blank row to the importer), the virtual line after a final line break excepted. */
  empty: Int32Array;
  /** Bytes of the longest record (for read_csv's max_line_size). */
  longest: number;
  /** A quoted cell holds a line break: read_csv must then run single-threaded (parallel=false) to pad rows. */
  quotedBreak: boolean;
  /** Line of a quote never closed, or closed with text after it (the JavaScript reader re-reads that line; step 1 refuses). */
  badQuoteLine: number | null;
  /** Every record is on the line after the previous one: the line number is the record's position plus an offset. */
  contiguous: boolean;
  /**
   * Some records without a quote mark (every PROBE_STRIDE-th, and the last): their bytes are their
   * cells joined by the delimiter, so the engine's cells at that line can be checked against them.
   * The line numbers rest on read_csv keeping the file's order; these catch it if it does not.
   */
  probes: Probe[];
}

export interface Probe {
  line: number;
  /** Byte range of the record (without its line break). */
  start: number;
  end: number;
  cells: number;
}

const PROBE_STRIDE = 4096;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Scans UTF-8 bytes, the very bytes read_csv gets: the delimiter, quote and line breaks are ASCII,
 * and no byte of a multi-byte UTF-8 character is, so no decoding is needed to find them.
 * A record starts at any byte but a line break: DuckDB skips zero-length lines (tested on 1.32:
 * "a\n\nb" is two records) while a line of blanks or delimiters only is a record. A quote opens a
 * quoted cell only at the start of a cell, as in scanRecords (src/import/read/csv.ts).
 */
export function scanLines(bytes: Uint8Array, delimiter: string): LineScan {
  const delim = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delim > 0x7f) throw new Error(`delimiter ${JSON.stringify(delimiter)} is not one ASCII character`);
  let lines = new Int32Array(Math.max(16, Math.ceil(bytes.length / 64)));
  let fieldsOf = new Int32Array(lines.length);
  let empty = new Int32Array(16);
  let nEmpty = 0;
  let n = 0;
  let width = 0;
  let longest = 0;
  let visible = 0;
  let quotedBreak = false;
  let contiguous = true;
  const probes: Probe[] = [];
  let last: Probe | null = null;
  let line = 1;
  // Whether a record started on the current line (else a line break here ends a zero-length line).
  let lineUsed = false;
  const len = bytes.length;
  let i = 0;
  const result = (badQuoteLine: number | null): LineScan => ({
    lines: lines.subarray(0, n),
    fields: fieldsOf.subarray(0, n),
    width,
    visible,
    empty: empty.subarray(0, nEmpty),
    longest,
    quotedBreak,
    badQuoteLine,
    contiguous,
    probes,
  });
  while (i < len) {
    let c = bytes[i]!;
    if (c === LF || c === CR) {
      if (!lineUsed) {
        if (nEmpty === empty.length) empty = grow(empty);
        empty[nEmpty++] = line;
      }
      i += c === CR && bytes[i + 1] === LF ? 2 : 1;
      line++;
      lineUsed = false;
      continue;
    }
    if (n === lines.length) {
      lines = grow(lines);
      fieldsOf = grow(fieldsOf);
    }
    if (n > 0 && line !== lines[n - 1]! + 1) contiguous = false;
    lines[n++] = line;
    lineUsed = true;
    const start = i;
    let fields = 1;
    let fieldStart = true;
    let quoted = false;
    let content = false;
    for (; i < len; i++) {
      c = bytes[i]!;
      if (c === QUOTE) quoted = true;
      if (c === QUOTE && fieldStart) {
        const quoteLine = line;
        // Inside a quoted cell: only a closing quote ends it.
        for (i++; ; i++) {
          if (i >= len) return result(quoteLine);
          c = bytes[i]!;
          if (c === QUOTE) {
            if (bytes[i + 1] === QUOTE) {
              i++;
              content = true;
            } else break;
          } else if (c === LF || (c === CR && bytes[i + 1] !== LF)) {
            line++;
            quotedBreak = true;
          } else if (!content && !blankAt(bytes, i)) content = true;
        }
        const next = i + 1 < len ? bytes[i + 1]! : -1;
        if (next !== -1 && next !== delim && next !== LF && next !== CR) return result(quoteLine);
        fieldStart = false;
      } else if (c === delim) {
        fields++;
        fieldStart = true;
      } else if (c === LF || c === CR) break;
      else {
        if (!content && !blankAt(bytes, i)) content = true;
        fieldStart = false;
      }
    }
    if (content) visible++;
    fieldsOf[n - 1] = fields;
    if (fields > width) width = fields;
    if (i - start > longest) longest = i - start;
    if (!quoted) {
      const probe = { line: lines[n - 1]!, start, end: i, cells: fields };
      if ((n - 1) % PROBE_STRIDE === 0) probes.push(probe);
      else last = probe;
    } else last = null;
  }
  if (last) probes.push(last);
  return result(null);
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/**
 * Whether the character starting at byte i is one cleanText drops (isBlankChar in
 * src/import/normalize/text.ts): ASCII controls and space, and among the rest C1 controls, NBSP,
 * U+1680, U+2000–200D, U+2028–202F, U+205F–2060, U+2066–2069, U+3000 and the BOM. A continuation
 * byte is never blank, but it only follows a lead byte already judged.
 */
function blankAt(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  if (c < 0x80) return c <= 0x20 || c === 0x7f;
  const c1 = b[i + 1] ?? 0;
  const c2 = b[i + 2] ?? 0;
  switch (c) {
    case 0xc2:
      return c1 >= 0x80 && c1 <= 0xa0;
    case 0xe1:
      return c1 === 0x9a && c2 === 0x80;
    case 0xe2:
      if (c1 === 0x80) return c2 <= 0x8d || (c2 >= 0xa8 && c2 <= 0xaf);
      if (c1 === 0x81) return c2 === 0x9f || c2 === 0xa0 || (c2 >= 0xa6 && c2 <= 0xa9);
      return false;
    case 0xe3:
      return c1 === 0x80 && c2 === 0x80;
    case 0xef:
      return c1 === 0xbb && c2 === 0xbf;
    default:
      return false;
  }
}

/**
 * Whether line breaks must be made one kind before DuckDB reads the bytes: it takes one newline
 * sequence per file, and a file mixing CRLF with LF or lone CR fails in strict mode (and, not
 * strict, merges rows) — the JavaScript reader unifies them for the same reason.
 */
export function mixedLineBreaks(bytes: Uint8Array): boolean {
  let cr = bytes.indexOf(CR);
  if (cr < 0) return false;
  // A file with CRs: each must start a CRLF, and each LF must end one.
  for (; cr >= 0; cr = bytes.indexOf(CR, cr + 1)) if (bytes[cr + 1] !== LF) return true;
  for (let lf = bytes.indexOf(LF); lf >= 0; lf = bytes.indexOf(LF, lf + 1)) if (lf === 0 || bytes[lf - 1] !== CR) return true;
  return false;
}

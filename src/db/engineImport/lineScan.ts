/**
 * Our own pass over the text, independent of DuckDB's reader: where each record starts, how wide
 * the widest is, and whether anything in the text is beyond what step 1 reads in the engine.
 * DuckDB's count is checked against `lines.length`, so a record merged or dropped by the engine
 * is an error, never a silent loss.
 */
export interface LineScan {
  /** 1-based physical line on which each record DuckDB reads starts (zero-length lines are not records to it). */
  lines: Int32Array;
  /** Cells of the widest record: read_csv needs a column for each, or (strict) refuses the row. */
  width: number;
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
  let n = 0;
  let width = 0;
  let longest = 0;
  let quotedBreak = false;
  let contiguous = true;
  const probes: Probe[] = [];
  let last: Probe | null = null;
  let line = 1;
  const len = bytes.length;
  let i = 0;
  while (i < len) {
    let c = bytes[i]!;
    if (c === LF || c === CR) {
      i += c === CR && bytes[i + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    if (n === lines.length) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    if (n > 0 && line !== lines[n - 1]! + 1) contiguous = false;
    lines[n++] = line;
    const start = i;
    let fields = 1;
    let fieldStart = true;
    let quoted = false;
    for (; i < len; i++) {
      c = bytes[i]!;
      if (c === QUOTE) quoted = true;
      if (c === QUOTE && fieldStart) {
        const quoteLine = line;
        // Inside a quoted cell: only a closing quote ends it.
        for (i++; ; i++) {
          if (i >= len) return { lines: lines.subarray(0, n), width, longest, quotedBreak, badQuoteLine: quoteLine, contiguous, probes };
          c = bytes[i]!;
          if (c === QUOTE) {
            if (bytes[i + 1] === QUOTE) i++;
            else break;
          } else if (c === LF || (c === CR && bytes[i + 1] !== LF)) {
            line++;
            quotedBreak = true;
          }
        }
        const next = i + 1 < len ? bytes[i + 1]! : -1;
        if (next !== -1 && next !== delim && next !== LF && next !== CR)
          return { lines: lines.subarray(0, n), width, longest, quotedBreak, badQuoteLine: quoteLine, contiguous, probes };
        fieldStart = false;
      } else if (c === delim) {
        fields++;
        fieldStart = true;
      } else if (c === LF || c === CR) break;
      else fieldStart = false;
    }
    if (fields > width) width = fields;
    if (i - start > longest) longest = i - start;
    if (!quoted) {
      const probe = { line: lines[n - 1]!, start, end: i, cells: fields };
      if ((n - 1) % PROBE_STRIDE === 0) probes.push(probe);
      else last = probe;
    } else last = null;
  }
  if (last) probes.push(last);
  return { lines: lines.subarray(0, n), width, longest, quotedBreak, badQuoteLine: null, contiguous, probes };
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

/**
 * A CSV file read by DuckDB's own reader into a table of text cells (c1…cN, '' for an empty
 * or missing cell) with each record's line number in the file, checked against our own scan.
 */
import { quoteIdent, sqlNumber, sqlString } from '../sqlLiteral';
import { STAGE_DIR, type Db } from '../types';
import { unifyLineBreaks } from '../../import/read/csv';
import { insertColumns } from './arrowColumns';
import { mixedLineBreaks, scanLines, type LineScan, type Probe } from './lineScan';
import { EngineReadError, type EngineTables } from './tables';

/** read_csv's default max_line_size (bytes). */
const DEFAULT_MAX_LINE = 2_000_000;

export interface RawTable {
  /** Temporary table: `line` (INTEGER, the record's first line in the file), c1…c`width` (VARCHAR, never NULL). */
  table: string;
  width: number;
  records: number;
  /** Milliseconds in our scan (JavaScript) and in read_csv (the engine). */
  scanMs: number;
  readMs: number;
  /** Our own scan of the bytes read (each record's line and cells, the zero-length lines, the non-blank count). */
  scan: LineScan;
}

export const cellColumn = (i: number) => `c${i + 1}`;

/** The read_csv call for a file registered at `path`, with `width` VARCHAR columns. Nothing here comes from the file's name. */
export function readCsvCall(
  path: string,
  delimiter: string,
  width: number,
  opts: { maxLineBytes?: number; parallel?: boolean } = {},
): string {
  const columns = Array.from({ length: width }, (_, i) => `${sqlString(cellColumn(i))}: 'VARCHAR'`).join(', ');
  const max = Math.ceil(opts.maxLineBytes ?? 0);
  // strict_mode stays on and ignore_errors off: a row the engine cannot read must fail the read,
  // not be dropped or merged. null_padding fills the cells a short record (title, notes) lacks;
  // a quoted "" stays an empty string (allow_quoted_nulls=false), as PapaParse reads it.
  return (
    `read_csv(${sqlString(path)}, header=false, auto_detect=false, all_varchar=true, delim=${sqlString(delimiter)}, quote='"', escape='"', ` +
    `null_padding=true, allow_quoted_nulls=false${max > DEFAULT_MAX_LINE ? `, max_line_size=${max}` : ''}${opts.parallel === false ? ', parallel=false' : ''}, columns={${columns}})`
  );
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 bytes as read_csv gets them: no BOM, and one kind of line break (unified as the JavaScript reader does). */
export function engineBytes(input: string | Uint8Array, delimiter: string): Uint8Array {
  let bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // read_csv refuses a byte sequence that is not UTF-8; the JavaScript reader's decoder reads each
  // as U+FFFD (and the validation report shows it), so the engine gets the same text.
  if (!validUtf8(bytes)) bytes = new TextEncoder().encode(new TextDecoder().decode(bytes));
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) bytes = bytes.subarray(3);
  if (mixedLineBreaks(bytes)) bytes = new TextEncoder().encode(unifyLineBreaks(new TextDecoder().decode(bytes), delimiter, '"'));
  return bytes;
}

/**
 * What the engine is handed of `bytes`: the buffer they view past a UTF-8 BOM, whole, since
 * read_csv skips a BOM itself; a view would be copied on the way to DuckDB's worker (handOver),
 * and the file's hundreds of MB would then be held twice until the page lets go of the original.
 */
export function engineBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset !== UTF8_BOM.length || bytes.byteLength + UTF8_BOM.length !== bytes.buffer.byteLength) return bytes;
  const whole = new Uint8Array(bytes.buffer);
  return UTF8_BOM.every((b, i) => whole[i] === b) ? whole : bytes;
}

/** Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
export function validUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return false;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || x < 0x80 || x > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Registers the file's UTF-8 bytes or its decoded text (see engineBytes), reads it with read_csv
 * into `tables.raw`, and checks the engine's record count against our scan. Bytes given are the
 * engine's after the call (as Db.registerBuffer takes them).
 * Text with a broken quote is refused: the JavaScript reader recovers such a line (re-read with
 * quote marks as text, flagged), and DuckDB has no equivalent — step 2 must pre-split there.
 */
export async function readRaw(db: Db, input: string | Uint8Array, delimiter: string, tables: EngineTables): Promise<RawTable> {
  let t = performance.now();
  const bytes = engineBytes(input, delimiter);
  const scan = scanLines(bytes, delimiter);
  if (scan.badQuoteLine !== null) throw new EngineReadError('bad_quote', `unbalanced quote on line ${scan.badQuoteLine}`);
  const width = Math.max(1, scan.width);
  if (bytes.length === 0) throw new EngineReadError('unsupported', 'no bytes to read');
  // The probed records' text, taken now: in the browser registering the bytes hands their buffer to DuckDB's worker.
  const probes = probeTexts(bytes, scan.probes);
  const scanMs = performance.now() - t;

  t = performance.now();
  const path = `${STAGE_DIR}${tables.prefix}.csv`;
  const names = Array.from({ length: width }, (_, i) => quoteIdent(cellColumn(i)));
  // Lines one after another (no blank line, no quoted line break; nearly every roster): the line is
  // the record's position plus the first record's line, and the table is made in one statement.
  const offset = scan.contiguous && scan.lines.length > 0 ? scan.lines[0]! - 1 : 0;
  const target = scan.contiguous ? tables.raw : tables.read;
  await db.registerBuffer(path, engineBuffer(bytes));
  try {
    const call = readCsvCall(path, delimiter, width, { maxLineBytes: scan.longest + 1, parallel: !scan.quotedBreak });
    const cells = names.map((c) => `coalesce(${c}, '') AS ${c}`).join(', ');
    // The record's position: the reader runs in file order (insertion order is preserved), and
    // the count check below catches a record lost or merged on the way.
    await db.exec(
      `CREATE TEMP TABLE ${quoteIdent(target)} AS SELECT (row_number() OVER ())::INTEGER + ${offset} AS ${scan.contiguous ? 'line' : 'rec'}, ${cells} FROM ${call}`,
    );
  } finally {
    await db.dropFile(path);
  }
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(target)}`)) as [{ n: number }];
  if (n !== scan.lines.length)
    throw new EngineReadError('count_mismatch', `DuckDB read ${n} records where our scan counts ${scan.lines.length}`);

  if (!scan.contiguous) {
    // Blank lines or quoted line breaks: each record's line comes from our scan, joined by position.
    await insertColumns(db, tables.lines, [
      { name: 'rec', type: 'int', values: Int32Array.from({ length: scan.lines.length }, (_, i) => i + 1) },
      { name: 'line', type: 'int', values: scan.lines },
    ]);
    await db.exec(
      `CREATE TEMP TABLE ${quoteIdent(tables.raw)} AS SELECT l.line, ${names.map((c) => `r.${c}`).join(', ')} ` +
        `FROM ${quoteIdent(tables.read)} r JOIN ${quoteIdent(tables.lines)} l USING (rec)`,
    );
    await db.exec(`DROP TABLE ${quoteIdent(tables.lines)}`);
    await db.exec(`DROP TABLE ${quoteIdent(tables.read)}`);
  }
  await checkProbes(db, tables.raw, delimiter, probes);
  return { table: tables.raw, width, records: n, scanMs, readMs: performance.now() - t, scan };
}

export interface ProbeText extends Probe {
  text: string;
}

/** The text of each probed record. */
export function probeTexts(bytes: Uint8Array, probes: readonly Probe[]): ProbeText[] {
  const decoder = new TextDecoder();
  return probes.map((p) => ({ ...p, text: decoder.decode(bytes.subarray(p.start, p.end)) }));
}

/** The engine's cells at the probed lines against the text our scan found there (see LineScan.probes). */
export async function checkProbes(db: Db, raw: string, delimiter: string, probes: readonly ProbeText[]): Promise<void> {
  if (probes.length === 0) return;
  // Our own line numbers, written in: the same IN list of 246 bound values took 1.5 s at 1M rows, written 0.2 s.
  const rows = await db.query(`SELECT * FROM ${quoteIdent(raw)} WHERE line IN (${probes.map((p) => sqlNumber(p.line)).join(', ')})`);
  const byLine = new Map(rows.map((r) => [r.line as number, r]));
  for (const p of probes) {
    const row = byLine.get(p.line);
    const cells = row ? Array.from({ length: p.cells }, (_, i) => row[cellColumn(i)] as string).join(delimiter) : null;
    if (cells !== p.text)
      throw new EngineReadError('line_mismatch', `the engine's record at line ${p.line} is not the file's line ${p.line}`);
  }
}

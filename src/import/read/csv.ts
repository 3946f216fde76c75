import Papa from 'papaparse';
import { isBlankChar } from '../normalize/text';
import type { SourceSheet } from './types';

const DELIMITERS = [',', '\t', ';'] as const;

/**
 * Picks the delimiter that splits most lines into the same number (> 1) of fields. PapaParse's
 * own guess is thrown off by title rows and notes rows, which real exports have.
 */
export function detectDelimiter(text: string): string {
  let best: string = ',';
  let bestScore = 0;
  // Mixed line endings would make PapaParse guess CR alone and see one long line.
  const head = text.slice(0, 64 * 1024).replace(/\r\n?/g, '\n');
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(head, { delimiter: d, newline: '\n', preview: 60, skipEmptyLines: true }).data;
    const freq = new Map<number, number>();
    for (const r of rows) if (r.length > 1) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [n, c] of freq) score = Math.max(score, c * Math.log2(n));
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

export interface RecordScan {
  /** 1-based physical line on which each record starts. */
  recordLines: number[];
  /** Records holding anything but delimiters, white space and invisible characters (as cleanText drops them). */
  nonBlank: number;
  /**
   * Line whose opening quote is never closed, or is closed with text after it: either way the
   * parser would merge the following lines into one cell. Null when all quotes are sound.
   */
  badQuoteLine: number | null;
  /**
   * The text ended inside a quoted cell (badQuoteLine is then that cell's line). For a piece of a
   * file read in chunks this is not yet an error: the cell may close in the next chunk.
   */
  openAtEnd: boolean;
  /** Offset of the record that is open at the end (meaningful when openAtEnd). */
  openRecordStart: number;
}

/**
 * Our own RFC 4180 record scan, independent of PapaParse, used to check that the parser
 * neither merged nor dropped rows (PITFALLS: silent row loss). A quote opens a quoted field
 * only at the start of a field, as in PapaParse and Excel.
 */
export function scanRecords(text: string, delimiter: string): RecordScan {
  const recordLines: number[] = [];
  let nonBlank = 0;
  let line = 1;
  let inQuotes = false;
  let fieldStart = true;
  let recordStarted = false;
  let hasContent = false;
  let quoteLine = 0;
  let recordStart = 0;
  const n = text.length;
  const endRecord = () => {
    if (hasContent) nonBlank++;
    hasContent = false;
    recordStarted = false;
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < n; i++) {
    const c = text[i];
    if (!recordStarted) {
      recordLines.push(line);
      recordStarted = true;
      recordStart = i;
    }
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          i++;
          hasContent = true;
        } else {
          inQuotes = false;
          const next = text[i + 1];
          if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
            return { recordLines, nonBlank, badQuoteLine: quoteLine, openAtEnd: false, openRecordStart: recordStart };
          }
        }
      } else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      else if (!isBlankChar(c!)) hasContent = true;
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      quoteLine = line;
      fieldStart = false;
    } else if (c === delimiter) {
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      fieldStart = true;
      endRecord();
    } else {
      if (!isBlankChar(c!)) hasContent = true;
      fieldStart = false;
    }
  }
  if (recordStarted && !inQuotes) endRecord();
  return {
    recordLines,
    nonBlank: nonBlank + (inQuotes && hasContent ? 1 : 0),
    badQuoteLine: inQuotes ? quoteLine : null,
    openAtEnd: inQuotes,
    openRecordStart: recordStart,
  };
}

/** Index of the first character of a 1-based physical line. */
function lineOffset(text: string, lineNo: number): number {
  let line = 1;
  for (let i = 0; i < text.length && line < lineNo; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      if (line === lineNo) return i + 1;
    }
  }
  return line === lineNo ? 0 : text.length;
}

/**
 * Every record break outside a quoted cell as LF. PapaParse takes a single newline sequence per
 * file (guessed from the first ones), so a file mixing CRLF, LF and lone CR — concatenated
 * exports, a stray CR typed into a cell — would be merged into fewer rows than the record scan
 * counts, and refused. Breaks inside a quoted cell are its content and stay as they are.
 */
export function unifyLineBreaks(text: string, delimiter: string, quoteChar: string): string {
  if (!text.includes('\r')) return text;
  const parts: string[] = [];
  let last = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === quoteChar) {
        if (text[i + 1] === quoteChar) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === quoteChar && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === delimiter || c === '\n') {
      fieldStart = true;
    } else if (c === '\r') {
      parts.push(text.slice(last, i), '\n');
      if (text[i + 1] === '\n') i++;
      last = i + 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** push(...items) overflows the call stack beyond ~100k items: a million-row file has more. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

function parseAll(raw: string, delimiter: string, quoteChar: string): string[][] {
  const text = unifyLineBreaks(raw, delimiter, quoteChar);
  const res = Papa.parse<string[]>(text, {
    delimiter,
    quoteChar,
    newline: '\n',
    skipEmptyLines: false,
    header: false,
    dynamicTyping: false,
  });
  const rows = res.data;
  // PapaParse yields one empty record after a final line break; a record scan does not.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '' && /[\r\n]$/.test(text)) rows.pop();
  return rows;
}

/** Physical lines a piece of text spans, as scanRecords numbers them (LF, CRLF or a lone CR). */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

export interface CsvPiece {
  sheet: SourceSheet;
  /** Characters of the input read as whole records; the rest starts a record still open. */
  consumed: number;
}

/**
 * Reads every record, checking PapaParse against our own scan so that no row is merged or lost.
 * A broken quote would swallow the following lines into one cell: the line holding it is
 * re-read with quote marks as ordinary text and flagged, and reading resumes normally after it.
 */
export function readCsvText(text: string, delimiter: string): SourceSheet {
  return readCsvPiece(text, delimiter, { final: true }).sheet;
}

/**
 * readCsvText over one piece of a file read in chunks. Unless `final`, a quoted cell still open
 * at the end of the piece is left unread (`consumed` stops before its record): it may close in
 * the next chunk. Row numbers count from `lineBase` lines already read.
 */
export function readCsvPiece(text: string, delimiter: string, opts: { final: boolean; lineBase?: number }): CsvPiece {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rest = bom ? text.slice(1) : text;
  let consumed = bom;
  let lineBase = opts.lineBase ?? 0;
  const rows: string[][] = [];
  const recordLines: number[] = [];
  let nonBlank = 0;
  const quoteRecovered = new Set<number>();
  for (;;) {
    const scan = scanRecords(rest, delimiter);
    if (scan.openAtEnd && !opts.final) {
      const done = rest.slice(0, scan.openRecordStart);
      append(rows, parseAll(done, delimiter, '"'));
      append(
        recordLines,
        scan.recordLines.slice(0, -1).map((l) => l + lineBase),
      );
      nonBlank += scanRecords(done, delimiter).nonBlank;
      consumed += done.length;
      break;
    }
    if (scan.badQuoteLine === null) {
      append(rows, parseAll(rest, delimiter, '"'));
      append(
        recordLines,
        scan.recordLines.map((l) => l + lineBase),
      );
      nonBlank += scan.nonBlank;
      consumed += rest.length;
      break;
    }
    const bad = scan.badQuoteLine;
    const cut = lineOffset(rest, bad);
    const next = lineOffset(rest, bad + 1);
    const before = rest.slice(0, cut);
    append(rows, parseAll(before, delimiter, '"'));
    const beforeScan = scanRecords(before, delimiter);
    append(
      recordLines,
      beforeScan.recordLines.map((l) => l + lineBase),
    );
    nonBlank += beforeScan.nonBlank + 1;
    // Quote marks as text: parse the line with a quote character it does not contain.
    const line = rest.slice(cut, next);
    append(rows, parseAll(line, delimiter, ['\u0000', '\uFFFF', '\uFDD0'].find((q) => !line.includes(q)) ?? '\u0000'));
    recordLines.push(bad + lineBase);
    quoteRecovered.add(bad + lineBase);
    rest = rest.slice(next);
    consumed += next;
    lineBase += bad;
    if (rest.length === 0) break;
  }

  const sheet = {
    name: '',
    rows,
    rowNumbers: recordLines.length === rows.length ? recordLines : rows.map((_, i) => i + 1 + (opts.lineBase ?? 0)),
    independentCount: nonBlank,
    quoteRecovered,
  };
  return { sheet, consumed };
}

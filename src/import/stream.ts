/**
 * A dropped file read as the import worker reads it: opened from its head (text) or whole
 * (workbooks), then streamed piece by piece through the preparer, so that a file of a million
 * rows never sits in memory decoded, parsed and normalised at once. Pure apart from reading the
 * Blob: the same code runs in the browser's worker and in Node tests.
 */
import { decodeChunks, sniffBinary } from './encoding';
import { analyzeFile, analyzeSource, type FileAnalysis } from './pipeline';
import type { ColumnSpec, FileContext, NormalizedRow } from './normalizeRow';
import { ImportPreparer, type ImportReport } from './prepare';
import { CsvChunkReader } from './read/csvChunks';
import { isParquet, openParquet, readParquetRows, type ParquetFile } from './read/parquet';
import type { ReadOptions, SourceFile, SourceSheet } from './read';
import { cleanText } from './normalize';
import { setIdHashKey } from './idHash';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { FileKind } from './fields';

/** A text file up to this size is read whole for its analysis; a larger one by its head. */
export const HEAD_BYTES = 1024 * 1024;
/** Rows of a workbook or Parquet file handed to the preparer at a time. */
const PIECE_ROWS = 20_000;
/** Rows of a Parquet file shown in the mapping preview. */
const PREVIEW_ROWS = 100;

export interface OpenedFile {
  fileName: string;
  size: number;
  analysis: FileAnalysis;
  /** Whether `analysis` holds every row (workbooks, small text files) or the head only. */
  complete: boolean;
  /** Rows the file holds: counted, listed in a Parquet footer, or estimated from the head. */
  estimatedRows: number;
  parquet?: ParquetFile;
}

const blank = (row: readonly string[]) => row.every((c) => cleanText(c) === '');

function gridSheet(name: string, rows: string[][], firstRow = 1): SourceSheet {
  return {
    name,
    rows,
    rowNumbers: rows.map((_, i) => i + firstRow),
    independentCount: rows.filter((r) => !blank(r)).length,
    quoteRecovered: new Set(),
  };
}

export async function openFile(blob: Blob, fileName: string, options: ReadOptions = {}): Promise<OpenedFile> {
  const head = new Uint8Array(await blob.slice(0, Math.min(blob.size, HEAD_BYTES)).arrayBuffer());
  if (isParquet(head)) {
    const parquet = await openParquet(blob);
    const preview = await readParquetRows(blob, parquet, 0, Math.min(parquet.rows, PREVIEW_ROWS));
    const source: SourceFile = { fileName, format: 'parquet', sheets: [gridSheet('', [parquet.header, ...preview])] };
    return { fileName, size: blob.size, analysis: analyzeSource(source, fileName), complete: false, estimatedRows: parquet.rows, parquet };
  }
  const sniff = sniffBinary(head, options.encoding);
  const whole = sniff === 'zip' || sniff === 'ole' || blob.size <= HEAD_BYTES;
  const bytes = whole && blob.size > head.length ? new Uint8Array(await blob.arrayBuffer()) : head;
  const analysis = analyzeFile(bytes, fileName, options, whole);
  const sheetRows = analysis.source.sheets[Math.max(0, analysis.sheetIndex)]?.rows.length ?? 0;
  const estimatedRows = whole ? sheetRows : Math.round((sheetRows * blob.size) / Math.max(1, head.length));
  return { fileName, size: blob.size, analysis, complete: whole, estimatedRows };
}

export interface Progress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

/** The chosen sheet in pieces, first row first, whatever the format. */
export async function* readSheet(
  blob: Blob,
  opened: OpenedFile,
  sheetIndex: number,
  onProgress: (p: Progress) => void,
): AsyncGenerator<Omit<SourceSheet, 'name'>> {
  const { analysis } = opened;
  const total = opened.size;
  let rows = 0;
  const report = (bytes: number) => onProgress({ bytes, totalBytes: total, rows });
  if (opened.parquet) {
    const pq = opened.parquet;
    yield gridSheet('', [pq.header]);
    for (let at = 0; at < pq.rows; at += PIECE_ROWS) {
      const grid = await readParquetRows(blob, pq, at, Math.min(pq.rows, at + PIECE_ROWS));
      rows += grid.length;
      report(Math.round((total * Math.min(pq.rows, at + PIECE_ROWS)) / Math.max(1, pq.rows)));
      yield gridSheet('', grid, at + 2);
    }
    if (rows !== pq.rows) throw new Error(`Parquet: read ${rows} of the ${pq.rows} rows its footer lists`);
    return;
  }
  const sheet = analysis.source.sheets[sheetIndex];
  if (opened.complete) {
    if (!sheet) return;
    // One piece with the sheet's own count, then the rest: the count belongs to the whole sheet.
    for (let at = 0; at < Math.max(1, sheet.rows.length); at += PIECE_ROWS) {
      const end = Math.min(sheet.rows.length, at + PIECE_ROWS);
      rows = end;
      report(Math.round((total * end) / Math.max(1, sheet.rows.length)));
      yield {
        rows: sheet.rows.slice(at, end),
        rowNumbers: sheet.rowNumbers.slice(at, end),
        independentCount: at === 0 ? sheet.independentCount : 0,
        quoteRecovered: sheet.quoteRecovered,
      };
    }
    return;
  }
  const encoding = analysis.source.encoding?.chosen ?? 'utf-8';
  const reader = new CsvChunkReader(analysis.source.delimiter ?? ',');
  let bytes = 0;
  for await (const text of decodeChunks(blob, encoding, (b) => (bytes = b))) {
    const piece = reader.push(text);
    rows += piece.rows.length;
    report(bytes);
    yield piece;
  }
  const last = reader.end();
  rows += last.rows.length;
  report(total);
  yield last;
}

/**
 * A CSV file's text as UTF-8 bytes, for DuckDB's own reader (src/db/engineImport): the file's bytes
 * as they are when it is UTF-8, else decoded piece by piece (GB18030, UTF-16: DuckDB-WASM reads
 * neither) and encoded again, never held decoded whole. Null for a workbook or Parquet file.
 */
export async function csvBytes(
  blob: Blob,
  opened: OpenedFile,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  const source = opened.analysis.source;
  if (opened.parquet || source.format !== 'csv') return null;
  const encoding = source.encoding?.chosen ?? 'utf-8';
  const total = opened.size;
  if (encoding === 'utf-8') {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    onProgress({ bytes: total, totalBytes: total, rows: 0 });
    return bytes;
  }
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  let read = 0;
  for await (const text of decodeChunks(blob, encoding, (b) => (read = b))) {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const part = encoder.encode(text);
    parts.push(part);
    size += part.length;
    onProgress({ bytes: read, totalBytes: total, rows: 0 });
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts.splice(0)) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface ImportPlan {
  sheetIndex: number;
  kind: FileKind;
  columns: readonly ColumnSpec[];
  context: FileContext;
  /** The office's key for hashing ID numbers, as hex (src/db/idKey.ts); set before the rows are read. */
  idKey?: string;
}

/**
 * Every data row of the file, normalised and checked, handed to `onRow` as it is made; yields
 * after each piece of the file (the caller may send what it gathered) and returns the report.
 * Stops between pieces when `signal` is aborted (nothing has been written anywhere by then).
 */
export async function* prepareFile(
  blob: Blob,
  opened: OpenedFile,
  plan: ImportPlan,
  onRow: (row: NormalizedRow) => void,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): AsyncGenerator<void, ImportReport> {
  const layout = opened.analysis.sheets[plan.sheetIndex]?.layout;
  if (!layout) throw new Error('no header found');
  if (plan.idKey) setIdHashKey(hexToBytes(plan.idKey));
  const preparer = new ImportPreparer(plan.kind, layout, plan.columns, plan.context);
  for await (const piece of readSheet(blob, opened, plan.sheetIndex, onProgress)) {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    preparer.push(piece, onRow);
    yield;
  }
  return preparer.finish();
}

/** What the import screen needs of an analysis: every sheet's first rows, not whole workbooks. */
export function headOf(analysis: FileAnalysis, rows = 60): FileAnalysis {
  return {
    ...analysis,
    source: {
      ...analysis.source,
      sheets: analysis.source.sheets.map((s) => ({
        ...s,
        rows: s.rows.slice(0, rows),
        rowNumbers: s.rowNumbers.slice(0, rows),
        quoteRecovered: new Set(),
      })),
    },
  };
}

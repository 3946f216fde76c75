/**
 * Parquet, the format a file too large for CSV is best converted to (DuckDB, pandas, Spark write
 * it): read with hyparquet in the import worker, a row group range at a time, each value turned
 * into the text a CSV export would hold, so that it meets the same normalisers.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export function isParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31; // "PAR1"
}

function asyncBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

export interface ParquetFile {
  metadata: FileMetaData;
  header: string[];
  rows: number;
}

export async function openParquet(blob: Blob): Promise<ParquetFile> {
  const metadata = await parquetMetadataAsync(asyncBuffer(blob));
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  return { metadata, header, rows: Number(metadata.num_rows) };
}

/** A value as a spreadsheet export would write it: integers in full, dates as ISO dates. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, v.getUTCHours() || v.getUTCMinutes() ? 19 : 10);
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

/** Rows [start, end) as text cells. */
export async function readParquetRows(blob: Blob, file: ParquetFile, start: number, end: number): Promise<string[][]> {
  let out: string[][] = [];
  await parquetRead({
    file: asyncBuffer(blob),
    metadata: file.metadata,
    rowStart: start,
    rowEnd: end,
    compressors,
    onComplete: (rows: unknown[][]) => {
      out = rows.map((r) => r.map(cellText));
    },
  });
  return out;
}

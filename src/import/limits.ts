/**
 * How much one file the browser import takes. Text and Parquet files are read in chunks, so
 * what runs out is the memory of the database that holds the rows and builds the count tables
 * from them (a 32-bit wasm heap: at most 4 GB, and it never shrinks). Measured with `npm run
 * bench` (2026-12-05): 3 million roster rows (408 MB) import, reload and restore, the tab peaking
 * at 3.5 GB; the row limit leaves room for the estimate from the first megabyte, the size limit
 * for wider rows. Larger files are refused up front, before a byte is read, with what to do
 * instead. A workbook is read whole by the spreadsheet reader, at many times its size.
 */
export type FileClass = 'text' | 'workbook' | 'parquet';

export const LIMITS: Record<FileClass, number> = {
  text: 450 * 1024 ** 2,
  workbook: 100 * 1024 ** 2,
  // A Parquet file's footer lists its rows, held to MAX_ROWS exactly; its size is only a backstop
  // (the reader holds a row group's pages at once).
  parquet: 64 * 1024 ** 2,
};

/** Rows one import may bring: past this the database outgrows what a browser tab is given. */
export const MAX_ROWS = 3_200_000;

export function fileClass(name: string): FileClass {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xls' || ext === 'xlsm') return 'workbook';
  if (ext === 'parquet' || ext === 'parq') return 'parquet';
  return 'text';
}

/**
 * The limit a file of this size breaks, or null. On a machine reporting little memory
 * (navigator.deviceMemory, in GB) the limits are lower.
 */
export function refusal(name: string, size: number, deviceMemoryGb?: number): { reason: FileClass; limit: number } | null {
  const cls = fileClass(name);
  const memory = deviceMemoryGb ?? (typeof navigator !== 'undefined' ? (navigator as { deviceMemory?: number }).deviceMemory : undefined);
  const limit = memory !== undefined && memory < 8 ? Math.round((LIMITS[cls] * Math.max(memory, 1)) / 8) : LIMITS[cls];
  return size > limit ? { reason: cls, limit } : null;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}

/**
 * How much one file the browser import takes. Text and Parquet files are read in chunks, so
 * what runs out is the memory of the database that holds the rows and builds the count tables
 * from them (a 32-bit wasm heap: at most 4 GB, and it never shrinks). Measured with `npm run
 * bench` (2026-12-07): 3 million roster rows (408 MB) and their results import, a township's
 * roster imports into them, and all of it comes back after a reload, the tab peaking at 3.4–3.8 GB
 * (4.2 GB on the build that set these limits; an earlier one failed at 2 million on 2026-12-06).
 * The row limit leaves a little room above the measured 3 million; the size limit is that many
 * rows of a wide UTF-8 roster. Larger files are
 * refused up front, before a byte is read, with what to do instead. A workbook is read whole by
 * the spreadsheet reader, at many times its size.
 */
export type FileClass = 'text' | 'workbook' | 'parquet';

export const LIMITS: Record<FileClass, number> = {
  text: 425 * 1024 ** 2,
  workbook: 100 * 1024 ** 2,
  // A Parquet file's footer lists its rows, held to MAX_ROWS exactly; its size is only a backstop
  // (the reader holds a row group's pages at once).
  parquet: 64 * 1024 ** 2,
};

/** Rows one import may bring: past this the database outgrows what a browser tab is given. */
export const MAX_ROWS = 3_100_000;

/**
 * Columns a sheet may have. A real roster or results sheet has fewer than 60; a header of 100,000
 * columns froze the tab for minutes while the mapping table was built. Refused before any table.
 */
export const MAX_COLUMNS = 300;

/** Characters of a name or place (村名、姓名…): past this it is not a name, and the row is rejected. */
export const MAX_NAME_CHARS = 200;

/** Characters kept of a free-text cell (备注 and other columns kept as extra data); the rest is cut with a warning. */
export const MAX_TEXT_CHARS = 1000;

/**
 * A workbook's parts once unpacked, read from the zip's directory before anything is inflated:
 * real workbooks unpack to 5–15 times their size; a zip bomb of 601 KB unpacked to 200 MB of
 * sheet XML that the reader parsed for half a minute.
 */
export const MAX_WORKBOOK_UNPACKED = 600 * 1024 ** 2;
export const MAX_WORKBOOK_RATIO = 100;
/** Below this much unpacked, any ratio is harmless (an almost empty sheet compresses very well). */
export const WORKBOOK_RATIO_FLOOR = 20 * 1024 ** 2;

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

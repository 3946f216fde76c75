import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import { formatBytes, MAX_COLUMNS, MAX_WORKBOOK_RATIO, MAX_WORKBOOK_UNPACKED, WORKBOOK_RATIO_FLOOR } from '../limits';
import { cleanText } from '../normalize/text';
import { ReadLimitError, type SourceSheet } from './types';

/**
 * Renders one cell as the text a user sees, except where Excel's display would lose data:
 * whole numbers (12-digit area codes) are written in full rather than in General's
 * scientific notation, and dates in ISO form rather than a locale's two-digit year.
 */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERR';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'n': {
      const v = cell.v as number;
      const fmt = typeof cell.z === 'string' ? cell.z : '';
      if (fmt && XLSX.SSF.is_date(fmt)) return XLSX.SSF.format('yyyy-mm-dd', v);
      if (fmt.includes('%')) return cell.w ?? `${v * 100}%`;
      if (Number.isInteger(v)) return String(v);
      return cell.w ?? String(v);
    }
    default:
      return cell.w ?? String(cell.v);
  }
}

/**
 * Whether a zip (xlsx) has its end-of-central-directory record, within the last 64 KiB + 22 bytes
 * where the format puts it. A truncated download lacks it — and SheetJS loops forever on some
 * of those instead of failing, which would hang the tab.
 */
export function hasZipDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** The size of a zip's parts once unpacked, from its central directory alone: nothing is inflated. */
export function unpackedSize(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, {
    filter: (f) => {
      total += f.originalSize;
      return false;
    },
  });
  return total;
}

/** Refuses a workbook whose parts would unpack past the limits (a zip bomb), before the reader inflates them. */
function checkUnpacked(bytes: Uint8Array): void {
  let unpacked: number;
  try {
    unpacked = unpackedSize(bytes);
  } catch {
    return; // Not a zip the directory reader knows: the workbook reader says what is wrong with it.
  }
  const ratio = unpacked / Math.max(bytes.length, 1);
  if (unpacked > MAX_WORKBOOK_UNPACKED || (unpacked > WORKBOOK_RATIO_FLOOR && ratio > MAX_WORKBOOK_RATIO))
    throw new ReadLimitError(
      'workbook_too_large',
      `${formatBytes(unpacked)}（${Math.round(ratio)}×）`,
      `${formatBytes(MAX_WORKBOOK_UNPACKED)}（${MAX_WORKBOOK_RATIO}×）`,
    );
}

export function readWorkbook(bytes: Uint8Array): SourceSheet[] {
  // An OLE (.xls) file starts D0 CF 11 E0; anything else read here is a zip.
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (!ole && !hasZipDirectory(bytes)) throw new Error('the file is incomplete or damaged (no zip directory): save or download it again');
  if (!ole) checkUnpacked(bytes);
  const wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellText: true, dense: false });
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    if (!ws?.['!ref']) return { name, rows: [], rowNumbers: [], independentCount: 0, quoteRecovered: new Set<number>() };
    const range = XLSX.utils.decode_range(ws['!ref']);
    // Before the grid is walked: a sheet as wide as this is not a roster, and walking it would hang the tab.
    const width = range.e.c - range.s.c + 1;
    if (width > MAX_COLUMNS) throw new ReadLimitError('too_many_columns', String(width), String(MAX_COLUMNS));
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    for (let r = range.s.r; r <= range.e.r; r++) {
      const row: string[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
      rows.push(row);
      rowNumbers.push(r + 1);
    }
    // Independent of the grid walk above: the distinct rows of the sheet's own cell map.
    const filled = new Set<number>();
    for (const key of Object.keys(ws)) {
      if (key.startsWith('!')) continue;
      const cell = ws[key] as XLSX.CellObject;
      if (cell.v !== undefined && cell.v !== null && cleanText(String(cell.v)) !== '') filled.add(XLSX.utils.decode_cell(key).r);
    }
    return { name, rows, rowNumbers, independentCount: filled.size, quoteRecovered: new Set<number>() };
  });
}

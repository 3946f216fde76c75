/**
 * The one table model every exported table goes through: the views describe their rows once
 * (text or number per column) and get CSV and XLSX from it. Numbers in numeric columns stay
 * numbers in both formats; text is text (neutralised against formula injection in CSV, typed as
 * a string cell in XLSX, which a spreadsheet never evaluates).
 */
export type ExportCell = string | number | null | undefined;

export interface ExportColumn {
  header: string;
  type: 'text' | 'number';
  /** Decimals a number column is shown with (XLSX number format); omitted for a column of mixed units (General). */
  decimals?: number;
}

export interface ExportTable {
  /** Sheet name in the XLSX (cut to Excel's 31 characters). */
  name: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

export const textColumn = (header: string): ExportColumn => ({ header, type: 'text' });
export const numberColumn = (header: string, decimals?: number): ExportColumn => ({ header, type: 'number', decimals });

/**
 * A cell as it goes into a file: numbers only in number columns (a number in a text column is
 * written as its text), empty for missing values.
 */
export function exportValue(col: ExportColumn, v: ExportCell): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return col.type === 'number' ? v : String(v);
  }
  return v;
}

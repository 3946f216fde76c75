import type { EncodingGuess, TextEncodingId } from '../encoding';

export type SourceFormat = 'csv' | 'xlsx' | 'xls' | 'parquet';

/** One grid of cells as the file holds it, before any interpretation. */
export interface SourceSheet {
  name: string;
  rows: string[][];
  /** For each row, its number in the original file (1-based line or spreadsheet row). */
  rowNumbers: number[];
  /**
   * Non-blank rows counted without the parser (our own quote-aware line scan, or the
   * sheet's cell map); the pipeline refuses a sheet whose parsed rows disagree.
   */
  independentCount: number;
  /** Rows whose quotes were unbalanced and were re-read with quote marks as text. */
  quoteRecovered: Set<number>;
}

export type ReadErrorCode = 'empty' | 'not_a_table' | 'unreadable_workbook' | 'no_sheets' | 'count_mismatch';

export interface ReadError {
  code: ReadErrorCode;
  detail?: string;
}

export interface SourceFile {
  fileName: string;
  format: SourceFormat;
  /** Text files only. */
  encoding?: EncodingGuess & { chosen: TextEncodingId; replacementChars: number };
  delimiter?: string;
  sheets: SourceSheet[];
  error?: ReadError;
}

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

export type ReadErrorCode =
  | 'empty'
  | 'not_a_table'
  | 'unreadable_workbook'
  | 'no_sheets'
  | 'count_mismatch'
  | 'too_many_columns'
  | 'workbook_too_large';

export interface ReadError {
  code: ReadErrorCode;
  /** Values for the message (counts, sizes), in our own words. */
  detail?: string;
  limit?: string;
  /** A library's own message (in English), shown folded under "details", never as the message. */
  original?: string;
}

/** A file past one of the limits of src/import/limits.ts, found before it is read in full. */
export class ReadLimitError extends Error {
  constructor(
    public readonly code: Extract<ReadErrorCode, 'too_many_columns' | 'workbook_too_large'>,
    public readonly detail: string,
    public readonly limit: string,
  ) {
    super(`${code}: ${detail} > ${limit}`);
    this.name = 'ReadLimitError';
  }
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

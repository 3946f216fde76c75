import { decodeText, detectEncoding, sniffBinary, type TextEncodingId } from '../encoding';
import { cleanText } from '../normalize/text';
import { detectDelimiter, readCsvText } from './csv';
import { readWorkbook } from './workbook';
import type { SourceFile, SourceFormat } from './types';

export type { SourceFile, SourceSheet, SourceFormat, ReadError, ReadErrorCode } from './types';

export interface ReadOptions {
  /** Overrides the detected text encoding. */
  encoding?: TextEncodingId;
}

function formatFromName(fileName: string): SourceFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls') return 'xls';
  return 'csv';
}

/** Turns a dropped file's bytes into grids of text cells; content wins over the file extension. */
export function readSource(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): SourceFile {
  const empty = { fileName, sheets: [] };
  if (bytes.length === 0) return { ...empty, format: formatFromName(fileName), error: { code: 'empty' } };

  const guess = detectEncoding(bytes);
  const sniff = sniffBinary(bytes, options.encoding ?? guess.encoding);
  if (sniff === 'zip' || sniff === 'ole') {
    const format: SourceFormat = sniff === 'zip' ? 'xlsx' : 'xls';
    try {
      const sheets = readWorkbook(bytes);
      if (sheets.length === 0) return { ...empty, format, error: { code: 'no_sheets' } };
      return { fileName, format, sheets };
    } catch (e) {
      return { ...empty, format, error: { code: 'unreadable_workbook', detail: e instanceof Error ? e.message : String(e) } };
    }
  }
  if (sniff) return { ...empty, format: formatFromName(fileName), error: { code: 'not_a_table', detail: sniff } };

  const chosen = options.encoding ?? guess.encoding;
  const { text, replacementChars } = decodeText(bytes, chosen);
  const encoding = { ...guess, chosen, replacementChars };
  if (text.replace(/[\s,;\t\uFEFF]/g, '') === '') return { ...empty, format: 'csv', encoding, error: { code: 'empty' } };
  const delimiter = detectDelimiter(text);
  const sheet = readCsvText(text, delimiter);
  const parsedNonBlank = sheet.rows.filter((r) => r.some((c) => cleanText(c) !== '')).length;
  const error =
    parsedNonBlank === sheet.independentCount
      ? undefined
      : { code: 'count_mismatch' as const, detail: `${parsedNonBlank} / ${sheet.independentCount}` };
  return { fileName, format: 'csv', encoding, delimiter, sheets: [sheet], ...(error ? { error } : {}) };
}

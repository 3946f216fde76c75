import { countReplacements, decodeText, detectEncoding, sniffBinary, type TextEncodingId } from '../encoding';
import { cleanText } from '../normalize/text';
import { detectDelimiter, readCsvText } from './csv';
import { readWorkbook } from './workbook';
import { MAX_COLUMNS } from '../limits';
import { ReadLimitError } from './types';
import type { SourceFile, SourceFormat } from './types';

export type { SourceFile, SourceSheet, SourceFormat, ReadError, ReadErrorCode } from './types';

export interface ReadOptions {
  /** Overrides the detected text encoding. */
  encoding?: TextEncodingId;
}

/** The head of a file as whole lines: a character or a line cut by the end of the head is left out. */
function decodeHead(bytes: Uint8Array, encoding: TextEncodingId) {
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes, { stream: true });
  const cut = text.lastIndexOf('\n');
  return { text: cut >= 0 ? text.slice(0, cut + 1) : text, replacementChars: countReplacements(text) };
}

/** The widest of the first lines, in cells (delimiters outside quotes): enough to refuse a file far wider than any sheet before it is parsed. */
function headerWidth(text: string, delimiter: string, lines = 20): number {
  let widest = 0;
  let n = 1;
  let quoted = false;
  for (let i = 0; i < text.length && lines > 0; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === delimiter) n++;
    else if (ch === '\n') {
      widest = Math.max(widest, n);
      n = 1;
      lines--;
    }
  }
  return Math.max(widest, n);
}

function formatFromName(fileName: string): SourceFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls') return 'xls';
  return 'csv';
}

/**
 * Turns a dropped file's bytes into grids of text cells; content wins over the file extension.
 * With `complete` false the bytes are the head of a larger text file, read for its header and a
 * preview (the import reads the whole file in chunks): its last, cut line is left out and the
 * row count is not checked here.
 */
export function readSource(bytes: Uint8Array, fileName: string, options: ReadOptions = {}, complete = true): SourceFile {
  const empty = { fileName, sheets: [] };
  if (bytes.length === 0) return { ...empty, format: formatFromName(fileName), error: { code: 'empty' } };

  const guess = detectEncoding(bytes, complete);
  const sniff = sniffBinary(bytes, options.encoding ?? guess.encoding);
  if (sniff === 'zip' || sniff === 'ole') {
    const format: SourceFormat = sniff === 'zip' ? 'xlsx' : 'xls';
    try {
      const sheets = readWorkbook(bytes);
      if (sheets.length === 0) return { ...empty, format, error: { code: 'no_sheets' } };
      return { fileName, format, sheets };
    } catch (e) {
      if (e instanceof ReadLimitError) return { ...empty, format, error: { code: e.code, detail: e.detail, limit: e.limit } };
      return { ...empty, format, error: { code: 'unreadable_workbook', original: e instanceof Error ? e.message : String(e) } };
    }
  }
  if (sniff) return { ...empty, format: formatFromName(fileName), error: { code: 'not_a_table', detail: sniff } };

  const chosen = options.encoding ?? guess.encoding;
  const decoded = complete ? decodeText(bytes, chosen) : decodeHead(bytes, chosen);
  const { text, replacementChars } = decoded;
  const encoding = { ...guess, chosen, replacementChars };
  if (complete && text.replace(/[\s,;\t\uFEFF]/g, '') === '') return { ...empty, format: 'csv', encoding, error: { code: 'empty' } };
  const delimiter = detectDelimiter(text);
  // Before the rows are parsed: a header of 100,000 columns froze the tab (its mapping table alone).
  const width = headerWidth(text, delimiter);
  if (width > MAX_COLUMNS)
    return {
      ...empty,
      format: 'csv',
      encoding,
      delimiter,
      error: { code: 'too_many_columns', detail: String(width), limit: String(MAX_COLUMNS) },
    };
  const sheet = readCsvText(text, delimiter);
  const parsedNonBlank = sheet.rows.filter((r) => r.some((c) => cleanText(c) !== '')).length;
  const error =
    !complete || parsedNonBlank === sheet.independentCount
      ? undefined
      : { code: 'count_mismatch' as const, detail: `${parsedNonBlank} / ${sheet.independentCount}` };
  return { fileName, format: 'csv', encoding, delimiter, sheets: [sheet], ...(error ? { error } : {}) };
}

/** CSV writing and byte encodings shared by generate-sample.ts and make-fixtures.ts. */
import iconv from 'iconv-lite';

export type Cell = string | number | null | undefined;

/** Quotes a field when it holds the delimiter, a quote, CR or LF (RFC 4180); doubles inner quotes. */
export function csvField(value: Cell, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

export interface CsvOptions {
  delimiter?: string;
  eol?: string;
  /** End the file with an end-of-line (Excel does). Default true. */
  finalEol?: boolean;
}

export function toCsv(rows: readonly (readonly Cell[])[], opts: CsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\r\n';
  const body = rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join(eol);
  return opts.finalEol === false ? body : body + eol;
}

/** A title row as Excel exports it: the title in the first cell, then empty cells up to the width. */
export function titleRow(title: string, width: number): Cell[] {
  const row: Cell[] = [title];
  for (let i = 1; i < width; i++) row.push('');
  return row;
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le-bom' | 'utf-16be-bom';

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.alloc(le.length);
      for (let i = 0; i + 1 < le.length; i += 2) {
        be[i] = le[i + 1] as number;
        be[i + 1] = le[i] as number;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    }
  }
}

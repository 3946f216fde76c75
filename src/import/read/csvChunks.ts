/**
 * CSV text read in chunks (a file of a million rows is never held whole): each chunk yields the
 * records it completes, with their line numbers and an independent count of non-blank records.
 * Text without quote marks or lone CRs — nearly every roster — is split line by line; anything
 * else goes through readCsvPiece, the same reader (and the same checks) as a small file.
 */
import { countLines, readCsvPiece } from './csv';
import { BLANK_CHAR_SET } from '../normalize/text';
import type { SourceSheet } from './types';

/** A quoted cell larger than this is not a cell but an unclosed quote: read it as one. */
const MAX_OPEN_RECORD = 64 * 1024 * 1024;

export type CsvChunk = Omit<SourceSheet, 'name'>;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class CsvChunkReader {
  private carry = '';
  private lineBase = 0;
  private started = false;
  private readonly visible: RegExp;

  constructor(private readonly delimiter: string) {
    // As scanRecords counts content: a character that is neither the delimiter nor blank.
    this.visible = new RegExp(`[^${escapeRe(delimiter)}${BLANK_CHAR_SET}]`);
  }

  /** Adds decoded text; returns the records it completes (possibly none). */
  push(text: string): CsvChunk {
    let t = this.carry + text;
    if (!this.started && t.length > 0) {
      this.started = true;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    const cut = t.lastIndexOf('\n');
    if (cut < 0 && t.length <= MAX_OPEN_RECORD) {
      this.carry = t;
      return emptyChunk();
    }
    const head = cut < 0 ? t : t.slice(0, cut + 1);
    this.carry = cut < 0 ? '' : t.slice(cut + 1);
    return this.read(head, t.length > MAX_OPEN_RECORD);
  }

  /** The records left at the end of the file. */
  end(): CsvChunk {
    const t = this.carry;
    this.carry = '';
    return t === '' ? emptyChunk() : this.read(t, true);
  }

  private read(text: string, final: boolean): CsvChunk {
    if (!text.includes('"') && !/\r(?!\n)/.test(text)) return this.fast(text);
    const { sheet, consumed } = readCsvPiece(text, this.delimiter, { final, lineBase: this.lineBase });
    // A record still open goes back in front of the rest of the file.
    this.carry = text.slice(consumed) + this.carry;
    this.lineBase += countLines(text.slice(0, consumed));
    return sheet;
  }

  /** Quote-free text: every line break ends a record, and a record is its line split. */
  private fast(text: string): CsvChunk {
    const lines = text.split('\n');
    // The text ends with a line break (or is the file's last line): nothing follows the last split.
    if (lines[lines.length - 1] === '') lines.pop();
    const rows: string[][] = new Array(lines.length);
    const rowNumbers: number[] = new Array(lines.length);
    let independentCount = 0;
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      rows[i] = line.split(this.delimiter);
      rowNumbers[i] = this.lineBase + i + 1;
      if (this.visible.test(line)) independentCount++;
    }
    this.lineBase += lines.length;
    return { rows, rowNumbers, independentCount, quoteRecovered: new Set() };
  }
}

function emptyChunk(): CsvChunk {
  return { rows: [], rowNumbers: [], independentCount: 0, quoteRecovered: new Set() };
}

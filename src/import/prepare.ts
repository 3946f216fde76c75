/**
 * The (possibly user-edited) plan applied to every row below the header, in pieces: a file of a
 * million rows is read, classified, normalised and checked chunk by chunk, and what stays in
 * memory is the report — counts, totals checks, skipped rows, the first issues — never the rows.
 */
import { grown } from '../util/grow';
import type { FileKind } from './fields';
import type { HeaderLayout } from './layout';
import { cleanText, maskIdNumbersInText, parseInteger } from './normalize';
import {
  rowNormalizer,
  valueLayout,
  type CellValue,
  type ColumnSpec,
  type FileContext,
  type NormalizedRow,
  type RowIssue,
  type RowNormalizer,
} from './normalizeRow';
import type { SourceSheet } from './read';
import { classifyRow, TotalsChecker, type RowKind, type TotalsCheck } from './rowKinds';

export interface SkippedRow {
  rowNumber: number;
  kind: Exclude<RowKind, 'data'>;
  text: string;
}

export interface ImportCounts {
  /** Non-blank rows counted independently of the parser. */
  fileRows: number;
  titleRows: number;
  headerRows: number;
  dataRows: number;
  imported: number;
  warned: number;
  rejected: number;
  /** Totals, notes and blank rows: neither data nor rejected. */
  skipped: number;
  blank: number;
}

/** One issue of one row, as the validation report lists it. */
export interface ListedIssue extends RowIssue {
  row: number;
}

/** What an import found, without its rows. */
export interface ImportReport {
  kind: FileKind;
  /** The first skipped rows (all of them up to MAX_LISTED); counts.skipped has the number. */
  skipped: SkippedRow[];
  totals: TotalsCheck[];
  counts: ImportCounts;
  /** fileRows = title + header + data + non-blank skipped: every row accounted for. */
  reconciled: boolean;
  /** The first issues in file order (up to MAX_LISTED); issueCount has the number. */
  issues: ListedIssue[];
  issueCount: number;
}

export interface PreparedImport extends ImportReport {
  rows: NormalizedRow[];
}

/** Rows of a sheet as the reader hands them over: a whole sheet, or the next chunk of one. */
export type SheetPiece = Pick<SourceSheet, 'rows' | 'rowNumbers' | 'independentCount' | 'quoteRecovered'>;

/** Issues and skipped rows listed in the report; beyond this they are counted (and rejected rows kept in full). */
export const MAX_LISTED = 1000;

/** cyrb53's final mix of its two 32-bit lanes into one 53-bit number. */
function finish53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Distinct 53-bit hashes, numbered in order of arrival: an open-addressing table in typed
 * arrays, because a JavaScript Map of a million numbers costs seconds and a hundred megabytes.
 */
class HashIndex {
  private keys = new Float64Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  private size = 0;

  add(hash: number): { index: number; added: boolean } {
    // 0 marks an empty slot; a hash is at most 2^53 - 1, so hash + 1 never is 0.
    const key = hash + 1;
    if ((this.size + 1) * 2 > this.keys.length) this.rehash();
    const mask = this.keys.length - 1;
    for (let i = (key % 0x7fffffff) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === 0) {
        this.keys[i] = key;
        this.ids[i] = this.size;
        return { index: this.size++, added: true };
      }
      if (k === key) return { index: this.ids[i]!, added: false };
    }
  }

  private rehash() {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === 0) continue;
      let i = (key % 0x7fffffff) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.ids[i] = ids[j]!;
    }
  }
}

/**
 * cyrb53, a 53-bit string hash, of the first `n` parts as text joined by "|" (null as "null"),
 * without building that string: a million rows need a number each, not a copy of their key.
 */
function hashJoined(parts: readonly CellValue[], n: number, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let k = 0; k < n; k++) {
    const s = String(parts[k]);
    if (k > 0) {
      h1 = Math.imul(h1 ^ 0x7c, 2654435761);
      h2 = Math.imul(h2 ^ 0x7c, 1597334677);
    }
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  return finish53(h1, h2);
}

/** Code units String.prototype.trim removes (white space and line terminators). */
function trimmable(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/** cyrb53 of the cells trimmed and joined by NUL, without building that string. */
export function hashCells(cells: readonly string[], seed = 1): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let k = 0; k < cells.length; k++) {
    const s = cells[k]!;
    let a = 0;
    let b = s.length;
    while (a < b && trimmable(s.charCodeAt(a))) a++;
    while (b > a && trimmable(s.charCodeAt(b - 1))) b--;
    if (k > 0) {
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  return finish53(h1, h2);
}

/**
 * A row repeating an earlier one word for word would double every figure: it is rejected (and
 * listed). The same village, cycle and body with other figures is kept, flagged for a person to
 * judge. Rows are remembered by hashes of their key and cells (two 53-bit hashes must both
 * collide for a false "identical").
 */
class DuplicateFinder {
  private readonly seen = new HashIndex();
  private rows = new Int32Array(1024);
  private cellsOf = new Float64Array(1024);

  constructor(private readonly kind: FileKind) {
    const { slot } = valueLayout(kind);
    this.slots = ['village_key', 'cycle_year', 'body', 'name', 'role'].map((n) => slot.get(n) ?? -1);
  }

  private readonly slots: number[];
  /** The key's parts of the row being checked (one array for all rows). */
  private readonly parts: CellValue[] = [null, null, null, null, null];

  check(row: NormalizedRow): RowIssue | null {
    const v = row.vals;
    const s = this.slots;
    // A roster has a row per person; results and statistical tables one per village × cycle × body.
    const perPerson = this.kind === 'members';
    const name = v[s[3]!] ?? null;
    const parts = this.parts;
    parts[0] = v[s[0]!] ?? null;
    parts[1] = v[s[1]!] ?? null;
    parts[2] = v[s[2]!] ?? null;
    parts[3] = name ?? `#${row.rowNumber}`;
    parts[4] = v[s[4]!] ?? null;
    const k = hashJoined(parts, perPerson ? 5 : 3);
    const cells = hashCells(row.cells);
    const { index, added } = this.seen.add(k);
    if (added) {
      if (index >= this.rows.length) {
        this.rows = grown(this.rows);
        this.cellsOf = grown(this.cellsOf);
      }
      this.rows[index] = row.rowNumber;
      this.cellsOf[index] = cells;
      return null;
    }
    const prev = this.rows[index]!;
    if (this.cellsOf[index] === cells)
      return { code: 'duplicate_row_in_file', params: { row: prev }, severity: 'reject', column: '', value: '' };
    return {
      code: perPerson ? 'duplicate_member_in_file' : 'duplicate_in_file',
      params: { row: prev },
      severity: 'warning',
      column: '',
      value: '',
    };
  }
}

export class ImportPreparer {
  private readonly fields;
  private readonly start: number;
  private readonly normalize: RowNormalizer;
  private readonly duplicates: DuplicateFinder;
  private readonly totals: TotalsChecker;
  private readonly totalsCols: readonly number[];
  private readonly totalsValue: readonly ((row: NormalizedRow) => number | null)[];
  /** Index, in the sheet, of the next row handed in. */
  private index = 0;
  private readonly counts: ImportCounts;
  private readonly skipped: SkippedRow[] = [];
  private readonly issues: ListedIssue[] = [];
  private issueCount = 0;

  constructor(
    readonly kind: FileKind,
    private readonly layout: HeaderLayout,
    columns: readonly ColumnSpec[],
    context: FileContext,
  ) {
    this.fields = columns.map((c) => c.field);
    this.normalize = rowNormalizer(kind, columns, context);
    this.start = layout.headerIndex + layout.headerRowCount;
    this.duplicates = new DuplicateFinder(kind);
    this.totals = new TotalsChecker(
      this.fields,
      columns.map((c) => c.header),
    );
    this.totalsCols = this.totals.columns;
    // A count the row stores is read back from it; one this kind of file does not store is parsed.
    this.totalsValue = this.totalsCols.map((i) => {
      const f = this.fields[i]!;
      const slot = valueLayout(kind).slot.get(f);
      return slot !== undefined
        ? (row: NormalizedRow) => num(row.vals[slot])
        : (row: NormalizedRow) => parseInteger(row.cells[i] ?? '').value;
    });
    this.counts = {
      fileRows: 0,
      titleRows: layout.titleLines.length,
      headerRows: 0,
      dataRows: 0,
      imported: 0,
      warned: 0,
      rejected: 0,
      skipped: 0,
      blank: 0,
    };
  }

  /**
   * The data rows (imported, warned and rejected) of the next piece of the sheet: handed to
   * `onRow` one by one if given (a large file: nothing is kept), returned otherwise.
   */
  push(piece: SheetPiece, onRow?: (row: NormalizedRow) => void): NormalizedRow[] {
    const out: NormalizedRow[] = [];
    this.counts.fileRows += piece.independentCount;
    for (let k = 0; k < piece.rows.length; k++, this.index++) {
      const cells = piece.rows[k]!;
      const rowNumber = piece.rowNumbers[k] ?? this.index + 1;
      if (this.index < this.start) {
        if (this.index >= this.layout.headerIndex && cells.some((c) => cleanText(c) !== '')) this.counts.headerRows++;
        continue;
      }
      const kind = classifyRow(cells, this.fields);
      if (kind !== 'data') {
        this.skip(cells, kind, rowNumber);
        continue;
      }
      const row = this.normalize(cells, rowNumber);
      if (piece.quoteRecovered.has(rowNumber))
        row.issues.push({ code: 'unterminated_quote', params: { from: rowNumber }, severity: 'warning', column: '', value: '' });
      if (row.status !== 'rejected') {
        const dup = this.duplicates.check(row);
        if (dup) row.issues.push(dup);
        row.status = row.issues.some((i) => i.severity === 'reject') ? 'rejected' : row.issues.length > 0 ? 'warning' : 'ok';
      }
      this.totals.addData((c) => this.totalsValue[c]!(row));
      this.count(row);
      if (onRow) onRow(row);
      else out.push(row);
    }
    return out;
  }

  private skip(cells: readonly string[], kind: Exclude<RowKind, 'data'>, rowNumber: number) {
    this.counts.skipped++;
    if (kind === 'blank') this.counts.blank++;
    if (kind === 'totals') this.totals.addTotals(cells, rowNumber);
    if (this.skipped.length < MAX_LISTED)
      this.skipped.push({
        rowNumber,
        kind,
        text: cells
          .map((c) => maskIdNumbersInText(c.trim()))
          .filter(Boolean)
          .join(' | '),
      });
  }

  private count(row: NormalizedRow) {
    this.counts.dataRows++;
    if (row.status === 'ok') this.counts.imported++;
    else if (row.status === 'warning') this.counts.warned++;
    else this.counts.rejected++;
    this.issueCount += row.issues.length;
    for (const issue of row.issues) {
      if (this.issues.length >= MAX_LISTED) break;
      this.issues.push({ row: row.rowNumber, ...issue });
    }
  }

  finish(): ImportReport {
    const c = { ...this.counts };
    const reconciled = c.fileRows === c.titleRows + c.headerRows + c.dataRows + c.skipped - c.blank;
    return {
      kind: this.kind,
      skipped: this.skipped,
      totals: this.totals.checks,
      counts: c,
      reconciled,
      issues: this.issues,
      issueCount: this.issueCount,
    };
  }
}

const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

/** Applies the plan to a whole sheet at once: the import of a small file, and of every test. */
export function prepareImport(
  sheet: SourceSheet,
  layout: HeaderLayout,
  kind: FileKind,
  columns: readonly ColumnSpec[],
  context: FileContext,
): PreparedImport {
  const preparer = new ImportPreparer(kind, layout, columns, context);
  const rows = preparer.push(sheet);
  return { ...preparer.finish(), rows };
}

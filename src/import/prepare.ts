/**
 * The (possibly user-edited) plan applied to every row below the header, in pieces: a file of a
 * million rows is read, classified, normalised and checked chunk by chunk, and what stays in
 * memory is the report — counts, totals checks, skipped rows, the first issues — never the rows.
 */
import { fieldDef, type FileKind } from './fields';
import type { HeaderLayout } from './layout';
import { cleanText, parseInteger } from './normalize';
import { rowNormalizer, type CellValue, type ColumnSpec, type FileContext, type NormalizedRow, type RowIssue, type RowNormalizer } from './normalizeRow';
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

/** cyrb53: a 53-bit string hash, so that a million rows need a number each, not a copy of their key. */
function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A row repeating an earlier one word for word would double every figure: it is rejected (and
 * listed). The same village, cycle and body with other figures is kept, flagged for a person to
 * judge. Rows are remembered by hashes of their key and cells (two 53-bit hashes must both
 * collide for a false "identical").
 */
class DuplicateFinder {
  private readonly first = new Map<number, number>();
  private readonly cellsOf = new Map<number, number>();

  constructor(private readonly kind: FileKind) {}

  check(row: NormalizedRow): RowIssue | null {
    const v = row.values;
    const key =
      this.kind === 'results'
        ? `${v.village_key}|${v.cycle_year}|${v.body}`
        : `${v.village_key}|${v.cycle_year}|${v.body}|${v.name ?? `#${row.rowNumber}`}|${v.role}`;
    const k = hash53(key);
    const cells = hash53(row.cells.map((c) => c.trim()).join('\u0000'), 1);
    const prev = this.first.get(k);
    if (prev === undefined) {
      this.first.set(k, row.rowNumber);
      this.cellsOf.set(k, cells);
      return null;
    }
    if (this.cellsOf.get(k) === cells) return { code: 'duplicate_row_in_file', params: { row: prev }, severity: 'reject', column: '', value: '' };
    return {
      code: this.kind === 'results' ? 'duplicate_in_file' : 'duplicate_member_in_file',
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
    this.totals = new TotalsChecker(this.fields, columns.map((c) => c.header));
    this.totalsCols = this.totals.columns;
    // A count the row stores is read back from it; one this kind of file does not store is parsed.
    this.totalsValue = this.totalsCols.map((i) => {
      const f = this.fields[i]!;
      return fieldDef(f).kinds.includes(kind) ? (row: NormalizedRow) => num(row.values[f]) : (row: NormalizedRow) => parseInteger(row.cells[i] ?? '').value;
    });
    this.counts = { fileRows: 0, titleRows: layout.titleLines.length, headerRows: 0, dataRows: 0, imported: 0, warned: 0, rejected: 0, skipped: 0, blank: 0 };
  }

  /** The data rows (imported, warned and rejected) of the next piece of the sheet. */
  push(piece: SheetPiece): NormalizedRow[] {
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
      out.push(row);
    }
    return out;
  }

  private skip(cells: readonly string[], kind: Exclude<RowKind, 'data'>, rowNumber: number) {
    this.counts.skipped++;
    if (kind === 'blank') this.counts.blank++;
    if (kind === 'totals') this.totals.addTotals(cells, rowNumber);
    if (this.skipped.length < MAX_LISTED)
      this.skipped.push({ rowNumber, kind, text: cells.map((c) => c.trim()).filter(Boolean).join(' | ') });
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
    return { kind: this.kind, skipped: this.skipped, totals: this.totals.checks, counts: c, reconciled, issues: this.issues, issueCount: this.issueCount };
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

/**
 * File → plan → prepared rows. Everything here is pure: the UI shows a plan (mapping, inferred
 * file-wide values) and the prepared report, lets the user change either, and only then are the
 * prepared rows written to DuckDB (src/db/load.ts).
 */
import type { FieldId, FileKind } from './fields';
import { detectKind, pickField } from './headers';
import { detectHeader, type HeaderLayout } from './layout';
import { cleanText, parseBodyFromText, parseCycleFromText } from './normalize';
import { normalizeRow, type ColumnSpec, type FileContext, type NormalizedRow, type RowIssue } from './normalizeRow';
import { readSource, type ReadOptions, type SourceFile, type SourceSheet } from './read';
import { checkTotals, classifyRow, type RowKind, type TotalsCheck } from './rowKinds';

export interface SheetPlan {
  sheetIndex: number;
  layout: HeaderLayout | null;
  kind: FileKind | null;
  columns: ColumnSpec[];
  /** File-wide values read from the title rows or the file name, for fields no column carries. */
  inferred: FileContext;
  inferredFrom: Partial<Record<keyof FileContext, 'title' | 'filename'>>;
}

export interface FileAnalysis {
  source: SourceFile;
  sheets: SheetPlan[];
  /** The sheet proposed for import: the first one whose headers reveal a kind of file. */
  sheetIndex: number;
}

/** Each field once: a later column naming a field already taken is left unmapped (kept as extra). */
export function uniqueFields(fields: readonly (FieldId | null)[]): (FieldId | null)[] {
  const seen = new Set<FieldId>();
  return fields.map((f) => {
    if (!f || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

export function inferContext(
  titleLines: readonly string[],
  fileName: string,
  columns: readonly ColumnSpec[],
): Pick<SheetPlan, 'inferred' | 'inferredFrom'> {
  const has = (f: FieldId) => columns.some((c) => c.field === f);
  const inferred: FileContext = {};
  const inferredFrom: SheetPlan['inferredFrom'] = {};
  const baseName = fileName.replace(/\.[^.]+$/, '');
  for (const [source, text] of [['title', titleLines.join(' ')], ['filename', baseName]] as const) {
    const cycle = parseCycleFromText(text);
    if (!has('cycle_year') && cycle.year !== null && !inferred.cycle_year) {
      inferred.cycle_year = String(cycle.year);
      inferredFrom.cycle_year = source;
    }
    if (!has('cycle_label') && cycle.label && !inferred.cycle_label) {
      inferred.cycle_label = cycle.label;
      inferredFrom.cycle_label = source;
    }
    const body = parseBodyFromText(text);
    if (!has('body') && body && !inferred.body) {
      inferred.body = body;
      inferredFrom.body = source;
    }
  }
  return { inferred, inferredFrom };
}

/** The detected mapping for a kind of file: each header's field of that kind, each field once. */
export function columnsForKind(layout: HeaderLayout, kind: FileKind | null): ColumnSpec[] {
  const fields = uniqueFields(layout.candidates.map((c) => pickField(c, kind)));
  return layout.headers.map((header, i) => ({ header, field: fields[i] ?? null }));
}

export function planSheet(sheet: SourceSheet, sheetIndex: number, fileName: string): SheetPlan {
  const layout = detectHeader(sheet.rows);
  if (!layout) return { sheetIndex, layout, kind: null, columns: [], inferred: {}, inferredFrom: {} };
  const kind = detectKind(layout.candidates);
  const columns = columnsForKind(layout, kind);
  return { sheetIndex, layout, kind, columns, ...inferContext(layout.titleLines, fileName, columns) };
}

export function analyzeFile(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): FileAnalysis {
  const source = readSource(bytes, fileName, options);
  if (source.error && source.error.code !== 'count_mismatch') return { source, sheets: [], sheetIndex: -1 };
  const sheets = source.sheets.map((s, i) => planSheet(s, i, fileName));
  const found = sheets.findIndex((s) => s.kind !== null);
  return { source, sheets, sheetIndex: found >= 0 ? found : sheets.length > 0 ? 0 : -1 };
}

/**
 * A row repeating an earlier one word for word would double every figure: it is rejected (and
 * listed). The same village, cycle and body with other figures is kept, flagged for a person to judge.
 */
function duplicateIssue(
  kind: FileKind,
  row: NormalizedRow,
  cells: readonly string[],
  firstSeen: Map<string, { rowNumber: number; cells: string }>,
): RowIssue | null {
  const v = row.values;
  const perPerson = kind === 'members';
  const key = perPerson
    ? `${v.village_key}|${v.cycle_year}|${v.body}|${v.name ?? `#${row.rowNumber}`}|${v.role}`
    : `${v.village_key}|${v.cycle_year}|${v.body}`;
  const text = JSON.stringify(cells.map((c) => c.trim()));
  const prev = firstSeen.get(key);
  if (!prev) {
    firstSeen.set(key, { rowNumber: row.rowNumber, cells: text });
    return null;
  }
  if (prev.cells === text) return { code: 'duplicate_row_in_file', params: { row: prev.rowNumber }, severity: 'reject', column: '', value: '' };
  return {
    code: perPerson ? 'duplicate_member_in_file' : 'duplicate_in_file',
    params: { row: prev.rowNumber },
    severity: 'warning',
    column: '',
    value: '',
  };
}

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

export interface PreparedImport {
  kind: FileKind;
  rows: NormalizedRow[];
  skipped: SkippedRow[];
  totals: TotalsCheck[];
  counts: ImportCounts;
  /** fileRows = title + header + data + non-blank skipped: every row accounted for. */
  reconciled: boolean;
}

/** Applies the (possibly user-edited) plan to every row below the header. */
export function prepareImport(
  sheet: SourceSheet,
  layout: HeaderLayout,
  kind: FileKind,
  columns: readonly ColumnSpec[],
  context: FileContext,
): PreparedImport {
  const fields = columns.map((c) => c.field);
  const start = layout.headerIndex + layout.headerRowCount;
  const classified: { cells: string[]; kind: RowKind; rowNumber: number }[] = [];
  for (let i = start; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i]!;
    classified.push({ cells, kind: classifyRow(cells, fields), rowNumber: sheet.rowNumbers[i] ?? i + 1 });
  }

  const rows: NormalizedRow[] = [];
  const skipped: SkippedRow[] = [];
  const firstSeen = new Map<string, { rowNumber: number; cells: string }>();
  for (const r of classified) {
    if (r.kind !== 'data') {
      skipped.push({ rowNumber: r.rowNumber, kind: r.kind, text: r.cells.map((c) => c.trim()).filter(Boolean).join(' | ') });
      continue;
    }
    const row = normalizeRow(kind, r.cells, r.rowNumber, columns, context);
    if (sheet.quoteRecovered.has(r.rowNumber))
      row.issues.push({ code: 'unterminated_quote', params: { from: r.rowNumber }, severity: 'warning', column: '', value: '' });
    if (row.status !== 'rejected') {
      const dup = duplicateIssue(kind, row, r.cells, firstSeen);
      if (dup) row.issues.push(dup);
      row.status = row.issues.some((i) => i.severity === 'reject') ? 'rejected' : row.issues.length > 0 ? 'warning' : 'ok';
    }
    rows.push(row);
  }

  const titleRows = layout.titleLines.length;
  const headerRows = sheet.rows
    .slice(layout.headerIndex, layout.headerIndex + layout.headerRowCount)
    .filter((r) => r.some((c) => cleanText(c) !== '')).length;
  const blank = skipped.filter((s) => s.kind === 'blank').length;
  const counts: ImportCounts = {
    fileRows: sheet.independentCount,
    titleRows,
    headerRows,
    dataRows: rows.length,
    imported: rows.filter((r) => r.status === 'ok').length,
    warned: rows.filter((r) => r.status === 'warning').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    skipped: skipped.length,
    blank,
  };
  const reconciled = counts.fileRows === titleRows + headerRows + counts.dataRows + counts.skipped - blank;
  return { kind, rows, skipped, totals: checkTotals(classified, fields, columns.map((c) => c.header)), counts, reconciled };
}

/**
 * The plan as detected, with inferred file-wide values accepted — what the user gets by
 * confirming without changes. Used for the bundled sample and by scripts and tests.
 */
export function prepareDefault(analysis: FileAnalysis): PreparedImport | null {
  const plan = analysis.sheets[analysis.sheetIndex];
  const sheet = analysis.source.sheets[analysis.sheetIndex];
  if (!plan || !sheet || !plan.layout || !plan.kind) return null;
  return prepareImport(sheet, plan.layout, plan.kind, plan.columns, plan.inferred);
}

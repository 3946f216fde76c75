/**
 * File → plan → prepared rows. Everything here is pure: the UI shows a plan (mapping, inferred
 * file-wide values) and the prepared report, lets the user change either, and only then are the
 * prepared rows written to DuckDB (src/db/load.ts).
 */
import type { FieldId, FileKind } from './fields';
import { columnsForKind, detectKind } from './headers';
import { detectHeader, type HeaderLayout } from './layout';
import { parseBodyFromText, parseCycleFromText } from './normalize';
import type { ColumnSpec, FileContext } from './normalizeRow';
import { prepareImport, type PreparedImport } from './prepare';
import { readSource, type ReadOptions, type SourceFile, type SourceSheet } from './read';

export { columnsForKind, uniqueFields } from './headers';
export { ImportPreparer, prepareImport, type ImportCounts, type ImportReport, type PreparedImport, type SkippedRow } from './prepare';

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

export function inferContext(
  titleLines: readonly string[],
  fileName: string,
  columns: readonly ColumnSpec[],
): Pick<SheetPlan, 'inferred' | 'inferredFrom'> {
  const has = (f: FieldId) => columns.some((c) => c.field === f);
  const inferred: FileContext = {};
  const inferredFrom: SheetPlan['inferredFrom'] = {};
  const baseName = fileName.replace(/\.[^.]+$/, '');
  for (const [source, text] of [
    ['title', titleLines.join(' ')],
    ['filename', baseName],
  ] as const) {
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

export function planSheet(sheet: SourceSheet, sheetIndex: number, fileName: string): SheetPlan {
  const layout = detectHeader(sheet.rows);
  if (!layout) return { sheetIndex, layout, kind: null, columns: [], inferred: {}, inferredFrom: {} };
  const kind = detectKind(layout.candidates);
  const columns = columnsForKind(layout, kind);
  return { sheetIndex, layout, kind, columns, ...inferContext(layout.titleLines, fileName, columns) };
}

/** @param complete false when `bytes` is only the head of a large text file (see readSource). */
export function analyzeFile(bytes: Uint8Array, fileName: string, options: ReadOptions = {}, complete = true): FileAnalysis {
  const source = readSource(bytes, fileName, options, complete);
  return analyzeSource(source, fileName);
}

export function analyzeSource(source: SourceFile, fileName: string): FileAnalysis {
  if (source.error && source.error.code !== 'count_mismatch') return { source, sheets: [], sheetIndex: -1 };
  const sheets = source.sheets.map((s, i) => planSheet(s, i, fileName));
  const found = sheets.findIndex((s) => s.kind !== null);
  return { source, sheets, sheetIndex: found >= 0 ? found : sheets.length > 0 ? 0 : -1 };
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

/** The state of one dropped file in the import screen, and the pure rules that move it along. */
import type { StagedImport } from '../../queries/types';
import type { FileKind } from '../../import/fields';
import type { ColumnSpec, FileContext } from '../../import/normalizeRow';
import type { FileAnalysis } from '../../import/pipeline';
import type { ImportPlan, Progress } from '../../import/stream';
import { columnsForKind } from '../../import/headers';
import type { ImportOutcome } from '../../app/importer';

/**
 * The check of a file: every row read, normalised and staged in DuckDB with the current plan.
 * Its report is what the screen shows; its staged rows are what "confirm" commits.
 */
export type Check =
  | { status: 'running'; signature: string; progress: Progress | null }
  | { status: 'done'; signature: string; staged: StagedImport }
  | { status: 'failed'; signature: string; error: string }
  | { status: 'cancelled'; signature: string };

export interface FileEntry {
  id: string;
  fileName: string;
  size: number;
  file: Blob;
  /** The file as opened in the import worker. */
  handle: number;
  analysis: FileAnalysis;
  sheetIndex: number;
  kind: FileKind | null;
  columns: ColumnSpec[];
  context: FileContext;
  /** Values read from the title or file name must be confirmed by the user before they count. */
  needsConfirm: boolean;
  confirmed: boolean;
  status: 'pending' | 'importing' | 'done' | 'cancelled' | 'failed';
  check: Check | null;
  outcome?: ImportOutcome;
  error?: string;
}

let nextId = 0;

function applySheet(
  entry: Omit<FileEntry, 'sheetIndex' | 'kind' | 'columns' | 'context' | 'needsConfirm' | 'confirmed'>,
  sheetIndex: number,
): FileEntry {
  const plan = entry.analysis.sheets[sheetIndex];
  const inferred = plan?.inferred ?? {};
  return {
    ...entry,
    sheetIndex,
    kind: plan?.kind ?? null,
    columns: plan?.columns ?? [],
    context: { ...inferred },
    needsConfirm: Object.keys(inferred).length > 0,
    confirmed: false,
  };
}

/** A file just opened by the import worker (see importWorker.open). */
export function createEntry(
  file: Blob,
  fileName: string,
  opened: { handle: number; analysis: FileAnalysis; size: number },
  id?: string,
): FileEntry {
  return applySheet(
    {
      id: id ?? `f${++nextId}`,
      fileName,
      size: opened.size,
      file,
      handle: opened.handle,
      analysis: opened.analysis,
      status: 'pending',
      check: null,
    },
    Math.max(opened.analysis.sheetIndex, 0),
  );
}

export function withSheet(entry: FileEntry, sheetIndex: number): FileEntry {
  return applySheet(entry, sheetIndex);
}

/** Another kind of file: each header maps to that kind's field (党员 is a roster column or a table's count). */
export function withKind(entry: FileEntry, kind: FileKind | null): FileEntry {
  const layout = entry.analysis.sheets[entry.sheetIndex]?.layout;
  return { ...entry, kind, columns: layout ? columnsForKind(layout, kind) : entry.columns };
}

export type Blocker = 'needKind' | 'needBody' | 'needCycle' | 'needConfirm' | 'readError';

/** What must be settled before this file can be imported; empty when it is ready. */
export function blockers(entry: FileEntry): Blocker[] {
  if (entry.analysis.source.error) return ['readError'];
  const out: Blocker[] = [];
  if (!entry.kind) out.push('needKind');
  const has = (f: string) => entry.columns.some((c) => c.field === f);
  const hasRole = entry.kind === 'members' && has('role');
  if (!has('body') && !entry.context.body && !hasRole) out.push('needBody');
  if (!has('cycle_year') && !entry.context.cycle_year) out.push('needCycle');
  if (entry.needsConfirm && !entry.confirmed) out.push('needConfirm');
  return out;
}

/**
 * A checked file with no data row to import: only a header, or every row skipped (blank, totals,
 * notes). It is not imported: an import of nothing would read as a success.
 */
export function hasNoDataRows(entry: FileEntry): boolean {
  const c = entry.check?.status === 'done' ? entry.check.staged.report.counts : null;
  return c !== null && c.imported + c.warned + c.rejected === 0;
}

/** The plan a check reads the file with, or null while something only a person can settle is open. */
export function planOf(entry: FileEntry): ImportPlan | null {
  const layout = entry.analysis.sheets[entry.sheetIndex]?.layout;
  // A value still to be confirmed does not stop the check: confirming it changes nothing.
  if (!layout || !entry.kind || blockers(entry).some((b) => b !== 'needConfirm')) return null;
  return { sheetIndex: entry.sheetIndex, kind: entry.kind, columns: entry.columns, context: entry.context };
}

/** Two plans with the same signature read the file the same way: the check need not run again. */
export function planSignature(plan: ImportPlan): string {
  return JSON.stringify(plan);
}

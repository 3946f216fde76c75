/** The state of one dropped file in the import screen, and the pure rules that move it along. */
import type { TextEncodingId } from '../../import/encoding';
import type { FileKind } from '../../import/fields';
import type { ColumnSpec, FileContext } from '../../import/normalizeRow';
import { analyzeFile, columnsForKind, prepareImport, type FileAnalysis, type PreparedImport } from '../../import/pipeline';
import type { ImportOutcome } from '../../app/importer';

export interface FileEntry {
  id: string;
  fileName: string;
  size: number;
  bytes: Uint8Array;
  analysis: FileAnalysis;
  sheetIndex: number;
  kind: FileKind | null;
  columns: ColumnSpec[];
  context: FileContext;
  /** Values read from the title or file name must be confirmed by the user before they count. */
  needsConfirm: boolean;
  confirmed: boolean;
  status: 'pending' | 'importing' | 'done' | 'cancelled' | 'failed';
  outcome?: ImportOutcome;
  error?: string;
}

let nextId = 0;

function applySheet(entry: Omit<FileEntry, 'sheetIndex' | 'kind' | 'columns' | 'context' | 'needsConfirm' | 'confirmed'>, sheetIndex: number): FileEntry {
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

export function createEntry(bytes: Uint8Array, fileName: string, encoding?: TextEncodingId): FileEntry {
  const analysis = analyzeFile(bytes, fileName, encoding ? { encoding } : {});
  return applySheet(
    { id: `f${++nextId}`, fileName, size: bytes.length, bytes, analysis, status: 'pending' },
    Math.max(analysis.sheetIndex, 0),
  );
}

export function withEncoding(entry: FileEntry, encoding: TextEncodingId): FileEntry {
  return { ...createEntry(entry.bytes, entry.fileName, encoding), id: entry.id };
}

export function withSheet(entry: FileEntry, sheetIndex: number): FileEntry {
  return applySheet(entry, sheetIndex);
}

/** Another kind of file: each header maps to that kind's field (党员 is a roster column or a table's count). */
export function withKind(entry: FileEntry, kind: FileKind | null): FileEntry {
  const layout = entry.analysis.sheets[entry.sheetIndex]?.layout;
  return { ...entry, kind, columns: layout ? columnsForKind(layout, kind) : entry.columns };
}

export function prepareEntry(entry: FileEntry): PreparedImport | null {
  const sheet = entry.analysis.source.sheets[entry.sheetIndex];
  const layout = entry.analysis.sheets[entry.sheetIndex]?.layout;
  if (entry.analysis.source.error || !sheet || !layout || !entry.kind) return null;
  return prepareImport(sheet, layout, entry.kind, entry.columns, entry.context);
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

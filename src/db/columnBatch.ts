/**
 * Normalised rows as columns of typed arrays, in the order of the table they go to: what the
 * import worker sends the page (the buffers are transferred, not copied) and what becomes an
 * Arrow batch for DuckDB. Text columns are dictionary-encoded — a roster's genders, roles,
 * villages and education levels repeat on every row.
 */
import type { FileKind } from '../import/fields';
import type { CellValue, NormalizedRow } from '../import/normalizeRow';
import { TABLE_COLUMNS, type ColumnDef } from './schema';

export type ColumnData =
  | { type: 'int'; values: Int32Array; valid: Uint8Array }
  | { type: 'double'; values: Float64Array; valid: Uint8Array }
  | { type: 'bool'; values: Uint8Array; valid: Uint8Array }
  /** ids[i] indexes dict; -1 is NULL. */
  | { type: 'text'; ids: Int32Array; dict: string[] };

export interface ColumnBatch {
  length: number;
  columns: ColumnData[];
}

/** Columns of the table of rejected rows: the row number, its cells and its reasons (JSON). */
export const REJECTED_BATCH_COLUMNS = ['source_row', 'cells', 'reasons'] as const;

function textColumn(n: number, get: (i: number) => CellValue | undefined): ColumnData {
  const ids = new Int32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = get(i);
    if (v === null || v === undefined || v === '') {
      ids[i] = -1;
      continue;
    }
    const s = String(v);
    let id = index.get(s);
    if (id === undefined) {
      id = dict.length;
      dict.push(s);
      index.set(s, id);
    }
    ids[i] = id;
  }
  return { type: 'text', ids, dict };
}

function numberColumn(col: ColumnDef, n: number, get: (i: number) => CellValue | undefined): ColumnData {
  const valid = new Uint8Array(n);
  if (col.sql === 'BOOLEAN') {
    const values = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = get(i);
      if (typeof v === 'boolean') {
        values[i] = v ? 1 : 0;
        valid[i] = 1;
      }
    }
    return { type: 'bool', values, valid };
  }
  const values = col.sql === 'INTEGER' ? new Int32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = get(i);
    if (typeof v === 'number' && Number.isFinite(v)) {
      values[i] = v;
      valid[i] = 1;
    }
  }
  return col.sql === 'INTEGER' ? { type: 'int', values: values as Int32Array, valid } : { type: 'double', values: values as Float64Array, valid };
}

function column(col: ColumnDef, n: number, get: (i: number) => CellValue | undefined): ColumnData {
  return col.sql === 'VARCHAR' ? textColumn(n, get) : numberColumn(col, n, get);
}

/** The stored value of a bookkeeping column (import_id is set on commit). */
function meta(r: NormalizedRow, name: string): CellValue | undefined {
  switch (name) {
    case 'import_id':
      return 0;
    case 'source_row':
      return r.rowNumber;
    case 'status':
      return r.status;
    case 'issues':
      return r.issues.length ? JSON.stringify(r.issues.map(({ code, params, column }) => ({ code, params, column }))) : null;
    case 'extra': {
      for (const _ in r.extra) return JSON.stringify(r.extra);
      return null;
    }
    default:
      return r.values[name];
  }
}

/** Accepted rows (imported, with or without warnings) as a batch of the kind's table. */
export function rowsToBatch(kind: FileKind, rows: readonly NormalizedRow[]): ColumnBatch {
  return { length: rows.length, columns: TABLE_COLUMNS[kind].map((c) => column(c, rows.length, (i) => meta(rows[i]!, c.name))) };
}

/** Rejected rows as a batch of REJECTED_BATCH_COLUMNS: kept whole, for the download and the record. */
export function rejectedToBatch(rows: readonly NormalizedRow[]): ColumnBatch {
  const n = rows.length;
  return {
    length: n,
    columns: [
      numberColumn({ name: 'source_row', sql: 'INTEGER' }, n, (i) => rows[i]!.rowNumber),
      textColumn(n, (i) => JSON.stringify(rows[i]!.cells)),
      textColumn(n, (i) => JSON.stringify(rows[i]!.issues)),
    ],
  };
}

/** The buffers of a batch, for postMessage's transfer list. */
export function transferables(batch: ColumnBatch): ArrayBuffer[] {
  return batch.columns.flatMap((c) => (c.type === 'text' ? [c.ids.buffer] : [c.values.buffer, c.valid.buffer])) as ArrayBuffer[];
}

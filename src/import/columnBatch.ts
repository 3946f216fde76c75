/**
 * Normalised rows as columns of typed arrays, in the order of the table they go to: what the
 * import worker sends the page (the buffers are transferred, not copied) and what becomes an
 * Arrow batch for DuckDB.
 */
import type { FileKind } from './fields';
import { valueLayout, type CellValue, type NormalizedRow } from './normalizeRow';
import { grown } from '../util/grow';
import { batchColumns, type ColumnDef } from './columns';
import { maskIdNumbersInText } from './normalize/idNumber';

export type ColumnData =
  | { type: 'int'; values: Int32Array; valid: Uint8Array }
  | { type: 'double'; values: Float64Array; valid: Uint8Array }
  | { type: 'bool'; values: Uint8Array; valid: Uint8Array }
  /** ids[i] indexes dict; -1 is NULL. */
  | { type: 'text'; ids: Int32Array; dict: string[] }
  /** Text with few repeats (names, keys), as Arrow's Utf8 buffers: value i is bytes[offsets[i], offsets[i+1]). */
  | { type: 'utf8'; offsets: Int32Array; bytes: Uint8Array; valid: Uint8Array };

export interface ColumnBatch {
  length: number;
  columns: ColumnData[];
}

/** Columns of the table of rejected rows: the row number, its cells and its reasons (JSON). */
export const REJECTED_BATCH_COLUMNS = ['source_row', 'cells', 'reasons'] as const;

type Value = CellValue | undefined;

/** One column of a batch, filled row by row. */
interface ColumnBuilder {
  add(v: Value): void;
  /** The column so far; the builder starts empty again. */
  finish(): ColumnData;
}

class NumberBuilder implements ColumnBuilder {
  private n = 0;
  private values: Int32Array | Float64Array | Uint8Array;
  private valid: Uint8Array;

  constructor(
    private readonly type: 'int' | 'double' | 'bool',
    private readonly capacity: number,
  ) {
    this.values = this.alloc();
    this.valid = new Uint8Array(capacity);
  }

  private alloc() {
    return this.type === 'int'
      ? new Int32Array(this.capacity)
      : this.type === 'double'
        ? new Float64Array(this.capacity)
        : new Uint8Array(this.capacity);
  }

  add(v: Value) {
    const i = this.n++;
    if (i >= this.values.length) {
      this.values = grown(this.values);
      this.valid = grown(this.valid);
    }
    if (this.type === 'bool' ? typeof v === 'boolean' : typeof v === 'number' && Number.isFinite(v)) {
      this.values[i] = v === true ? 1 : v === false ? 0 : (v as number);
      this.valid[i] = 1;
    }
  }

  finish(): ColumnData {
    const out = { type: this.type, values: this.values.slice(0, this.n), valid: this.valid.slice(0, this.n) } as ColumnData;
    this.n = 0;
    this.values = this.alloc();
    this.valid = new Uint8Array(this.capacity);
    return out;
  }
}

const encoder = new TextEncoder();

/**
 * Text as a dictionary where values repeat (genders, roles, villages) and as plain UTF-8 where
 * they hardly do (names, keys), chosen from what the previous batch held.
 */
class TextBuilder implements ColumnBuilder {
  private n = 0;
  private plain = false;
  private ids: Int32Array;
  private dict: string[] = [];
  private index = new Map<string, number>();
  private strings: string[] = [];

  constructor(private readonly capacity: number) {
    this.ids = new Int32Array(capacity);
  }

  add(v: Value) {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
    if (this.plain) {
      this.strings.push(s);
      this.n++;
      return;
    }
    const i = this.n++;
    if (i >= this.ids.length) this.ids = grown(this.ids);
    if (s === '') {
      this.ids[i] = -1;
      return;
    }
    let id = this.index.get(s);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(s);
      this.index.set(s, id);
    }
    this.ids[i] = id;
  }

  finish(): ColumnData {
    const n = this.n;
    let out: ColumnData;
    if (this.plain) {
      out = utf8(this.strings);
      this.strings = [];
    } else {
      out = { type: 'text', ids: this.ids.slice(0, n), dict: this.dict };
      if (n >= 1000 && this.dict.length * 4 > n) this.plain = true;
      this.ids = new Int32Array(this.capacity);
      this.dict = [];
      this.index = new Map();
    }
    this.n = 0;
    return out;
  }
}

function utf8(strings: readonly string[]): ColumnData {
  const n = strings.length;
  const valid = new Uint8Array(n);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    chars += strings[i]!.length;
    if (strings[i] !== '') valid[i] = 1;
  }
  // A UTF-16 code unit takes at most three bytes of UTF-8.
  const bytes = new Uint8Array(chars * 3);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += encoder.encodeInto(strings[i]!, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return { type: 'utf8', offsets, bytes: bytes.slice(0, at), valid };
}

function builder(col: ColumnDef, capacity: number): ColumnBuilder {
  switch (col.sql) {
    case 'VARCHAR':
    case 'DATE': // ISO text, cast by the engine on insert
      return new TextBuilder(capacity);
    case 'INTEGER':
      return new NumberBuilder('int', capacity);
    case 'DOUBLE':
      return new NumberBuilder('double', capacity);
    case 'BOOLEAN':
      return new NumberBuilder('bool', capacity);
  }
}

/** How a table column's value is read from a row: a bookkeeping value, or a slot of its values. */
function reader(name: string, kind: FileKind): (r: NormalizedRow) => CellValue | undefined {
  switch (name) {
    case 'import_id':
      return () => 0; // set on commit
    case 'source_row':
      return (r) => r.rowNumber;
    case 'status':
      return (r) => r.status;
    case 'source_choice':
      return () => null; // set when the user chooses (src/db/sources.ts)
    case 'issues':
      return (r) => (r.issues.length ? JSON.stringify(r.issues.map(({ code, params, column }) => ({ code, params, column }))) : null);
    case 'extra':
      return (r) => {
        for (const _ in r.extra) return JSON.stringify(r.extra);
        return null;
      };
    default: {
      const slot = valueLayout(kind).slot.get(name);
      if (slot === undefined) throw new Error(`no value ${name} in ${kind} rows`);
      return (r) => r.vals[slot];
    }
  }
}

/**
 * Accepted rows, added one by one as the preparer produces them, into batches of the kind's
 * tables (batchColumns): no row outlives the moment it is added, so a million rows never pile up in memory.
 */
export class BatchBuilder {
  private readonly cols: { read: (r: NormalizedRow) => Value; b: ColumnBuilder }[];
  length = 0;

  constructor(kind: FileKind, capacity: number) {
    this.cols = batchColumns(kind).map((c) => ({ read: reader(c.name, kind), b: builder(c, capacity) }));
  }

  add(row: NormalizedRow): void {
    for (const c of this.cols) c.b.add(c.read(row));
    this.length++;
  }

  flush(): ColumnBatch {
    const batch = { length: this.length, columns: this.cols.map((c) => c.b.finish()) };
    this.length = 0;
    return batch;
  }
}

/** Accepted rows (imported, with or without warnings) as a batch of the kind's table. */
export function rowsToBatch(kind: FileKind, rows: readonly NormalizedRow[]): ColumnBatch {
  const b = new BatchBuilder(kind, rows.length);
  for (const r of rows) b.add(r);
  return b.flush();
}

/** Rejected rows as a batch of REJECTED_BATCH_COLUMNS: kept whole, for the download and the record. */
export function rejectedToBatch(rows: readonly NormalizedRow[]): ColumnBatch {
  const n = rows.length;
  const source = new NumberBuilder('int', n);
  const cells = new TextBuilder(n);
  const reasons = new TextBuilder(n);
  for (const r of rows) {
    source.add(r.rowNumber);
    // The ID column is masked by the row normaliser; any other cell shaped like an ID number is too.
    cells.add(JSON.stringify(r.cells.map(maskIdNumbersInText)));
    reasons.add(JSON.stringify(r.issues));
  }
  return { length: n, columns: [source.finish(), cells.finish(), reasons.finish()] };
}

/** The buffers of a batch, for postMessage's transfer list. */
export function transferables(batch: ColumnBatch): ArrayBuffer[] {
  return batch.columns.flatMap((c) =>
    c.type === 'text'
      ? [c.ids.buffer]
      : c.type === 'utf8'
        ? [c.offsets.buffer, c.bytes.buffer, c.valid.buffer]
        : [c.values.buffer, c.valid.buffer],
  ) as ArrayBuffer[];
}

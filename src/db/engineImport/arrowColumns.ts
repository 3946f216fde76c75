/**
 * Small tables made in JavaScript (mapping tables, line numbers) handed to DuckDB as an Arrow
 * stream through the same batch-to-Arrow path as the import's rows (src/db/arrowBatch.ts).
 */
import { tableToIPC } from 'apache-arrow';
import { batchToArrow } from '../arrowBatch';
import type { ColumnData } from '../../import/columnBatch';
import type { Db } from '../types';

export type EngineColumn =
  | { name: string; type: 'int'; values: Int32Array }
  | { name: string; type: 'double' | 'bool' | 'text'; values: readonly (number | boolean | string | null)[] };

const encoder = new TextEncoder();

function utf8(values: readonly (string | null)[]): ColumnData {
  const parts = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const offsets = new Int32Array(values.length + 1);
  let at = 0;
  for (const [i, p] of parts.entries()) offsets[i + 1] = at += p.length;
  const bytes = new Uint8Array(at);
  for (const [i, p] of parts.entries()) bytes.set(p, offsets[i]!);
  return { type: 'utf8', offsets, bytes, valid: Uint8Array.from(values, (v) => (v === null ? 0 : 1)) };
}

function columnData(c: EngineColumn): ColumnData {
  switch (c.type) {
    case 'int':
      return { type: 'int', values: c.values, valid: new Uint8Array(c.values.length).fill(1) };
    case 'double':
      return {
        type: 'double',
        values: Float64Array.from(c.values, (v) => (typeof v === 'number' ? v : 0)),
        valid: Uint8Array.from(c.values, (v) => (typeof v === 'number' ? 1 : 0)),
      };
    case 'bool':
      return {
        type: 'bool',
        values: Uint8Array.from(c.values, (v) => (v === true ? 1 : 0)),
        valid: Uint8Array.from(c.values, (v) => (typeof v === 'boolean' ? 1 : 0)),
      };
    case 'text':
      return utf8(c.values.map((v) => (typeof v === 'string' ? v : null)));
  }
}

/** Creates `table` from the columns (all of one length). */
export async function insertColumns(db: Db, table: string, columns: readonly EngineColumn[]): Promise<void> {
  const length = columns[0]?.values.length ?? 0;
  const arrow = batchToArrow(
    { length, columns: columns.map(columnData) },
    columns.map((c) => c.name),
  );
  await db.insertArrow(table, tableToIPC(arrow, 'stream'), { create: true });
}

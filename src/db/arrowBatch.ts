/** A ColumnBatch as an Apache Arrow table (no copy of the number columns), for DuckDB's Arrow insert. */
import { Bool, type Data, Dictionary, Float64, Int32, makeData, makeVector, Table, Utf8, type Vector } from 'apache-arrow';
import type { ColumnBatch, ColumnData } from '../import/columnBatch';

/** Arrow's validity bitmap (bit set = value present) from one byte per row. */
function bitmap(bytes: Uint8Array): { bits: Uint8Array; nulls: number } {
  const bits = new Uint8Array((bytes.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]) bits[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bits, nulls };
}

const encoder = new TextEncoder();

/** Strings as Arrow Utf8: one buffer of their UTF-8 bytes and the offsets into it. */
function utf8(strings: readonly string[]): Data<Utf8> {
  let chars = 0;
  for (const s of strings) chars += s.length;
  const bytes = new Uint8Array(chars * 3);
  const offsets = new Int32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    at += encoder.encodeInto(strings[i]!, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

let dictionaryId = 0;

function vector(c: ColumnData): Vector {
  switch (c.type) {
    case 'int':
    case 'double': {
      const { bits, nulls } = bitmap(c.valid);
      const type = c.type === 'int' ? new Int32() : new Float64();
      return makeVector(
        makeData({ type, length: c.values.length, nullCount: nulls, nullBitmap: nulls ? bits : undefined, data: c.values } as never),
      );
    }
    case 'bool': {
      const { bits, nulls } = bitmap(c.valid);
      return makeVector(
        makeData({
          type: new Bool(),
          length: c.values.length,
          nullCount: nulls,
          nullBitmap: nulls ? bits : undefined,
          data: bitmap(c.values).bits,
        }),
      );
    }
    case 'utf8': {
      const { bits, nulls } = bitmap(c.valid);
      return makeVector(
        makeData({
          type: new Utf8(),
          length: c.valid.length,
          nullCount: nulls,
          nullBitmap: nulls ? bits : undefined,
          valueOffsets: c.offsets,
          data: c.bytes,
        }),
      );
    }
    case 'text': {
      const valid = new Uint8Array(c.ids.length);
      for (let i = 0; i < c.ids.length; i++) valid[i] = c.ids[i]! >= 0 ? 1 : 0;
      const { bits, nulls } = bitmap(valid);
      const ids = nulls ? c.ids.map((id) => Math.max(0, id)) : c.ids;
      const type = new Dictionary(new Utf8(), new Int32(), dictionaryId++);
      return makeVector(
        makeData({
          type,
          length: ids.length,
          nullCount: nulls,
          nullBitmap: nulls ? bits : undefined,
          data: ids,
          dictionary: makeVector(utf8(c.dict)),
        }),
      );
    }
  }
}

export function batchToArrow(batch: ColumnBatch, names: readonly string[]): Table {
  const columns: Record<string, Vector> = {};
  batch.columns.forEach((c, i) => {
    columns[names[i]!] = vector(c);
  });
  return new Table(columns);
}

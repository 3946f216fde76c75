/**
 * What the engine path needs to know of a file's kind and mapping, worked out once: each stored
 * value's SQL type, which mapped column sets which values, and the file-wide values (file context)
 * already converted — the same decisions rowNormalizer (src/import/normalizeRow.ts) makes.
 */
import { columnsForField } from '../schema';
import { FIELDS, fieldDef, type FieldDef, type FileKind } from '../../import/fields';
import { normalizePlaceName, parseBody } from '../../import/normalize';
import type { Body } from '../../import/normalize/types';
import { convert, valueLayout, type CellValue, type ColumnSpec, type FileContext } from '../../import/normalizeRow';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

/** Every stored value of a kind (valueLayout's names) with its SQL type as the data tables hold it. */
export function valueTypes(kind: FileKind): Map<string, SqlType> {
  const types = new Map<string, SqlType>();
  for (const f of FIELDS.filter((x) => x.kinds.includes(kind))) {
    // A reported share has a value (it is checked) but no stored column; it is a percentage.
    if (f.shareOf) types.set(f.id, 'DOUBLE');
    else for (const c of columnsForField(f)) types.set(c.name, c.sql as SqlType);
  }
  types.set('village_key', 'VARCHAR');
  if (kind === 'members') types.set('person_key', 'VARCHAR');
  const names = valueLayout(kind).names;
  if (names.length !== types.size || names.some((n) => !types.has(n)))
    throw new Error(`value types of ${kind} do not match its value layout`);
  return types;
}

export interface MappedColumn {
  /** Index of the column in the file (cell column c<index+1>). */
  index: number;
  field: FieldDef;
  /** The values its conversion sets, in valueLayout's names. */
  values: string[];
  /** A role's meaning depends on the row's body: its distinct values are (cell, body cell) pairs. */
  byBody: boolean;
}

/** Places are written one way whatever column or file-wide value they came from. */
const PLACE_VALUES: ReadonlySet<string> = new Set(['county', 'township']);

/** A converted value as it is stored: county and township folded as rowNormalizer folds them after the fills. */
export function storedValue(name: string, v: CellValue): CellValue {
  return PLACE_VALUES.has(name) && typeof v === 'string' ? normalizePlaceName(v) : v;
}

export interface FileFill {
  /** The value whose emptiness decides the fill. */
  primary: string;
  values: { name: string; value: CellValue }[];
}

export interface ColumnPlanSet {
  kind: FileKind;
  types: Map<string, SqlType>;
  mapped: MappedColumn[];
  /** Index of the body column, or -1. */
  bodyColumn: number;
  fileBody: Body | null;
  fills: FileFill[];
}

export function planColumns(kind: FileKind, columns: readonly ColumnSpec[], context: FileContext): ColumnPlanSet {
  const types = valueTypes(kind);
  const mapped: MappedColumn[] = [];
  columns.forEach((col, index) => {
    if (!col.field) return;
    const field = fieldDef(col.field);
    // A field of another kind of file is extra data, as in rowNormalizer.
    if (!field.kinds.includes(kind)) return;
    const values = Object.keys(convert(field, '', null).values);
    mapped.push({ index, field, values, byBody: field.type === 'role' });
  });
  const fills: FileFill[] = [];
  for (const [id, raw] of Object.entries(context) as [keyof FileContext, string | undefined][]) {
    if (!raw) continue;
    const f = fieldDef(id);
    const primary = f.type === 'body' ? 'body' : f.id;
    if (!types.has(primary)) continue;
    const conv = convert(f, raw, null);
    fills.push({
      primary,
      values: Object.entries(conv.values)
        .filter(([n]) => types.has(n))
        .map(([name, v]) => ({ name, value: storedValue(name, v) })),
    });
  }
  return {
    kind,
    types,
    mapped,
    bodyColumn: columns.findIndex((c) => c.field === 'body'),
    fileBody: context.body ? parseBody(context.body).value : null,
    fills,
  };
}
